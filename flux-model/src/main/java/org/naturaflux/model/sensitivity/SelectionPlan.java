package org.naturaflux.model.sensitivity;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sensitivity rules reduced to data that a query can apply: the effective level of every known
 * pair of codes, the level of any other pair, and the area type each degraded level uses. sensitivity-lib
 * builds it from its rules; source-lib turns it into SQL so that a degraded record is selected by its
 * degraded area, never by its precise geometry, without writing the rules a second time.
 *
 * @param assignments   the level of each known (sensitivity, diffusion) pair, nulls included
 * @param fallback      the level of a pair not listed (a code the rules do not know): a safe one
 * @param areaTypeCodes the {@code bib_areas_types.type_code} of each degraded level (COMMUNE, GRID, DEPARTEMENT)
 */
public record SelectionPlan(List<LevelAssignment> assignments, DiffusionLevel fallback,
                            Map<DiffusionLevel, String> areaTypeCodes) {

    /**
     * The share of the smaller of an area and a territory that they must share for the area to meet
     * the territory (when it does not lie in it): the selection rule's one threshold (source-lib's
     * {@code SelectionSql}, sensitivity-lib's {@code SelectionRule}).
     */
    public static final double MEETS_SHARE = 1e-6;

    public SelectionPlan {
        assignments = List.copyOf(assignments);
        Objects.requireNonNull(fallback, "fallback");
        EnumMap<DiffusionLevel, String> types = new EnumMap<>(DiffusionLevel.class);
        types.putAll(areaTypeCodes);
        for (DiffusionLevel level : DiffusionLevel.values()) {
            if (level.isDegraded() && !types.containsKey(level)) {
                throw new IllegalArgumentException("no area type for degraded level " + level);
            }
        }
        areaTypeCodes = Map.copyOf(types);
    }

    /** The area type of a degraded level. */
    public String areaTypeCode(DiffusionLevel level) {
        if (!level.isDegraded()) {
            throw new IllegalArgumentException(level + " uses no area");
        }
        return areaTypeCodes.get(level);
    }

    /** The effective level of a pair of codes, as the query will compute it. */
    public DiffusionLevel levelOf(String sensitivityCode, String diffusionCode) {
        for (LevelAssignment a : assignments) {
            if (Objects.equals(a.sensitivityCode(), sensitivityCode) && Objects.equals(a.diffusionCode(), diffusionCode)) {
                return a.level();
            }
        }
        return fallback;
    }
}
