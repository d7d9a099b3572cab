package org.naturaflux.model.message;

import java.util.Map;
import java.util.TreeMap;
import org.naturaflux.model.sensitivity.DiffusionLevel;

/**
 * What a run exported, the one counts type of the project (manifest, events, API).
 *
 * @param exported        records written (one row per record in every format)
 * @param degraded        records written with a degraded location
 * @param withheld        records selected but not written
 * @param byLevel         records per effective level (PRECISE, COMMUNE, GRID, DEPARTEMENT, WITHHELD)
 * @param withheldByCause withheld records per cause (e.g. {@code SENSITIVITY}, {@code UNKNOWN_SENSITIVITY},
 *                        {@code NO_AREA})
 */
public record RunCounts(long exported, long degraded, long withheld, Map<DiffusionLevel, Long> byLevel,
                        Map<String, Long> withheldByCause) {
    public RunCounts {
        byLevel = byLevel == null ? Map.of() : Map.copyOf(byLevel);
        withheldByCause = withheldByCause == null ? Map.of() : Map.copyOf(new TreeMap<>(withheldByCause));
    }

    public static RunCounts empty() {
        return new RunCounts(0, 0, 0, Map.of(), Map.of());
    }
}
