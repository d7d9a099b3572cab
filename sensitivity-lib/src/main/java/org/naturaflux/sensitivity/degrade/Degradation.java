package org.naturaflux.sensitivity.degrade;

import java.util.List;
import java.util.Objects;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.sensitivity.rules.WithholdCause;

/**
 * What became of one record: exported as one row (precise or degraded), or withheld with a cause.
 * Never more than one row per record.
 */
public sealed interface Degradation permits Degradation.Exported, Degradation.Withheld {

    /** {@code id_synthese} of the record. */
    long recordId();

    /** SENSIBILITE code of the record (null when it has none). */
    String sensitivityCode();

    /** The level the record leaves at: its applied level when exported, WITHHELD otherwise. */
    DiffusionLevel level();

    /**
     * The record as it is written.
     *
     * @param row       the row to write: the input row itself, or a copy with its SENSITIVITY and
     *                  AREA_CODES fields set, when PRECISE; a degraded copy otherwise (null local
     *                  geometry, the areas' geometry, scrubbed fields)
     * @param level     the applied level (PRECISE, COMMUNE, GRID or DEPARTEMENT)
     * @param label     the {@code niveau_sensibilite} label written in the row
     * @param areaCodes the codes of the areas the record was degraded to, sorted; empty when PRECISE
     */
    record Exported(ObservationRow row, DiffusionLevel level, String label, List<String> areaCodes)
            implements Degradation {
        public Exported {
            Objects.requireNonNull(row, "row");
            Objects.requireNonNull(label, "label");
            if (level == null || level == DiffusionLevel.WITHHELD) {
                throw new IllegalArgumentException("an exported record has a level other than WITHHELD");
            }
            areaCodes = List.copyOf(areaCodes);
        }

        @Override
        public long recordId() {
            return row.id();
        }

        @Override
        public String sensitivityCode() {
            return row.sensitivityCode();
        }
    }

    /**
     * A record that is not exported.
     *
     * @param recordId        {@code id_synthese}
     * @param sensitivityCode SENSIBILITE code (may be null)
     * @param diffusionCode   NIV_PRECIS code (may be null)
     * @param intendedLevel   the level the rules gave: WITHHELD, or the degraded level that no area could
     *                        provide ({@link WithholdCause#NO_AREA})
     * @param cause           why
     */
    record Withheld(long recordId, String sensitivityCode, String diffusionCode, DiffusionLevel intendedLevel,
                    WithholdCause cause) implements Degradation {
        public Withheld {
            Objects.requireNonNull(intendedLevel, "intendedLevel");
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public DiffusionLevel level() {
            return DiffusionLevel.WITHHELD;
        }
    }
}
