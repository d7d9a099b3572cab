package org.naturaflux.format.gpkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.naturaflux.format.support.Fixtures.FIELDS;
import static org.naturaflux.format.support.Fixtures.hardCases;
import static org.naturaflux.format.support.Fixtures.wkt;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.format.FormatWriter;
import org.naturaflux.format.FormatWriters;
import org.naturaflux.format.WriterSettings;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.format.support.Decompress;
import org.naturaflux.format.support.ExternalTools;
import org.naturaflux.format.support.ExternalTools.Layer;
import org.naturaflux.format.support.ExternalTools.Result;
import org.naturaflux.format.support.Fixtures;
import org.naturaflux.format.support.Geometries;
import org.naturaflux.format.support.Writes;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.Compression;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;

/**
 * GeoPackages checked by GDAL (its reader and its validator) and by the system SQLite through Python
 * (structure, R-tree), never by geopackage-java or sqlite-jdbc that wrote them.
 */
class GeoPackageWriterTest {

    @TempDir
    Path dir;

    private static List<JsonNode> sql(Path file, String sql, Object... parameters) {
        List<String> arguments = new ArrayList<>(List.of(file.toString(), sql));
        for (Object parameter : parameters) {
            arguments.add(parameter.toString());
        }
        return ExternalTools.script("gpkg_sql.py", arguments.toArray(String[]::new));
    }

    private static void assertValid(Path file) {
        Result validation = ExternalTools.validateGeoPackage(file);
        assertThat(validation.exitCode()).as("validate_gpkg: %s%s", validation.stdout(), validation.stderr())
                .isZero();
        assertThat(validation.stdout() + validation.stderr()).as("validator messages").isBlank();
        assertThat(ExternalTools.runOk(List.of("ogrinfo", "-ro", "-so", "-al", file.toString())).stdout())
                .contains("Layer name: ");
    }

    private WrittenFile write(List<FieldDefinition> fields, List<ObservationRow> rows, ExportOptions options,
                              String name) throws IOException {
        return Writes.write(ExportFormat.GPKG, dir.resolve(name), fields, rows, options);
    }

