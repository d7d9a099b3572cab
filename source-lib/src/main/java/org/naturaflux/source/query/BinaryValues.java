package org.naturaflux.source.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.naturaflux.model.field.FieldType;

/**
 * PostgreSQL's binary send formats of the types the export statement returns, decoded into the Java values the
 * JDBC driver gives for them (what {@link CursorRows} reads): the decoder of a column is chosen once, from its
 * type and the field's {@link FieldType}, when the statement is described; a pair not listed here is refused
 * then, never decoded by guess.
 * <ul>
 *   <li>{@code int2}, {@code int4}, {@code int8}: big-endian integers;</li>
 *   <li>{@code text}, {@code varchar}, {@code bpchar}, {@code name}, {@code json}: the text, UTF-8 (the driver's
 *       client encoding); {@code jsonb}: a version byte (1), then its text;</li>
 *   <li>{@code float8}: IEEE 754; {@code numeric}: base-10000 digits, read exactly then rounded once to a double,
 *       as the driver parses the decimal text ({@code NaN} and the infinities included);</li>
 *   <li>{@code bool}: one byte; {@code uuid}: 16 bytes;</li>
 *   <li>{@code date}: days since 2000-01-01; {@code timestamp}: microseconds since 2000-01-01 00:00, no zone (a
 *       {@link LocalDateTime}, as the driver reads a {@code timestamp}); {@code infinity} and {@code -infinity}
 *       as the driver gives them: {@code MAX} and {@code MIN};</li>
 *   <li>{@code bytea}: the bytes.</li>
 * </ul>
 * {@code timestamptz} is refused for a TIMESTAMP field, as the driver refuses it as a {@link LocalDateTime}.
 */
final class BinaryValues {

    /** Decodes one non-null value of {@code length} bytes at {@code offset}. */
    @FunctionalInterface
    interface Decoder {
        Object decode(byte[] bytes, int offset, int length) throws SQLException;
    }

    /** 2000-01-01, PostgreSQL's epoch, in days and seconds since 1970-01-01. */
    private static final long EPOCH_DAYS = 10_957;
    private static final long EPOCH_SECONDS = EPOCH_DAYS * 86_400;
    private static final int NUMERIC_POSITIVE = 0x0000;
    private static final int NUMERIC_NEGATIVE = 0x4000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_PINF = 0xD000;
    private static final int NUMERIC_NINF = 0xF000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private BinaryValues() {
    }

    /** The driver's type name as PostgreSQL's: the driver names an auto-incremented integer column after its serial type. */
    static String baseType(String driverTypeName) {
        return switch (driverTypeName) {
            case "serial" -> "int4";
            case "bigserial" -> "int8";
            case "smallserial" -> "int2";
            default -> driverTypeName;
        };
    }

    /** The decoder of a field of {@code type} from a column of PostgreSQL type {@code pgType}, or null when there is none. */
    static Decoder forField(FieldType type, String pgType) {
        return switch (type) {
            case TEXT, JSON -> text(pgType);
            case INTEGER -> integer(pgType);
            case DECIMAL -> switch (pgType) {
                case "float8" -> BinaryValues::float8;
                case "numeric" -> BinaryValues::numeric;
                default -> {
                    Decoder integer = integer(pgType);
                    yield integer == null ? null : (b, o, l) -> ((Long) integer.decode(b, o, l)).doubleValue();
                }
            };
            case BOOLEAN -> pgType.equals("bool") ? (b, o, l) -> b[o] != 0 : null;
            case DATE -> switch (pgType) {
                case "date" -> BinaryValues::date;
                case "timestamp" -> (b, o, l) -> timestamp(b, o, l).toLocalDate();
                default -> null;
            };
            case TIMESTAMP -> pgType.equals("timestamp") ? BinaryValues::timestamp : null;
            case UUID -> pgType.equals("uuid") ? (b, o, l) -> new UUID(int8(b, o), int8(b, o + 8)) : null;
            case GEOMETRY -> null;
        };
    }

