package org.naturaflux.sensitivity.degrade;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.row.ReferenceArea;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.GeometryAs;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.rules.LevelDecision;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.sensitivity.rules.WithholdCause;

/**
 * Degrades records of one export to their diffusion level, so that no field reveals a location finer
 * than that level. Configured once per export (rules, area index, the export's fields, its options);
 * thread-safe.
 *
 * <h2>Per level</h2>
 * <ul>
 *   <li><b>WITHHELD</b> (SENSIBILITE 4, NIV_PRECIS 4, NULL sensitivity under the default policy, unknown
 *       codes): not exported, {@link Degradation.Withheld} with the cause.</li>
 *   <li><b>PRECISE</b>: exported unchanged, except the SENSITIVITY field(s) set to the label and the
 *       AREA_CODES field(s) to null; the input row itself when they already hold that.</li>
 *   <li><b>COMMUNE, GRID, DEPARTEMENT</b>: the areas of the level's type (see
 *       {@link SensitivityRules#areaTypeCode}) that the precise EPSG:2154 geometry intersects — points,
 *       lines and polygons alike, boundaries included, so a point on the border of two cells gets both.
 *       The row's geometry becomes the union of their EPSG:4326 geometries (or, with
 *       {@link GeometryAs#CENTROID}, that union's centroid), its local geometry null. When no area
 *       touches the record, or the touched areas do not cover it (a line leaving the loaded areas, beyond
 *       {@link SensitivityRules#coverageTolerance()}), or it has no local geometry, the record is withheld
 *       with cause {@link WithholdCause#NO_AREA}: never exported precise instead.</li>
 * </ul>
 *
 * <h2>Fields of a degraded row</h2>
 * Driven only by each field's declared {@link org.naturaflux.model.field.Reveals}, so a new catalogue
 * field is scrubbed as soon as it declares what it reveals: GEOMETRY the output geometry (a JTS geometry,
 * or its WKT for a text field); CENTROID the union's centroid x or y in EPSG:4326; COMMUNES the names of
 * every commune (area type {@link SensitivityRules#communeTypeCode()}) whose interior meets the union,
 * sorted, joined by ", " (for a département, all its communes), or null when the index holds no commune;
 * PLACE_NAME, ELEVATION, FREE_TEXT, ADDITIONAL_DATA, PROOF_URL, LINKING_ID null; PRECISION the larger of
 * the source value and the diagonal of the areas' EPSG:2154 envelope (metres, rounded up), which also
 * states the precision of a centroid; SENSITIVITY the label; AREA_CODES the area codes, sorted, joined by
 * ", "; with date coarsening on, DATE moved to the first day of the month or year (LocalDate and
 * LocalDateTime, the latter at midnight) and TIME null. Every value of a degraded row is a function of
 * its areas, of the fields that reveal nothing and of a source precision coarser than the areas: two
 * records in the same areas look alike.
 */
public final class RecordDegrader {

    private static final int MAX_CACHED_FOOTPRINTS = 10_000;

    private final SensitivityRules rules;
    private final AreaIndex index;
    private final int fieldCount;
    private final FieldPlan plan;
    private final boolean centroidOnly;
    private final Map<Object, Footprint> footprints = new ConcurrentHashMap<>();

