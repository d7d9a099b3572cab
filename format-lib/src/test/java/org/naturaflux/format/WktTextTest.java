package org.naturaflux.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;

/** WktText writes, character for character, what JTS's WKTWriter(2) writes: JTS is the oracle. */
class WktTextTest {

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);
    private final WKTWriter jts = new WKTWriter(2);
    private final Random random = new Random(20261129);

    @Test
    void ordinatesOfEveryMagnitudeAreWrittenAsJtsWritesThem() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 48.0, 2.3522, 48.8566, 0.1, 1e-3, 9.99e-4,
                1e-10, -1e-20, 1e7, 1.2345678e8, 123456789012345.67, 0.12345678901234567, 0.30000000000000004,
                1.0000000000000002, -0.000000000000000051, 0.00000000000000005, 0.00000000000000015, 652_345.123_456_789,
                6_862_345.987_654_321, Double.MIN_VALUE, 1e300, -1e300, 4.35e-17, 5e-17, 2.5e-16, 7.5e-16));
        for (int i = 0; i < 20_000; i++) {
            values.add(random.nextDouble() * 360 - 180);
            values.add(random.nextDouble() * 1_000_000);
            values.add(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            values.add(Double.longBitsToDouble(random.nextLong()));
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                continue;
            }
            Point point = FACTORY.createPoint(new Coordinate(v, -v));
            assertThat(text(point)).as("ordinate %s (bits %x)", v, Double.doubleToRawLongBits(v)).isEqualTo(jts.write(point));
        }
    }

    @Test
    void everyGeometryTypeIsWrittenAsJtsWritesIt() throws Exception {
        WKTReader reader = new WKTReader(FACTORY);
        List<String> samples = List.of("POINT (2.3522 48.8566)", "POINT EMPTY", "LINESTRING (1 2, 3.5 4.25)", "LINESTRING EMPTY",
                "LINEARRING (0 0, 1 0, 1 1, 0 0)", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 2 1, 2 2, 1 1))", "POLYGON EMPTY",
                "MULTIPOINT ((1 2), (3 4))", "MULTIPOINT EMPTY", "MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))", "MULTILINESTRING EMPTY",
                "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5), (5.1 5.1, 5.2 5.1, 5.2 5.2, 5.1 5.1)))",
                "MULTIPOLYGON EMPTY", "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4), POLYGON ((0 0, 1 0, 1 1, 0 0)))",
                "GEOMETRYCOLLECTION EMPTY", "POINT Z (1 2 3)", "LINESTRING Z (1 2 3, 4 5 6)");
        for (String wkt : samples) {
            Geometry geometry = reader.read(wkt);
            assertThat(text(geometry)).as(wkt).isEqualTo(jts.write(geometry));
        }
        for (int i = 0; i < 500; i++) {
            Geometry geometry = randomGeometry(random.nextInt(7));
            assertThat(text(geometry)).isEqualTo(jts.write(geometry));
        }
    }

    @Test
    void otherPrecisionModelsAreLeftToJts() {
        Point fixed = new GeometryFactory(new PrecisionModel(1000)).createPoint(new Coordinate(1.23456, 2));
        assertThat(WktText.handles(fixed)).isFalse();
        assertThat(new ValueFormatter().wkt(fixed)).isEqualTo(jts.write(fixed));
    }

    private String text(Geometry geometry) {
        StringBuilder out = new StringBuilder();
        WktText.append(out, geometry);
        assertThat(new ValueFormatter().wkt(geometry)).isEqualTo(out.toString());
        return out.toString();
    }

    private Geometry randomGeometry(int kind) {
        return switch (kind) {
            case 0 -> FACTORY.createPoint(coordinate());
            case 1 -> FACTORY.createLineString(coordinates(2 + random.nextInt(6), false));
            case 2 -> polygon();
            case 3 -> FACTORY.createMultiPointFromCoords(coordinates(1 + random.nextInt(5), false));
            case 4 -> FACTORY.createMultiLineString(new LineString[] {
                    FACTORY.createLineString(coordinates(2, false)), FACTORY.createLineString(coordinates(3, false))});
            case 5 -> FACTORY.createMultiPolygon(new Polygon[] {polygon(), polygon()});
            default -> FACTORY.createGeometryCollection(new Geometry[] {FACTORY.createPoint(coordinate()), polygon()});
        };
    }

    private Polygon polygon() {
        LinearRing shell = FACTORY.createLinearRing(coordinates(3 + random.nextInt(5), true));
        return FACTORY.createPolygon(shell);
    }

    private Coordinate[] coordinates(int n, boolean closed) {
        Coordinate[] coordinates = new Coordinate[closed ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            coordinates[i] = coordinate();
        }
        if (closed) {
            coordinates[n] = coordinates[0].copy();
        }
        return coordinates;
    }

    private Coordinate coordinate() {
        return new Coordinate(random.nextDouble() * 10 - 5 + random.nextInt(3) * 600_000, random.nextDouble() * 90);
    }
}