    @Test
    void roundTripsHardCasesThroughGdal() throws IOException {
        List<ObservationRow> rows = hardCases();
        WrittenFile file = write(FIELDS, rows, ExportOptions.defaults(), "obs.gpkg");

        assertValid(file.path());
        Layer layer = ExternalTools.readLayer(file.path());
        JsonNode meta = layer.meta();
        assertThat(meta.get("name").asText()).isEqualTo("observations");
        assertThat(meta.get("fidColumn").asText()).isEqualTo("fid");
        assertThat(meta.get("geometryColumn").asText()).isEqualTo("geom");
        assertThat(meta.get("geometryType").asText()).isEqualTo("Unknown (any)");
        assertThat(meta.get("srs").asText()).isEqualTo("EPSG:4326");
        assertThat(meta.get("featureCount").asLong()).isEqualTo(9);
        List<String> fields = new ArrayList<>();
        meta.get("fields").forEach(f -> fields.add(f.get("name").asText() + ":" + f.get("type").asText() + ":"
                + f.get("subtype").asText() + ":" + f.get("width").asInt()));
        assertThat(fields).containsExactly("id_synthese:Integer64:None:0", "nom_cite:String:None:0",
                "nombre_min:Integer64:None:0", "mesure:Real:None:0", "date_debut:Date:None:0",
                "date_modification:DateTime:None:0", "valide:Integer:Boolean:0", "uuid_perm_sinp:String:None:36",
                "champs_additionnels:String:None:0");

        Envelope extent = new Envelope();
        rows.stream().filter(r -> r.geometry() != null).forEach(r -> extent.expandToInclude(r.geometry()
                .getEnvelopeInternal()));
        JsonNode gdalExtent = meta.get("extent");
        assertThat(List.of(gdalExtent.get(0).asDouble(), gdalExtent.get(1).asDouble(), gdalExtent.get(2).asDouble(),
                gdalExtent.get(3).asDouble()))
                .containsExactly(extent.getMinX(), extent.getMaxX(), extent.getMinY(), extent.getMaxY());
        assertThat(sql(file.path(), "SELECT min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents").get(0).toString())
                .isEqualTo("[" + extent.getMinX() + "," + extent.getMinY() + "," + extent.getMaxX() + ","
                        + extent.getMaxY() + ",4326]");

        for (int i = 0; i < rows.size(); i++) {
            ObservationRow row = rows.get(i);
            JsonNode feature = layer.features().get(i);
            JsonNode p = feature.get("properties");
            Object[] v = row.values();
            assertThat(feature.get("fid").asLong()).isEqualTo(row.id());
            assertThat(p.get("id_synthese").asLong()).isEqualTo(row.id());
            assertThat(p.get("nom_cite").isNull() ? null : p.get("nom_cite").asText()).isEqualTo(v[1]);
            assertThat(p.get("nombre_min").isNull() ? null : p.get("nombre_min").asLong()).isEqualTo(v[2]);
            Double decimal = (Double) v[3];
            if (decimal == null || !Double.isFinite(decimal)) {
                assertThat(p.get("mesure").isNull()).as("non-finite decimal stored as NULL").isTrue();
            } else {
                assertThat(p.get("mesure").asDouble()).isEqualTo(decimal);
            }
            assertDate(p.get("date_debut"), (LocalDate) v[4]);
            assertTimestamp(p.get("date_modification"), (LocalDateTime) v[5]);
            assertThat(p.get("valide").isNull() ? null : p.get("valide").asInt())
                    .isEqualTo(v[6] == null ? null : (Boolean) v[6] ? 1 : 0);
            assertThat(p.get("uuid_perm_sinp").isNull() ? null : p.get("uuid_perm_sinp").asText())
                    .isEqualTo(v[7] == null ? null : v[7].toString());
            assertThat(p.get("champs_additionnels").isNull() ? null : p.get("champs_additionnels").asText())
                    .isEqualTo(v[8]);
            Geometry geometry = Geometries.of(feature);
            if (row.geometry() == null) {
                assertThat((Object) geometry).isNull();
            } else {
                assertThat(geometry.equalsExact(row.geometry())).as("%s vs %s", geometry, row.geometry()).isTrue();
            }
        }
    }

    private static void assertDate(JsonNode gdal, LocalDate expected) {
        if (expected == null) {
            assertThat(gdal.isNull()).isTrue();
            return;
        }
        assertThat(List.of(gdal.get("year").asInt(), gdal.get("month").asInt(), gdal.get("day").asInt()))
                .containsExactly(expected.getYear(), expected.getMonthValue(), expected.getDayOfMonth());
    }

    /** GeoPackage DATETIME keeps milliseconds; GDAL reads the seconds as a float. */
    private static void assertTimestamp(JsonNode gdal, LocalDateTime expected) {
        if (expected == null) {
            assertThat(gdal.isNull()).isTrue();
            return;
        }
        assertDate(gdal, expected.toLocalDate());
        assertThat(List.of(gdal.get("hour").asInt(), gdal.get("minute").asInt()))
                .containsExactly(expected.getHour(), expected.getMinute());
        double seconds = expected.getSecond() + expected.getNano() / 1_000_000 / 1000.0;
        assertThat(gdal.get("second").asDouble()).isCloseTo(seconds, within(1e-4));
    }

    @Test
    void storesTimestampsWithMillisecondsAndNoZone() throws IOException {
        WrittenFile file = write(FIELDS, hardCases(), ExportOptions.defaults(), "obs.gpkg");

        List<JsonNode> rows = sql(file.path(), "SELECT date_debut, date_modification, valide, typeof(mesure) "
                + "FROM observations ORDER BY fid");
        assertThat(rows.get(0).toString()).isEqualTo("[\"2024-05-01\",\"2024-05-01T10:15:30.000\",1,\"real\"]");
        assertThat(rows.get(3).toString()).isEqualTo("[\"9999-12-31\",\"2024-01-01T00:00:00.123\",0,\"real\"]");
        assertThat(rows.get(6).toString()).isEqualTo("[\"2000-01-01\",\"2000-01-01T12:00:00.500\",null,\"null\"]");
    }

