package org.naturaflux.request.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.naturaflux.request.Run;
import org.naturaflux.request.config.RunConfig;
import org.naturaflux.request.repository.FluxRepository;
import org.naturaflux.request.repository.RunRepository;

/**
 * Gives lost attempts a successor: a QUEUED or RUNNING run whose current attempt's command reached the
 * broker but which has shown no sign of life (no event) for {@code naturaflux.runs.stale-timeout} gets a
 * new attempt, with a new command through the outbox; events of the old attempt are ignored from then
 * on. After {@code naturaflux.runs.max-attempts} attempts the run is FAILED. A run whose command is
 * still in the outbox (broker down) is not stale: its clock starts when the broker acknowledges it.
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

    StaleRunReaper(RunRepository runs, FluxRepository fluxes, RunService runService, RunConfig config, Clock clock, Jobs jobs) {
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
        return Panache.withTransaction(() -> runs.lockStale(now.minus(config.staleTimeout()), BATCH)
                .flatMap(stale -> handle(stale, 0, now)));
    }

    private Uni<Integer> handle(List<Run> stale, int index, Instant now) {
        if (index == stale.size()) {
            return Uni.createFrom().item(index);
        }
        Run run = stale.get(index);
        Uni<?> step;
        if (run.attempt() >= config.maxAttempts()) {
            LOG.warnf("run %s failed: no progress for %s on its last attempt (%d)", run.id(), config.staleTimeout(),
                    run.attempt());
            run.failed("no progress from any worker for " + config.staleTimeout() + ", after " + run.attempt()
                    + " attempt(s)", now);
            step = Uni.createFrom().voidItem();
        } else {
            run.retry("attempt " + run.attempt() + " showed no progress for " + config.staleTimeout());
            LOG.warnf("run %s: attempt %d stale, sending attempt %d", run.id(), run.attempt() - 1, run.attempt());
            step = fluxes.findById(run.fluxId()).flatMap(flux -> runService.enqueueCommand(run, flux.partnerId(), now));
        }
        return step.flatMap(x -> handle(stale, index + 1, now));
    }
}
