package org.naturaflux.source.status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.model.row.ReferenceArea;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.degrade.Degradation;
import org.naturaflux.sensitivity.rules.SensitivityRules;

/**
 * The départements (DEP areas of the area index, by {@code id_area}) of a record's <em>exported</em>
 * extent, which {@link TaxonStatuses#applicable} takes: for a PRECISE record those its precise geometry
 * intersects (boundary included: a point on a border is in both); for a degraded one those that share
 * some surface with one of the areas it was degraded to (a commune is in its own département, not in
 * the ones it only borders; a 10 km cell across a border is in both; a département is itself), computed
 * once per area from the index already loaded for degradation, never from the precise geometry. Thread-safe.
 */
public final class ExtentDepartements {

    private static final long[] NONE = new long[0];

    private final SensitivityRules rules;
    private final AreaIndex index;
    private final Map<String, Map<String, ReferenceArea>> byCode = new ConcurrentHashMap<>();
    private final Map<Long, long[]> perArea = new ConcurrentHashMap<>();

    /** Over the index the export degrades with (it must hold the {@value TaxonStatuses#DEPARTEMENT_TYPE} areas). */
    public ExtentDepartements(SensitivityRules rules, AreaIndex index) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.index = Objects.requireNonNull(index, "index");
    }

    /** Whether the index holds départements at all (otherwise no record gets a status). */
    public boolean available() {
        return index.hasType(TaxonStatuses.DEPARTEMENT_TYPE);
    }

    /** Every département of the index, by {@code id_area}. */
    public List<Long> all() {
        return index.areas(TaxonStatuses.DEPARTEMENT_TYPE).stream().map(ReferenceArea::id).toList();
    }

    /**
     * The départements of an exported record's extent, sorted ids.
     *
     * @param exported       what the degrader made of the record
     * @param preciseLocal   the record's precise local geometry (read for a PRECISE record only)
     */
    public long[] of(Degradation.Exported exported, Geometry preciseLocal) {
        if (exported.level() == DiffusionLevel.PRECISE) {
            return ids(index.touching(TaxonStatuses.DEPARTEMENT_TYPE, preciseLocal));
        }
        String type = rules.areaTypeCode(exported.level());
        Map<String, ReferenceArea> areas = byCode.computeIfAbsent(type, this::indexByCode);
        if (exported.areaCodes().size() == 1) {
            ReferenceArea area = areas.get(exported.areaCodes().get(0));
            return area == null ? NONE : ofArea(area);
        }
        TreeSet<Long> union = new TreeSet<>();
        for (String code : exported.areaCodes()) {
            ReferenceArea area = areas.get(code);
            if (area == null) {
                return NONE;
            }
            for (long id : ofArea(area)) {
                union.add(id);
            }
        }
        return union.stream().mapToLong(Long::longValue).toArray();
    }

    private long[] ofArea(ReferenceArea area) {
        return perArea.computeIfAbsent(area.id(), id -> TaxonStatuses.DEPARTEMENT_TYPE.equals(area.typeCode())
                ? new long[] {id}
                : ids(index.sharingInterior(TaxonStatuses.DEPARTEMENT_TYPE, area.localGeometry())));
    }

    private Map<String, ReferenceArea> indexByCode(String type) {
        Map<String, ReferenceArea> map = new HashMap<>();
        for (ReferenceArea area : index.areas(type)) {
            map.putIfAbsent(area.code(), area);
        }
        return map;
    }

    private static long[] ids(List<ReferenceArea> areas) {
        return areas.stream().mapToLong(ReferenceArea::id).sorted().distinct().toArray();
    }
}