    /**
     * @param rules   the platform's sensitivity rules
     * @param index   the reference areas of every type the rules use (and communes, for COMMUNES fields)
     * @param fields  the export's fields, in the order of {@link ObservationRow#values()}
     * @param options the flux's options (geometry as polygon or centroid, date coarsening)
     */
    public RecordDegrader(SensitivityRules rules, AreaIndex index, List<FieldDefinition> fields, ExportOptions options) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.index = Objects.requireNonNull(index, "index");
        this.fieldCount = fields.size();
        this.plan = new FieldPlan(List.copyOf(fields), options.dateCoarsening());
        this.centroidOnly = options.geometryAs() == GeometryAs.CENTROID;
    }

    /** A degrader with the standard rules and default options. */
    public static RecordDegrader standard(AreaIndex index, List<FieldDefinition> fields) {
        return new RecordDegrader(SensitivityRules.standard(), index, fields, ExportOptions.defaults());
    }

    /**
     * What becomes of one record.
     *
     * @throws IllegalArgumentException when the row's values do not match the export's fields
     */
    public Degradation degrade(ObservationRow row) {
        if (row.values().length != fieldCount) {
            throw new IllegalArgumentException("row " + row.id() + " has " + row.values().length
                    + " values for " + fieldCount + " fields");
        }
        LevelDecision decision = rules.decide(row.sensitivityCode(), row.diffusionCode());
        DiffusionLevel level = decision.level();
        if (level == DiffusionLevel.WITHHELD) {
            return withheld(row, level, decision.withholdCause());
        }
        if (level == DiffusionLevel.PRECISE) {
            return precise(row, decision.label());
        }
        Geometry local = row.localGeometry();
        List<ReferenceArea> areas = index.touching(rules.areaTypeCode(level), local);
        if (areas.isEmpty()) {
            return withheld(row, level, WithholdCause.NO_AREA);
        }
        Footprint footprint = footprint(areas);
        if (!footprint.covers(local, rules.coverageTolerance())) {
            return withheld(row, level, WithholdCause.NO_AREA);
        }
        Object[] values = row.values().clone();
        plan.degrade(values, footprint, decision.label());
        return new Degradation.Exported(row.with(null, footprint.output(), values), level, decision.label(),
                footprint.codes());
    }

    private static Degradation withheld(ObservationRow row, DiffusionLevel level, WithholdCause cause) {
        return new Degradation.Withheld(row.id(), row.sensitivityCode(), row.diffusionCode(), level, cause);
    }

    private Degradation precise(ObservationRow row, String label) {
        Object[] values = row.values();
        boolean unchanged = true;
        for (int i : plan.sensitivityIndex) {
            unchanged &= label.equals(values[i]);
        }
        for (int i : plan.areaCodesIndex) {
            unchanged &= values[i] == null;
        }
        ObservationRow out = row;
        if (!unchanged) {
            Object[] copy = values.clone();
            for (int i : plan.sensitivityIndex) {
                copy[i] = label;
            }
            for (int i : plan.areaCodesIndex) {
                copy[i] = null;
            }
            out = row.with(row.localGeometry(), row.geometry(), copy);
        }
        return new Degradation.Exported(out, DiffusionLevel.PRECISE, label, List.of());
    }

    private Footprint footprint(List<ReferenceArea> areas) {
        Object key = areas.size() == 1 ? new OneArea(areas.get(0).typeCode(), areas.get(0).id()) : AreaSet.of(areas);
        Footprint footprint = footprints.get(key);
        if (footprint == null) {
            footprint = Footprint.of(areas, centroidOnly, plan.needsCommunes ? index : null, rules.communeTypeCode());
            if (footprints.size() < MAX_CACHED_FOOTPRINTS) {
                footprints.putIfAbsent(key, footprint);
            }
        }
        return footprint;
    }

    /** Cache key of a single area (the common case: a point inside one area). */
    private record OneArea(String typeCode, long id) {
    }

    /** Cache key of several areas, in the index's order. */
    private record AreaSet(String typeCode, long[] ids) {
        static AreaSet of(List<ReferenceArea> areas) {
            long[] ids = new long[areas.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = areas.get(i).id();
            }
            return new AreaSet(areas.get(0).typeCode(), ids);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AreaSet other && typeCode.equals(other.typeCode) && Arrays.equals(ids, other.ids);
        }

        @Override
        public int hashCode() {
            return typeCode.hashCode() * 31 + Arrays.hashCode(ids);
        }

        @Override
        public String toString() {
            return typeCode + Arrays.toString(ids);
        }
    }
}
