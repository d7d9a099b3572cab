package org.naturaflux.request.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.schema.SourceShape;

/**
 * Says at start-up, in plain words, whether the observation source has what estimates and change
 * routing read ({@link SourceShape#inspect}: tables, columns, local projection, the sensitivity
 * settings' area types) and which GeoNature versions are supported. The source stays out of this
 * service's readiness (an outage only makes submissions answer 503); the export-worker's readiness
 * reports the same shape.
 */
@ApplicationScoped
public class SourceShapeLog {

    private static final Logger LOG = Logger.getLogger(SourceShapeLog.class);

    private final AgroalDataSource source;
    private final List<String> areaTypes;

    SourceShapeLog(@DataSource("source") AgroalDataSource source, SensitivityRules rules) {
        this.source = source;
        this.areaTypes = List.of(rules.areaTypeCode(DiffusionLevel.COMMUNE), rules.areaTypeCode(DiffusionLevel.GRID),
                rules.areaTypeCode(DiffusionLevel.DEPARTEMENT));
    }

    /** Off the start-up thread: an unreachable source must not delay the service. */
    void onStart(@Observes StartupEvent event) {
        CompletableFuture.runAsync(this::log);
    }

    private void log() {
        try (Connection connection = source.getConnection()) {
            connection.setReadOnly(true);
            SourceShape.Report report = SourceShape.inspect(connection, areaTypes);
            if (report.readable() && report.missingAreaTypes().isEmpty()) {
                LOG.infof("observation source: %s", report.describe());
            } else {
                LOG.warnf("observation source: %s", report.describe());
            }
        } catch (SQLException e) {
            LOG.warnf("observation source not reachable at start-up: %s", e.getMessage());
        }
    }
}
