package org.naturaflux.source.query;

import java.sql.SQLException;
import org.naturaflux.model.row.ObservationRow;

/** Where a {@link RowStream}'s rows come from: a server-side cursor ({@link CursorRows}) or a binary COPY ({@link CopyRows}). */
interface RowSource extends AutoCloseable {

    /** The next row, or null after the last one. */
    ObservationRow next() throws SQLException;

    /** Stops reading (what is left unread is abandoned); the transaction is the caller's to end. */
    @Override
    void close() throws SQLException;
}
