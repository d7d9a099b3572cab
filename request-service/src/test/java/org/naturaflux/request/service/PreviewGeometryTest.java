package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.WKTReader;

/** How a preview writes a geometry: rounded, wound as RFC 7946 says, simplified only to a subset of its vertices. */
class PreviewGeometryTest {

    private static final WKTReader WKT = new WKTReader(new GeometryFactory(new PrecisionModel(), 4326));

    @Test
    void coordinatesAreRoundedToTheDecimalsAsked() throws Exception {
        Map<String, Object> point = new PreviewGeometry(3).toGeoJson(WKT.read("POINT (2.3456789 48.8512345)"));
        assertThat(point).containsEntry("type", "Point").containsEntry("coordinates", List.of(2.346, 48.851));
    }

    @Test
    void ringsAreWoundAsRfc7946Says() throws Exception {
        // exterior clockwise, hole counter-clockwise: both reversed
        Geometry polygon = WKT.read("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))");
        @SuppressWarnings("unchecked")
        List<List<List<Double>>> rings = (List<List<List<Double>>>) new PreviewGeometry(6).toGeoJson(polygon).get("coordinates");
        assertThat(Orientation.isCCW(coordinates(rings.get(0)))).isTrue();
        assertThat(Orientation.isCCW(coordinates(rings.get(1)))).isFalse();
        assertThat(rings.get(0)).hasSize(5).contains(List.of(0.0, 10.0), List.of(10.0, 0.0));
    }

    @Test
    void aGeometryOfTooManyVerticesKeepsASubsetOfThem() throws Exception {
        StringBuilder ring = new StringBuilder("POLYGON ((");
        int n = 2000;
        for (int i = 0; i <= n; i++) {
            double angle = 2 * Math.PI * (i % n) / n;
            ring.append(i == 0 ? "" : ", ").append(2 + 0.1 * Math.cos(angle) + 0.0001 * Math.sin(40 * angle)).append(' ')
                    .append(48 + 0.1 * Math.sin(angle));
        }
        Geometry area = WKT.read(ring.append("))").toString());
        Geometry simplified = PreviewGeometry.within(area, 100);
        assertThat(simplified.getNumPoints()).isLessThanOrEqualTo(100).isGreaterThanOrEqualTo(4);
        Set<Coordinate> original = new HashSet<>(List.of(area.getCoordinates()));
        assertThat(original).as("no vertex moved or added").contains(simplified.getCoordinates());
        assertThat(PreviewGeometry.within(area, 5000)).isSameAs(area);
    }

    private static Coordinate[] coordinates(List<List<Double>> ring) {
        return ring.stream().map(p -> new Coordinate(p.get(0), p.get(1))).toArray(Coordinate[]::new);
    }
}
