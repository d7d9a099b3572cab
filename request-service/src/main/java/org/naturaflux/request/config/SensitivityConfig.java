package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.sensitivity.rules.SensitivitySettings;

/**
 * The platform's sensitivity settings ({@code naturaflux.sensitivity.*}): the same keys, defaults and
 * environment variables as the export-worker's, mapped to sensitivity-lib's {@link SensitivitySettings},
 * so that estimates and change routing select records by the areas the exports degrade them to.
 */
@ConfigMapping(prefix = "naturaflux.sensitivity")
public interface SensitivityConfig {

    /** Level of a record whose SENSIBILITE is NULL. Default WITHHELD. */
    @WithDefault("WITHHELD")
    DiffusionLevel missingSensitivity();

    /** Restriction meant by NIV_PRECIS 0 "Standard". Default PRECISE (none). */
    @WithDefault("PRECISE")
    DiffusionLevel producerStandard();

    /** Restriction meant by NIV_PRECIS 5 "Précise". Default PRECISE (none). */
    @WithDefault("PRECISE")
    DiffusionLevel producerPrecise();

    /** Restriction meant by a NULL NIV_PRECIS. Default PRECISE (none). */
    @WithDefault("PRECISE")
    DiffusionLevel producerMissing();

    /** Area type of the COMMUNE level. Default COM. */
    @WithDefault("COM")
    String communeAreaType();

    /** Area type of the GRID level (M1, M5, M10). Default M10. */
    @WithDefault("M10")
    String gridAreaType();

    /** Area type of the DEPARTEMENT level. Default DEP. */
    @WithDefault("DEP")
    String departementAreaType();

    /** How far (metres) a geometry may stick out of its areas and still be degraded. Default 1. */
    @WithDefault("1.0")
    double coverageTolerance();

    /** The settings record both services build their rules from. */
    default SensitivitySettings settings() {
        return new SensitivitySettings(missingSensitivity(), producerStandard(), producerPrecise(), producerMissing(),
                communeAreaType(), gridAreaType(), departementAreaType(), coverageTolerance());
    }
}
