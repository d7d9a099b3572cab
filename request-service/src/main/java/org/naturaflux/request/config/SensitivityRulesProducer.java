package org.naturaflux.request.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.naturaflux.sensitivity.rules.SensitivityRules;

/** The platform's sensitivity rules, from {@link SensitivityConfig}: those the export-worker degrades with. */
@ApplicationScoped
public class SensitivityRulesProducer {

    @Produces
    @Singleton
    SensitivityRules sensitivityRules(SensitivityConfig config) {
        return config.settings().rules();
    }
}
