package org.naturaflux.format.gpkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmark (not a test): the GeoPackage writer's R-tree, a {@link PackedRTree} written straight into
 * the rtree virtual table's shadow tables, beside SQLite's own R-tree fed by one {@code INSERT} per
 * feature into the same virtual table (what a GeoPackage's insert trigger does, and most writers), on the
 * same N bounding boxes, each into a fresh SQLite file, in one transaction. One operation builds the whole
 * index and commits; the file's size is printed after each. Run by {@code format-lib/jmh.sh}.
 *
 * <p>The boxes: observations over mainland France (-5..10 E, 41..51.5 N), 90 % points, 10 % boxes up to
 * 10 km (blurred records), in random order (as rows come from the source).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RTreeBenchmark {

    private static final String RTREE = "rtree_observations_geom";

    @Param({"100000", "1000000"})
    public int boxes;

    private double[] minX;
    private double[] maxX;
    private double[] minY;
    private double[] maxY;
    private double[] extent;
    private Path directory;
    private Path file;
    private Connection connection;

    @Setup(Level.Trial)
    public void boxes() throws IOException {
        SplittableRandom random = new SplittableRandom(20_251_207L);
        minX = new double[boxes];
        maxX = new double[boxes];
        minY = new double[boxes];
        maxY = new double[boxes];
        extent = new double[]{Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < boxes; i++) {
            double x = random.nextDouble(-5, 10);
            double y = random.nextDouble(41, 51.5);
            double size = random.nextInt(10) == 0 ? random.nextDouble(0.001, 0.1) : 0;
            minX[i] = x;
            maxX[i] = x + size;
            minY[i] = y;
            maxY[i] = y + size;
            extent[0] = Math.min(extent[0], minX[i]);
            extent[1] = Math.max(extent[1], maxX[i]);
            extent[2] = Math.min(extent[2], minY[i]);
            extent[3] = Math.max(extent[3], maxY[i]);
        }
        directory = Files.createTempDirectory("rtree-bench-");
    }

    /** A fresh SQLite file holding an empty R-tree, as the GeoPackage writer creates it. */
    @Setup(Level.Invocation)
    public void emptyRTree() throws IOException, SQLException {
        file = Files.createTempFile(directory, "rtree-", ".gpkg");
        Files.delete(file);
        connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE VIRTUAL TABLE " + RTREE + " USING rtree(id, minx, maxx, miny, maxy)");
        }
        connection.setAutoCommit(false);
    }

    @TearDown(Level.Invocation)
    public void printSizeAndDelete() throws IOException, SQLException {
        long rows;
        try (Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM " + RTREE)) {
            count.next();
            rows = count.getLong(1);
        }
        connection.close();
        if (rows != boxes) {
            throw new IllegalStateException("the R-tree holds " + rows + " entries, not " + boxes);
        }
        System.out.printf(Locale.ROOT, "  [%d boxes: %.1f MiB file]%n", boxes, Files.size(file) / 1048576.0);
        Files.delete(file);
    }

    @TearDown(Level.Trial)
    public void deleteDirectory() throws IOException {
        Files.deleteIfExists(directory);
    }

    /** The GeoPackage writer's way: spool, sort along the Hilbert curve, pack full nodes bottom-up. */
    @Benchmark
    public void packedRTree() throws IOException, SQLException {
        try (PackedRTree rtree = new PackedRTree(directory)) {
            for (int i = 0; i < boxes; i++) {
                rtree.add(i + 1L, minX[i], maxX[i], minY[i], maxY[i]);
            }
            rtree.write(connection, RTREE, extent);
        }
        connection.commit();
    }

    /** SQLite's own R-tree: one INSERT per box into the virtual table, as the insert trigger does. */
    @Benchmark
    public void sqliteInserts() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + RTREE + " VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < boxes; i++) {
                insert.setLong(1, i + 1L);
                insert.setDouble(2, minX[i]);
                insert.setDouble(3, maxX[i]);
                insert.setDouble(4, minY[i]);
                insert.setDouble(5, maxY[i]);
                insert.executeUpdate();
            }
        }
        connection.commit();
    }
}
