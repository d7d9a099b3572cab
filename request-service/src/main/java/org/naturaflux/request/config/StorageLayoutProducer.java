package org.naturaflux.request.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.naturaflux.model.storage.StorageLayout;

/** The bucket's key layout, the workers' own (flux-model's), under the configured key prefix. */
@ApplicationScoped
public class StorageLayoutProducer {

    @Produces
    @Singleton
    StorageLayout layout(StorageConfig config) {
        return new StorageLayout(config.keyPrefix().orElse(""));
    }
}
