package org.naturaflux.worker.health;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.schema.SourceShape;
import org.naturaflux.worker.config.WorkerConfig;
import org.naturaflux.worker.source.SourceDatabase;

/**
 * Ready when the observation source answers {@code SELECT 1} within {@code naturaflux.source.health-timeout}
 * and has the tables and columns the exports read, in a local projection it declares
 * ({@link SourceShape#inspect}); a sensitivity level's area type without areas is reported (its records
 * are withheld, cause NO_AREA) without making the worker unready. The same report is logged at start-up.
 */
@Readiness
@ApplicationScoped
public class SourceDatabaseHealthCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(SourceDatabaseHealthCheck.class);

    private final SourceDatabase source;
    private final WorkerConfig config;
    private final List<String> areaTypes;

    SourceDatabaseHealthCheck(SourceDatabase source, WorkerConfig config, SensitivityRules rules) {
        this.source = source;
        this.config = config;
        this.areaTypes = List.of(rules.areaTypeCode(DiffusionLevel.COMMUNE), rules.areaTypeCode(DiffusionLevel.GRID),
                rules.areaTypeCode(DiffusionLevel.DEPARTEMENT));
    }

    /** Logs the report once started, off the start-up thread (an unreachable source must not delay it). */
    void onStart(@Observes StartupEvent event) {
        CompletableFuture.runAsync(this::logReport);
    }

    private void logReport() {
        try (Connection connection = source.connect()) {
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

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.builder().name("Source database").withData("url", source.url());
        try {
            source.ping(config.source().healthTimeout());
            try (Connection connection = source.connect()) {
                SourceShape.Report report = SourceShape.inspect(connection, areaTypes);
                response.withData("shape", report.describe());
                if (!report.missingAreaTypes().isEmpty()) {
                    response.withData("missingAreaTypes", String.join(", ", report.missingAreaTypes()));
                }
                return report.readable() ? response.up().build() : response.down().build();
            }
        } catch (SQLException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
