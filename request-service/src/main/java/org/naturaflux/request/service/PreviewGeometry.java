package org.naturaflux.request.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * A geometry of a preview as a GeoJSON geometry object (RFC 7946): EPSG:4326 longitude/latitude as JTS holds it,
 * coordinates rounded to a number of decimals, exterior rings counter-clockwise and holes clockwise. A geometry
 * with more coordinates than allowed is simplified first (Douglas-Peucker preserving topology: a subset of its
 * vertices, coarser, never a vertex moved or added), with a tolerance doubled from 0.00001° until it fits or
 * reaches 0.1°.
 */
final class PreviewGeometry {

    private static final double FIRST_TOLERANCE = 1e-5;
    private static final double LAST_TOLERANCE = 0.1;

    private final double scale;

    /** @param decimals the decimals kept, 1 to 15 */
    PreviewGeometry(int decimals) {
        if (decimals < 1 || decimals > 15) {
            throw new IllegalArgumentException("decimals must be between 1 and 15: " + decimals);
        }
        this.scale = Math.pow(10, decimals);
    }

    /** The geometry with at most {@code maxCoordinates} coordinates, when simplifying can bring it there. */
    static Geometry within(Geometry geometry, int maxCoordinates) {
        Geometry simplified = geometry;
        for (double tolerance = FIRST_TOLERANCE; simplified.getNumPoints() > maxCoordinates && tolerance <= LAST_TOLERANCE;
             tolerance *= 2) {
            simplified = TopologyPreservingSimplifier.simplify(geometry, tolerance);
        }
        return simplified;
    }

    /** The GeoJSON geometry object. */
    Map<String, Object> toGeoJson(Geometry geometry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", geometry.getGeometryType());
        if (geometry instanceof GeometryCollection collection && !(geometry instanceof MultiPoint
                || geometry instanceof MultiLineString || geometry instanceof MultiPolygon)) {
            List<Object> members = new ArrayList<>();
            for (int i = 0; i < collection.getNumGeometries(); i++) {
                members.add(toGeoJson(collection.getGeometryN(i)));
            }
            json.put("geometries", members);
        } else {
            json.put("coordinates", coordinates(geometry));
        }
        return json;
    }

    private Object coordinates(Geometry geometry) {
        if (geometry instanceof Point point) {
            return point.isEmpty() ? List.of() : position(point.getCoordinate());
        }
        if (geometry instanceof LineString line) {
            return positions(line.getCoordinates(), false, false);
        }
        if (geometry instanceof Polygon polygon) {
            List<Object> rings = new ArrayList<>();
            if (!polygon.isEmpty()) {
                rings.add(positions(polygon.getExteriorRing().getCoordinates(), true, true));
                for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
                    rings.add(positions(polygon.getInteriorRingN(i).getCoordinates(), true, false));
                }
            }
            return rings;
        }
        List<Object> members = new ArrayList<>();
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            members.add(coordinates(geometry.getGeometryN(i)));
        }
        return members;
    }

    /** The positions of a line or ring; a ring wound counter-clockwise when {@code ccw}, clockwise otherwise. */
    private List<Object> positions(Coordinate[] coordinates, boolean ring, boolean ccw) {
        boolean reverse = ring && coordinates.length >= 4 && Orientation.isCCW(coordinates) != ccw;
        List<Object> positions = new ArrayList<>(coordinates.length);
        for (int i = 0; i < coordinates.length; i++) {
            positions.add(position(coordinates[reverse ? coordinates.length - 1 - i : i]));
        }
        return positions;
    }

    private List<Double> position(Coordinate c) {
        return List.of(round(c.getX()), round(c.getY()));
    }

    private double round(double value) {
        return Math.round(value * scale) / scale;
    }
}
