package org.naturaflux.request.changes;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.naturaflux.request.config.ChangeConfig;
import org.naturaflux.request.service.Jobs;
import org.naturaflux.source.status.StatusFingerprint;

/**
 * Learns that the BDC statuts changed in the source, which change capture does not follow (a reload
 * truncates and inserts about a million rows: captured, it would flood the change topics): every
 * {@code naturaflux.changes.statuses-check-interval} it reads source-lib's {@link StatusFingerprint}
 * (a count and a hash sum per table); when it differs from the last one seen, it reads each taxon's
 * statuses' hash, and the taxa whose hash changed (added, removed, changed) go to
 * {@link ChangeConsumer#recordStatusChange}: the change-driven fluxes showing a status field (or publishing
 * the statuses companion, {@code options.statuses}) and holding
 * one of those taxa each get one waiting change, hence one run ({@link ChangeScheduler}). A reload of the
 * same content changes nothing. The first reading after start-up is the baseline (a reload while no
 * request-service ran is not seen: the admin's "source load" action runs every change-driven flux again).
 * The baseline moves only once the fluxes are recorded, so a failed pass is tried again.
 */
@ApplicationScoped
public class StatusReloadWatcher {

    private static final Logger LOG = Logger.getLogger(StatusReloadWatcher.class);

    private record Reading(String fingerprint, Map<Integer, Long> perTaxon, Set<Integer> touched) {
    }

    private final AgroalDataSource source;
    private final ChangeConsumer consumer;
    private final ChangeConfig config;
    private final Vertx vertx;
    private final Jobs jobs;
    private volatile String fingerprint;
    private volatile Map<Integer, Long> perTaxon;

    StatusReloadWatcher(@DataSource("source") AgroalDataSource source, ChangeConsumer consumer, ChangeConfig config,
                        Vertx vertx, Jobs jobs) {
        this.source = source;
        this.consumer = consumer;
        this.config = config;
        this.vertx = vertx;
        this.jobs = jobs;
    }

    @Scheduled(identity = "status-reload-watcher", every = "${naturaflux.changes.statuses-check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pass() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return jobs.pass("status-reload-watcher", LOG, this::check);
    }

    /** Whether the baseline has been read (changes of the BDC are seen from then on). */
    public boolean watching() {
        return fingerprint != null;
    }

    /** One look at the BDC: the number of fluxes recorded (0 at the baseline or when nothing changed). */
    public Uni<Integer> check() {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                return read();
            } catch (SQLException e) {
                throw new IllegalStateException("the BDC statuts could not be read: " + e.getMessage(), e);
            }
        }), false).flatMap(reading -> {
            if (reading == null) {
                return Uni.createFrom().item(0);
            }
            Uni<Integer> recorded = reading.touched().isEmpty() ? Uni.createFrom().item(0)
                    : consumer.recordStatusChange(reading.touched());
            return recorded.invoke(n -> {
                if (fingerprint != null) {
                    LOG.infof("BDC statuts changed (fingerprint %s): statuses of %d taxa differ, %d flux(es) recorded",
                            reading.fingerprint(), reading.touched().size(), n);
                }
                fingerprint = reading.fingerprint();
                perTaxon = reading.perTaxon();
            });
        });
    }

    /** The new reading, or null when the fingerprint is the one seen last. */
    private Reading read() throws SQLException {
        try (Connection connection = source.getConnection()) {
            connection.setReadOnly(true);
            String now = StatusFingerprint.of(connection);
            if (now.equals(fingerprint)) {
                return null;
            }
            Map<Integer, Long> taxa = StatusFingerprint.perTaxon(connection);
            Set<Integer> touched = perTaxon == null ? Set.of() : StatusFingerprint.touched(perTaxon, taxa);
            return new Reading(now, taxa, touched);
        }
    }
}
