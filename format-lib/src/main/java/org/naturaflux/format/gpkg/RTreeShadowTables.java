package org.naturaflux.format.gpkg;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Batched writes into the shadow tables of an SQLite {@code rtree} virtual table ({@code _node},
 * {@code _rowid}, {@code _parent}), in the layout SQLite's rtree module reads: a node is a blob of the
 * root's size, big-endian, 2 bytes depth (stored in the root only), 2 bytes cell count, then cells of an
 * 8-byte id and four 4-byte floats minX, maxX, minY, maxY. The root (node 1) exists already and is
 * rewritten in place; every other node is inserted. Writes in the connection's current transaction.
 */
final class RTreeShadowTables implements AutoCloseable {

    /** The bytes of one cell: an id and four floats. */
    static final int CELL_BYTES = 8 + 16;
    private static final int SQL_BATCH = 1000;

    private final PreparedStatement nodes;
    private final PreparedStatement rowids;
    private final PreparedStatement parents;
    private final PreparedStatement root;
    private final int nodeSize;
    private int pendingNodes;
    private int pendingRowids;
    private int pendingParents;

    /** Opens the tables of the empty R-tree {@code name}; see {@link #nodeSize(Connection, String)}. */
    RTreeShadowTables(Connection connection, String name, int nodeSize) throws SQLException {
        this.nodeSize = nodeSize;
        this.nodes = connection.prepareStatement("INSERT INTO " + GeoPackageSchema.quote(name + "_node")
                + " (nodeno, data) VALUES (?, ?)");
        this.rowids = connection.prepareStatement("INSERT INTO " + GeoPackageSchema.quote(name + "_rowid")
                + " (rowid, nodeno) VALUES (?, ?)");
        this.parents = connection.prepareStatement("INSERT INTO " + GeoPackageSchema.quote(name + "_parent")
                + " (nodeno, parentnode) VALUES (?, ?)");
        this.root = connection.prepareStatement("UPDATE " + GeoPackageSchema.quote(name + "_node")
                + " SET data = ? WHERE nodeno = 1");
    }

    /** The byte size of R-tree {@code name}'s nodes (that of its root, which SQLite creates empty). */
    static int nodeSize(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT length(data) FROM " + GeoPackageSchema.quote(name + "_node") + " WHERE nodeno = 1");
             ResultSet result = select.executeQuery()) {
            if (!result.next()) {
                throw new IllegalStateException("R-tree " + name + " has no root node");
            }
            return result.getInt(1);
        }
    }

    /** The number of cells a node holds. */
    int capacity() {
        return (nodeSize - 4) / CELL_BYTES;
    }

    /**
     * Writes node {@code nodeNumber} of {@code size} cells ({@code ids[i]}, {@code boxes[4i..4i+3]});
     * the root is node 1 and records the tree's {@code depth}.
     */
    void writeNode(long nodeNumber, int depth, long[] ids, float[] boxes, int size, boolean isRoot)
            throws SQLException {
        ByteBuffer blob = ByteBuffer.allocate(nodeSize);
        blob.putShort((short) (isRoot ? depth : 0));
        blob.putShort((short) size);
        for (int i = 0; i < size; i++) {
            blob.putLong(ids[i]);
            for (int k = 0; k < 4; k++) {
                blob.putFloat(boxes[4 * i + k]);
            }
        }
        if (isRoot) {
            root.setBytes(1, blob.array());
            root.executeUpdate();
            return;
        }
        nodes.setLong(1, nodeNumber);
        nodes.setBytes(2, blob.array());
        nodes.addBatch();
        if (++pendingNodes == SQL_BATCH) {
            nodes.executeBatch();
            nodes.clearBatch();
            pendingNodes = 0;
        }
    }

    /** Records where each of {@code ids[0..size)} lives: a feature's leaf, or a child node's parent. */
    void link(long[] ids, int size, long nodeNumber, boolean leaf) throws SQLException {
        PreparedStatement statement = leaf ? rowids : parents;
        for (int i = 0; i < size; i++) {
            statement.setLong(1, ids[i]);
            statement.setLong(2, nodeNumber);
            statement.addBatch();
        }
        if (leaf) {
            pendingRowids += size;
            if (pendingRowids >= SQL_BATCH) {
                rowids.executeBatch();
                rowids.clearBatch();
                pendingRowids = 0;
            }
        } else {
            pendingParents += size;
            if (pendingParents >= SQL_BATCH) {
                parents.executeBatch();
                parents.clearBatch();
                pendingParents = 0;
            }
        }
    }

    /** Writes what is still batched, then releases the statements. */
    @Override
    public void close() throws SQLException {
        try {
            if (pendingNodes > 0) {
                nodes.executeBatch();
            }
            if (pendingRowids > 0) {
                rowids.executeBatch();
            }
            if (pendingParents > 0) {
                parents.executeBatch();
            }
        } finally {
            nodes.close();
            rowids.close();
            parents.close();
            root.close();
        }
    }
}