    static Stream<Arguments> uniformTypes() {
        return Stream.of(
                Arguments.of("POINT", "Point", List.of("POINT (1 2)", "POINT (3 4)")),
                Arguments.of("LINESTRING", "Line String", List.of("LINESTRING (1 2, 3 4)", "LINESTRING (0 0, 1 1, 2 0)")),
                Arguments.of("POLYGON", "Polygon", List.of("POLYGON ((0 0, 1 0, 1 1, 0 0))",
                        "POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0), (1 1, 2 1, 2 2, 1 1))")),
                Arguments.of("MULTIPOINT", "Multi Point", List.of("MULTIPOINT ((1 2))", "MULTIPOINT ((1 2), (3 4))")),
                Arguments.of("MULTILINESTRING", "Multi Line String", List.of("MULTILINESTRING ((1 2, 3 4))",
                        "MULTILINESTRING ((1 2, 3 4), (5 6, 7 8))")),
                Arguments.of("MULTIPOLYGON", "Multi Polygon", List.of("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))",
                        "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))")),
                Arguments.of("GEOMETRYCOLLECTION", "Geometry Collection",
                        List.of("GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))")),
                Arguments.of("GEOMETRY", "Unknown (any)", List.of("POINT (1 2)", "MULTIPOINT ((1 2))")),
                Arguments.of("GEOMETRY", "Unknown (any)", List.of()));
    }

    @ParameterizedTest(name = "{0} from {2}")
    @MethodSource("uniformTypes")
    void declaresTheTypeEveryGeometryShares(String declared, String gdalName, List<String> wkts) throws IOException {
        List<ObservationRow> rows = new ArrayList<>();
        for (int i = 0; i < wkts.size(); i++) {
            rows.add(Fixtures.row(i + 1, null, null, null, null, null, null, null, null, wkts.get(i)));
        }
        rows.add(Fixtures.row(100, "sans géométrie", null, null, null, null, null, null, null, null));
        WrittenFile file = write(FIELDS, rows, ExportOptions.defaults(), "typed.gpkg");

        assertValid(file.path());
        assertThat(ExternalTools.readLayer(file.path()).meta().get("geometryType").asText()).isEqualTo(gdalName);
        assertThat(sql(file.path(), "SELECT geometry_type_name, z, m, srs_id FROM gpkg_geometry_columns")
                .get(0).toString()).isEqualTo("[\"" + declared + "\",0,0,4326]");
        assertThat(sql(file.path(), "SELECT type FROM pragma_table_info('observations') WHERE name = 'geom'")
                .get(0).get(0).asText()).isEqualTo(declared);
    }

    @Test
    void zeroRowsGiveAValidEmptyTable() throws IOException {
        WrittenFile file = write(FIELDS, List.of(), ExportOptions.defaults(), "empty.gpkg");

        assertValid(file.path());
        assertThat(file.rows()).isZero();
        assertThat(ExternalTools.readLayer(file.path()).meta().get("featureCount").asLong()).isZero();
        assertThat(sql(file.path(), "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents").get(0).toString())
                .isEqualTo("[null,null,null,null]");
        assertThat(sql(file.path(), "SELECT rtreecheck('rtree_observations_geom')").get(0).get(0).asText())
                .isEqualTo("ok");
    }

