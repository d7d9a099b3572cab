package org.naturaflux.sensitivity.degrade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.naturaflux.model.row.ReferenceArea;
import org.naturaflux.sensitivity.area.AreaIndex;

/**
 * What a set of areas gives a degraded record: the union of their geometries, its centroid, its size,
 * the area codes and the communes it covers. A function of the set of areas only, never of the record,
 * so degraded records in the same areas are indistinguishable. Computed once per set and shared
 * (immutable apart from the lazily computed 2154 union, a benign race on an idempotent value).
 */
final class Footprint {

    private final List<ReferenceArea> areas;
    private final Geometry output;
    private final double centroidX;
    private final double centroidY;
    private final long size;
    private final String areaCodes;
    private final List<String> codes;
    private final String communes;
    private volatile PreparedGeometry localUnion;
    private volatile PreparedGeometry tolerantUnion;

    private Footprint(List<ReferenceArea> areas, Geometry output, double centroidX, double centroidY, long size,
                      List<String> codes, String communes) {
        this.areas = areas;
        this.output = output;
        this.centroidX = centroidX;
        this.centroidY = centroidY;
        this.size = size;
        this.codes = codes;
        this.areaCodes = String.join(", ", codes);
        this.communes = communes;
    }

    /**
     * @param areas        the areas, sorted (as {@link AreaIndex} returns them), at least one
     * @param centroidOnly whether the output geometry is the centroid point rather than the union
     * @param index        the index to list communes from, or null when no field needs them
     * @param communeType  the area type of communes
     */
    static Footprint of(List<ReferenceArea> areas, boolean centroidOnly, AreaIndex index, String communeType) {
        Geometry union = areas.size() == 1 ? areas.get(0).geometry() : union4326(areas);
        Point centroid = union.getCentroid();
        centroid.setSRID(union.getSRID());
        Envelope envelope = new Envelope();
        List<String> codes = new ArrayList<>(areas.size());
        for (ReferenceArea area : areas) {
            envelope.expandToInclude(area.localGeometry().getEnvelopeInternal());
            codes.add(area.code());
        }
        long size = (long) Math.ceil(Math.hypot(envelope.getWidth(), envelope.getHeight()));
        String communes = index == null ? null : communes(areas, index, communeType);
        return new Footprint(List.copyOf(areas), centroidOnly ? centroid : union, centroid.getX(), centroid.getY(),
                size, List.copyOf(codes), communes);
    }

    private static Geometry union4326(List<ReferenceArea> areas) {
        List<Geometry> parts = new ArrayList<>(areas.size());
        for (ReferenceArea area : areas) {
            parts.add(area.geometry());
        }
        Geometry union = UnaryUnionOp.union(parts);
        union.setSRID(areas.get(0).geometry().getSRID());
        return union;
    }

    /**
     * Names of the communes whose interior meets the interior of one of the areas (so of their union),
     * distinct and sorted; null when the index holds no commune at all (the list could not be complete).
     */
    private static String communes(List<ReferenceArea> areas, AreaIndex index, String communeType) {
        if (!index.hasType(communeType)) {
            return null;
        }
        Map<Long, ReferenceArea> found = new LinkedHashMap<>();
        for (ReferenceArea area : areas) {
            for (ReferenceArea commune : index.sharingInterior(communeType, area.localGeometry())) {
                found.putIfAbsent(commune.id(), commune);
            }
        }
        TreeSet<String> names = new TreeSet<>();
        for (ReferenceArea commune : found.values()) {
            names.add(commune.name() != null ? commune.name() : commune.code());
        }
        return String.join(", ", names);
    }

    /**
     * Whether the union of the areas (EPSG:2154) covers {@code local}, up to {@code tolerance} metres.
     * Points need no check: an area that touches a point covers it.
     */
    boolean covers(Geometry local, double tolerance) {
        if (local instanceof Point) {
            return true;
        }
        PreparedGeometry union = localUnion;
        if (union == null) {
            union = PreparedGeometryFactory.prepare(localUnion());
            localUnion = union;
        }
        if (union.covers(local)) {
            return true;
        }
        if (tolerance <= 0) {
            return false;
        }
        PreparedGeometry tolerant = tolerantUnion;
        if (tolerant == null) {
            tolerant = PreparedGeometryFactory.prepare(localUnion().buffer(tolerance));
            tolerantUnion = tolerant;
        }
        return tolerant.covers(local);
    }

    private Geometry localUnion() {
        if (areas.size() == 1) {
            return areas.get(0).localGeometry();
        }
        List<Geometry> parts = new ArrayList<>(areas.size());
        for (ReferenceArea area : areas) {
            parts.add(area.localGeometry());
        }
        return UnaryUnionOp.union(parts);
    }

    /** The geometry a degraded row carries (EPSG:4326): the union, or its centroid. */
    Geometry output() {
        return output;
    }

    double centroidX() {
        return centroidX;
    }

    double centroidY() {
        return centroidY;
    }

    /** Diagonal of the areas' EPSG:2154 envelope, in whole metres rounded up. */
    long size() {
        return size;
    }

    String areaCodes() {
        return areaCodes;
    }

    List<String> codes() {
        return codes;
    }

    /** Commune names joined by ", ", or null when they cannot be listed completely. */
    String communes() {
        return communes;
    }
}
