package org.naturaflux.request.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.naturaflux.request.Flux;
import org.naturaflux.request.RunOrigin;
import org.naturaflux.request.config.RunConfig;
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
        if (started >= config.schedulerBatchSize()) {
            return Uni.createFrom().item(started);
        }
        return Panache.withTransaction(this::startNextDue)
                .flatMap(done -> done ? startDue(started + 1) : Uni.createFrom().item(started));
    }

    private Uni<Boolean> startNextDue() {
        Instant now = clock.instant();
        return fluxes.lockNextDue(now).flatMap(flux -> {
            if (flux == null) {
                return Uni.createFrom().item(false);
            }
            Instant period = flux.nextRunAt();
            flux.scheduleNext(next(flux, period, now));
            return runs.create(flux, RunOrigin.SCHEDULED, period).replaceWith(true);
        });
    }

    /** One period after the one being run; if that is already past (downtime), one period after now. */
    static Instant next(Flux flux, Instant period, Instant now) {
        Periodicity periodicity = Periodicity.parse(flux.periodicity());
        Instant next = periodicity.after(period);
        return next.isAfter(now) ? next : periodicity.after(now);
    }
}
