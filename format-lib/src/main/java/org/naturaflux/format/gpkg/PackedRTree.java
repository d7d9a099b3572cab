package org.naturaflux.format.gpkg;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.naturaflux.format.sort.ExternalSort;
import org.naturaflux.format.sort.SortedRecords;

/**
 * Builds a GeoPackage R-tree ({@code gpkg_rtree_index}, an SQLite {@code rtree} virtual table) as a packed
 * Hilbert R-tree, written straight into the virtual table's shadow tables ({@link RTreeShadowTables}),
 * with the envelopes' minima rounded down and maxima rounded up to floats as SQLite does.
 *
 * <p>Inserting a million rows one by one through the virtual table costs about 5 µs each; packing sorts
 * the envelopes along a Hilbert curve over their true extent ({@link HilbertEncoder}), fills each node
 * completely and builds the levels bottom-up, in a small fraction of that, and gives nodes that overlap
 * little. The result is the same kind of tree SQLite maintains (later edits go through the usual
 * triggers); SQLite's {@code rtreecheck()} accepts it.
 *
 * <p>Memory: the envelopes are spooled to a temporary file while rows are written (the Hilbert codes
 * need the extent, known once every row is), then sorted by an {@link ExternalSort} (runs of
 * {@value #RUN_ENTRIES} entries, merging at most {@value #FAN_IN} runs at a time), so the heap holds one
 * run whatever the row count. Not thread-safe.
 */
final class PackedRTree implements AutoCloseable {

    static final int RUN_ENTRIES = 1 << 17;
    static final int FAN_IN = 64;
    /** A sorted entry: the Hilbert code (the sort key), the id, the four floats. */
    private static final int SORT_RECORD_BYTES = 8 + 8 + 16;
    private static final int STREAM_BUFFER = 64 * 1024;

    private final Path directory;
    private final String prefix = "naturaflux-rtree-" + UUID.randomUUID();
    private final ExternalSort.Settings sortSettings;
    private final List<Path> files = new ArrayList<>();
    private final Path spool;
    private DataOutputStream spoolOut;
    private ExternalSort sort;
    private long count;
    private int fileCounter;

    /** Starts a spool of envelopes in {@code directory}. */
    PackedRTree(Path directory) throws IOException {
        this(directory, RUN_ENTRIES, FAN_IN);
    }

    /**
     * Starts a spool of envelopes in {@code directory}, sorted in runs of {@code runEntries} entries merged
     * at most {@code fanIn} at a time (tests make them small to exercise the merge on small trees).
     */
    PackedRTree(Path directory, int runEntries, int fanIn) throws IOException {
        this.directory = directory;
        this.sortSettings = new ExternalSort.Settings(runEntries, fanIn, prefix + "-sort-");
        this.spool = newFile();
        this.spoolOut = open(spool);
    }

    /** Records the envelope of feature {@code id}. */
    void add(long id, double minX, double maxX, double minY, double maxY) throws IOException {
        spoolOut.writeLong(id);
        spoolOut.writeFloat(down(minX));
        spoolOut.writeFloat(up(maxX));
        spoolOut.writeFloat(down(minY));
        spoolOut.writeFloat(up(maxY));
        count++;
    }

    /** The number of envelopes recorded. */
    long size() {
        return count;
    }

    /**
     * Writes the tree into the shadow tables of the empty R-tree {@code rtreeName}, in the connection's
     * current transaction.
     *
     * @param extent {@code minX, maxX, minY, maxY} of every envelope recorded (the Hilbert curve's frame)
     */
    void write(Connection connection, String rtreeName, double[] extent) throws IOException, SQLException {
        spoolOut.close();
        spoolOut = null;
        if (count == 0) {
            return;
        }
        sortSpool(new HilbertEncoder(extent));
        try (SortedRecords sorted = sort.sorted();
             RTreeShadowTables tables = new RTreeShadowTables(connection, rtreeName,
                     RTreeShadowTables.nodeSize(connection, rtreeName))) {
            pack(new SortedEntries(sorted), tables, tables.capacity());
        }
    }

    /** Feeds the spooled envelopes to the sort, keyed by their Hilbert code. */
    private void sortSpool(HilbertEncoder hilbert) throws IOException {
        sort = new ExternalSort(directory, SORT_RECORD_BYTES, sortSettings);
        ByteBuffer record = ByteBuffer.allocate(SORT_RECORD_BYTES);
        try (DataInputStream in = read(spool)) {
            for (long i = 0; i < count; i++) {
                long id = in.readLong();
                float minX = in.readFloat();
                float maxX = in.readFloat();
                float minY = in.readFloat();
                float maxY = in.readFloat();
                record.clear();
                record.putLong(hilbert.encode(minX, maxX, minY, maxY)).putLong(id)
                        .putFloat(minX).putFloat(maxX).putFloat(minY).putFloat(maxY).flip();
                sort.add(record);
            }
        }
        delete(spool);
    }

