package org.naturaflux.source.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.sensitivity.LevelAssignment;
import org.naturaflux.model.sensitivity.SelectionPlan;

/**
 * Selection plans for the tests, built here from rules stated in Java, and the same rules stated again
 * in SQL for the oracle queries (levels as numbers: 0 precise, 1 commune, 2 grid, 3 département,
 * 4 withheld).
 */
final class Plans {

    private static final List<String> SENSITIVITY = Arrays.asList(null, "0", "1", "2", "3", "4");
    private static final List<String> DIFFUSION = Arrays.asList(null, "0", "1", "2", "3", "4", "5");
    private static final DiffusionLevel[] LEVELS = DiffusionLevel.values();

    /** The documented defaults: NULL sensitivity withheld; NIV_PRECIS 0, 5 and NULL add nothing. */
    static final Rules STANDARD = new Rules(
            new int[]{4, 0, 1, 2, 3, 4}, new int[]{0, 0, 1, 2, 3, 4, 0}, new String[]{"COM", "M10", "DEP"},
            "GREATEST(CASE ns.cd_nomenclature WHEN '0' THEN 0 WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '3' THEN 3 ELSE 4 END,"
                    + " CASE WHEN nd.cd_nomenclature IS NULL OR nd.cd_nomenclature IN ('0', '5') THEN 0"
                    + " WHEN nd.cd_nomenclature = '1' THEN 1 WHEN nd.cd_nomenclature = '2' THEN 2"
                    + " WHEN nd.cd_nomenclature = '3' THEN 3 ELSE 4 END)");

    /**
     * Other settings, to show that the query follows the plan: NULL sensitivity at the département,
     * "Standard" (0) producer restriction at the commune, the grid at 5 km.
     */
    static final Rules LENIENT = new Rules(
            new int[]{3, 0, 1, 2, 3, 4}, new int[]{0, 1, 1, 2, 3, 4, 0}, new String[]{"COM", "M5", "DEP"},
            "GREATEST(CASE WHEN ns.cd_nomenclature IS NULL THEN 3 WHEN ns.cd_nomenclature = '0' THEN 0"
                    + " WHEN ns.cd_nomenclature = '1' THEN 1 WHEN ns.cd_nomenclature = '2' THEN 2"
                    + " WHEN ns.cd_nomenclature = '3' THEN 3 ELSE 4 END,"
                    + " CASE WHEN nd.cd_nomenclature IS NULL OR nd.cd_nomenclature = '5' THEN 0"
                    + " WHEN nd.cd_nomenclature IN ('0', '1') THEN 1 WHEN nd.cd_nomenclature = '2' THEN 2"
                    + " WHEN nd.cd_nomenclature = '3' THEN 3 ELSE 4 END)");

    /**
     * Rules: the level of each sensitivity (null, 0..4) and of each producer restriction (null, 0..5),
     * the area types of the three degraded levels, and the oracle's level expression over {@code ns} and
     * {@code nd} (the two nomenclature rows of a record).
     */
    record Rules(int[] bySensitivity, int[] byDiffusion, String[] areaTypes, String levelSql) {

        SelectionPlan plan() {
            List<LevelAssignment> assignments = new ArrayList<>();
            for (int s = 0; s < SENSITIVITY.size(); s++) {
                for (int d = 0; d < DIFFUSION.size(); d++) {
                    DiffusionLevel level = LEVELS[Math.max(bySensitivity[s], byDiffusion[d])];
                    assignments.add(new LevelAssignment(SENSITIVITY.get(s), DIFFUSION.get(d), level));
                }
            }
            return new SelectionPlan(assignments, DiffusionLevel.WITHHELD, Map.of(DiffusionLevel.COMMUNE, areaTypes[0],
                    DiffusionLevel.GRID, areaTypes[1], DiffusionLevel.DEPARTEMENT, areaTypes[2]));
        }

        /** {@code ARRAY['COM', 'M10', 'DEP']}: the area type of level n is element n. */
        String areaTypesSql() {
            return "ARRAY['" + String.join("', '", areaTypes) + "']";
        }
    }

    private Plans() {
    }
}
