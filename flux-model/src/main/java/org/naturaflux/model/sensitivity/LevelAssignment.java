package org.naturaflux.model.sensitivity;

import java.util.Objects;

/**
 * The effective level of records with a given pair of nomenclature codes.
 *
 * @param sensitivityCode SENSIBILITE {@code cd_nomenclature}, or null for a record without sensitivity
 * @param diffusionCode   NIV_PRECIS {@code cd_nomenclature}, or null for a record without one
 * @param level           the effective diffusion level
 */
public record LevelAssignment(String sensitivityCode, String diffusionCode, DiffusionLevel level) {
    public LevelAssignment {
        Objects.requireNonNull(level, "level");
    }
}
