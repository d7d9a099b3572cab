package org.naturaflux.sensitivity.rules;

import java.util.Objects;
import org.naturaflux.model.sensitivity.DiffusionLevel;

/**
 * The rules' verdict for one pair of codes.
 *
 * @param level            the effective diffusion level
 * @param label            the {@code niveau_sensibilite} text of what is applied; null when withheld
 * @param withholdCause    why the record is withheld; null unless {@code level} is WITHHELD
 * @param producerRestricted whether the producer's restriction (NIV_PRECIS), not the sensitivity, set the level
 */
public record LevelDecision(DiffusionLevel level, String label, WithholdCause withholdCause,
                            boolean producerRestricted) {
    public LevelDecision {
        Objects.requireNonNull(level, "level");
        if ((level == DiffusionLevel.WITHHELD) != (withholdCause != null)) {
            throw new IllegalArgumentException("a withhold cause is given exactly when the level is WITHHELD");
        }
        if ((level == DiffusionLevel.WITHHELD) == (label != null)) {
            throw new IllegalArgumentException("a label is given exactly when the record is exported");
        }
    }

    static LevelDecision withheld(WithholdCause cause) {
        return new LevelDecision(DiffusionLevel.WITHHELD, null, cause, false);
    }
}
