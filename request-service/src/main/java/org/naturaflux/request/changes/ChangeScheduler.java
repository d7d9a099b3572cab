package org.naturaflux.request.changes;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.naturaflux.request.FluxStatus;
import org.naturaflux.request.RunOrigin;
import org.naturaflux.request.config.ChangeConfig;
import org.naturaflux.request.logging.LogContext;
import org.naturaflux.request.repository.FluxRepository;
import org.naturaflux.request.repository.RunRepository;
import org.naturaflux.request.service.Jobs;
import org.naturaflux.request.service.RunService;
import org.naturaflux.request.service.SpecJson;

/**
 * Turns waiting source changes into runs: a flux touched by changes gets one CHANGE run once no change
 * touched it for the quiet window (or its first waiting change reached the maximum wait), when it has
 * no run QUEUED or RUNNING (that run may have read the source before the change) and its last run
 * started at least its minimum interval ago. Changes a SUCCEEDED run created after them has covered
 * are dropped. Safe with several replicas: the waiting row is taken {@code FOR UPDATE SKIP LOCKED} and
 * the flux row-locked in the transaction that creates the run and deletes the row; a change arriving
 * meanwhile waits for the lock and is recorded anew.
 *
 * <p>One flux never stops the others: the minimum interval read from a waiting row is held within the
 * platform's bounds in the query itself, and a flux whose run cannot be created has its waiting changes
 * dropped and the failure recorded on it ({@code last_error}, shown to the admin); the pass goes on.
 */
@ApplicationScoped
public class ChangeScheduler {

    private static final Logger LOG = Logger.getLogger(ChangeScheduler.class);
    private static final int BATCH = 100;

    private final FluxRepository fluxes;
    private final RunService runs;
    private final RunRepository runRepository;
    private final ChangeConfig config;
    private final Clock clock;
    private final Jobs jobs;

    ChangeScheduler(FluxRepository fluxes, RunService runs, RunRepository runRepository, ChangeConfig config, Clock clock,
                    Jobs jobs) {
        this.fluxes = fluxes;
        this.runs = runs;
        this.runRepository = runRepository;
        this.config = config;
        this.clock = clock;
        this.jobs = jobs;
    }

    @Scheduled(identity = "change-scheduler", every = "${naturaflux.changes.check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pass() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return jobs.pass("change-scheduler", LOG, () -> Panache.withTransaction(() -> Panache.getSession()
                        .flatMap(session -> session.createNativeQuery("DELETE FROM flux_change fc WHERE EXISTS (SELECT 1 FROM run r"
                                + " WHERE r.flux_id = fc.flux_id AND r.status = 'SUCCEEDED' AND r.created_at > fc.last_change_at)")
                                .executeUpdate()))
                .flatMap(dropped -> startDue(0))
                .invoke(started -> {
                    if (started > 0) {
                        LOG.infof("source changes started %d flux run(s)", started);
                    }
                }));
    }

    /** Starts due fluxes one transaction each, up to a batch; the number started (or set aside). */
    public Uni<Integer> startDue(int started) {
        if (started >= BATCH) {
            return Uni.createFrom().item(started);
        }
        AtomicReference<UUID> current = new AtomicReference<>();
        return Panache.withTransaction(() -> startNextDue(current))
                .onFailure(e -> current.get() != null).recoverWithUni(e -> setAside(current.get(), e).replaceWith(true))
                .eventually(LogContext::clear)
                .flatMap(done -> done ? startDue(started + 1) : Uni.createFrom().item(started));
    }

    /** Drops the flux's waiting changes (they cannot become a run) and records why on the flux. */
    private Uni<Void> setAside(UUID fluxId, Throwable failure) {
        Instant now = clock.instant();
        LOG.errorf(failure, "change scheduler: no run could be created for flux %s; its waiting changes are dropped", fluxId);
        String error = "change scheduler: the run for source changes could not be created (changes dropped): "
                + Jobs.describe(failure);
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createNativeQuery("DELETE FROM flux_change WHERE flux_id = :flux").setParameter("flux", fluxId).executeUpdate()
                .flatMap(n -> session.createNativeQuery("UPDATE flux SET last_error = :error, last_error_at = :now WHERE id = :flux")
                        .setParameter("flux", fluxId).setParameter("error", error).setParameter("now", now).executeUpdate())))
                .replaceWithVoid();
    }

    private Uni<Boolean> startNextDue(AtomicReference<UUID> current) {
        Instant now = clock.instant();
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT CAST(fc.flux_id AS text) FROM flux_change fc"
                                + " WHERE (fc.last_change_at <= :quiet OR fc.first_change_at <= :oldest)"
                                + " AND NOT EXISTS (SELECT 1 FROM run r WHERE r.flux_id = fc.flux_id"
                                + "   AND (r.status IN ('QUEUED', 'RUNNING') OR r.created_at > CAST(:now AS timestamptz)"
                                + "     - make_interval(secs => LEAST(GREATEST(fc.min_interval_s, :minInterval), :maxInterval))))"
                                + " ORDER BY fc.first_change_at LIMIT 1 FOR UPDATE OF fc SKIP LOCKED", String.class)
                        .setParameter("quiet", now.minus(config.quietWindow()))
                        .setParameter("oldest", now.minus(config.maxWait()))
                        .setParameter("now", now)
                        .setParameter("minInterval", config.minInterval().toSeconds())
                        .setParameter("maxInterval", config.maxMinInterval().toSeconds())
                        .getResultList())
                .flatMap((List<String> due) -> {
                    if (due.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    UUID fluxId = UUID.fromString(due.get(0));
                    current.set(fluxId);
                    LogContext.flux(fluxId, null);
                    return fluxes.findForUpdate(fluxId).flatMap(flux -> {
                        Uni<Void> drop = Panache.getSession().flatMap(session -> session
                                .createNativeQuery("DELETE FROM flux_change WHERE flux_id = :flux")
                                .setParameter("flux", fluxId).executeUpdate()).replaceWithVoid();
                        if (flux == null || flux.status() != FluxStatus.ACTIVE
                                || !SpecJson.read(flux.specJson()).options().changeDriven()) {
                            // No longer followed: its changes are moot.
                            return drop.replaceWith(true);
                        }
                        // With the flux locked: a run started meanwhile (run now, scheduler) keeps the changes waiting.
                        return runRepository.activeOf(fluxId).flatMap(active -> active != null
                                ? Uni.createFrom().item(false)
                                : runs.create(flux, RunOrigin.CHANGE, null).flatMap(run -> drop).replaceWith(true));
                    });
                });
    }
}
