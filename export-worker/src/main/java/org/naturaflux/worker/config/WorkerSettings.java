package org.naturaflux.worker.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.sensitivity.rules.SensitivitySettings;
import org.naturaflux.source.reference.AreaIndexCache;
import org.naturaflux.storage.ObjectStore;
import org.naturaflux.storage.StorageLayout;
import org.naturaflux.storage.StorageSettings;

/**
 * Turns the configuration into the objects the libraries take: the sensitivity rules, the area index
 * cache, the field catalogue, the worker's identity, and the bucket (flux-storage's layout and object store).
 */
@ApplicationScoped
public class WorkerSettings {

    /**
     * The platform's sensitivity rules, from {@code naturaflux.sensitivity.*} through the settings record
     * the request-service maps from the same keys.
     */
    @Produces
    @Singleton
    SensitivityRules sensitivityRules(WorkerConfig config) {
        WorkerConfig.Sensitivity s = config.sensitivity();
        return new SensitivitySettings(s.missingSensitivity(), s.producerStandard(), s.producerPrecise(),
                s.producerMissing(), s.communeAreaType(), s.gridAreaType(), s.departementAreaType(),
                s.coverageTolerance()).rules();
    }

    /**
     * The area index the exports degrade to (source-lib's, shared with the request-service's estimates):
     * loaded on first use, reloaded when the areas change.
     */
    @Produces
    @Singleton
    AreaIndexCache areaIndexCache(SensitivityRules rules) {
        return new AreaIndexCache(rules);
    }

    /** The field catalogue: the file of {@code naturaflux.field-catalogue}, or the bundled one. */
    @Produces
    @Singleton
    FieldCatalogue fieldCatalogue(WorkerConfig config) {
        return config.fieldCatalogue().map(FieldCatalogue::load).orElseGet(FieldCatalogue::standard);
    }

    /**
     * The bucket's settings from {@code naturaflux.s3.*}. The worker signs no URL: no public endpoint.
     */
    static StorageSettings storageSettings(WorkerConfig config) {
        WorkerConfig.S3 s3 = config.s3();
        return new StorageSettings(s3.endpoint(), null, s3.region(), s3.accessKey(), s3.secretKey(), s3.bucket(),
                s3.keyPrefix().orElse(""), s3.partSize());
    }

    /** Where runs' objects live, under {@code naturaflux.s3.key-prefix} (the request-service's own). */
    @Produces
    @Singleton
    StorageLayout storageLayout(WorkerConfig config) {
        return storageSettings(config).layout();
    }

    /** The object store on {@code naturaflux.s3.endpoint}. */
    @Produces
    @Singleton
    ObjectStore objectStore(WorkerConfig config) {
        return new ObjectStore(storageSettings(config));
    }

    void closeObjectStore(@Disposes ObjectStore store) {
        store.close();
    }

    /** This worker's name: {@code naturaflux.worker.id}, or host name and process id. */
    @Produces
    @Singleton
    WorkerId workerId(WorkerConfig config) {
        return new WorkerId(config.worker().id().filter(id -> !id.isBlank()).orElseGet(WorkerSettings::hostAndPid));
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "worker";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
