package org.naturaflux.sensitivity.area;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.naturaflux.model.row.ReferenceArea;

/**
 * The reference areas records are degraded to (communes, grid cells, départements...), as loaded by the
 * caller from {@code ref_geo.l_areas}: one spatial index (an STR-tree of prepared geometries) per area
 * type. It is the one source of truth for degradation: grid cells are areas like the others, there is
 * no grid formula anywhere.
 *
 * <p>Built once per run (or per process), immutable and safe to share between threads. Every query is
 * in EPSG:2154 ({@link ReferenceArea#localGeometry()}); results come sorted by area code, then id, so the
 * same query always gives the same list. Areas with an empty geometry are left out (they touch nothing).
 */
public final class AreaIndex {

    private static final Comparator<ReferenceArea> ORDER =
            Comparator.comparing(ReferenceArea::code).thenComparingLong(ReferenceArea::id);

    private final Map<String, TypeIndex> byType;
    private final int size;

    private AreaIndex(Map<String, TypeIndex> byType, int size) {
        this.byType = byType;
        this.size = size;
    }

    /** Indexes these areas, whatever their types. */
    public static AreaIndex of(Collection<ReferenceArea> areas) {
        Map<String, List<ReferenceArea>> grouped = new LinkedHashMap<>();
        int count = 0;
        for (ReferenceArea area : areas) {
            Objects.requireNonNull(area, "area");
            if (area.localGeometry().isEmpty()) {
                continue;
            }
            grouped.computeIfAbsent(area.typeCode(), t -> new ArrayList<>()).add(area);
            count++;
        }
        Map<String, TypeIndex> byType = new HashMap<>();
        grouped.forEach((type, list) -> byType.put(type, new TypeIndex(list)));
        return new AreaIndex(Map.copyOf(byType), count);
    }

    /**
     * The areas of a type whose geometry intersects {@code localGeometry} (EPSG:2154): interior or
     * boundary, so a point on the border of two cells touches both. Empty when the type is not indexed,
     * the geometry is null or empty, or nothing intersects.
     */
    public List<ReferenceArea> touching(String typeCode, Geometry localGeometry) {
        TypeIndex index = byType.get(typeCode);
        if (index == null || localGeometry == null || localGeometry.isEmpty()) {
            return List.of();
        }
        List<ReferenceArea> found = new ArrayList<>(4);
        for (Object candidate : index.tree.query(localGeometry.getEnvelopeInternal())) {
            Entry entry = (Entry) candidate;
            if (entry.prepared.intersects(localGeometry)) {
                found.add(entry.area);
            }
        }
        if (found.size() > 1) {
            found.sort(ORDER);
        }
        return found;
    }

    /**
     * The areas of a type whose interior meets the interior of {@code localGeometry} (EPSG:2154): for a
     * polygon, the areas that share some surface with it, not those that only touch its boundary. Used
     * to list the communes a degraded (polygonal) geometry covers part of.
     */
    public List<ReferenceArea> sharingInterior(String typeCode, Geometry localGeometry) {
        TypeIndex index = byType.get(typeCode);
        if (index == null || localGeometry == null || localGeometry.isEmpty()) {
            return List.of();
        }
        List<ReferenceArea> found = new ArrayList<>();
        for (Object candidate : index.tree.query(localGeometry.getEnvelopeInternal())) {
            Entry entry = (Entry) candidate;
            if (entry.prepared.intersects(localGeometry)
                    && (entry.prepared.containsProperly(localGeometry)
                    || entry.area.localGeometry().relate(localGeometry, "T********"))) {
                found.add(entry.area);
            }
        }
        found.sort(ORDER);
        return found;
    }

    /** Every indexed area of a type, sorted by code then id. */
    public List<ReferenceArea> areas(String typeCode) {
        TypeIndex index = byType.get(typeCode);
        return index == null ? List.of() : index.areas;
    }

    /** Whether any area of that type is indexed. */
    public boolean hasType(String typeCode) {
        return byType.containsKey(typeCode);
    }

    /** The indexed area types. */
    public Set<String> typeCodes() {
        return byType.keySet();
    }

    /** The number of indexed areas, all types together. */
    public int size() {
        return size;
    }

    private record Entry(ReferenceArea area, PreparedGeometry prepared) {
    }

    private static final class TypeIndex {
        final STRtree tree = new STRtree();
        final List<ReferenceArea> areas;

        TypeIndex(List<ReferenceArea> list) {
            List<ReferenceArea> sorted = new ArrayList<>(list);
            sorted.sort(ORDER);
            this.areas = List.copyOf(sorted);
            for (ReferenceArea area : sorted) {
                Geometry geometry = area.localGeometry();
                tree.insert(geometry.getEnvelopeInternal(), new Entry(area, PreparedGeometryFactory.prepare(geometry)));
            }
            // Built now so that concurrent queries only read.
            tree.build();
        }
    }
}
