package org.naturaflux.request.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.naturaflux.request.Flux;
import org.naturaflux.request.FluxStatus;
import org.naturaflux.request.RunOrigin;
import org.naturaflux.request.config.RunConfig;
import org.naturaflux.request.logging.LogContext;
import org.naturaflux.request.repository.FluxRepository;

/**
 * Starts the due fluxes: every pass, each ACTIVE flux whose {@code next_run_at} has come gets one
 * SCHEDULED run (and its command, through the outbox) for that period, and its next period.
 *
 * <p>Never twice for a period, with any number of replicas: a flux is taken with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} in the transaction that creates its run and advances
 * {@code next_run_at}, so another replica either skips it or sees it already advanced; the unique
 * constraint on (flux, period) is a second guard. After downtime a flux catches up once: its missed
 * periods give one run, then the next run is one period after now.
 *
 * <p>One flux never stops the others: a flux that cannot be started (an unreadable periodicity or
 * specification) has the failure recorded on it ({@code last_error}, shown to the admin) and its next
 * run moved {@code naturaflux.runs.scheduler-failure-backoff} later; the pass goes on.
 */
@ApplicationScoped
public class FluxScheduler {

    private static final Logger LOG = Logger.getLogger(FluxScheduler.class);

    private final FluxRepository fluxes;
    private final RunService runs;
    private final RunConfig config;
    private final Clock clock;
    private final Jobs jobs;

    FluxScheduler(FluxRepository fluxes, RunService runs, RunConfig config, Clock clock, Jobs jobs) {
        this.jobs = jobs;
        this.fluxes = fluxes;
        this.runs = runs;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "flux-scheduler", every = "${naturaflux.scheduler.interval}",
            delayed = "${naturaflux.scheduler.initial-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pass() {
        return jobs.pass("scheduler", LOG, () -> startDue(0).invoke(count -> {
            if (count > 0) {
                LOG.infof("scheduler started %d flux run(s)", count);
            }
        }));
    }

    /** Starts due fluxes one transaction each, up to the batch size; the number started. */
    public Uni<Integer> startDue(int started) {
        return startDue(0, started);
    }

    /**
     * One flux per transaction. A flux that cannot be started (its transaction failed once it was taken)
     * is set aside in a transaction of its own and the pass goes on; a failure before any flux was taken
     * (the database) ends the pass.
     */
    private Uni<Integer> startDue(int taken, int started) {
        if (taken >= config.schedulerBatchSize()) {
            return Uni.createFrom().item(started);
        }
        AtomicReference<UUID> current = new AtomicReference<>();
        return Panache.withTransaction(() -> startNextDue(current))
                .onFailure(e -> current.get() != null).recoverWithUni(e -> setAside(current.get(), e).replaceWith(Outcome.SET_ASIDE))
                .eventually(LogContext::clear)
                .flatMap(outcome -> switch (outcome) {
                    case NONE_DUE -> Uni.createFrom().item(started);
                    case STARTED -> startDue(taken + 1, started + 1);
                    case SET_ASIDE -> startDue(taken + 1, started);
                });
    }

    private Uni<Outcome> startNextDue(AtomicReference<UUID> current) {
        Instant now = clock.instant();
        return fluxes.lockNextDue(now).flatMap(flux -> {
            if (flux == null) {
                return Uni.createFrom().item(Outcome.NONE_DUE);
            }
            current.set(flux.id());
            LogContext.flux(flux.id(), flux.partnerId());
            Instant period = flux.nextRunAt();
            flux.scheduleNext(next(flux, period, now));
            return runs.create(flux, RunOrigin.SCHEDULED, period).replaceWith(Outcome.STARTED);
        });
    }

    /** Records the failure on the flux and moves its next run a back-off later, so the others go first. */
    private Uni<Void> setAside(UUID fluxId, Throwable failure) {
        Instant now = clock.instant();
        Instant retry = now.plus(config.schedulerFailureBackoff());
        LOG.errorf(failure, "scheduler: flux %s could not be started; tried again at %s", fluxId, retry);
        return Panache.withTransaction(() -> fluxes.findForUpdate(fluxId).invoke(flux -> {
            if (flux != null) {
                flux.passFailed("scheduler: the run could not be started (tried again at " + retry + "): " + Jobs.describe(failure), now);
                if (flux.status() == FluxStatus.ACTIVE) {
                    flux.scheduleNext(retry);
                }
            }
        })).replaceWithVoid();
    }

    private enum Outcome { NONE_DUE, STARTED, SET_ASIDE }

    /** One period after the one being run; if that is already past (downtime), one period after now. */
    static Instant next(Flux flux, Instant period, Instant now) {
        Periodicity periodicity = Periodicity.parse(flux.periodicity());
        Instant next = periodicity.after(period);
        return next.isAfter(now) ? next : periodicity.after(now);
    }
}
