package org.naturaflux.source.query;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;

/** The export statement's rows from a server-side cursor: the driver fetches them a batch at a time, as text. */
final class CursorRows implements RowSource {

    private final PreparedStatement statement;
    private final ResultSet rows;
    private final RowShape shape;

    CursorRows(PreparedStatement statement, ResultSet rows, RowShape shape) {
        this.statement = statement;
        this.rows = rows;
        this.shape = shape;
    }

    @Override
    public ObservationRow next() throws SQLException {
        if (!rows.next()) {
            return null;
        }
        int dataset = rows.getInt(RowShape.DATASET);
        Integer datasetId = rows.wasNull() ? null : dataset;
        int name = rows.getInt(RowShape.CD_NOM);
        Integer cdNom = rows.wasNull() ? null : name;
        Object[] values = new Object[shape.fields().size()];
        for (int i = 0; i < values.length; i++) {
            int column = shape.column(i);
            if (column > 0) {
                values[i] = read(shape.fields().get(i), column);
            }
        }
        return shape.row(rows.getLong(RowShape.ID), rows.getString(RowShape.SENSITIVITY), rows.getString(RowShape.DIFFUSION),
                rows.getBytes(RowShape.LOCAL_WKB), rows.getBytes(RowShape.WGS84_WKB), datasetId, cdNom, values);
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

    @Override
    public void close() throws SQLException {
        try {
            rows.close();
        } finally {
            statement.close();
        }
    }
}
