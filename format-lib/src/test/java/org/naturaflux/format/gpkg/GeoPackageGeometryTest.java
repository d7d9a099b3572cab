package org.naturaflux.format.gpkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.format.support.ExternalTools;
import org.naturaflux.format.support.Fixtures;
import org.naturaflux.format.support.Geometries;
import org.naturaflux.format.support.Writes;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;

/** The hand-written GeoPackage geometry encoding, decoded by GDAL for random geometries of every type. */
class GeoPackageGeometryTest {

    private static final GeometryFactory FACTORY = Fixtures.GEOMETRY;

    @TempDir
    Path dir;

    @Test
    void gdalDecodesRandomGeometriesOfEveryTypeExactly() throws IOException {
        Random random = new Random(1758);
        List<ObservationRow> rows = new ArrayList<>();
        for (int i = 0; i < 1_400; i++) {
            Geometry geometry = random(random, i % 7, 0);
            rows.add(new ObservationRow(i + 1, null, null, null, geometry,
                    new Object[]{(long) i + 1, null, null, null, null, null, null, null, null, geometry}));
        }
        WrittenFile file = Writes.write(ExportFormat.GPKG, dir.resolve("random.gpkg"), Fixtures.FIELDS, rows,
                ExportOptions.defaults());

        List<JsonNode> features = ExternalTools.readLayer(file.path()).features();
        assertThat(features).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Geometry expected = rows.get(i).geometry();
            Geometry read = Geometries.of(features.get(i));
            assertThat(read.equalsExact(expected)).as("%s read as %s", expected, read).isTrue();
        }
        List<JsonNode> envelopes = ExternalTools.script("gpkg_sql.py", file.path().toString(),
                "SELECT id, minx, maxx, miny, maxy FROM rtree_observations_geom ORDER BY id");
        assertThat(envelopes).hasSize(rows.size());
        for (JsonNode cell : envelopes) {
            Geometry geometry = rows.get(cell.get(0).asInt() - 1).geometry();
            // the R-tree's floats enclose the true envelope
            assertThat(cell.get(1).asDouble()).isLessThanOrEqualTo(geometry.getEnvelopeInternal().getMinX());
            assertThat(cell.get(2).asDouble()).isGreaterThanOrEqualTo(geometry.getEnvelopeInternal().getMaxX());
            assertThat(cell.get(3).asDouble()).isLessThanOrEqualTo(geometry.getEnvelopeInternal().getMinY());
            assertThat(cell.get(4).asDouble()).isGreaterThanOrEqualTo(geometry.getEnvelopeInternal().getMaxY());
        }
    }

    @Test
    void emptyGeometriesAreStoredAsNull() throws IOException {
        List<ObservationRow> rows = List.of(
                Fixtures.row(1, null, null, null, null, null, null, null, null, "POINT EMPTY"),
                Fixtures.row(2, null, null, null, null, null, null, null, null, "POLYGON EMPTY"),
                Fixtures.row(3, null, null, null, null, null, null, null, null, "POINT (1 2)"));
        WrittenFile file = Writes.write(ExportFormat.GPKG, dir.resolve("empty.gpkg"), Fixtures.FIELDS, rows,
                ExportOptions.defaults());

        assertThat(ExternalTools.script("gpkg_sql.py", file.path().toString(),
                "SELECT fid, geom IS NULL FROM observations ORDER BY fid").toString()).isEqualTo("[[1,1], [2,1], [3,0]]");
        assertThat(ExternalTools.validateGeoPackage(file.path()).exitCode()).isZero();
    }

    private static Geometry random(Random random, int type, int depth) {
        return switch (type) {
            case 0 -> point(random);
            case 1 -> line(random);
            case 2 -> polygon(random);
            case 3 -> FACTORY.createMultiPoint(new Point[]{point(random), point(random), point(random)});
            case 4 -> FACTORY.createMultiLineString(new LineString[]{line(random), line(random)});
            case 5 -> FACTORY.createMultiPolygon(new Polygon[]{polygon(random), polygon(random), polygon(random)});
            default -> depth > 1 ? point(random) : FACTORY.createGeometryCollection(new Geometry[]{
                    random(random, random.nextInt(7), depth + 1), random(random, random.nextInt(7), depth + 1)});
        };
    }

    private static Coordinate coordinate(Random random) {
        // full double precision, anywhere on the globe
        return new Coordinate(random.nextDouble() * 360 - 180, random.nextDouble() * 180 - 90);
    }

    private static Point point(Random random) {
        return FACTORY.createPoint(coordinate(random));
    }

    private static LineString line(Random random) {
        Coordinate[] coordinates = new Coordinate[2 + random.nextInt(6)];
        for (int i = 0; i < coordinates.length; i++) {
            coordinates[i] = coordinate(random);
        }
        return FACTORY.createLineString(coordinates);
    }

    private static Polygon polygon(Random random) {
        Coordinate center = coordinate(random);
        LinearRing shell = ring(center, 1 + random.nextDouble());
        LinearRing[] holes = new LinearRing[random.nextInt(3)];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = ring(new Coordinate(center.x + 0.2 * i, center.y), 0.05);
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(Coordinate center, double radius) {
        Coordinate[] coordinates = new Coordinate[7];
        for (int i = 0; i < 6; i++) {
            double angle = Math.PI / 3 * i;
            coordinates[i] = new Coordinate(center.x + radius * Math.cos(angle), center.y + radius * Math.sin(angle));
        }
        coordinates[6] = coordinates[0];
        return FACTORY.createLinearRing(coordinates);
    }
}
