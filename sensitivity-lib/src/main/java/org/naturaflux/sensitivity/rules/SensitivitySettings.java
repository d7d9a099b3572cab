package org.naturaflux.sensitivity.rules;

import java.util.Objects;
import org.naturaflux.model.sensitivity.DiffusionLevel;

/**
 * The platform's sensitivity settings, the one record that every service maps from the same keys
 * ({@code naturaflux.sensitivity.*}, each overridable by the environment variable named in
 * parentheses) and turns into {@link SensitivityRules}: the worker degrades with them, the
 * request-service estimates and routes changes with them, so that exports and routing never disagree
 * (a 5 km grid configured for one is the grid of both).
 *
 * @param missingSensitivity  {@code missing-sensitivity} ({@code NATURAFLUX_SENSITIVITY_MISSING}): level of a
 *                            NULL SENSIBILITE; default WITHHELD
 * @param producerStandard    {@code producer-standard} ({@code NATURAFLUX_SENSITIVITY_PRODUCER_STANDARD}):
 *                            restriction meant by NIV_PRECIS 0; default PRECISE (none)
 * @param producerPrecise     {@code producer-precise} ({@code NATURAFLUX_SENSITIVITY_PRODUCER_PRECISE}):
 *                            restriction meant by NIV_PRECIS 5; default PRECISE
 * @param producerMissing     {@code producer-missing} ({@code NATURAFLUX_SENSITIVITY_PRODUCER_MISSING}):
 *                            restriction meant by a NULL NIV_PRECIS; default PRECISE
 * @param communeAreaType     {@code commune-area-type} ({@code NATURAFLUX_SENSITIVITY_COMMUNE_AREA_TYPE}); default COM
 * @param gridAreaType        {@code grid-area-type} ({@code NATURAFLUX_SENSITIVITY_GRID_AREA_TYPE}): M1, M5 or
 *                            M10; default M10
 * @param departementAreaType {@code departement-area-type} ({@code NATURAFLUX_SENSITIVITY_DEPARTEMENT_AREA_TYPE});
 *                            default DEP
 * @param coverageTolerance   {@code coverage-tolerance} (metres): how far a geometry may stick out of its
 *                            areas and still be degraded; default 1
 */
public record SensitivitySettings(DiffusionLevel missingSensitivity, DiffusionLevel producerStandard,
                                  DiffusionLevel producerPrecise, DiffusionLevel producerMissing,
                                  String communeAreaType, String gridAreaType, String departementAreaType,
                                  double coverageTolerance) {

    public SensitivitySettings {
        Objects.requireNonNull(missingSensitivity, "missingSensitivity");
        Objects.requireNonNull(producerStandard, "producerStandard");
        Objects.requireNonNull(producerPrecise, "producerPrecise");
        Objects.requireNonNull(producerMissing, "producerMissing");
        Objects.requireNonNull(communeAreaType, "communeAreaType");
        Objects.requireNonNull(gridAreaType, "gridAreaType");
        Objects.requireNonNull(departementAreaType, "departementAreaType");
    }

    /** The documented defaults, those of {@link SensitivityRules#standard()}. */
    public static SensitivitySettings defaults() {
        return new SensitivitySettings(DiffusionLevel.WITHHELD, DiffusionLevel.PRECISE, DiffusionLevel.PRECISE,
                DiffusionLevel.PRECISE, "COM", "M10", "DEP", 1.0);
    }

    /** The rules these settings state. */
    public SensitivityRules rules() {
        return SensitivityRules.builder()
                .missingSensitivity(missingSensitivity)
                .producerStandard(producerStandard)
                .producerPrecise(producerPrecise)
                .producerMissing(producerMissing)
                .areaType(DiffusionLevel.COMMUNE, communeAreaType)
                .areaType(DiffusionLevel.GRID, gridAreaType)
                .areaType(DiffusionLevel.DEPARTEMENT, departementAreaType)
                .communeTypeCode(communeAreaType)
                .coverageTolerance(coverageTolerance)
                .build();
    }
}
