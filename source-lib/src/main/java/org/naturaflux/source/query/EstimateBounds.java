package org.naturaflux.source.query;

import java.time.Duration;
import java.util.Objects;

/**
 * How far an estimate by level ({@link ExportEstimator}) may go before it stops and says so.
 *
 * @param timeout    the longest it may take: each of its statements runs under a {@code statement_timeout} of
 *                   the time left, and the records stop being read once it is spent (a fetch already under way
 *                   is itself bounded by the statement timeout set when the cursor opened)
 * @param maxRecords the most records it reads from the export's rows (the records the selection leaves out
 *                   are counted by the database, not read)
 */
public record EstimateBounds(Duration timeout, long maxRecords) {

    /** The defaults: 10 seconds, one million records. */
    public static final EstimateBounds DEFAULTS = new EstimateBounds(Duration.ofSeconds(10), 1_000_000);

    public EstimateBounds {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the estimate's timeout must be positive: " + timeout);
        }
        if (maxRecords < 1) {
            throw new IllegalArgumentException("the estimate's maximum of records must be at least 1: " + maxRecords);
        }
    }
}
