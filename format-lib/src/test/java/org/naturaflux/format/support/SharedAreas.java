package org.naturaflux.format.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Polygons shaped like the areas degraded records carry (communes, grid cells, départements transformed to
 * WGS84 with a vertex every 100 m): distinct, irregular, counterclockwise rings around Île-de-France with
 * full-precision coordinates, some with a hole, some multipolygons. Each is one instance, meant to be shared
 * by many rows, as the degrader shares one footprint's geometry.
 */
public final class SharedAreas {

    private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

    private SharedAreas() {
    }

    /**
     * {@code count} polygons of {@code minVertices} to {@code maxVertices} vertices (their exterior ring,
     * log-uniformly distributed: 50 to 3,000 average about 720), the same for the same seed.
     */
    public static List<Geometry> polygons(int count, int minVertices, int maxVertices, long seed) {
        Random random = new Random(seed);
        List<Geometry> areas = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double x = 1.5 + 2 * random.nextDouble();
            double y = 48.1 + 1.1 * random.nextDouble();
            double radius = 0.01 + 0.2 * random.nextDouble();
            // log-uniform: many small areas (communes), a few large ones (départements)
            int vertices = (int) Math.round(minVertices * Math.pow((double) maxVertices / minVertices, random.nextDouble()));
            Polygon shell = GEOMETRY.createPolygon(ring(random, x, y, radius, vertices));
            Geometry area = shell;
            if (i % 5 == 1) {
                area = GEOMETRY.createPolygon(ring(random, x, y, radius, vertices),
                        new LinearRing[]{reversed(ring(random, x, y, radius / 4, 20))});
            } else if (i % 5 == 2) {
                Polygon second = GEOMETRY.createPolygon(ring(random, x + 3 * radius, y, radius / 2, vertices / 2 + 4));
                area = GEOMETRY.createMultiPolygon(new Polygon[]{shell, second});
            }
            area.setSRID(4326);
            areas.add(area);
        }
        return areas;
    }

    /** A counterclockwise ring of {@code vertices} distinct vertices, closed. */
    private static LinearRing ring(Random random, double x, double y, double radius, int vertices) {
        Coordinate[] coordinates = new Coordinate[vertices + 1];
        for (int k = 0; k < vertices; k++) {
            double angle = 2 * Math.PI * k / vertices;
            double r = radius * (0.8 + 0.2 * random.nextDouble());
            coordinates[k] = new Coordinate(x + r * Math.cos(angle), y + r * Math.sin(angle));
        }
        coordinates[vertices] = coordinates[0].copy();
        return GEOMETRY.createLinearRing(coordinates);
    }

    private static LinearRing reversed(LinearRing ring) {
        return ring.reverse();
    }
}
