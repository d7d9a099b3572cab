package org.naturaflux.sensitivity.select;

import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.row.ReferenceArea;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.sensitivity.SelectionPlan;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.rules.SensitivityRules;

/**
 * Whether a record belongs to a flux's territory, stated in Java: the rule that source-lib states in
 * SQL ({@code SelectionSql}) from the rules' {@link SelectionPlan}, so that a degraded record is
 * selected by its degraded geometry and never by its precise one (otherwise a tiny territory polygon
 * would locate it); kept as the tests' oracle of that SQL. The same rule governs counts and size
 * estimates.
 *
 * <ul>
 *   <li>PRECISE: the precise geometry (the source's local projection) intersects the territory;</li>
 *   <li>COMMUNE, GRID, DEPARTEMENT: some area of the level's type that the precise geometry intersects
 *       meets the territory: it lies in it, or they share more than {@link SelectionPlan#MEETS_SHARE}
 *       of the smaller of the two (an area that only shares a boundary with the territory, such as the
 *       neighbouring département of a département territory, does not count); a record no area
 *       touches is not selected;</li>
 *   <li>WITHHELD (including unknown codes): never.</li>
 * </ul>
 * A selected degraded record may still be withheld by the degrader when its touched areas do not cover
 * it (cause NO_AREA); that decision depends on the areas, not on the territory.
 *
 * <p>Immutable and thread-safe.
 */
public final class SelectionRule {

    private final SensitivityRules rules;
    private final AreaIndex index;

    public SelectionRule(SensitivityRules rules, AreaIndex index) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.index = Objects.requireNonNull(index, "index");
    }

    /**
     * Whether the record is selected for a territory.
     *
     * @param row           the record as read from the source (precise local geometry, codes)
     * @param territory2154 the flux's territory in the same projection
     */
    public boolean selects(ObservationRow row, Geometry territory2154) {
        return selects(row.sensitivityCode(), row.diffusionCode(), row.localGeometry(), territory2154);
    }

    /** Whether an area meets the territory: it lies in it, or they share more than the threshold of the smaller. */
    static boolean meets(Geometry area, Geometry territory) {
        if (!area.intersects(territory)) {
            return false;
        }
        if (territory.covers(area)) {
            return true;
        }
        double shared = area.intersection(territory).getArea();
        return shared > SelectionPlan.MEETS_SHARE * Math.min(area.getArea(), territory.getArea());
    }

    /** As {@link #selects(ObservationRow, Geometry)}, from the record's codes and precise geometry. */
    public boolean selects(String sensitivityCode, String diffusionCode, Geometry localGeometry, Geometry territory2154) {
        if (localGeometry == null || localGeometry.isEmpty() || territory2154 == null || territory2154.isEmpty()) {
            return false;
        }
        DiffusionLevel level = rules.levelOf(sensitivityCode, diffusionCode);
        if (level == DiffusionLevel.WITHHELD) {
            return false;
        }
        if (level == DiffusionLevel.PRECISE) {
            return localGeometry.intersects(territory2154);
        }
        List<ReferenceArea> areas = index.touching(rules.areaTypeCode(level), localGeometry);
        for (ReferenceArea area : areas) {
            if (meets(area.localGeometry(), territory2154)) {
                return true;
            }
        }
        return false;
    }
}