    @Test
    void declaresGeoPackageIdentityAndTheTriggersGdalChecks() throws IOException {
        WrittenFile file = write(FIELDS, hardCases(), ExportOptions.defaults(), "obs.gpkg");

        assertThat(sql(file.path(), "PRAGMA application_id").get(0).get(0).asLong()).isEqualTo(0x47504B47L);
        assertThat(sql(file.path(), "PRAGMA user_version").get(0).get(0).asLong()).isEqualTo(10300);
        assertThat(sql(file.path(), "PRAGMA page_size").get(0).get(0).asLong()).isEqualTo(65536);
        List<String> triggers = sql(file.path(), "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                + "AND tbl_name = 'observations' ORDER BY name").stream().map(n -> n.get(0).asText()).toList();
        assertThat(triggers).containsExactly("rtree_observations_geom_delete", "rtree_observations_geom_insert",
                "rtree_observations_geom_update1", "rtree_observations_geom_update2",
                "rtree_observations_geom_update3", "rtree_observations_geom_update4");
        assertThat(sql(file.path(), "SELECT extension_name, column_name, scope FROM gpkg_extensions "
                + "WHERE table_name = 'observations'").get(0).toString())
                .isEqualTo("[\"gpkg_rtree_index\",\"geom\",\"write-only\"]");
    }

    /** Coordinates on a 1/1024 grid are exact in the R-tree's 32-bit floats: no rounding at the edges. */
    private static List<ObservationRow> gridRows(int count, long seed) {
        Random random = new Random(seed);
        List<ObservationRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double x = -5 + random.nextInt(15 * 1024) / 1024.0;
            double y = 42 + random.nextInt(9 * 1024) / 1024.0;
            String wkt;
            if (i % 10 == 9) {
                wkt = null;
            } else if (i % 3 == 0) {
                double w = (1 + random.nextInt(200)) / 1024.0;
                wkt = "POLYGON ((" + x + " " + y + ", " + (x + w) + " " + y + ", " + (x + w) + " " + (y + w)
                        + ", " + x + " " + (y + w) + ", " + x + " " + y + "))";
            } else {
                wkt = "POINT (" + x + " " + y + ")";
            }
            rows.add(Fixtures.row(1000 + 7L * i, null, null, null, null, null, null, null, null, wkt));
        }
        return rows;
    }

    @Test
    void packsAnRTreeThatSqliteChecksAndQueriesLikeABruteForceScan() throws IOException {
        List<ObservationRow> rows = gridRows(20_000, 42);
        WrittenFile file = write(FIELDS, rows, ExportOptions.defaults(), "grid.gpkg");

        assertValid(file.path());
        assertThat(sql(file.path(), "SELECT rtreecheck('rtree_observations_geom')").get(0).get(0).asText())
                .isEqualTo("ok");
        assertThat(sql(file.path(), "SELECT count(*) FROM rtree_observations_geom").get(0).get(0).asLong())
                .isEqualTo(rows.stream().filter(r -> r.geometry() != null).count());
        Random random = new Random(7);
        for (int q = 0; q < 25; q++) {
            double minX = -5 + random.nextInt(15 * 1024) / 1024.0 + 1 / 2048.0;
            double minY = 42 + random.nextInt(9 * 1024) / 1024.0 + 1 / 2048.0;
            double size = (1 + random.nextInt(q < 5 ? 5000 : 300)) / 1024.0;
            Envelope window = new Envelope(minX, minX + size, minY, minY + size);
            Set<Long> expected = new TreeSet<>();
            rows.stream().filter(r -> r.geometry() != null && r.geometry().getEnvelopeInternal().intersects(window))
                    .forEach(r -> expected.add(r.id()));
            Set<Long> found = new TreeSet<>();
            sql(file.path(), "SELECT id FROM rtree_observations_geom WHERE minx <= ? AND maxx >= ? AND miny <= ? "
                    + "AND maxy >= ?", window.getMaxX(), window.getMinX(), window.getMaxY(), window.getMinY())
                    .forEach(n -> found.add(n.get(0).asLong()));
            assertThat(found).as("window %s", window).isEqualTo(expected);
        }
    }

    @Test
    void keepsTheRTreeInStepWhenGdalEditsTheFile() throws IOException {
        List<ObservationRow> rows = gridRows(3_000, 3);
        WrittenFile file = write(FIELDS, rows, ExportOptions.defaults(), "edit.gpkg");
        long moved = rows.get(0).id();
        long deleted = rows.get(1).id();

        ExternalTools.script("edit_gpkg.py", file.path().toString(), "observations", Long.toString(moved),
                Long.toString(deleted), "999999", "20.5", "60.5");

        assertThat(sql(file.path(), "SELECT rtreecheck('rtree_observations_geom')").get(0).get(0).asText())
                .isEqualTo("ok");
        Set<Long> atNewPlace = new HashSet<>();
        sql(file.path(), "SELECT id FROM rtree_observations_geom WHERE minx <= 21 AND maxx >= 20 AND miny <= 61 "
                + "AND maxy >= 60").forEach(n -> atNewPlace.add(n.get(0).asLong()));
        assertThat(atNewPlace).containsExactlyInAnyOrder(moved, 999_999L);
        assertThat(sql(file.path(), "SELECT count(*) FROM rtree_observations_geom WHERE id = ?", deleted)
                .get(0).get(0).asLong()).isZero();
        assertValid(file.path());
    }

