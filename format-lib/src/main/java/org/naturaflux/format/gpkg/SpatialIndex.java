package org.naturaflux.format.gpkg;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.extension.rtree.RTreeIndexExtension;
import org.locationtech.jts.geom.Envelope;

/**
 * The feature table's R-tree spatial index ({@code gpkg_rtree_index}): envelopes are collected during
 * the load, and the index is built once after it, as a {@link PackedRTree}, with the GeoPackage 1.2/1.3
 * triggers that keep it in step with later edits.
 */
final class SpatialIndex implements AutoCloseable {

    private final PackedRTree rtree;

    /** Starts collecting envelopes, spooled to temporary files of {@code tempDirectory}. */
    SpatialIndex(Path tempDirectory) throws IOException {
        this.rtree = new PackedRTree(tempDirectory);
    }

    /** Records the envelope of feature {@code id}. */
    void add(long id, Envelope envelope) throws IOException {
        rtree.add(id, envelope.getMinX(), envelope.getMaxX(), envelope.getMinY(), envelope.getMaxY());
    }

    /**
     * Creates the R-tree (geopackage-java: extension, virtual table), packs it from the envelopes collected,
     * then adds the GeoPackage 1.2/1.3 triggers that keep it in step with later edits: geopackage-java
     * deprecates update1 and update3 in favour of 1.4's update5-7, but GDAL 3.6's validator requires
     * update1-4 (and 1.4's set beside update1/3 breaks later edits). Commits on {@code connection}, which
     * must be in auto-commit mode and is left so.
     */
    @SuppressWarnings("deprecation")
    void build(GeoPackage geoPackage, Connection connection, GeoPackageSchema schema, LayerExtent extent)
            throws IOException, SQLException {
        String table = schema.table();
        String geometryColumn = schema.geometryColumn();
        String fidColumn = schema.fidColumn();
        RTreeIndexExtension extension = new RTreeIndexExtension(geoPackage);
        extension.getOrCreate(table, geometryColumn);
        extension.createRTreeIndex(table, geometryColumn);
        connection.setAutoCommit(false);
        rtree.write(connection, "rtree_" + table + "_" + geometryColumn,
                new double[]{extent.minX(), extent.maxX(), extent.minY(), extent.maxY()});
        connection.commit();
        connection.setAutoCommit(true);
        extension.createInsertTrigger(table, geometryColumn, fidColumn);
        extension.createUpdate1Trigger(table, geometryColumn, fidColumn);
        extension.createUpdate2Trigger(table, geometryColumn, fidColumn);
        extension.createUpdate3Trigger(table, geometryColumn, fidColumn);
        extension.createUpdate4Trigger(table, geometryColumn, fidColumn);
        extension.createDeleteTrigger(table, geometryColumn, fidColumn);
    }

    /** Deletes the temporary files. Never throws. */
    @Override
    public void close() {
        rtree.close();
    }
}
