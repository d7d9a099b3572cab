package org.naturaflux.format;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTWriter;
import org.naturaflux.model.field.FieldType;

/**
 * How values become text, the same way in every format that carries them as text (CSV cells, JSON
 * strings, GeoPackage DATE and DATETIME columns).
 *
 * <ul>
 *   <li>TEXT and JSON: the text itself.</li>
 *   <li>INTEGER: decimal digits with a leading {@code -} when negative.</li>
 *   <li>DECIMAL: the shortest digits that read back as the same {@code double} ({@link Double#toString}'s),
 *       never in exponent form: {@code 0.1}, {@code 48.8566}, {@code 12345.0}, {@code 0.0000001} (not
 *       {@code 1.0E-7}), {@code 12000000.0} (not {@code 1.2E7}), with a {@code .} as decimal separator
 *       ({@link #appendDecimal}). NaN and infinities have no text: they are written as null (an empty CSV
 *       cell, JSON {@code null}, SQL {@code NULL}) in every format, since JSON cannot carry them.</li>
 *   <li>DATE: ISO-8601 {@code 2024-05-01}.</li>
 *   <li>TIMESTAMP: ISO-8601 local date-time without zone, as GeoNature stores it:
 *       {@code 2024-05-01T10:15:30}, with a fraction only when there is one ({@code .5} is written
 *       {@code .500}; microseconds and nanoseconds as 6 and 9 digits).</li>
 *   <li>BOOLEAN: {@code true} or {@code false}.</li>
 *   <li>UUID: the canonical lower-case form.</li>
 *   <li>GEOMETRY: WKT written by JTS, two dimensions, every coordinate with the digits needed to read
 *       back the same {@code double} ({@code POINT (2.3522 48.8566)}).</li>
 * </ul>
 *
 * <p>Not thread-safe (one per writer).
 */
public final class ValueFormatter {

    private final WKTWriter wktWriter = new WKTWriter(2);
    private final StringBuilder scratch = new StringBuilder(32);
    private final StringBuilder wktScratch = new StringBuilder(64);

