package org.naturaflux.format;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.row.ObservationRow;

/**
 * The columns of an export: the flux's resolved fields, in catalogue order, and the checks every row
 * passes before a writer formats it.
 *
 * <p>A row's {@code values} must have one value per field, each {@code null} or of its field type's Java
 * type: TEXT and JSON {@link String}; INTEGER {@link Long} (or {@link Integer}, {@link Short},
 * {@link Byte}); DECIMAL any {@link Number} (written as its {@code double} value); DATE
 * {@link LocalDate}; TIMESTAMP {@link LocalDateTime}; BOOLEAN {@link Boolean}; UUID {@link UUID};
 * GEOMETRY a JTS {@link Geometry} in EPSG:4326. Anything else is a programming error reported as an
 * {@link IllegalArgumentException} naming the field and the row.
 *
 * <p>Immutable and thread-safe.
 */
public final class FieldLayout {

    private final List<FieldDefinition> fields;
    private final FieldType[] types;
    private final int geometryIndex;

    private FieldLayout(List<FieldDefinition> fields) {
        this.fields = List.copyOf(fields);
        this.types = new FieldType[this.fields.size()];
        int geometry = -1;
        for (int i = 0; i < types.length; i++) {
            FieldDefinition field = this.fields.get(i);
            types[i] = field.type();
            if (field.isGeometry()) {
                if (geometry >= 0) {
                    throw new IllegalArgumentException("an export has at most one GEOMETRY field, found '"
                            + this.fields.get(geometry).code() + "' and '" + field.code() + "'");
                }
                geometry = i;
            }
        }
        this.geometryIndex = geometry;
    }

    /**
     * The layout of these fields.
     *
     * @throws IllegalArgumentException when the list is empty, names a code twice or holds two GEOMETRY fields
     */
    public static FieldLayout of(List<FieldDefinition> fields) {
        Objects.requireNonNull(fields, "fields");
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("an export needs at least one field");
        }
        if (fields.stream().map(FieldDefinition::code).distinct().count() != fields.size()) {
            throw new IllegalArgumentException("an export names a field twice: " + fields.stream()
                    .map(FieldDefinition::code).toList());
        }
        return new FieldLayout(fields);
    }

    /** The fields, in column order. */
    public List<FieldDefinition> fields() {
        return fields;
    }

    /** The number of fields. */
    public int size() {
        return types.length;
    }

    /** The field at column {@code index}. */
    public FieldDefinition field(int index) {
        return fields.get(index);
    }

    /** The type of the field at column {@code index}. */
    public FieldType type(int index) {
        return types[index];
    }

    /** The column of the GEOMETRY field ({@code geometrie_wkt_4326}), or -1 when the export has none. */
    public int geometryIndex() {
        return geometryIndex;
    }

    /**
     * The row's values, checked against the fields.
     *
     * @throws IllegalArgumentException when the row has another number of values, or a value of the wrong type
     */
    public Object[] values(ObservationRow row) {
        Objects.requireNonNull(row, "row");
        Object[] values = row.values();
        if (values.length != types.length) {
            throw new IllegalArgumentException("row " + row.id() + " has " + values.length
                    + " values for " + types.length + " fields");
        }
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value != null && !accepts(types[i], value)) {
                throw new IllegalArgumentException("row " + row.id() + ": field '" + fields.get(i).code() + "' ("
                        + types[i] + ") cannot hold a " + value.getClass().getName());
            }
        }
        return values;
    }

    private static boolean accepts(FieldType type, Object value) {
        return switch (type) {
            case TEXT, JSON -> value instanceof String;
            case INTEGER -> value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte;
            case DECIMAL -> value instanceof Number;
            case DATE -> value instanceof LocalDate;
            case TIMESTAMP -> value instanceof LocalDateTime;
            case BOOLEAN -> value instanceof Boolean;
            case UUID -> value instanceof UUID;
            case GEOMETRY -> value instanceof Geometry;
        };
    }
}
