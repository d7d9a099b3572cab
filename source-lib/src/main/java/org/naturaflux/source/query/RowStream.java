package org.naturaflux.source.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;

/**
 * The rows of an {@link ExportQuery}, read one at a time from a server-side cursor: each row carries
 * the record's {@code id_synthese}, its SENSIBILITE and NIV_PRECIS codes, its local (the source's SRID) and
 * WGS84 geometries, its {@code id_dataset} and {@code cd_nom}, and the values of the query's fields in their Java types
 * ({@link FieldSql#javaType}). Geometries arrive as WKB and are parsed with JTS.
 *
 * <p>Not thread-safe. Close it: it closes the cursor and, when it began the transaction, ends it
 * (nothing is written) and restores the connection's autocommit mode.
 */
public final class RowStream implements AutoCloseable {

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static final int DATASET_COLUMN = 6;
    private static final int CD_NOM_COLUMN = 7;
    private static final int FIRST_VALUE_COLUMN = 8;

    private final Connection connection;
    private final boolean ownsTransaction;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final List<FieldDefinition> fields;
    private final WKBReader localReader;
    private final WKBReader wgs84Reader = new WKBReader(WGS84);
    private long read;
    private boolean closed;

    RowStream(Connection connection, boolean ownsTransaction, PreparedStatement statement, ResultSet rows,
              List<FieldDefinition> fields, int localSrid) {
        this.connection = connection;
        this.ownsTransaction = ownsTransaction;
        this.statement = statement;
        this.rows = rows;
        this.fields = fields;
        this.localReader = new WKBReader(new GeometryFactory(new PrecisionModel(), localSrid));
    }

    /** The next row, or null after the last one (and once closed). */
    public ObservationRow next() throws SQLException {
        if (closed || !rows.next()) {
            return null;
        }
        long id = rows.getLong(1);
        String sensitivity = rows.getString(2);
        String diffusion = rows.getString(3);
        Geometry local = geometry(localReader, rows.getBytes(4));
        Geometry wgs84 = geometry(wgs84Reader, rows.getBytes(5));
        int dataset = rows.getInt(DATASET_COLUMN);
        Integer datasetId = rows.wasNull() ? null : dataset;
        int name = rows.getInt(CD_NOM_COLUMN);
        Integer cdNom = rows.wasNull() ? null : name;
        Object[] values = new Object[fields.size()];
        int column = FIRST_VALUE_COLUMN;
        for (int i = 0; i < values.length; i++) {
            FieldDefinition field = fields.get(i);
            values[i] = field.isGeometry() ? wgs84 : read(field, column++);
        }
        read++;
        return new ObservationRow(id, sensitivity, diffusion, local, wgs84, values, datasetId, cdNom);
    }

    /** How many rows {@link #next} has returned. */
    public long rowsRead() {
        return read;
    }

    private Object read(FieldDefinition field, int column) throws SQLException {
        return switch (field.type()) {
            case TEXT, JSON -> rows.getString(column);
            case INTEGER -> {
                long v = rows.getLong(column);
                yield rows.wasNull() ? null : v;
            }
            case DECIMAL -> {
                double v = rows.getDouble(column);
                yield rows.wasNull() ? null : v;
            }
            case BOOLEAN -> {
                boolean v = rows.getBoolean(column);
                yield rows.wasNull() ? null : v;
            }
            case DATE -> rows.getObject(column, LocalDate.class);
            case TIMESTAMP -> rows.getObject(column, LocalDateTime.class);
            case UUID -> rows.getObject(column, UUID.class);
            case GEOMETRY -> throw new IllegalStateException("the geometry is read once per row");
        };
    }

    private static Geometry geometry(WKBReader reader, byte[] wkb) throws SQLException {
        if (wkb == null) {
            return null;
        }
        try {
            return reader.read(wkb);
        } catch (ParseException e) {
            throw new SQLException("invalid geometry WKB from the source", e);
        }
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            try {
                rows.close();
            } finally {
                statement.close();
            }
        } finally {
            if (ownsTransaction) {
                try {
                    connection.rollback();
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        }
    }
}