    /**
     * The text of a value, or {@code null} when the value is null or has no text (a non-finite decimal).
     *
     * @param type  the value's field type
     * @param value a value of the type's Java type (see {@link FieldLayout})
     */
    public String text(FieldType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case TEXT, JSON -> (String) value;
            case GEOMETRY -> wkt((Geometry) value);
            case UUID -> value.toString();
            case BOOLEAN -> ((Boolean) value) ? "true" : "false";
            case INTEGER -> Long.toString(((Number) value).longValue());
            case DECIMAL -> decimal(((Number) value).doubleValue());
            default -> {
                scratch.setLength(0);
                append(scratch, type, value);
                yield scratch.toString();
            }
        };
    }

    /**
     * Appends the text of a value to {@code out}.
     *
     * @return whether anything was appended: false for null and non-finite decimals
     */
    public boolean append(StringBuilder out, FieldType type, Object value) {
        if (value == null) {
            return false;
        }
        switch (type) {
            case INTEGER -> out.append(((Number) value).longValue());
            case DECIMAL -> {
                double d = ((Number) value).doubleValue();
                if (!Double.isFinite(d)) {
                    return false;
                }
                appendDecimal(out, d);
            }
            case DATE -> appendDate(out, (LocalDate) value);
            case TIMESTAMP -> appendTimestamp(out, (LocalDateTime) value, false);
            case BOOLEAN -> out.append(((Boolean) value).booleanValue());
            case GEOMETRY -> {
                Geometry geometry = (Geometry) value;
                if (WktText.handles(geometry)) {
                    WktText.append(out, geometry);
                } else {
                    out.append(wktWriter.write(geometry));
                }
            }
            default -> out.append(text(type, value));
        }
        return true;
    }

    /** The WKT of a geometry, as JTS's {@code WKTWriter(2)} writes it ({@link WktText}: without its cost). */
    public String wkt(Geometry geometry) {
        if (!WktText.handles(geometry)) {
            return wktWriter.write(geometry);
        }
        wktScratch.setLength(0);
        WktText.append(wktScratch, geometry);
        return wktScratch.toString();
    }

    /** The text of a decimal ({@link #appendDecimal}), or {@code null} for NaN and infinities. */
    public static String decimal(double value) {
        if (!Double.isFinite(value)) {
            return null;
        }
        if (isPlain(value)) {
            return Double.toString(value);
        }
        StringBuilder out = new StringBuilder(24);
        appendDecimal(out, value);
        return out.toString();
    }

    /**
     * Whether {@link Double#toString} writes {@code value} without exponent: zero and magnitudes from
     * 10<sup>-3</sup> (included) to 10<sup>7</sup> (excluded), as its specification says. A NaN is not.
     */
    public static boolean isPlain(double value) {
        double magnitude = Math.abs(value);
        return (magnitude >= 1e-3 && magnitude < 1e7) || magnitude == 0;
    }

    /**
     * Appends a finite decimal as {@link Double#toString}'s digits in plain notation: as it is in the
     * plain range ({@link #isPlain}), which is the hot path and costs nothing more; else moved into place
     * through {@link BigDecimal} (exact: the same digits, so it reads back as the same double), with
     * {@code .0} after an integral value as {@code Double.toString} writes them ({@code 12000000.0}).
     */
    public static void appendDecimal(StringBuilder out, double value) {
        if (isPlain(value)) {
            out.append(value);
            return;
        }
        BigDecimal digits = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        out.append(digits.toPlainString());
        if (digits.scale() <= 0) {
            out.append(".0");
        }
    }

    /** ISO-8601 {@code yyyy-MM-dd} (years beyond 0-9999 as {@link LocalDate#toString} writes them). */
    public static String date(LocalDate date) {
        StringBuilder out = new StringBuilder(10);
        appendDate(out, date);
        return out.toString();
    }

    /** ISO-8601 {@code yyyy-MM-ddTHH:mm:ss[.fraction]}, the fraction only when not zero. */
    public static String timestamp(LocalDateTime timestamp) {
        StringBuilder out = new StringBuilder(29);
        appendTimestamp(out, timestamp, false);
        return out.toString();
    }

    /**
     * ISO-8601 {@code yyyy-MM-ddTHH:mm:ss.SSS}, always with milliseconds (truncated), the GeoPackage
     * DATETIME form without a zone designator.
     */
    public static String timestampMillis(LocalDateTime timestamp) {
        StringBuilder out = new StringBuilder(23);
        appendTimestamp(out, timestamp, true);
        return out.toString();
    }

    /**
     * {@code jj/mm/aaaa} ({@code 01/05/2024}), the date form of a French spreadsheet; a year beyond 0-9999
     * is written as its number.
     */
    public static void appendFrenchDate(StringBuilder out, LocalDate date) {
        appendDigits(out, date.getDayOfMonth(), 2);
        out.append('/');
        appendDigits(out, date.getMonthValue(), 2);
        out.append('/');
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            out.append(year);
        } else {
            appendDigits(out, year, 4);
        }
    }

    /**
     * {@code jj/mm/aaaa hh:mm:ss[,fraction]} ({@code 01/05/2024 10:15:30}, {@code 01/05/2024 10:15:30,500}):
     * the fraction, only when not zero, as in {@link #timestamp} but after a decimal comma.
     */
    public static void appendFrenchTimestamp(StringBuilder out, LocalDateTime timestamp) {
        appendFrenchDate(out, timestamp.toLocalDate());
        out.append(' ');
        appendTime(out, timestamp.toLocalTime(), false, ',');
    }

    static void appendDate(StringBuilder out, LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            out.append(date);
            return;
        }
        appendDigits(out, year, 4);
        out.append('-');
        appendDigits(out, date.getMonthValue(), 2);
        out.append('-');
        appendDigits(out, date.getDayOfMonth(), 2);
    }

    static void appendTimestamp(StringBuilder out, LocalDateTime timestamp, boolean millis) {
        appendDate(out, timestamp.toLocalDate());
        out.append('T');
        appendTime(out, timestamp.toLocalTime(), millis, '.');
    }

    private static void appendTime(StringBuilder out, LocalTime time, boolean millis, char decimalSeparator) {
        appendDigits(out, time.getHour(), 2);
        out.append(':');
        appendDigits(out, time.getMinute(), 2);
        out.append(':');
        appendDigits(out, time.getSecond(), 2);
        int nanos = time.getNano();
        if (millis) {
            out.append(decimalSeparator);
            appendDigits(out, nanos / 1_000_000, 3);
        } else if (nanos != 0) {
            out.append(decimalSeparator);
            if (nanos % 1_000_000 == 0) {
                appendDigits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                appendDigits(out, nanos / 1_000, 6);
            } else {
                appendDigits(out, nanos, 9);
            }
        }
    }

    private static void appendDigits(StringBuilder out, int value, int width) {
        int divisor = 1;
        for (int i = 1; i < width; i++) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            out.append((char) ('0' + value / divisor % 10));
        }
    }
}
