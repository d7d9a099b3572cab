package org.naturaflux.source.query;

import java.time.Duration;
import java.util.Objects;

/**
 * How far a preview ({@link ExportPreview}) may go.
 *
 * @param timeout    the longest it may take: its statements run under a {@code statement_timeout} of the time left
 * @param maxRecords the most records it returns, 1 to {@value #MAX_RECORDS}
 */
public record PreviewBounds(Duration timeout, int maxRecords) {

    /** The most records a preview may ever return, whatever the settings. */
    public static final int MAX_RECORDS = 1000;

    /** The defaults: 10 seconds, 300 records. */
    public static final PreviewBounds DEFAULTS = new PreviewBounds(Duration.ofSeconds(10), 300);

    public PreviewBounds {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the preview's timeout must be positive: " + timeout);
        }
        if (maxRecords < 1 || maxRecords > MAX_RECORDS) {
            throw new IllegalArgumentException("the preview's maximum of records must be between 1 and " + MAX_RECORDS
                    + ": " + maxRecords);
        }
    }
}
