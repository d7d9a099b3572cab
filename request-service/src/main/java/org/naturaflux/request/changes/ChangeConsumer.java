package org.naturaflux.request.changes;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.request.Flux;
import org.naturaflux.request.FluxStatus;
import org.naturaflux.request.config.ChangeConfig;
import org.naturaflux.request.repository.FluxRepository;
import org.naturaflux.request.service.Jobs;
import org.naturaflux.request.service.ServiceMetrics;
import org.naturaflux.request.service.SpecJson;

/**
 * Consumes the source's change events (Debezium, channels {@code source-changes} for
 * {@code gn_synthese.synthese} and {@code area-changes} for {@code ref_geo.l_areas}), in batches: finds
 * the opted-in ACTIVE fluxes each batch touches ({@link ChangeRouter}) and records them as waiting
 * ({@code flux_change}, coalesced per flux) before the batch is acknowledged, so a change whose offset
 * is committed is never lost; {@link ChangeScheduler} turns them into runs. An unreadable event is
 * logged, counted ({@code naturaflux_change_events_skipped_total}) and skipped; a flux that cannot be
 * routed (unreadable specification, territory the source's local system cannot hold) has the failure
 * recorded on it ({@code last_error}, shown to the admin) while the others are routed and the batch
 * committed. Only a failure of either database is retried with back-off, holding the partition.
 */
@ApplicationScoped
public class ChangeConsumer {

    private static final Logger LOG = Logger.getLogger(ChangeConsumer.class);

    private final ChangeRouter router;
    private final FluxRepository fluxes;
    private final ChangeConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final ServiceMetrics metrics;

