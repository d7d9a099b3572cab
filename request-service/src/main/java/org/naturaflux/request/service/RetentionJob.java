package org.naturaflux.request.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.request.Run;
import org.naturaflux.request.config.StorageConfig;
import org.naturaflux.request.repository.RunRepository;
import org.naturaflux.request.storage.ObjectStore;

/**
 * Erases the files of runs that SUCCEEDED more than {@code naturaflux.s3.retention} ago (the objects
 * named in their artifacts) and marks them FILE_ERASED. A run whose deletion fails stays SUCCEEDED
 * and is tried again at the next pass. Runs are row-locked, so replicas share the work.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);
    private static final int BATCH = 20;

    private final RunRepository runs;
    private final ObjectStore store;
    private final StorageConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private final Jobs jobs;

    RetentionJob(RunRepository runs, ObjectStore store, StorageConfig config, Vertx vertx, Clock clock, Jobs jobs) {
        this.jobs = jobs;
        this.runs = runs;
        this.store = store;
        this.config = config;
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

    /** Erases one batch of expired runs; the number erased. */
    public Uni<Integer> eraseExpired() {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> runs.lockExpired(now.minus(config.retention()), BATCH)
                .flatMap(expired -> erase(expired, 0, 0, now)));
    }

    private Uni<Integer> erase(List<Run> expired, int index, int erased, Instant now) {
        if (index == expired.size()) {
            if (erased > 0) {
                LOG.infof("retention: erased the files of %d run(s)", erased);
            }
            return Uni.createFrom().item(erased);
        }
        Run run = expired.get(index);
        List<String> named = run.artifacts().stream().map(Artifact::key).toList();
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
                    // The named files, and whatever else the worker keeps in the run's folder (the record
                    // index of a delta flux): the folder is the manifest's.
                    java.util.Set<String> keys = new java.util.LinkedHashSet<>(named);
                    run.artifacts().stream().filter(a -> "manifest".equals(a.format()) && a.key().contains("/"))
                            .findFirst().ifPresent(m -> keys.addAll(store.list(m.key().substring(0, m.key().lastIndexOf('/') + 1))));
                    store.delete(List.copyOf(keys));
                    return true;
                }))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("retention: cannot erase the files of run %s (kept for the next pass): %s", run.id(),
                            e.getMessage());
                    return false;
                })
                .flatMap(deleted -> {
                    if (deleted) {
                        run.erased(now);
                    }
                    return erase(expired, index + 1, deleted ? erased + 1 : erased, now);
                });
    }
}
