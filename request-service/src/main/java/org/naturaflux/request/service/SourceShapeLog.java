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
import org.naturaflux.request.config.ChangeConfig;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.schema.SourceShape;

/**
 * Says at start-up, in plain words, whether the observation source has what estimates and change
 * routing read ({@link SourceShape#inspect}: tables, columns, local projection, the sensitivity
 * settings' area types) and which GeoNature versions are supported. The source stays out of this
 * service's readiness (an outage only makes submissions answer 503); the export-worker's readiness
 * reports the same shape. With change-driven runs on, it also checks that the captured tables have
 * REPLICA IDENTITY FULL ({@link SourceShape#replicaIdentityStatements}) and names the statements to run
 * when they do not: wherever change capture is deployed (the local stack's {@code cdc-register} checks it
 * too, a Kubernetes installation only has this), the service says so at every start.
 */
@ApplicationScoped
public class SourceShapeLog {

    private static final Logger LOG = Logger.getLogger(SourceShapeLog.class);

    private final AgroalDataSource source;
    private final List<String> areaTypes;
    private final boolean changesFollowed;

    SourceShapeLog(@DataSource("source") AgroalDataSource source, SensitivityRules rules, ChangeConfig changes) {
        this.source = source;
        this.changesFollowed = changes.enabled();
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
            if (changesFollowed) {
                List<String> statements = SourceShape.replicaIdentityStatements(connection);
                if (!statements.isEmpty()) {
                    LOG.errorf("change capture needs REPLICA IDENTITY FULL on the captured tables: without it an update or"
                            + " a delete carries no old row, and a record leaving a flux (moved, made more sensitive) is"
                            + " missed. As the tables' owner, on the source's primary, run:%n    %s",
                            String.join(System.lineSeparator() + "    ", statements));
                }
            }
        } catch (SQLException e) {
            LOG.warnf("observation source not reachable at start-up: %s", e.getMessage());
        }
    }
}
