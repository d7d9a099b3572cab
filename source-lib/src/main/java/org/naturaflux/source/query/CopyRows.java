package org.naturaflux.source.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The export statement's rows from {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} through the driver's
 * {@link CopyOut}: the server runs the statement once to the end (a plan it may run in parallel, which a cursor
 * forbids) and streams its tuples in PostgreSQL's binary format, decoded here by {@link BinaryValues}. Memory is
 * bounded by one tuple: the driver returns one {@code CopyData} message at a time and the server waits while
 * the client does not read.
 *
 * <p>Before the COPY starts, the statement is described (its columns' types, without running it) and a decoder
 * chosen for each column; a type without one is an {@link SQLException} naming the column, before any row.
 *
 * <p>The binary format: an 11-byte signature, a 32-bit flags field, a header extension (its 32-bit length, then
 * that many bytes); per tuple a 16-bit field count, then per field its 32-bit length (-1 for NULL) and its
 * bytes; a field count of -1 ends the data. All integers are big-endian.
 *
 * <p>{@link #close} while the COPY is under way cancels it (the driver's cancel request) and reads what the
 * server sent before the cancel took effect, so that the connection is in step again (its transaction aborted);
 * a failure of the connection itself is thrown by {@link #next} as the driver reports it (SQLSTATE 08006).
 */
final class CopyRows implements RowSource {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int OIDS_FLAG = 1 << 16;
    private static final String QUERY_CANCELED = "57014";
    private static final String PROTOCOL_VIOLATION = "08P01";
    private static final byte[] EMPTY = new byte[0];

    private final PGConnection connection;
    private final CopyOut copy;
    private final RowShape shape;
    private final BinaryValues.Decoder[] decoders;
    private byte[] buffer = EMPTY;
    private int position;
    private int column;
    private boolean started;
    private boolean ended;
    private boolean readFailed;

    private CopyRows(PGConnection connection, CopyOut copy, RowShape shape, BinaryValues.Decoder[] decoders) {
        this.connection = connection;
        this.copy = copy;
        this.shape = shape;
        this.decoders = decoders;
    }

    /**
     * Describes {@code select} (a statement without parameters, columns as {@link RowShape} says), then starts
     * its binary COPY, in the connection's current transaction.
     *
     * @throws SQLException if a column's type has no decoder for its field, or the COPY cannot start
     */
    static CopyRows open(Connection connection, String select, RowShape shape) throws SQLException {
        BinaryValues.Decoder[] decoders = decoders(connection, select, shape);
        PGConnection pg = connection.unwrap(PGConnection.class);
        CopyOut copy = pg.getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT (FORMAT binary)");
        return new CopyRows(pg, copy, shape, decoders);
    }

    /** A decoder per column, from the statement's description (parsed and analysed by the server, not run). */
    static BinaryValues.Decoder[] decoders(Connection connection, String select, RowShape shape) throws SQLException {
        String[] types;
        try (PreparedStatement described = connection.prepareStatement(select)) {
            ResultSetMetaData metadata = described.getMetaData();
            if (metadata == null || metadata.getColumnCount() != shape.columnCount()) {
                throw new SQLException("the export statement returns " + (metadata == null ? "no" : metadata.getColumnCount())
                        + " columns, " + shape.columnCount() + " expected", "42601");
            }
            types = new String[shape.columnCount()];
            for (int i = 0; i < types.length; i++) {
                types[i] = BinaryValues.baseType(metadata.getColumnTypeName(i + 1));
            }
        }
        BinaryValues.Decoder[] decoders = new BinaryValues.Decoder[types.length];
        decoders[RowShape.ID - 1] = require(BinaryValues.integer(types[RowShape.ID - 1]), "id_synthese", types[RowShape.ID - 1]);
        decoders[RowShape.SENSITIVITY - 1] = require(BinaryValues.text(types[RowShape.SENSITIVITY - 1]), "the SENSIBILITE code",
                types[RowShape.SENSITIVITY - 1]);
        decoders[RowShape.DIFFUSION - 1] = require(BinaryValues.text(types[RowShape.DIFFUSION - 1]), "the NIV_PRECIS code",
                types[RowShape.DIFFUSION - 1]);
        decoders[RowShape.LOCAL_WKB - 1] = require(BinaryValues.bytes(types[RowShape.LOCAL_WKB - 1]), "the local geometry",
                types[RowShape.LOCAL_WKB - 1]);
        decoders[RowShape.WGS84_WKB - 1] = require(BinaryValues.bytes(types[RowShape.WGS84_WKB - 1]), "the WGS84 geometry",
                types[RowShape.WGS84_WKB - 1]);
        String datasetType = types[RowShape.DATASET - 1];
        decoders[RowShape.DATASET - 1] = require(datasetType.equals("int8") ? null : BinaryValues.integer(datasetType),
                "id_dataset", datasetType);
        String cdNomType = types[RowShape.CD_NOM - 1];
        decoders[RowShape.CD_NOM - 1] = require(cdNomType.equals("int8") ? null : BinaryValues.integer(cdNomType),
                "cd_nom", cdNomType);
        for (int i = 0; i < shape.fields().size(); i++) {
            int c = shape.column(i);
            if (c > 0) {
                FieldDefinition field = shape.fields().get(i);
                decoders[c - 1] = require(BinaryValues.forField(field.type(), types[c - 1]),
                        "field '" + field.code() + "' (" + field.type() + ")", types[c - 1]);
            }
        }
        return decoders;
    }

    private static BinaryValues.Decoder require(BinaryValues.Decoder decoder, String what, String type) throws SQLException {
        if (decoder == null) {
            throw new SQLException("the export statement returns " + what + " as PostgreSQL type " + type
                    + ", which the binary reader does not decode", "0A000");
        }
        return decoder;
    }

    @Override
    public ObservationRow next() throws SQLException {
        if (ended) {
            return null;
        }
        if (!started) {
            header();
            started = true;
        }
        need(2);
        int count = BinaryValues.int2(buffer, position);
        position += 2;
        if (count == -1) {
            end();
            return null;
        }
        if (count != decoders.length) {
            throw new SQLException("a binary COPY tuple of " + count + " fields, " + decoders.length + " expected", PROTOCOL_VIOLATION);
        }
        column = 0;
        Object id = value();
        if (id == null) {
            throw new SQLException("a row without id_synthese", "XX000");
        }
        String sensitivity = (String) value();
        String diffusion = (String) value();
        byte[] local = (byte[]) value();
        byte[] wgs84 = (byte[]) value();
        Long dataset = (Long) value();
        Long cdNom = (Long) value();
        Object[] values = new Object[shape.fields().size()];
        for (int i = 0; i < values.length; i++) {
            if (shape.column(i) > 0) {
                values[i] = value();
            }
        }
        return shape.row((Long) id, sensitivity, diffusion, local, wgs84, dataset == null ? null : dataset.intValue(),
                cdNom == null ? null : cdNom.intValue(), values);
    }

    /** The next field of the tuple, decoded, or null. */
    private Object value() throws SQLException {
        BinaryValues.Decoder decoder = decoders[column++];
        need(4);
        int length = BinaryValues.int4(buffer, position);
        position += 4;
        if (length == -1) {
            return null;
        }
        if (length < 0) {
            throw new SQLException("a binary COPY field of length " + length, PROTOCOL_VIOLATION);
        }
        need(length);
        Object value = decoder.decode(buffer, position, length);
        position += length;
        return value;
    }

    private void header() throws SQLException {
        need(SIGNATURE.length + 8);
        if (!Arrays.equals(buffer, position, position + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new SQLException("not PostgreSQL's binary COPY signature", PROTOCOL_VIOLATION);
        }
        position += SIGNATURE.length;
        int flags = BinaryValues.int4(buffer, position);
        int extension = BinaryValues.int4(buffer, position + 4);
        position += 8;
        if ((flags & OIDS_FLAG) != 0 || extension < 0) {
            throw new SQLException("a binary COPY header with flags 0x" + Integer.toHexString(flags) + " and an extension of "
                    + extension + " bytes", PROTOCOL_VIOLATION);
        }
        need(extension);
        position += extension;
    }

    /** After the trailer: the driver reads the end of the COPY (the server is ready again). */
    private void end() throws SQLException {
        ended = true;
        if (read() != null) {
            throw new SQLException("binary COPY data after its trailer", PROTOCOL_VIOLATION);
        }
    }

    /** Makes {@code n} bytes available from {@code position}, reading more messages when needed. */
    private void need(int n) throws SQLException {
        int left = buffer.length - position;
        if (left >= n) {
            return;
        }
        byte[] joined = left == 0 ? EMPTY : Arrays.copyOfRange(buffer, position, buffer.length);
        while (joined.length < n) {
            byte[] chunk = read();
            if (chunk == null) {
                ended = true;
                throw new SQLException("the binary COPY ended inside a tuple", PROTOCOL_VIOLATION);
            }
            if (joined.length == 0) {
                joined = chunk;
            } else {
                byte[] more = Arrays.copyOf(joined, joined.length + chunk.length);
                System.arraycopy(chunk, 0, more, joined.length, chunk.length);
                joined = more;
            }
        }
        buffer = joined;
        position = 0;
    }

    private byte[] read() throws SQLException {
        try {
            return copy.readFromCopy();
        } catch (SQLException e) {
            readFailed = true;
            ended = true;
            throw e;
        }
    }

    /**
     * Stops the COPY when it is still under way: sends the server a cancel request and reads what it sent before
     * the cancel took effect, up to its error (query cancelled), or to the end if it was done anyway. After a failed
     * read (the connection broken), only releases the driver's hold on the connection.
     */
    @Override
    public void close() throws SQLException {
        ended = true;
        if (!copy.isActive()) {
            return;
        }
        if (readFailed) {
            copy.cancelCopy();
            return;
        }
        try {
            connection.cancelQuery();
            while (copy.readFromCopy() != null) {
                // what the server had sent before the cancel reached it
            }
        } catch (SQLException e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException again) {
                    e.addSuppressed(again);
                }
            }
            if (!QUERY_CANCELED.equals(e.getSQLState())) {
                throw e;
            }
        }
    }
}
