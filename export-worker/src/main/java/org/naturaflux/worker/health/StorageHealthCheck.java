package org.naturaflux.worker.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.naturaflux.storage.ObjectStore;
import org.naturaflux.storage.StorageException;

/** Ready when the bucket exists (the storage answers, with these credentials). */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ObjectStore store;

    StorageHealthCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            if (store.bucketExists(TIMEOUT)) {
                return HealthCheckResponse.builder().name("Object storage").up().withData("bucket", store.bucket()).build();
            }
            return HealthCheckResponse.builder().name("Object storage").down().withData("bucket", store.bucket())
                    .withData("error", "the bucket does not exist").build();
        } catch (StorageException e) {
            return HealthCheckResponse.builder().name("Object storage").down().withData("bucket", store.bucket())
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