    ChangeConsumer(ChangeRouter router, FluxRepository fluxes, ChangeConfig config, Clock clock, Vertx vertx,
                   ServiceMetrics metrics) {
        this.metrics = metrics;
        this.router = router;
        this.fluxes = fluxes;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    @Incoming("source-changes")
    public Uni<Void> observations(List<byte[]> events) {
        List<SourceChange.ObservationChange> changes = new ArrayList<>();
        for (byte[] event : events) {
            try {
                SourceChange.ObservationChange change = SourceChange.observation(event);
                if (change != null) {
                    changes.add(change);
                }
            } catch (RuntimeException e) {
                LOG.warnf("unreadable change event of gn_synthese.synthese skipped: %s", Jobs.describe(e));
                metrics.changeEventSkipped();
            }
        }
        return route(changes, List.of());
    }

    @Incoming("area-changes")
    public Uni<Void> areas(List<byte[]> events) {
        List<SourceChange.AreaChange> changes = new ArrayList<>();
        for (byte[] event : events) {
            try {
                SourceChange.AreaChange change = SourceChange.area(event);
                if (change != null) {
                    changes.add(change);
                }
            } catch (RuntimeException e) {
                LOG.warnf("unreadable change event of ref_geo.l_areas skipped: %s", Jobs.describe(e));
                metrics.changeEventSkipped();
            }
        }
        return route(List.of(), changes);
    }

    private Uni<Void> route(List<SourceChange.ObservationChange> observations, List<SourceChange.AreaChange> areas) {
        if (observations.isEmpty() && areas.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> fluxes.list("status", FluxStatus.ACTIVE))
                .map(ChangeConsumer::targets)
                .flatMap(targets -> vertx.executeBlocking(() -> router.touched(observations, areas, targets.targets()))
                        .flatMap(routing -> {
                            Map<UUID, String> failed = new LinkedHashMap<>(targets.failed());
                            failed.putAll(routing.failed());
                            for (int i = 0; i < routing.skipped(); i++) {
                                metrics.changeEventSkipped();
                            }
                            return record(routing.touched(), failed, targets.targets());
                        }))
                .onFailure().invoke(e -> LOG.warnf("routing %d source change(s) failed, retrying: %s", observations.size() + areas.size(),
                        e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .onFailure().invoke(e -> LOG.errorf(e, "%d source change(s) could not be routed", observations.size() + areas.size()))
                .replaceWithVoid();
    }

    /**
     * Records one change for every ACTIVE flux that follows the source's changes, as if a captured change
     * had touched each: what the admin asks after a load that change capture does not see (a TAXREF
     * version, nomenclature labels, datasets, a sensitivity recomputation done by reloading the table,
     * anything written while capture was off). {@link ChangeScheduler} then runs each once, after the
     * quiet window and within its minimum interval, coalesced with the changes already waiting; a flux
     * whose specification cannot be read has the failure recorded on it, as routing does.
     *
     * @return the number of fluxes recorded
     * @throws org.naturaflux.request.service.ApiException 409 when change-driven runs are off on this platform
     */
    public Uni<Integer> recordSourceLoad() {
        if (!config.enabled()) {
            return Uni.createFrom().failure(org.naturaflux.request.service.ApiException.conflict(
                    "change-driven runs are off on this platform (naturaflux.changes.enabled): run the fluxes one by one"));
        }
        return Panache.withSession(() -> fluxes.list("status", FluxStatus.ACTIVE))
                .map(ChangeConsumer::targets)
                .flatMap(targets -> {
                    Map<UUID, Long> touched = new LinkedHashMap<>();
                    targets.targets().forEach(target -> touched.put(target.id(), 1L));
                    LOG.infof("a load change capture does not see: %d change-driven flux(es) to run again", touched.size());
                    return record(touched, targets.failed(), targets.targets()).replaceWith(touched.size());
                });
    }

    /**
     * Records one change for every ACTIVE change-driven flux that shows a status field or publishes the
     * statuses companion ({@code options.statuses}) and whose taxa
     * include one of these {@code cd_ref}s, whose statuses changed in the BDC statuts (a reload that
     * change capture does not see: {@link StatusReloadWatcher}); {@link ChangeScheduler} runs each once.
     *
     * @return the number of fluxes recorded
     */
    public Uni<Integer> recordStatusChange(Set<Integer> taxa) {
        return Panache.withSession(() -> fluxes.list("status", FluxStatus.ACTIVE))
                .map(ChangeConsumer::targets)
                .flatMap(targets -> vertx.executeBlocking(() -> router.touchedByStatuses(taxa, targets.targets()))
                        .flatMap(routing -> {
                            Map<UUID, String> failed = new LinkedHashMap<>(targets.failed());
                            failed.putAll(routing.failed());
                            LOG.infof("statuses of %d taxa changed in the BDC: %d change-driven flux(es) to run again",
                                    taxa.size(), routing.touched().size());
                            return record(routing.touched(), failed, targets.targets()).replaceWith(routing.touched().size());
                        }));
    }

    /** The opted-in fluxes, and those whose specification cannot be read (with why). */
    static Targets targets(List<Flux> active) {
        List<ChangeRouter.FluxTarget> targets = new ArrayList<>();
        Map<UUID, String> failed = new LinkedHashMap<>();
        for (Flux flux : active) {
            try {
                FluxSpec spec = SpecJson.read(flux.specJson());
                if (spec.options().changeDriven()) {
                    targets.add(new ChangeRouter.FluxTarget(flux.id(), flux.updatedAt(), spec));
                }
            } catch (RuntimeException e) {
                failed.put(flux.id(), "change routing: the specification cannot be read: " + Jobs.describe(e));
            }
        }
        return new Targets(targets, failed);
    }

    record Targets(List<ChangeRouter.FluxTarget> targets, Map<UUID, String> failed) {
    }

    /**
     * The flux's minimum interval between change-driven runs: its own within the platform's bounds (a
     * flux stored before the bounds, or edited in the database, cannot ask shorter or break the
     * scheduler's date arithmetic with an absurd one).
     */
    private long minIntervalSeconds(Duration own) {
        Duration interval = own == null || own.compareTo(config.minInterval()) < 0 ? config.minInterval() : own;
        return (interval.compareTo(config.maxMinInterval()) > 0 ? config.maxMinInterval() : interval).toSeconds();
    }

    private Uni<Void> record(Map<UUID, Long> touched, Map<UUID, String> failed, List<ChangeRouter.FluxTarget> targets) {
        if (touched.isEmpty() && failed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        if (!touched.isEmpty()) {
            LOG.infof("source changes touch %d flux(es): %s", touched.size(), touched);
        }
        failed.forEach((flux, why) -> LOG.warnf("flux %s set aside by the change routing: %s", flux, why));
        return Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<UUID, String> entry : failed.entrySet()) {
                chain = chain.flatMap(v -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                                "UPDATE flux SET last_error = :error, last_error_at = :now WHERE id = :flux")
                        .setParameter("flux", entry.getKey()).setParameter("now", now).setParameter("error", entry.getValue())
                        .executeUpdate()).replaceWithVoid());
            }
            for (Map.Entry<UUID, Long> entry : touched.entrySet()) {
                Duration minInterval = targets.stream().filter(t -> t.id().equals(entry.getKey())).findFirst()
                        .map(t -> t.spec().options().minInterval()).orElse(null);
                long seconds = minIntervalSeconds(minInterval);
                chain = chain.flatMap(v -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                                "INSERT INTO flux_change (flux_id, first_change_at, last_change_at, changes, min_interval_s)"
                                        + " VALUES (:flux, :now, :now, :n, :interval) ON CONFLICT (flux_id) DO UPDATE SET"
                                        + " last_change_at = EXCLUDED.last_change_at, changes = flux_change.changes + EXCLUDED.changes,"
                                        + " min_interval_s = EXCLUDED.min_interval_s")
                        .setParameter("flux", entry.getKey()).setParameter("now", now)
                        .setParameter("n", entry.getValue()).setParameter("interval", seconds)
                        .executeUpdate()).replaceWithVoid());
            }
            return chain;
        });
    }
}