    /**
     * Packs the sorted entries into full leaves, then each level's nodes into the level above, until one
     * level fits in the root (node 1).
     */
    private void pack(Cursor sorted, RTreeShadowTables tables, int capacity) throws IOException, SQLException {
        long levelCount = count;
        int depth = 0;
        long nextNode = 2;
        Cursor entries = sorted;
        while (true) {
            if (levelCount <= capacity) {
                Node root = new Node(capacity);
                while (entries.next()) {
                    root.add(entries);
                }
                tables.writeNode(1, depth, root.ids, root.boxes, root.size, true);
                tables.link(root.ids, root.size, 1, depth == 0);
                break;
            }
            Path level = newFile();
            long nodes = 0;
            try (DataOutputStream up = open(level)) {
                Node node = new Node(capacity);
                while (entries.next()) {
                    node.add(entries);
                    if (node.size == capacity) {
                        nodes++;
                        flush(node, nextNode++, depth, tables, up);
                    }
                }
                if (node.size > 0) {
                    nodes++;
                    flush(node, nextNode++, depth, tables, up);
                }
            }
            entries.close();
            entries = new LevelReader(read(level), nodes);
            levelCount = nodes;
            depth++;
        }
        entries.close();
    }

    /** Writes a full (or last) node of a level and records its envelope as an entry of the level above. */
    private static void flush(Node node, long nodeNumber, int depth, RTreeShadowTables tables, DataOutputStream up)
            throws IOException, SQLException {
        tables.writeNode(nodeNumber, depth, node.ids, node.boxes, node.size, false);
        tables.link(node.ids, node.size, nodeNumber, depth == 0);
        up.writeLong(nodeNumber);
        up.writeFloat(node.minX);
        up.writeFloat(node.maxX);
        up.writeFloat(node.minY);
        up.writeFloat(node.maxY);
        node.clear();
    }

    private Path newFile() {
        Path file = directory.resolve(prefix + "-" + fileCounter++ + ".tmp");
        files.add(file);
        return file;
    }

    private static DataOutputStream open(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), STREAM_BUFFER));
    }

    private static DataInputStream read(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), STREAM_BUFFER));
    }

    private void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // removed with the others by close()
        }
    }

    /** Deletes every temporary file. Never throws. */
    @Override
    public void close() {
        if (spoolOut != null) {
            try {
                spoolOut.close();
            } catch (IOException ignored) {
                // deleted below
            }
            spoolOut = null;
        }
        if (sort != null) {
            sort.close();
        }
        files.forEach(this::delete);
    }

    /** The largest float not above {@code value} (SQLite's rtree rounds minima down). */
    static float down(double value) {
        float f = (float) value;
        return f > value ? Math.nextDown(f) : f;
    }

    /** The smallest float not below {@code value} (SQLite's rtree rounds maxima up). */
    static float up(double value) {
        float f = (float) value;
        return f < value ? Math.nextUp(f) : f;
    }

    /** A sequence of envelopes, of features (the leaves' entries) or of nodes (the entries above). */
    private interface Cursor extends AutoCloseable {
        boolean next() throws IOException;

        long id();

        float minX();

        float maxX();

        float minY();

        float maxY();

        @Override
        void close() throws IOException;
    }

    /** The features' envelopes in Hilbert order, as sorted: code, id, four floats. */
    private record SortedEntries(SortedRecords sorted) implements Cursor {
        @Override
        public boolean next() throws IOException {
            return sorted.next();
        }

        @Override
        public long id() {
            return sorted.record().getLong(8);
        }

        @Override
        public float minX() {
            return sorted.record().getFloat(16);
        }

        @Override
        public float maxX() {
            return sorted.record().getFloat(20);
        }

        @Override
        public float minY() {
            return sorted.record().getFloat(24);
        }

        @Override
        public float maxY() {
            return sorted.record().getFloat(28);
        }

        @Override
        public void close() {
            // closed by write()
        }
    }

    /** The envelopes of one level's nodes, as written by {@link #flush}. */
    private static final class LevelReader implements Cursor {
        private final DataInputStream in;
        private long remaining;
        private long id;
        private float minX;
        private float maxX;
        private float minY;
        private float maxY;

        LevelReader(DataInputStream in, long count) {
            this.in = in;
            this.remaining = count;
        }

        @Override
        public boolean next() throws IOException {
            if (remaining == 0) {
                return false;
            }
            remaining--;
            id = in.readLong();
            minX = in.readFloat();
            maxX = in.readFloat();
            minY = in.readFloat();
            maxY = in.readFloat();
            return true;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public float minX() {
            return minX;
        }

        @Override
        public float maxX() {
            return maxX;
        }

        @Override
        public float minY() {
            return minY;
        }

        @Override
        public float maxY() {
            return maxY;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A node being filled. */
    private static final class Node {
        final long[] ids;
        final float[] boxes;
        int size;
        float minX = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY;
        float minY = Float.POSITIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;

        Node(int capacity) {
            ids = new long[capacity];
            boxes = new float[4 * capacity];
        }

        void add(Cursor entry) {
            ids[size] = entry.id();
            boxes[4 * size] = entry.minX();
            boxes[4 * size + 1] = entry.maxX();
            boxes[4 * size + 2] = entry.minY();
            boxes[4 * size + 3] = entry.maxY();
            size++;
            minX = Math.min(minX, entry.minX());
            maxX = Math.max(maxX, entry.maxX());
            minY = Math.min(minY, entry.minY());
            maxY = Math.max(maxY, entry.maxY());
        }

        void clear() {
            size = 0;
            minX = Float.POSITIVE_INFINITY;
            maxX = Float.NEGATIVE_INFINITY;
            minY = Float.POSITIVE_INFINITY;
            maxY = Float.NEGATIVE_INFINITY;
        }
    }
}
