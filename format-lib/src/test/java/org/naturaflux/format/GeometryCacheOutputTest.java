package org.naturaflux.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTWriter;
import org.naturaflux.format.support.Fixtures;
import org.naturaflux.format.support.SharedAreas;
import org.naturaflux.format.support.Writes;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;

/**
 * The geometry cache changes no byte of any format: 3,000 rows of which about a fifth carry one of 40
 * shared polygons (20 to 600 vertices, holes, multipolygons: more than the cache holds, by entries and by
 * bytes, so that polygons are evicted and encoded again), the others points, plus a shared 12-vertex
 * polygon the cache never keeps, written with the cache small (8 entries, 64 KiB), at its default, and
 * off. The WKT of CSV and JSON is compared with JTS's {@code WKTWriter}, the GeoPackage blobs (read back by
 * SQLite) with the header written here and JTS's {@code WKBWriter}, the GeoJSON geometries' rings with the
 * polygons' coordinates rounded here, and every file with the one written with the cache off.
 */
class GeometryCacheOutputTest {

    private static final List<FieldDefinition> FIELDS = List.of(
            Fixtures.field("id_synthese", FieldType.INTEGER),
            Fixtures.field("nom_cite", FieldType.TEXT),
            Fixtures.field("geometrie_wkt_4326", FieldType.GEOMETRY));
    private static final int ROWS = 3_000;

    @TempDir
    Path dir;

    private final List<ObservationRow> rows = rows();

    private static List<ObservationRow> rows() {
        List<Geometry> areas = new ArrayList<>(SharedAreas.polygons(40, 20, 600, 42));
        areas.add(Fixtures.wkt("POLYGON ((2 48, 2.1 48, 2.2 48.05, 2.25 48.1, 2.3 48.2, 2.25 48.3, 2.2 48.35, "
                + "2.1 48.4, 2 48.4, 1.95 48.3, 1.9 48.2, 2 48, 2 48))"));
        Random random = new Random(7);
        List<ObservationRow> rows = new ArrayList<>(ROWS);
        for (int i = 1; i <= ROWS; i++) {
            Geometry geometry = random.nextInt(5) == 0 ? areas.get(random.nextInt(areas.size()))
                    : Fixtures.GEOMETRY.createPoint(new Coordinate(1.5 + 2 * random.nextDouble(),
                            48.1 + random.nextDouble()));
            rows.add(new ObservationRow(i, null, null, null, geometry, new Object[]{(long) i, "taxon " + i, geometry}));
        }
        return rows;
    }

    private Path write(ExportFormat format, String name, WriterSettings settings) throws IOException {
        Path target = dir.resolve(name + "." + format.extension());
        return Writes.write(format, target, FIELDS, rows, ExportOptions.defaults(), settings.withTempDirectory(dir))
                .path();
    }

    private byte[] written(ExportFormat format, WriterSettings settings, String name) throws IOException {
        return Files.readAllBytes(write(format, name, settings));
    }

    private static WriterSettings small() {
        return WriterSettings.defaults().withGeometryCache(8, 64 * 1024);
    }

    private static WriterSettings off() {
        return WriterSettings.defaults().withGeometryCache(0, 0);
    }

    @Test
    void sharedPolygonsAreSharedInstancesAndTheSmallCacheMustEvict() {
        Map<Geometry, Integer> uses = new IdentityHashMap<>();
        long wktBytes = 0;
        for (ObservationRow row : rows) {
            if (!(row.geometry() instanceof Point) && uses.merge(row.geometry(), 1, Integer::sum) == 1) {
                wktBytes += new WKTWriter(2).write(row.geometry()).length();
            }
        }
        assertThat(uses).hasSize(41);
        assertThat(uses.values()).allMatch(n -> n > 3);
        assertThat(wktBytes).isGreaterThan(2 * 64 * 1024);
    }

