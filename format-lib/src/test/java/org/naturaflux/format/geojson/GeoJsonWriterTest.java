package org.naturaflux.format.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.format.support.Fixtures.FIELDS;
import static org.naturaflux.format.support.Fixtures.hardCases;
import static org.naturaflux.format.support.Fixtures.wkt;
import static org.naturaflux.format.support.PythonJson.integer;
import static org.naturaflux.format.support.PythonJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.format.support.Decompress;
import org.naturaflux.format.support.ExpectedJson;
import org.naturaflux.format.support.ExternalTools;
import org.naturaflux.format.support.ExternalTools.Layer;
import org.naturaflux.format.support.Fixtures;
import org.naturaflux.format.support.Geometries;
import org.naturaflux.format.support.PythonJson;
import org.naturaflux.format.support.PythonJson.Typed;
import org.naturaflux.format.support.Writes;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.Compression;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;

/** GeoJSON files read back by GDAL (features, ids, geometries) and Python's json module (typed properties). */
class GeoJsonWriterTest {

    /** The geometries GDAL must read for {@code Fixtures.hardCases()}: rings rewound by the right-hand rule. */
    static final String[] EXPECTED_WKT = {
            "POINT (2.3522 48.8566)",
            "LINESTRING (2.1 48.1, 2.2 48.3, 2.4 48.2)",
            "POLYGON ((2 48, 3 48, 3 49, 2 49, 2 48), (2.2 48.2, 2.2 48.4, 2.4 48.4, 2.4 48.2, 2.2 48.2))",
            "MULTIPOINT ((1.5 47.5), (1.75 47.25))",
            "MULTILINESTRING ((3 45, 3.5 45.5), (4 46, 4.5 46.5, 5 46))",
            null,
            "MULTIPOLYGON (((6 44, 7 44, 7 45, 6 45, 6 44)), ((8 44, 9 44, 9 45, 8 45, 8 44)))",
            "GEOMETRYCOLLECTION (POINT (-1.5 43.5), LINESTRING (-1 43, -0.5 43.5))",
            "POINT (-4.4861 48.3904)",
    };

    @TempDir
    Path dir;

    private static void assertFeatures(Layer layer) {
        assertThat(layer.meta().get("driver").asText()).isEqualTo("GeoJSON");
        assertThat(layer.meta().get("featureCount").asLong()).isEqualTo(EXPECTED_WKT.length);
        List<String> names = new ArrayList<>();
        layer.meta().get("fields").forEach(f -> names.add(f.get("name").asText()));
        assertThat(names).containsExactly("id_synthese", "nom_cite", "nombre_min", "mesure", "date_debut",
                "date_modification", "valide", "uuid_perm_sinp", "champs_additionnels");
        for (int i = 0; i < EXPECTED_WKT.length; i++) {
            JsonNode feature = layer.features().get(i);
            assertThat(feature.get("fid").asLong()).isEqualTo(i + 1);
            Geometry geometry = Geometries.of(feature);
            if (EXPECTED_WKT[i] == null) {
                assertThat((Object) geometry).as("feature %d", i + 1).isNull();
            } else {
                assertThat(geometry.equalsExact(wkt(EXPECTED_WKT[i])))
                        .as("feature %d: %s", i + 1, geometry).isTrue();
            }
        }
    }

    /** The properties Python reads: the JSON writer's typed values without the geometry field. */
    private static void assertProperties(List<List<Object[]>> records) {
        String[] keys = new String[]{"type", "id", "id_synthese", "nom_cite", "nombre_min", "mesure", "date_debut",
                "date_modification", "valide", "uuid_perm_sinp", "champs_additionnels"};
        assertThat(records).hasSize(ExpectedJson.VALUES.length);
        for (int i = 0; i < records.size(); i++) {
            Typed[] json = ExpectedJson.VALUES[i];
            Typed[] expected = new Typed[keys.length];
            expected[0] = text("Feature");
            expected[1] = integer(i + 1);
            System.arraycopy(json, 0, expected, 2, json.length - 1);
            PythonJson.assertRecord(records.get(i), keys, expected);
        }
    }

    @Test
    void roundTripsFeaturesThroughGdalAndPropertiesThroughPython() throws IOException {
        WrittenFile file = Writes.write(ExportFormat.GEOJSON, dir.resolve("obs.geojson"), FIELDS, hardCases(),
                ExportOptions.defaults());

        assertFeatures(ExternalTools.readLayer(file.path()));
        assertProperties(PythonJson.read(file.path(), "geojson"));
        assertThat(file.rows()).isEqualTo(9);
    }

