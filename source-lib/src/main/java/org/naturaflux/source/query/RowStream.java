package org.naturaflux.source.query;

import java.sql.Connection;
import java.sql.SQLException;
import org.naturaflux.model.row.ObservationRow;

/**
 * The rows of an {@link ExportQuery}, read one at a time from a server-side cursor ({@link ExportQuery#stream})
 * or from a binary {@code COPY} ({@link ExportQuery#copy}): each row carries the record's {@code id_synthese},
 * its SENSIBILITE and NIV_PRECIS codes, its local (the source's SRID) and WGS84 geometries, its
 * {@code id_dataset} and {@code cd_nom}, and the values of the query's fields in their Java types ({@link FieldSql#javaType}),
 * the same whichever way they are read. Geometries arrive as WKB and are parsed with JTS.
 *
 * <p>Not thread-safe. Close it: it stops the reading (closes the cursor, or cancels a COPY still under way)
 * and, when it began the transaction, ends it (nothing is written) and restores the connection's autocommit
 * mode. A COPY cancelled mid-way leaves the caller's transaction aborted: the caller rolls it back.
 */
public final class RowStream implements AutoCloseable {

    private final Connection connection;
    private final boolean ownsTransaction;
    private final RowSource rows;
    private long read;
    private boolean closed;

    RowStream(Connection connection, boolean ownsTransaction, RowSource rows) {
        this.connection = connection;
        this.ownsTransaction = ownsTransaction;
        this.rows = rows;
    }

    /** The next row, or null after the last one (and once closed). */
    public ObservationRow next() throws SQLException {
        if (closed) {
            return null;
        }
        ObservationRow row = rows.next();
        if (row != null) {
            read++;
        }
        return row;
    }

    /** How many rows {@link #next} has returned. */
    public long rowsRead() {
        return read;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rows.close();
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