    /** A text-like column's decoder, or null. */
    static Decoder text(String pgType) {
        return switch (pgType) {
            case "text", "varchar", "bpchar", "name", "json" -> (b, o, l) -> new String(b, o, l, StandardCharsets.UTF_8);
            case "jsonb" -> (b, o, l) -> {
                if (l < 1 || b[o] != 1) {
                    throw new SQLException("unknown jsonb binary version " + (l < 1 ? "(empty)" : b[o]), "XX000");
                }
                return new String(b, o + 1, l - 1, StandardCharsets.UTF_8);
            };
            default -> null;
        };
    }

    /** An integer column's decoder (a {@link Long}), or null. */
    static Decoder integer(String pgType) {
        return switch (pgType) {
            case "int2" -> (b, o, l) -> (long) int2(b, o);
            case "int4" -> (b, o, l) -> (long) int4(b, o);
            case "int8" -> (b, o, l) -> int8(b, o);
            default -> null;
        };
    }

    /** A {@code bytea} column's decoder, or null. */
    static Decoder bytes(String pgType) {
        return pgType.equals("bytea") ? (b, o, l) -> Arrays.copyOfRange(b, o, o + l) : null;
    }

    static int int2(byte[] b, int o) {
        return (short) (((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF));
    }

    static int int4(byte[] b, int o) {
        return ((b[o] & 0xFF) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
    }

    static long int8(byte[] b, int o) {
        return ((long) int4(b, o) << 32) | (int4(b, o + 4) & 0xFFFFFFFFL);
    }

    static Double float8(byte[] b, int o, int l) {
        return Double.longBitsToDouble(int8(b, o));
    }

    static LocalDate date(byte[] b, int o, int l) {
        int days = int4(b, o);
        if (days == Integer.MAX_VALUE) {
            return LocalDate.MAX;
        }
        if (days == Integer.MIN_VALUE) {
            return LocalDate.MIN;
        }
        return LocalDate.ofEpochDay(EPOCH_DAYS + days);
    }

    static LocalDateTime timestamp(byte[] b, int o, int l) {
        long micros = int8(b, o);
        if (micros == Long.MAX_VALUE) {
            return LocalDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return LocalDateTime.MIN;
        }
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(EPOCH_SECONDS + seconds, nanos, ZoneOffset.UTC);
    }

    /**
     * A {@code numeric} as the nearest double: its exact decimal value ({@code ndigits} base-10000 digits, the first
     * of weight {@code weight}), rounded once.
     */
    static Double numeric(byte[] b, int o, int l) throws SQLException {
        int digits = int2(b, o);
        int weight = int2(b, o + 2);
        int sign = int2(b, o + 4) & 0xFFFF;
        switch (sign) {
            case NUMERIC_NAN:
                return Double.NaN;
            case NUMERIC_PINF:
                return Double.POSITIVE_INFINITY;
            case NUMERIC_NINF:
                return Double.NEGATIVE_INFINITY;
            case NUMERIC_POSITIVE, NUMERIC_NEGATIVE:
                break;
            default:
                throw new SQLException("unknown numeric sign 0x" + Integer.toHexString(sign), "XX000");
        }
        if (l != 8 + 2 * digits) {
            throw new SQLException("a numeric of " + digits + " digits in " + l + " bytes", "XX000");
        }
        if (digits == 0) {
            return 0.0;
        }
        BigInteger unscaled = BigInteger.ZERO;
        long small = 0;
        boolean fits = digits <= 4;
        for (int i = 0; i < digits; i++) {
            int digit = int2(b, o + 8 + 2 * i);
            if (fits) {
                small = small * 10_000 + digit;
            } else {
                unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf(digit));
            }
        }
        if (fits) {
            unscaled = BigInteger.valueOf(small);
        }
        // the last digit's weight is weight - (digits - 1), in base 10000: a power of ten 4 times larger
        BigDecimal value = new BigDecimal(unscaled, -4 * (weight - (digits - 1)));
        double d = value.doubleValue();
        return sign == NUMERIC_NEGATIVE ? -d : d;
    }
}
