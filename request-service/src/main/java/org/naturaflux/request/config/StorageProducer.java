package org.naturaflux.request.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.naturaflux.storage.ObjectStore;
import org.naturaflux.storage.PublicUrlSigner;
import org.naturaflux.storage.StorageLayout;
import org.naturaflux.storage.StorageSettings;

/**
 * The bucket through flux-storage, from {@code naturaflux.s3.*}: its key layout (the workers' own, under
 * the same key prefix), the store on the internal endpoint (retention) and the signer on the public one
 * (downloads). Without credentials neither is configured: downloads and retention are disabled.
 */
@ApplicationScoped
public class StorageProducer {

    private static final Logger LOG = Logger.getLogger(StorageProducer.class);

    static StorageSettings settings(StorageConfig config) {
        return new StorageSettings(config.endpoint(), config.publicEndpoint(), config.region(),
                config.accessKey().orElse(null), config.secretKey().orElse(null), config.bucket(),
                config.keyPrefix().orElse(""), StorageSettings.DEFAULT_PART_SIZE);
    }

    @Produces
    @Singleton
    StorageLayout layout(StorageConfig config) {
        return settings(config).layout();
    }

    @Produces
    @Singleton
    ObjectStore store(StorageConfig config) {
        StorageSettings settings = settings(config);
        if (!settings.hasCredentials()) {
            LOG.warn("no S3 credentials configured (NATURAFLUX_S3_ACCESS_KEY/SECRET_KEY): downloads and retention disabled");
        }
        return new ObjectStore(settings);
    }

    @Produces
    @Singleton
    PublicUrlSigner signer(StorageConfig config) {
        return new PublicUrlSigner(settings(config));
    }

    void close(@Disposes ObjectStore store) {
        store.close();
    }

    void close(@Disposes PublicUrlSigner signer) {
        signer.close();
    }
}
