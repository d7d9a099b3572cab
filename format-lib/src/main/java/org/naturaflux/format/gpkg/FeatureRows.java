package org.naturaflux.format.gpkg;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.format.EncodedGeometries;
import org.naturaflux.format.FieldLayout;
import org.naturaflux.format.ValueFormatter;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.row.ObservationRow;

/**
 * The load of the feature table's rows: each row becomes the insert's parameters (fid, geometry blob,
 * one SQL value per attribute column), batched for the {@link BatchLoader} thread; the geometries' type
 * and extent are gathered ({@link LayerExtent}) and their envelopes handed to the {@link SpatialIndex}.
 * A geometry's blob is encoded once per geometry instance and the same array bound again for the next
 * rows carrying that instance ({@link EncodedGeometries}; blobs are never changed once made, and sqlite-jdbc
 * copies a bound blob when the batch runs). The envelope, type and extent are JTS's cached envelope and
 * a few comparisons per row: nothing to cache there.
 */
final class FeatureRows {

    private final FieldLayout layout;
    private final int[] attributeColumns;
    private final PreparedStatement insert;
    private final SpatialIndex index;
    private final BatchLoader loader;
    private final LayerExtent extent = new LayerExtent();
    private final EncodedGeometries<byte[]> blobs;
    private BatchLoader.Batch batch;

    FeatureRows(FieldLayout layout, GeoPackageSchema schema, PreparedStatement insert, SpatialIndex index,
                int batchRows, EncodedGeometries<byte[]> blobs) throws IOException {
        this.layout = layout;
        this.attributeColumns = schema.attributeColumns();
        this.insert = insert;
        this.index = index;
        this.blobs = blobs;
        this.loader = new BatchLoader(insert, batchRows, 2 + attributeColumns.length, "naturaflux-gpkg-loader");
        this.batch = loader.nextBatch();
    }

    /** Adds one row (its values checked by the layout); an earlier insert's failure surfaces here. */
    void write(ObservationRow row, Object[] values) throws IOException {
        Object[] parameters = batch.rows[batch.size];
        parameters[0] = row.id();
        Geometry geometry = row.geometry();
        byte[] blob = blobs.get(geometry, g -> GeoPackageGeometry.encode(g, GeoPackageWriter.SRS_ID));
        parameters[1] = blob;
        for (int i = 0; i < attributeColumns.length; i++) {
            int column = attributeColumns[i];
            parameters[2 + i] = sqlValue(layout.type(column), values[column]);
        }
        if (blob != null) {
            Envelope envelope = extent.add(row.id(), geometry);
            index.add(row.id(), envelope);
        }
        batch.size++;
        if (batch.isFull()) {
            loader.submit(batch);
            batch = loader.nextBatch();
        }
    }

    /** The value as sqlite-jdbc binds it ({@code Long}, {@code Double}, {@code String}, {@code Integer} or null). */
    static Object sqlValue(FieldType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case TEXT, JSON -> value;
            case UUID -> value.toString();
            case INTEGER -> value instanceof Long ? value : ((Number) value).longValue();
            case DECIMAL -> {
                double d = ((Number) value).doubleValue();
                yield Double.isFinite(d) ? (Object) d : null;
            }
            case DATE -> ValueFormatter.date((LocalDate) value);
            case TIMESTAMP -> ValueFormatter.timestampMillis((LocalDateTime) value);
            case BOOLEAN -> (Boolean) value ? 1 : 0;
            case GEOMETRY -> throw new IllegalStateException("the geometry field is not a column");
        };
    }

    /** Inserts the last batch, waits for the loader and closes the insert (the transaction stays open). */
    void finish() throws IOException, SQLException {
        loader.submit(batch);
        batch = null;
        loader.finish();
        insert.close();
    }

    /** The CPU time of the insert thread, once it has ended ({@link #finish}, {@link #abort}). */
    long loaderCpuNanos() {
        return loader.cpuNanos();
    }

    /** The type and extent of the geometries written. */
    LayerExtent extent() {
        return extent;
    }

    /** Stops the loader and releases the insert. Never throws. */
    void abort() {
        loader.abort();
        try {
            insert.close();
        } catch (SQLException | RuntimeException ignored) {
            // closing the GeoPackage releases it too
        }
    }
}
