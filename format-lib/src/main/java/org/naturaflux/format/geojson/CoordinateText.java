package org.naturaflux.format.geojson;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes a coordinate rounded to a number of decimals, as the shortest plain decimal text
 * ({@code 2.35}, {@code -0.0000005}, {@code 48}): no exponent, no trailing zeros, no {@code -0}.
 * Not thread-safe: it reuses one buffer.
 */
final class CoordinateText {

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /** Beyond this magnitude a scaled double no longer holds an exact integer: use BigDecimal. */
    private static final double EXACT_LIMIT = 1L << 52;

    private final int decimals;
    private final double scale;
    private char[] buffer = new char[40];
    private int length;

    CoordinateText(int decimals) {
        if (decimals < 0 || decimals > 15) {
            throw new IllegalArgumentException("decimals must be between 0 and 15: " + decimals);
        }
        this.decimals = decimals;
        this.scale = POWERS_OF_TEN[decimals];
    }

    /** Formats {@code value}; the text is then in {@link #buffer()}, {@link #length()} characters long. */
    void format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a coordinate must be finite: " + value);
        }
        double scaled = value * scale;
        if (Math.abs(scaled) >= EXACT_LIMIT) {
            formatExact(value);
            return;
        }
        long units = Math.round(scaled);
        boolean negative = units < 0;
        long magnitude = Math.abs(units);
        int fractionDigits = decimals;
        while (fractionDigits > 0 && magnitude % 10 == 0) {
            magnitude /= 10;
            fractionDigits--;
        }
        // Digits are produced right to left into the end of the buffer, then moved to the front.
        int pos = buffer.length;
        for (int i = 0; i < fractionDigits; i++) {
            buffer[--pos] = (char) ('0' + magnitude % 10);
            magnitude /= 10;
        }
        if (fractionDigits > 0) {
            buffer[--pos] = '.';
        }
        do {
            buffer[--pos] = (char) ('0' + magnitude % 10);
            magnitude /= 10;
        } while (magnitude > 0);
        if (negative) {
            buffer[--pos] = '-';
        }
        length = buffer.length - pos;
        System.arraycopy(buffer, pos, buffer, 0, length);
    }

    /**
     * For magnitudes where {@code decimals} exceed what a double resolves: rounds the double's shortest
     * decimal form (the one {@link Double#toString} gives), never its binary noise.
     */
    private void formatExact(double value) {
        String text = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
        if (text.length() > buffer.length) {
            buffer = new char[text.length()];
        }
        text.getChars(0, text.length(), buffer, 0);
        length = text.length();
    }

    char[] buffer() {
        return buffer;
    }

    int length() {
        return length;
    }

    /** The text of the last formatted value (for tests and messages). */
    String text() {
        return new String(buffer, 0, length);
    }
}
