package org.naturaflux.worker.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.sensitivity.rules.SensitivitySettings;

/**
 * Turns the configuration into the objects the libraries take: the sensitivity rules, the field
 * catalogue and the worker's identity.
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

    /** The field catalogue: the file of {@code naturaflux.field-catalogue}, or the bundled one. */
    @Produces
    @Singleton
    FieldCatalogue fieldCatalogue(WorkerConfig config) {
        return config.fieldCatalogue().map(FieldCatalogue::load).orElseGet(FieldCatalogue::standard);
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