    @Test
    void windsExteriorRingsCounterclockwiseAndHolesClockwise() throws IOException {
        List<ObservationRow> rows = List.of(
                Fixtures.row(1, null, null, null, null, null, null, null, null,
                        "POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))"),
                Fixtures.row(2, null, null, null, null, null, null, null, null,
                        "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))"),
                Fixtures.row(3, null, null, null, null, null, null, null, null,
                        "MULTIPOLYGON (((20 0, 20 5, 25 5, 20 0)), ((30 0, 35 0, 35 5, 30 0), (31 1, 34 1, 34 4, 31 1)))"));
        WrittenFile file = Writes.write(ExportFormat.GEOJSON, dir.resolve("rings.geojson"), FIELDS, rows,
                ExportOptions.defaults());

        for (JsonNode feature : ExternalTools.readLayer(file.path()).features()) {
            Geometry geometry = Geometries.of(feature);
            for (int p = 0; p < geometry.getNumGeometries(); p++) {
                Polygon polygon = (Polygon) geometry.getGeometryN(p);
                assertThat(Orientation.isCCW(polygon.getExteriorRing().getCoordinateSequence()))
                        .as("exterior ring of %s", polygon).isTrue();
                for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                    assertThat(Orientation.isCCW(polygon.getInteriorRingN(h).getCoordinateSequence()))
                            .as("hole of %s", polygon).isFalse();
                }
            }
            long id = feature.get("fid").asLong();
            Geometry original = rows.get((int) id - 1).geometry();
            assertThat(geometry.equalsNorm(original)).as("same shape as %s", original).isTrue();
        }
    }

    @Test
    void roundsCoordinatesToTheRequestedDecimals() throws IOException {
        List<ObservationRow> rows = List.of(Fixtures.row(1, null, null, null, null, null, null, null, null,
                "LINESTRING (2.123456789012 48.987654321098, -0.0004 -179.99951, 0.5 1)"));
        WrittenFile three = Writes.write(ExportFormat.GEOJSON, dir.resolve("p3.geojson"), FIELDS, rows,
                Writes.precision(3));
        WrittenFile seven = Writes.write(ExportFormat.GEOJSON, dir.resolve("p7.geojson"), FIELDS, rows,
                ExportOptions.defaults());
        WrittenFile fifteen = Writes.write(ExportFormat.GEOJSON, dir.resolve("p15.geojson"), FIELDS, rows,
                Writes.precision(15));

        assertThat(geometry(three).equalsExact(wkt("LINESTRING (2.123 48.988, 0 -180, 0.5 1)"))).isTrue();
        assertThat(Files.readString(three.path())).contains("\"coordinates\":[[2.123,48.988],[0,-180],[0.5,1]]");
        assertThat(geometry(seven).equalsExact(wkt("LINESTRING (2.1234568 48.9876543, -0.0004 -179.99951, 0.5 1)")))
                .isTrue();
        assertThat(Files.readString(fifteen.path()))
                .contains("[[2.123456789012,48.987654321098],[-0.0004,-179.99951],[0.5,1]]");
    }

    private static Geometry geometry(WrittenFile file) {
        return Geometries.of(ExternalTools.readLayer(file.path()).features().get(0));
    }

    @Test
    void writesOneFeaturePerLineWithTheRowIdAndNoCrs() throws IOException {
        Writes.write(ExportFormat.GEOJSON, dir.resolve("obs.geojson"), FIELDS, hardCases(), ExportOptions.defaults());

        List<String> lines = Files.readAllLines(dir.resolve("obs.geojson"));
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).isEqualTo("{\"type\":\"FeatureCollection\",\"features\":[");
        assertThat(lines.get(1)).startsWith("{\"type\":\"Feature\",\"id\":1,\"geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[2.3522,48.8566]},\"properties\":{\"id_synthese\":1,\"nom_cite\":");
        assertThat(lines.get(6)).startsWith("{\"type\":\"Feature\",\"id\":6,\"geometry\":null,");
        assertThat(lines.get(10)).isEqualTo("]}");
        assertThat(String.join("\n", lines)).doesNotContain("\"crs\"").doesNotContain("geometrie_wkt_4326");
    }

    @Test
    void zeroRowsGiveAnEmptyFeatureCollection() throws IOException {
        WrittenFile file = Writes.write(ExportFormat.GEOJSON, dir.resolve("empty.geojson"), FIELDS, List.of(),
                ExportOptions.defaults());

        assertThat(Files.readString(file.path())).isEqualTo("{\"type\":\"FeatureCollection\",\"features\":[]}\n");
        assertThat(PythonJson.read(file.path(), "geojson")).isEmpty();
        assertThat(ExternalTools.runOk(List.of("ogrinfo", "-ro", "-so", "-al", file.path().toString())).stdout())
                .contains("Feature Count: 0");
    }

    @Test
    void gzipAndZipHoldTheSameGeoJson() throws IOException {
        WrittenFile gz = Writes.write(ExportFormat.GEOJSON, dir.resolve("g.geojson"), FIELDS, hardCases(),
                Writes.compressed(Compression.GZIP));
        WrittenFile zip = Writes.write(ExportFormat.GEOJSON, dir.resolve("z.geojson"), FIELDS, hardCases(),
                Writes.compressed(Compression.ZIP));

        assertThat(gz.path().getFileName().toString()).isEqualTo("g.geojson.gz");
        assertThat(zip.path().getFileName().toString()).isEqualTo("z.geojson.zip");
        // GDAL reads straight from the compressed files
        assertFeatures(ExternalTools.readLayer("/vsigzip/" + gz.path()));
        assertFeatures(ExternalTools.readLayer("/vsizip/" + zip.path() + "/z.geojson"));
        assertProperties(PythonJson.read(Decompress.gunzip(gz.path(), dir.resolve("g.plain")), "geojson"));
        assertThat(Arrays.asList(gz.sha256(), zip.sha256()))
                .containsExactly(ExternalTools.sha256sum(gz.path()), ExternalTools.sha256sum(zip.path()));
    }
}