    @Test
    void aDuplicateIdFailsTheWriteAndLeavesNoFile() throws IOException {
        Path target = dir.resolve("dup.gpkg");
        List<ObservationRow> rows = new ArrayList<>(gridRows(2_500, 5));
        rows.add(Fixtures.row(rows.get(10).id(), null, null, null, null, null, null, null, null, "POINT (1 1)"));

        assertThatThrownBy(() -> Writes.write(ExportFormat.GPKG, target, FIELDS, rows, ExportOptions.defaults()))
                .isInstanceOf(IOException.class).hasMessageContaining("unique");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("nothing left behind").isEmpty();
        }
    }

    @Test
    void compressedGeoPackagesAreBuiltInTheTempDirectoryAndRemainValid() throws IOException {
        Path temp = Files.createDirectories(dir.resolve("scratch"));
        Path out = Files.createDirectories(dir.resolve("out"));
        WriterSettings settings = WriterSettings.defaults().withTempDirectory(temp).withLayerName("releves");
        WrittenFile gz = Writes.write(ExportFormat.GPKG, out.resolve("obs.gpkg"), FIELDS, hardCases(),
                Writes.compressed(Compression.GZIP), settings);
        WrittenFile zip = Writes.write(ExportFormat.GPKG, out.resolve("obs.gpkg"), FIELDS, hardCases(),
                Writes.compressed(Compression.ZIP), settings);

        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).as("temporary files removed").isEmpty();
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("obs.gpkg.gz", "obs.gpkg.zip");
        }
        assertThat(gz.sha256()).isEqualTo(ExternalTools.sha256sum(gz.path()));
        assertThat(zip.sha256()).isEqualTo(ExternalTools.sha256sum(zip.path()));
        Path fromGz = Decompress.gunzip(gz.path(), dir.resolve("from-gz.gpkg"));
        Path fromZip = Decompress.unzip(zip.path(), "obs.gpkg", dir.resolve("from-zip.gpkg"));
        assertValid(fromGz);
        assertValid(fromZip);
        assertThat(ExternalTools.readLayer(fromZip, "releves").meta().get("featureCount").asLong()).isEqualTo(9);
        assertThat(ExternalTools.readLayer("/vsigzip/" + gz.path(), "releves").features()).hasSize(9);
    }

    @Test
    void renamesItsOwnColumnsWhenAFieldTakesTheirName() throws IOException {
        List<FieldDefinition> fields = List.of(Fixtures.field("fid", FieldType.TEXT),
                Fixtures.field("geom", FieldType.INTEGER), Fixtures.field("geometrie_wkt_4326", FieldType.GEOMETRY));
        Geometry point = wkt("POINT (2 48)");
        List<ObservationRow> rows = List.of(new ObservationRow(5, null, null, null, point,
                new Object[]{"texte", 42L, point}));
        WrittenFile file = write(fields, rows, ExportOptions.defaults(), "names.gpkg");

        assertValid(file.path());
        Layer layer = ExternalTools.readLayer(file.path());
        assertThat(layer.meta().get("fidColumn").asText()).isEqualTo("fid_1");
        assertThat(layer.meta().get("geometryColumn").asText()).isEqualTo("geom_1");
        assertThat(layer.features().get(0).get("properties").toString()).isEqualTo("{\"fid\":\"texte\",\"geom\":42}");
        assertThat(layer.features().get(0).get("fid").asLong()).isEqualTo(5);
    }

    @Test
    void writesNothingButTheTargetNextToIt() throws IOException {
        try (FormatWriter writer = FormatWriters.open(ExportFormat.GPKG, dir.resolve("obs.gpkg"), FIELDS,
                ExportOptions.defaults(), WriterSettings.defaults().withTempDirectory(dir))) {
            for (ObservationRow row : hardCases()) {
                writer.write(row);
            }
            writer.finish();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("obs.gpkg");
        }
    }
}
