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
import org.naturaflux.request.FluxStatus;
import org.naturaflux.request.Run;
import org.naturaflux.request.config.MailConfig;
import org.naturaflux.request.repository.FluxRepository;
import org.naturaflux.request.repository.RunRepository;

/**
 * Tells a flux's contact, {@code naturaflux.mail.erasure-notice} (a week) before, that runs' files will be
 * erased ({@link Retention}): a pass finds the SUCCEEDED runs whose {@code eraseAfter} falls within that
 * lead and whose erasure was not announced, and writes, per flux, one mail listing them and marks them
 * announced, in one transaction (row-locked: replicas share the work; a run is announced once). Runs of
 * a flux that is rejected or revoked, or that gets no mail, are marked without a mail. Nothing is
 * announced when nothing is erased (no storage credentials).
 */
@ApplicationScoped
public class ErasureNoticeJob {

    private static final Logger LOG = Logger.getLogger(ErasureNoticeJob.class);
    private static final int BATCH = 50;

    private final RunRepository runs;
    private final FluxRepository fluxes;
    private final Retention retention;
    private final Notifications notifications;
    private final MailConfig config;
    private final Clock clock;
    private final Jobs jobs;

    ErasureNoticeJob(RunRepository runs, FluxRepository fluxes, Retention retention, Notifications notifications,
                     MailConfig config, Clock clock, Jobs jobs) {
        this.runs = runs;
        this.fluxes = fluxes;
        this.retention = retention;
        this.notifications = notifications;
        this.config = config;
        this.clock = clock;
        this.jobs = jobs;
    }

    @Scheduled(identity = "erasure-notices", every = "${naturaflux.mail.erasure-check-interval}",
            delayed = "${naturaflux.scheduler.initial-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pass() {
        if (!retention.erasing()) {
            return Uni.createFrom().voidItem();
        }
        return jobs.pass("erasure notices", LOG, this::notice);
    }

    /** One batch of fluxes, each in its own transaction; the number of fluxes whose runs were announced. */
    public Uni<Integer> notice() {
        Instant now = clock.instant();
        Instant cutoff = retention.cutoff(now, config.erasureNotice());
        return Panache.withSession(() -> runs.fluxesToNoticeErasure(cutoff, BATCH))
                .flatMap(ids -> each(ids, 0, 0, cutoff, now));
    }

    private Uni<Integer> each(List<UUID> fluxIds, int index, int done, Instant cutoff, Instant now) {
        if (index == fluxIds.size()) {
            return Uni.createFrom().item(done);
        }
        UUID fluxId = fluxIds.get(index);
        return Panache.withTransaction(() -> runs.lockErasureNotices(fluxId, cutoff).flatMap(due -> due.isEmpty()
                        ? Uni.createFrom().item(false) : announce(fluxId, due, now).replaceWith(true)))
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf("erasure notices: flux %s failed (tried again at the next pass): %s", fluxId, Jobs.describe(e));
                    return false;
                })
                .flatMap(ok -> each(fluxIds, index + 1, ok ? done + 1 : done, cutoff, now));
    }

    private Uni<Void> announce(UUID fluxId, List<Run> due, Instant now) {
        due.forEach(run -> run.erasureNoticed(now));
        return fluxes.findById(fluxId).flatMap(flux -> {
            if (flux == null || flux.status() == FluxStatus.REJECTED || flux.status() == FluxStatus.REVOKED) {
                return Uni.createFrom().voidItem();
            }
            return notifications.filesErasedSoon(flux, due.stream()
                    .map(run -> new MailTexts.ErasedRun(run.id(), run.finishedAt(), retention.eraseAfter(run))).toList());
        });
    }
}
