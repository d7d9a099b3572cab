package org.naturaflux.worker.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.naturaflux.worker.config.WorkerConfig;
import org.naturaflux.worker.service.SourceDatabase;

/** Ready when the observation source answers {@code SELECT 1} within {@code naturaflux.source.health-timeout}. */
@Readiness
@ApplicationScoped
public class SourceDatabaseHealthCheck implements HealthCheck {

    private final SourceDatabase source;
    private final WorkerConfig config;

    SourceDatabaseHealthCheck(SourceDatabase source, WorkerConfig config) {
        this.source = source;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            source.ping(config.source().healthTimeout());
            return HealthCheckResponse.builder().name("Source database").up().withData("url", source.url()).build();
        } catch (SQLException e) {
            return HealthCheckResponse.builder().name("Source database").down().withData("url", source.url())
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
