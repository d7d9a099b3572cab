package org.naturaflux.sensitivity.testing;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.field.Reveals;
import org.naturaflux.model.row.ObservationRow;

/**
 * Observation rows for tests. Every field that declares it reveals something carries a canary: text
 * containing {@link #CANARY}, or a number / date / identifier no degraded output may contain; fields that
 * reveal nothing carry ordinary values, which degradation keeps.
 */
public final class Rows {

    public static final String CANARY = "CANARY";
    /** Source value of PRECISION fields: finer than any area. */
    public static final long SOURCE_PRECISION = 7;
    /** Numeric canary of ELEVATION fields. */
    public static final long CANARY_ELEVATION = 987_654;
    /** Source value of TIME fields (kept unless dates are coarsened). */
    public static final String TIME = "13:45:12";
    public static final LocalDate DATE = LocalDate.of(2023, 6, 17);
    public static final LocalDateTime TIMESTAMP = LocalDateTime.of(2023, 6, 17, 13, 45, 12);

    private Rows() {
    }

    /** A row whose 4326 geometry is {@code to4326} of its 2154 one, every value filled. */
    public static ObservationRow row(long id, String sensitivity, String diffusion, Geometry local,
                                     AffineTransformation to4326, List<FieldDefinition> fields) {
        Geometry geometry = local == null ? null : to4326.transform(local);
        return new ObservationRow(id, sensitivity, diffusion, local, geometry, values(id, geometry, fields));
    }

    public static Object[] values(long id, Geometry geometry, List<FieldDefinition> fields) {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(id, geometry, fields.get(i));
        }
        return values;
    }

    private static Object value(long id, Geometry geometry, FieldDefinition field) {
        String code = field.code();
        boolean reveals = !field.reveals().isEmpty();
        if (field.reveals(Reveals.GEOMETRY)) {
            return switch (field.type()) {
                case GEOMETRY -> geometry;
                default -> geometry == null ? null : geometry.toText();
            };
        }
        if (field.reveals(Reveals.CENTROID)) {
            Point c = geometry == null || geometry.isEmpty() ? null : geometry.getCentroid();
            if (c == null) {
                return null;
            }
            return code.startsWith("y") ? c.getY() : c.getX();
        }
        if (field.reveals(Reveals.PRECISION)) {
            return switch (field.type()) {
                case DECIMAL -> (double) SOURCE_PRECISION;
                case TEXT -> Long.toString(SOURCE_PRECISION);
                default -> SOURCE_PRECISION;
            };
        }
        if (field.reveals(Reveals.DATE) && !field.reveals(Reveals.TIME)) {
            return switch (field.type()) {
                case TIMESTAMP -> TIMESTAMP;
                case TEXT -> DATE.toString();
                default -> DATE;
            };
        }
        if (field.reveals(Reveals.TIME) && field.type() == FieldType.TEXT) {
            return TIME;
        }
        return switch (field.type()) {
            case TEXT -> (reveals ? CANARY + "-" : "keep-") + code + "-" + id;
            case JSON -> reveals ? "{\"" + CANARY + "\":\"" + code + "\",\"lat\":48.123456}" : "{\"k\":\"" + code + "\"}";
            case INTEGER -> reveals ? CANARY_ELEVATION : id * 10 + 1;
            case DECIMAL -> reveals ? (double) CANARY_ELEVATION : id + 0.5;
            case DATE -> DATE;
            case TIMESTAMP -> TIMESTAMP;
            case BOOLEAN -> Boolean.TRUE;
            case UUID -> UUID.nameUUIDFromBytes((code + id).getBytes(StandardCharsets.UTF_8));
            case GEOMETRY -> geometry;
        };
    }

    /** Index of a field in a field list. */
    public static int indexOf(List<FieldDefinition> fields, String code) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).code().equals(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no field " + code);
    }
}
