package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;
import org.naturaflux.model.spec.Violation;

/** Territory geometries: readable cases (GeoJSON or WKT in, WKT or a violation out) and a property test. */
class TerritoryGeometryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TerritoryGeometry geometry = new TerritoryGeometry(1000, 100_000);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"Polygon\",\"coordinates\":[[[2,48],[3,48],[3,49],[2,48]]]}|POLYGON ((2 48, 3 48, 3 49, 2 48))",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0,5],[10,0,5],[10,10,5],[0,10,5],[0,0,5]],[[2,2],[2,4],[4,4],[2,2]]]}"
                    + "|POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 2 2))",
            "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}"
                    + "|MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))"})
    void readsGeoJsonPolygonsAsWkt(String geoJson, String expected) throws Exception {
        List<Violation> violations = new ArrayList<>();
        String wkt = geometry.fromGeoJson(JSON.readTree(geoJson), "/g", violations);
        assertThat(violations).isEmpty();
        assertThat(new WKTReader().read(wkt).equalsExact(new WKTReader().read(expected))).as(wkt).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))|/t|Self-intersection at or near (5.0 5.0)",
            "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 21 20, 21 21, 20 20))|/t|Hole lies outside shell",
            "MULTIPOLYGON (((0 0, 2 0, 2 2, 0 2, 0 0)), ((1 1, 3 1, 3 3, 1 3, 1 1)))|/t|Self-intersection",
            "POLYGON ((0 0, 1 0, 2 0, 0 0))|/t|Self-intersection at or near (1.0 0.0)",
            "POLYGON ((170 0, 190 0, 190 10, 170 0))|/t|WGS84",
            "POLYGON ((0 -95, 1 -95, 1 -80, 0 -95))|/t|WGS84",
            "POINT (2 48)|/t|POLYGON or a MULTIPOLYGON",
            "GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 0)))|/t|POLYGON or a MULTIPOLYGON",
            "MULTIPOLYGON EMPTY|/t|empty",
            "POLYGON ((0 0, 1 0|/t|not valid WKT"})
    void refusesInvalidWktWithAMessage(String wkt, String path, String fragment) {
        List<Violation> violations = new ArrayList<>();
        assertThat(geometry.fromWkt(wkt, path, violations)).isNull();
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo(path);
            assertThat(v.message()).contains(fragment);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"Polygon\"}|/g/coordinates|must be an array",
            "{\"coordinates\":[]}|/g/type|needs a \"type\"",
            "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}|/g/type|unsupported GeoJSON type 'LineString'",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0.5]]]}|/g/coordinates/0|closed",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1],[1,1],[0,0]]]}|/g/coordinates/0/1|[longitude, latitude]",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]],\"crs\":{}}|/g/crs|unknown member",
            "[1,2]|/g|GeoJSON geometry object"})
    void refusesMalformedGeoJsonWithItsPointer(String geoJson, String path, String fragment) throws Exception {
        List<Violation> violations = new ArrayList<>();
        assertThat(geometry.fromGeoJson(JSON.readTree(geoJson), "/g", violations)).isNull();
        assertThat(violations).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo(path);
            assertThat(v.message()).contains(fragment);
        });
    }

    @Test
    void enforcesTheVertexAndByteLimits() {
        TerritoryGeometry small = new TerritoryGeometry(4, 60);
        List<Violation> violations = new ArrayList<>();
        assertThat(small.fromWkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", "/t", violations)).isNull();
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.message()).contains("5 vertices, at most 4"));
        violations.clear();
        assertThat(small.fromWkt("POLYGON ((0.123456789 0, 1.123456789 0, 1.123456789 1.123456789, 0.123456789 0))", "/t",
                violations)).isNull();
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.message()).contains("too large"));
    }

    /**
     * Property: any simple star-shaped polygon (random radii around a random centre) written as GeoJSON
     * reads as the same geometry as the WKT written independently from the same coordinates.
     */
    @Test
    void geoJsonAndWktOfTheSameStarPolygonAgree() throws Exception {
        long seed = 20261128L;
        Random random = new Random(seed);
        WKTReader reader = new WKTReader();
        for (int i = 0; i < 300; i++) {
            int n = 3 + random.nextInt(60);
            double cx = -170 + 340 * random.nextDouble();
            double cy = -80 + 160 * random.nextDouble();
            StringBuilder json = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
            StringBuilder wkt = new StringBuilder("POLYGON ((");
            double[][] points = new double[n + 1][];
            for (int k = 0; k < n; k++) {
                double angle = 2 * Math.PI * k / n;
                double r = 0.01 + 5 * random.nextDouble();
                points[k] = new double[] {cx + r * Math.cos(angle), cy + r * Math.sin(angle)};
            }
            points[n] = points[0];
            for (int k = 0; k <= n; k++) {
                json.append(String.format(Locale.ROOT, "[%.9f,%.9f]%s", points[k][0], points[k][1], k < n ? "," : ""));
                wkt.append(String.format(Locale.ROOT, "%.9f %.9f%s", points[k][0], points[k][1], k < n ? ", " : ""));
            }
            json.append("]]}");
            wkt.append("))");
            List<Violation> violations = new ArrayList<>();
            String read = geometry.fromGeoJson(JSON.readTree(json.toString()), "/g", violations);
            Geometry expected = reader.read(wkt.toString());
            assertThat(violations).as("seed %d, case %d: %s", seed, i, json).isEmpty();
            assertThat(reader.read(read).equalsExact(expected, 1e-9)).as("seed %d, case %d", seed, i).isTrue();
        }
    }
}
