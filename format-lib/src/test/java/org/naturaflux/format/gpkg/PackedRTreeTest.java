package org.naturaflux.format.gpkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.format.support.Fixtures;
import org.naturaflux.format.support.Writes;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;

/**
 * A packed R-tree large enough for the external sort to spill many runs and merge them in several passes,
 * and for the tree to have two levels of nodes above its leaves, checked by SQLite's own
 * {@code rtreecheck()} (through sqlite-jdbc) and by window queries against the envelopes written, computed
 * here. Runs are made small ({@link PackedRTree#PackedRTree(Path, int, int)}) rather than the file large; one
 * GeoPackage written by the writer, just over one default run, checks the same on the real path.
 */
class PackedRTreeTest {

    private static final String RTREE = "rtree_observations_geom";
    private static final int RUN_ENTRIES = 1_000;
    private static final int FAN_IN = 4;
    /** More than RUN_ENTRIES * FAN_IN^2 (two merge passes before the last) and 51^2 (SQLite's node fan-out). */
    private static final int FEATURES = 60_000;

    @TempDir
    Path dir;

    /** A feature's id and envelope, on a 1/1024 grid so that floats hold them exactly. */
    private record Feature(long id, Envelope envelope) {
    }

    private static List<Feature> features(int count, long seed) {
        Random random = new Random(seed);
        List<Feature> features = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double x = -5 + random.nextInt(15 * 1024) / 1024.0;
            double y = 42 + random.nextInt(9 * 1024) / 1024.0;
            double w = random.nextInt(4) == 0 ? random.nextInt(64) / 1024.0 : 0;
            double h = w == 0 ? 0 : random.nextInt(64) / 1024.0;
            features.add(new Feature(100 + 3L * i, new Envelope(x, x + w, y, y + h)));
        }
        return features;
    }

    private static Connection open(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** Writes {@code features} into a fresh file's R-tree with small sort runs; returns the run files left. */
    private long writeTree(Path file, List<Feature> features) throws IOException, SQLException {
        Path work = Files.createDirectories(dir.resolve("work-" + file.getFileName()));
        Envelope extent = new Envelope();
        features.forEach(f -> extent.expandToInclude(f.envelope()));
        long runFilesLeft;
        try (Connection connection = open(file);
             PackedRTree rtree = new PackedRTree(work, RUN_ENTRIES, FAN_IN)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE VIRTUAL TABLE " + RTREE + " USING rtree(id, minx, maxx, miny, maxy)");
            }
            for (Feature f : features) {
                Envelope e = f.envelope();
                rtree.add(f.id(), e.getMinX(), e.getMaxX(), e.getMinY(), e.getMaxY());
            }
            connection.setAutoCommit(false);
            rtree.write(connection, RTREE,
                    new double[]{extent.getMinX(), extent.getMaxX(), extent.getMinY(), extent.getMaxY()});
            connection.commit();
            runFilesLeft = runFiles(work);
        }
        assertThat(runFiles(work)).as("run files deleted on close").isZero();
        return runFilesLeft;
    }

    private static long runFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".run")).count();
        }
    }

    private static String rtreecheck(Path file) throws SQLException {
        return single(file, "SELECT rtreecheck('" + RTREE + "')").toString();
    }

    private static Object single(Path file, String sql) throws SQLException {
        try (Connection connection = open(file);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as(sql).isTrue();
            return result.getObject(1);
        }
    }

    /** The tree's depth: the first two bytes (big-endian) of the root node's blob. */
    private static int depth(Path file) throws SQLException {
        byte[] root = (byte[]) single(file, "SELECT data FROM " + RTREE + "_node WHERE nodeno = 1");
        return ByteBuffer.wrap(root).getShort(0);
    }

    private static Set<Long> query(Path file, Envelope window) throws SQLException {
        Set<Long> ids = new TreeSet<>();
        try (Connection connection = open(file);
             PreparedStatement select = connection.prepareStatement("SELECT id FROM " + RTREE
                     + " WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?")) {
            select.setDouble(1, window.getMaxX());
            select.setDouble(2, window.getMinX());
            select.setDouble(3, window.getMaxY());
            select.setDouble(4, window.getMinY());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getLong(1));
                }
            }
        }
        return ids;
    }

    private static Set<Long> bruteForce(List<Feature> features, Envelope window) {
        Set<Long> ids = new TreeSet<>();
        features.stream().filter(f -> f.envelope().intersects(window)).forEach(f -> ids.add(f.id()));
        return ids;
    }

    @Test
    void aMultiRunMultiLevelTreePassesRtreecheckAndAnswersLikeABruteForceScan() throws Exception {
        assertThat(FEATURES).isGreaterThan(RUN_ENTRIES * FAN_IN * FAN_IN);
        List<Feature> features = features(FEATURES, 11);
        Path file = dir.resolve("tree.sqlite");

        long runFilesLeft = writeTree(file, features);

        // 60 runs, merged 4 at a time into 15, then 4, which the last merge read: had the sort kept
        // everything in memory there would be none, had it merged in one pass there would be 60.
        assertThat(runFilesLeft).as("runs left for the last merge").isBetween(2L, (long) FAN_IN);
        assertThat(depth(file)).as("levels above the leaves").isGreaterThanOrEqualTo(2);
        assertThat(rtreecheck(file)).isEqualTo("ok");
        assertThat(((Number) single(file, "SELECT count(*) FROM " + RTREE)).longValue()).isEqualTo(FEATURES);
        Random random = new Random(5);
        for (int q = 0; q < 30; q++) {
            double minX = -5 + random.nextInt(15 * 1024) / 1024.0 + 1 / 2048.0;
            double minY = 42 + random.nextInt(9 * 1024) / 1024.0 + 1 / 2048.0;
            double size = (1 + random.nextInt(q < 5 ? 3000 : 200)) / 1024.0;
            Envelope window = new Envelope(minX, minX + size, minY, minY + size);
            Set<Long> expected = bruteForce(features, window);
            assertThat(query(file, window)).as("window %s", window).isEqualTo(expected);
        }
    }

    @Test
    void theWritersDefaultRunsAreMergedInARealGeoPackage() throws Exception {
        int count = PackedRTree.RUN_ENTRIES + 5_000;
        List<Feature> features = features(count, 17);
        List<ObservationRow> rows = new ArrayList<>(count);
        for (Feature f : features) {
            Envelope e = f.envelope();
            String wkt = e.getWidth() == 0 ? "POINT (" + e.getMinX() + " " + e.getMinY() + ")"
                    : "LINESTRING (" + e.getMinX() + " " + e.getMinY() + ", " + e.getMaxX() + " " + e.getMaxY() + ")";
            rows.add(Fixtures.row(f.id(), null, null, null, null, null, null, null, null, wkt));
        }

        WrittenFile file = Writes.write(ExportFormat.GPKG, dir.resolve("big.gpkg"), Fixtures.FIELDS, rows,
                ExportOptions.defaults());

        // more entries than one run of the writer's sort: two runs, merged; at least 2 levels above the
        // leaves (3 with SQLite's 51-cell nodes: 135,072 > 51^3)
        assertThat(depth(file.path())).as("levels above the leaves").isGreaterThanOrEqualTo(2);
        assertThat(rtreecheck(file.path())).isEqualTo("ok");
        assertThat(((Number) single(file.path(), "SELECT count(*) FROM " + RTREE)).longValue()).isEqualTo(count);
        Random random = new Random(9);
        for (int q = 0; q < 10; q++) {
            double minX = -5 + random.nextInt(15 * 1024) / 1024.0 + 1 / 2048.0;
            double minY = 42 + random.nextInt(9 * 1024) / 1024.0 + 1 / 2048.0;
            double size = (1 + random.nextInt(400)) / 1024.0;
            Envelope window = new Envelope(minX, minX + size, minY, minY + size);
            assertThat(query(file.path(), window)).as("window %s", window).isEqualTo(bruteForce(features, window));
        }
    }

    @Test
    void rtreecheckAndTheQueriesCatchAFlippedCell() throws Exception {
        List<Feature> features = features(FEATURES, 13);
        Path file = dir.resolve("good.sqlite");
        writeTree(file, features);
        assertThat(rtreecheck(file)).isEqualTo("ok");
        Path corrupt = Files.copy(file, dir.resolve("corrupt.sqlite"), StandardCopyOption.REPLACE_EXISTING);

        // node 2 is the first leaf written; flip every bit of its first cell (id and envelope)
        long victim;
        try (Connection connection = open(corrupt)) {
            byte[] leaf;
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT data FROM " + RTREE + "_node WHERE nodeno = 2")) {
                assertThat(result.next()).isTrue();
                leaf = result.getBytes(1);
            }
            ByteBuffer cells = ByteBuffer.wrap(leaf);
            assertThat(cells.getShort(2)).as("cells in node 2").isPositive();
            victim = cells.getLong(4);
            for (int i = 4; i < 4 + RTreeShadowTables.CELL_BYTES; i++) {
                leaf[i] = (byte) ~leaf[i];
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE " + RTREE + "_node SET data = ? WHERE nodeno = 2")) {
                update.setBytes(1, leaf);
                assertThat(update.executeUpdate()).isOne();
            }
        }

        assertThat(rtreecheck(corrupt)).isNotEqualTo("ok").isNotBlank();
        Envelope original = features.stream().filter(f -> f.id() == victim).findFirst().orElseThrow().envelope();
        assertThat(query(file, original)).contains(victim);
        assertThat(query(corrupt, original)).doesNotContain(victim);
    }
}
