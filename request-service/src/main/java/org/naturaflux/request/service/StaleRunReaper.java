package org.naturaflux.request.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.naturaflux.request.Run;
import org.naturaflux.request.RunStatus;
import org.naturaflux.request.config.RunConfig;
import org.naturaflux.request.logging.LogContext;
import org.naturaflux.request.repository.FluxRepository;
import org.naturaflux.request.repository.RunRepository;

/**
 * Gives lost attempts a successor: a QUEUED or RUNNING run whose current attempt's command reached the
 * broker but which has shown no sign of life (no event) for {@code naturaflux.runs.stale-timeout} gets a
 * new attempt, with a new command through the outbox; events of the old attempt are ignored from then
 * on. After {@code naturaflux.runs.max-attempts} attempts the run is FAILED. A run whose command is
 * still in the outbox (broker down) is not stale: its clock starts when the broker acknowledges it.
 *
 * <p>Each run is handled in its own transaction: one that cannot be given a new attempt (its command
 * cannot be built) is FAILED with the reason (shown on the run) and the pass goes on with the others.
 */
@ApplicationScoped
public class StaleRunReaper {

    private static final Logger LOG = Logger.getLogger(StaleRunReaper.class);
    private static final int BATCH = 50;

    private final RunRepository runs;
    private final FluxRepository fluxes;
    private final RunService runService;
    private final RunConfig config;
    private final Clock clock;
    private final Jobs jobs;
    private final Notifications notifications;

    StaleRunReaper(RunRepository runs, FluxRepository fluxes, RunService runService, RunConfig config, Clock clock, Jobs jobs,
                   Notifications notifications) {
        this.notifications = notifications;
        this.jobs = jobs;
        this.runs = runs;
        this.fluxes = fluxes;
        this.runService = runService;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "stale-runs", every = "${naturaflux.runs.stale-check-interval}",
            delayed = "${naturaflux.scheduler.initial-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pass() {
        return jobs.pass("stale run check", LOG, this::reap);
    }

    /** Retries or fails the stale runs of one batch; the number handled. */
    public Uni<Integer> reap() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(config.staleTimeout());
        return Panache.withSession(() -> runs.staleIds(cutoff, BATCH)).flatMap(stale -> handle(stale, 0, 0, cutoff, now));
    }

    /**
     * One run per transaction: a run that cannot be retried (its command cannot be built) is FAILED with
     * the reason in a transaction of its own and the others go on; a failure of the database ends the pass.
     */
    private Uni<Integer> handle(List<UUID> stale, int index, int handled, Instant cutoff, Instant now) {
        if (index == stale.size()) {
            return Uni.createFrom().item(handled);
        }
        UUID id = stale.get(index);
        LogContext.run(null, id, null, 0, null);
        return Panache.withTransaction(() -> runs.lockIfStale(id, cutoff)
                        .flatMap(run -> run == null ? Uni.createFrom().item(false) : handle(run, now).replaceWith(true)))
                .onFailure().recoverWithUni(e -> setAside(id, e, now).replaceWith(true))
                .eventually(LogContext::clear)
                .flatMap(done -> handle(stale, index + 1, done ? handled + 1 : handled, cutoff, now));
    }

    private Uni<Void> setAside(UUID runId, Throwable failure, Instant now) {
        LOG.errorf(failure, "run %s: stale, and a new attempt could not be sent; FAILED", runId);
        return Panache.withTransaction(() -> runs.findForUpdate(runId).flatMap(run -> {
            if (run != null && (run.status() == RunStatus.QUEUED || run.status() == RunStatus.RUNNING)) {
                run.failed("stale, and a new attempt could not be sent: " + Jobs.describe(failure), now);
                return notifications.runFailed(run);
            }
            return Uni.createFrom().voidItem();
        })).replaceWithVoid();
    }

    private Uni<?> handle(Run run, Instant now) {
        LogContext.run(run.fluxId(), run.id(), null, run.attempt(), null);
        Uni<?> step;
        if (run.attempt() >= config.maxAttempts()) {
            LOG.warnf("run %s failed: no progress for %s on its last attempt (%d)", run.id(), config.staleTimeout(),
                    run.attempt());
            run.failed("no progress from any worker for " + config.staleTimeout() + ", after " + run.attempt()
                    + " attempt(s)", now);
            step = notifications.runFailed(run);
        } else {
            run.retry("attempt " + run.attempt() + " showed no progress for " + config.staleTimeout());
            LOG.warnf("run %s: attempt %d stale, sending attempt %d", run.id(), run.attempt() - 1, run.attempt());
            step = fluxes.findById(run.fluxId()).flatMap(flux -> runService.enqueueCommand(run, flux.partnerId(), now));
        }
        return step;
    }
}