    @Test
    void csvCellsAreJtsWkt() throws IOException {
        StringBuilder expected = new StringBuilder("id_synthese,nom_cite,geometrie_wkt_4326\r\n");
        WKTWriter wkt = new WKTWriter(2);
        for (ObservationRow row : rows) {
            String text = wkt.write(row.geometry());
            expected.append(row.id()).append(",taxon ").append(row.id()).append(',')
                    .append(text.contains(",") ? '"' + text + '"' : text).append("\r\n");
        }
        byte[] small = written(ExportFormat.CSV, small(), "small");
        assertThat(new String(small, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        assertThat(written(ExportFormat.CSV, WriterSettings.defaults(), "default")).isEqualTo(small);
        assertThat(written(ExportFormat.CSV, off(), "off")).isEqualTo(small);
    }

    @Test
    void jsonStringsAreJtsWkt() throws IOException {
        StringBuilder expected = new StringBuilder("[\n");
        WKTWriter wkt = new WKTWriter(2);
        for (ObservationRow row : rows) {
            if (row.id() > 1) {
                expected.append(",\n");
            }
            expected.append("{\"id_synthese\":").append(row.id()).append(",\"nom_cite\":\"taxon ").append(row.id())
                    .append("\",\"geometrie_wkt_4326\":\"").append(wkt.write(row.geometry())).append("\"}");
        }
        expected.append("\n]\n");
        byte[] small = written(ExportFormat.JSON, small(), "small");
        assertThat(new String(small, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        assertThat(written(ExportFormat.JSON, WriterSettings.defaults(), "default")).isEqualTo(small);
        assertThat(written(ExportFormat.JSON, off(), "off")).isEqualTo(small);
    }

    @Test
    void geoJsonGeometriesCarryThePolygonsCoordinates() throws IOException {
        byte[] small = written(ExportFormat.GEOJSON, small(), "small");
        JsonNode features = new ObjectMapper().readTree(small).get("features");
        assertThat(features).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            Geometry geometry = rows.get(i).geometry();
            JsonNode json = features.get(i).get("geometry");
            assertThat(json.get("type").asText()).isEqualTo(geometry.getGeometryType());
            Geometry first = geometry.getGeometryN(0);
            JsonNode coordinates = json.get("coordinates");
            JsonNode firstPosition = first instanceof Point ? coordinates
                    : geometry.getNumGeometries() > 1 ? coordinates.get(0).get(0).get(0) : coordinates.get(0).get(0);
            Coordinate expected = first.getCoordinates()[0];
            assertThat(firstPosition.get(0).decimalValue()).isEqualByComparingTo(rounded(expected.x));
            assertThat(firstPosition.get(1).decimalValue()).isEqualByComparingTo(rounded(expected.y));
            if (!(first instanceof Point)) {
                JsonNode shell = geometry.getNumGeometries() > 1 ? coordinates.get(0).get(0) : coordinates.get(0);
                assertThat(shell).hasSize(((Polygon) first).getExteriorRing().getNumPoints());
            }
        }
        assertThat(written(ExportFormat.GEOJSON, WriterSettings.defaults(), "default")).isEqualTo(small);
        assertThat(written(ExportFormat.GEOJSON, off(), "off")).isEqualTo(small);
    }

    private static BigDecimal rounded(double value) {
        return BigDecimal.valueOf(value).setScale(7, RoundingMode.HALF_UP);
    }

    @Test
    void geoPackageBlobsAreGpHeadersAndJtsWkb() throws IOException, SQLException {
        for (WriterSettings settings : List.of(small(), WriterSettings.defaults(), off())) {
            Path file = write(ExportFormat.GPKG, "gpkg" + settings.geometryCacheEntries(), settings);
            List<byte[]> blobs = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT fid, geom FROM observations ORDER BY fid")) {
                while (rs.next()) {
                    assertThat(rs.getLong(1)).isEqualTo(blobs.size() + 1L);
                    blobs.add(rs.getBytes(2));
                }
            }
            assertThat(blobs).hasSize(ROWS);
            for (int i = 0; i < ROWS; i++) {
                assertThat(blobs.get(i)).as("row %d, %s", i + 1, settings)
                        .isEqualTo(expectedBlob(rows.get(i).geometry()));
            }
        }
    }

    /** GeoPackage 1.3 clause 2.1.3: "GP", version 0, flags (little-endian, XY envelope but for points), SRS id. */
    private static byte[] expectedBlob(Geometry geometry) {
        boolean point = geometry instanceof Point;
        byte[] wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN).write(geometry);
        ByteBuffer blob = ByteBuffer.allocate(8 + (point ? 0 : 32) + wkb.length).order(ByteOrder.LITTLE_ENDIAN);
        blob.put((byte) 'G').put((byte) 'P').put((byte) 0).put((byte) (point ? 1 : 3)).putInt(4326);
        if (!point) {
            Envelope envelope = geometry.getEnvelopeInternal();
            blob.putDouble(envelope.getMinX()).putDouble(envelope.getMaxX()).putDouble(envelope.getMinY())
                    .putDouble(envelope.getMaxY());
        }
        return blob.put(wkb).array();
    }
}
