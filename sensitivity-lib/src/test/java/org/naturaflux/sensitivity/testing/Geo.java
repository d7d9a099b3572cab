package org.naturaflux.sensitivity.testing;

import java.util.Collection;
import java.util.List;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/** Geometry helpers for tests: WKT, unions, and shape comparison with a tolerance. */
public final class Geo {

    public static final GeometryFactory FACTORY = new GeometryFactory();

    private Geo() {
    }

    public static Geometry wkt(String text) {
        try {
            return new WKTReader(FACTORY).read(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad WKT in test: " + text, e);
        }
    }

    public static Geometry union(Collection<Geometry> parts) {
        return parts.isEmpty() ? FACTORY.createGeometryCollection() : UnaryUnionOp.union(List.copyOf(parts));
    }

    /**
     * Whether two geometries are the same shape up to {@code tolerance} (coordinate units): the
     * Hausdorff distance between them, densified, is within it and, for areas, their symmetric difference
     * is negligible. Vertex order and collinear vertices do not matter.
     */
    public static boolean sameShape(Geometry actual, Geometry expected, double tolerance) {
        if (actual.getDimension() != expected.getDimension()) {
            return false;
        }
        if (DiscreteHausdorffDistance.distance(actual, expected, 0.05) > tolerance) {
            return false;
        }
        if (expected.getDimension() == 2) {
            double area = Math.max(expected.getArea(), 1e-300);
            return actual.symDifference(expected).getArea() / area < 1e-9;
        }
        return true;
    }
}
