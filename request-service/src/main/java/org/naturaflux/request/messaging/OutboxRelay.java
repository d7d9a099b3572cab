package org.naturaflux.request.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.naturaflux.request.OutboxMessage;
import org.naturaflux.request.RunStatus;
import org.naturaflux.request.config.OutboxConfig;
import org.naturaflux.request.repository.OutboxRepository;
import org.naturaflux.request.repository.RunRepository;
import org.naturaflux.request.service.Jobs;
import org.naturaflux.request.service.Notifications;
import org.naturaflux.request.service.ServiceMetrics;

/**
 * Publishes the outbox: every pass takes the pending messages in order, row-locked with
 * {@code SKIP LOCKED} (a replica's relay never sends what another one holds), sends them, and in the
 * same transaction marks sent only those the broker acknowledged (and their runs dispatched). With the
 * broker down nothing is marked: the messages are sent at a later pass. Delivery is at least once
 * (a crash between the acknowledgement and the commit sends a message again); commands are idempotent
 * by run id. A message the broker refuses for good (too large, invalid topic) never holds the others:
 * it is set aside ({@code rejected_at}, {@code last_error}), its run FAILED with the reason, and the
 * messages behind it are sent.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final RunRepository runs;
    private final CommandPublisher publisher;
    private final OutboxConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private final Jobs jobs;
    private final ServiceMetrics metrics;
    private final Notifications notifications;
    private volatile String lastError;

    OutboxRelay(OutboxRepository outbox, RunRepository runs, CommandPublisher publisher, OutboxConfig config, Vertx vertx,
                Clock clock, Jobs jobs, ServiceMetrics metrics, Notifications notifications) {
        this.notifications = notifications;
        this.metrics = metrics;
        this.jobs = jobs;
        this.outbox = outbox;
        this.runs = runs;
        this.publisher = publisher;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
    }

    @Scheduled(identity = "outbox-relay", every = "${naturaflux.outbox.interval}",
            delayed = "${naturaflux.scheduler.initial-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pass() {
        return jobs.pass("outbox relay", LOG, this::relay);
    }

    @Scheduled(identity = "outbox-cleanup", every = "1h", delayed = "${naturaflux.scheduler.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> cleanup() {
        return Panache.withTransaction(() -> outbox.deleteSentBefore(clock.instant().minus(config.keepSent())))
                .onFailure().invoke(e -> LOG.warnf("outbox cleanup failed: %s", e.getMessage())).onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** One pass: the number of messages sent. */
    public Uni<Integer> relay() {
        return Panache.withTransaction(() -> outbox.lockPending(config.batchSize()).flatMap(pending -> {
            if (pending.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return vertx.executeBlocking(Uni.createFrom().item(() -> publisher.send(pending)))
                    .flatMap(outcome -> record(pending, outcome));
        }));
    }

    private Uni<Integer> record(List<OutboxMessage> pending, CommandPublisher.Outcome outcome) {
        Instant now = clock.instant();
        outcome.acknowledged().forEach(m -> m.sent(now));
        metrics.outboxSent(outcome.acknowledged().size());
        for (CommandPublisher.Rejected rejected : outcome.rejected()) {
            rejected.message().rejected(rejected.reason(), now);
            metrics.outboxRejected();
            LOG.errorf("outbox: message %d (run %s) refused for good by the broker, set aside: %s", rejected.message().id(),
                    rejected.message().runId(), rejected.reason());
        }
        if (outcome.error() != null) {
            pending.stream().filter(m -> m.sentAt() == null && m.rejectedAt() == null).findFirst()
                    .ifPresent(m -> m.sendFailed(outcome.error()));
            metrics.outboxSendFailure();
            if (!Objects.equals(outcome.error(), lastError)) {
                LOG.warnf("outbox: %d message(s) wait for the broker: %s",
                        pending.size() - outcome.acknowledged().size() - outcome.rejected().size(), outcome.error());
            }
        } else if (lastError != null) {
            LOG.info("outbox: the broker acknowledges again");
        }
        lastError = outcome.error();
        List<UUID> dispatched = outcome.acknowledged().stream().map(OutboxMessage::runId).filter(Objects::nonNull).toList();
        List<UUID> undeliverable = outcome.rejected().stream().map(r -> r.message().runId()).filter(Objects::nonNull).toList();
        Uni<Void> failRuns = undeliverable.isEmpty() ? Uni.createFrom().voidItem() : runs.list("id IN ?1", undeliverable)
                .flatMap(list -> Multi.createFrom().iterable(list)
                        .filter(run -> run.status() == RunStatus.QUEUED || run.status() == RunStatus.RUNNING)
                        .onItem().transformToUniAndConcatenate(run -> {
                            run.failed("its export command could not be published: " + outcome.rejected().stream()
                                    .filter(r -> run.id().equals(r.message().runId())).findFirst().orElseThrow().reason(), now);
                            return notifications.runFailed(run);
                        }).collect().asList())
                .replaceWithVoid();
        if (dispatched.isEmpty()) {
            return failRuns.replaceWith(0);
        }
        return failRuns.flatMap(v -> runs.update("dispatchedAt = ?1 WHERE id IN ?2 AND dispatchedAt IS NULL", now, dispatched))
                .replaceWith(outcome.acknowledged().size());
    }
}
