package org.naturaflux.request.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.request.Run;
import org.naturaflux.request.logging.LogContext;
import org.naturaflux.request.repository.RunRepository;
import org.naturaflux.storage.ObjectStore;
import org.naturaflux.storage.StorageLayout;

/**
 * Erases the files of runs that SUCCEEDED more than {@code naturaflux.s3.retention} ago ({@link Retention},
 * whose {@code eraseAfter} the API shows on each run) and marks them FILE_ERASED. What is erased is the run's folder as flux-storage's {@link StorageLayout} builds it from the
 * run's flux and id (its files and whatever else the worker keeps there, such as a delta flux's record
 * index), never a folder derived from a key a worker reported: a bad key cannot make retention erase
 * another run's files.
 *
 * <p>Each run is erased in its own transaction, its row locked (replicas share the work). A run whose
 * erasure fails, for whatever reason (storage refusing, a stored row that cannot be read), is logged with
 * its run and flux ids, keeps its files and stays SUCCEEDED with the failure recorded on it
 * ({@code retentionError}, shown to the admin), and goes after the others at the next passes; the pass
 * goes on with the other runs.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    private static final int BATCH = 20;

    private final RunRepository runs;
    private final ObjectStore store;
    private final Retention retention;
    private final StorageLayout layout;
    private final Vertx vertx;
    private final Clock clock;
    private final Jobs jobs;

    RetentionJob(RunRepository runs, ObjectStore store, Retention retention, StorageLayout layout, Vertx vertx,
                 Clock clock, Jobs jobs) {
        this.jobs = jobs;
        this.runs = runs;
        this.store = store;
        this.retention = retention;
        this.layout = layout;
        this.vertx = vertx;
        this.clock = clock;
    }

    @Scheduled(identity = "retention", every = "${naturaflux.retention.interval}",
            delayed = "${naturaflux.scheduler.initial-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pass() {
        if (!store.isConfigured()) {
            return Uni.createFrom().voidItem();
        }
        return jobs.pass("retention", LOG, this::eraseExpired);
    }

    /** Erases one batch of expired runs, each on its own; the number erased. */
    public Uni<Integer> eraseExpired() {
        Instant now = clock.instant();
        Instant cutoff = retention.cutoff(now);
        return Panache.withSession(() -> runs.expiredIds(cutoff, BATCH))
                .flatMap(ids -> eraseEach(ids, 0, 0, cutoff, now));
    }

    private Uni<Integer> eraseEach(List<UUID> ids, int index, int erased, Instant cutoff, Instant now) {
        if (index == ids.size()) {
            if (erased > 0) {
                LOG.infof("retention: erased the files of %d run(s)", erased);
            }
            return Uni.createFrom().item(erased);
        }
        UUID id = ids.get(index);
        LogContext.run(null, id, null, 0, null);
        return Uni.createFrom().deferred(() -> eraseOne(id, cutoff, now))
                .onFailure().recoverWithUni(e -> recordFailure(id, e, now).replaceWith(false))
                .eventually(LogContext::clear)
                .flatMap(done -> eraseEach(ids, index + 1, done ? erased + 1 : erased, cutoff, now));
    }

    /** Erases one run's folder and marks it; false when another replica holds it or it changed meanwhile. */
    private Uni<Boolean> eraseOne(UUID id, Instant cutoff, Instant now) {
        return Panache.withTransaction(() -> runs.lockExpired(id, cutoff).flatMap(run -> {
            if (run == null) {
                return Uni.createFrom().item(false);
            }
            // Reported keys outside the folder (only runs recorded before keys were checked can have
            // them) are left alone and named for the admin.
            List<String> outside = run.artifacts().stream().map(Artifact::key)
                    .filter(key -> !layout.isRunKey(run.fluxId(), run.id(), key)).toList();
            String folder = layout.runPrefix(run.fluxId(), run.id());
            return vertx.executeBlocking(Uni.createFrom().item(() -> {
                store.deletePrefix(folder);
                return true;
            })).map(deleted -> {
                run.erased(now);
                if (!outside.isEmpty()) {
                    LOG.warnf("retention: run %s of flux %s erased; files it reported outside its folder %s were left"
                            + " in place: %s", run.id(), run.fluxId(), folder, outside);
                    run.retentionFailed("erased its folder " + folder + "; files it reported outside it were left in"
                            + " place: " + outside, now);
                }
                return true;
            });
        }));
    }

    /** Logs a run's failure with its ids and records it on the run, for the admin; never fails. */
    private Uni<Void> recordFailure(UUID id, Throwable failure, Instant now) {
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return Panache.withTransaction(() -> runs.findForUpdate(id).invoke(run -> {
                    LOG.errorf("retention: cannot erase the files of run %s of flux %s (kept, tried again after the"
                            + " others): %s", id, run == null ? "?" : run.fluxId(), reason);
                    if (run != null) {
                        run.retentionFailed(reason, now);
                    }
                }))
                .onFailure().invoke(e -> LOG.errorf("retention: cannot record the failure of run %s (%s): %s", id,
                        reason, e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
