package org.naturaflux.request.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.reference.AreaIndexCache;

/**
 * The platform's sensitivity rules, from {@link SensitivityConfig}: those the export-worker degrades with; and the
 * one area index of this process that estimates and previews degrade with (loaded on first use, again when the
 * areas change).
 */
@ApplicationScoped
public class SensitivityRulesProducer {

    @Produces
    @Singleton
    SensitivityRules sensitivityRules(SensitivityConfig config) {
        return config.settings().rules();
    }

    @Produces
    @Singleton
    AreaIndexCache areaIndexCache(SensitivityRules rules) {
        return new AreaIndexCache(rules);
    }
}
