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
 * Whether a record belongs to a flux's territory, stated in Java: the rule the source query applies in
 * SQL from the rules' {@link SelectionPlan}, so that a degraded record is selected by its degraded
 * geometry and never by its precise one (otherwise a tiny territory polygon would locate it). The same
 * rule governs counts and size estimates.
 *
 * <ul>
 *   <li>PRECISE: the precise EPSG:2154 geometry intersects the territory;</li>
 *   <li>COMMUNE, GRID, DEPARTEMENT: some area of the level's type that the precise geometry intersects
 *       overlaps the territory (their interiors meet: an area that only shares a boundary with the
 *       territory, such as the neighbouring département of a département territory, does not count);
 *       a record no area touches is not selected;</li>
 *   <li>WITHHELD (including unknown codes): never.</li>
 * </ul>
 * In SQL terms, for a degraded level: {@code EXISTS (SELECT 1 FROM ref_geo.l_areas a WHERE a.id_type =
 * <level's type> AND ST_Intersects(a.geom, s.the_geom_local) AND ST_Intersects(a.geom, :territory)
 * AND NOT ST_Touches(a.geom, :territory))}.
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
     * @param row         the record as read from the source (precise EPSG:2154 geometry, codes)
     * @param territory2154 the flux's territory in EPSG:2154
     */
    public boolean selects(ObservationRow row, Geometry territory2154) {
        return selects(row.sensitivityCode(), row.diffusionCode(), row.localGeometry(), territory2154);
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
            if (area.localGeometry().relate(territory2154, "T********")) {
                return true;
            }
        }
        return false;
    }
}
