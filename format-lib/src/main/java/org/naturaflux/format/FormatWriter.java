package org.naturaflux.format;

import java.io.IOException;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.ExportFormat;

/**
 * Writes one file of one format, row by row, in constant memory.
 *
 * <p>Life cycle: {@link FormatWriters#open} creates the file; {@link #write} appends rows in the order
 * given; {@link #finish} completes the file (even with zero rows: every format then still yields a valid,
 * empty file) and describes it; {@link #close} after {@code finish} does nothing, and without it aborts:
 * the partial output is deleted. Use it in try-with-resources:
 *
 * <pre>{@code
 * try (FormatWriter writer = FormatWriters.open(ExportFormat.CSV, target, fields, options)) {
 *     rows.forEach(writer::write);
 *     WrittenFile file = writer.finish();
 * }
 * }</pre>
 *
 * <p>Rows must match the export's fields (see {@link FieldLayout}); a row that does not is rejected with
 * an {@link IllegalArgumentException} before anything of it is written, and the writer stays usable. Any
 * other failure (an {@link IOException}, a geometry a format cannot carry) leaves the file unusable: the
 * writer then refuses further rows and only {@link #close} remains.
 *
 * <p>Not thread-safe: one thread feeds a writer.
 */
public interface FormatWriter extends AutoCloseable {

    /** The format written. */
    ExportFormat format();

    /**
     * Appends a row.
     *
     * @throws IllegalArgumentException when the row does not match the fields (the writer stays usable)
     * @throws IllegalStateException    after {@link #finish}, {@link #close} or a failure
     */
    void write(ObservationRow row) throws IOException;

    /**
     * Adds a companion table inside the file, for a format that holds several tables (the GeoPackage: a
     * non-spatial table, written when the file is finished); a format that holds only its records adds
     * nothing and answers false (its companion tables are CSV files beside it, {@link CompanionCsv}).
     *
     * @throws IllegalStateException    after {@link #finish}, {@link #close} or a failure
     * @throws IllegalArgumentException when the table's name is already taken in the file
     */
    default boolean addTable(CompanionTable table) {
        return false;
    }

    /** The number of rows written so far. */
    long rowCount();

    /**
     * The CPU time used by threads the writer started for itself (the GeoPackage's insert thread), in
     * nanoseconds, once the file is finished or the writer closed; 0 for a writer without threads.
     */
    default long helperThreadsCpuNanos() {
        return 0;
    }

    /**
     * Completes the file and describes it: its final path (compression suffix included), row count, size
     * and SHA-256. On failure the output is deleted.
     *
     * @throws IllegalStateException when already finished, closed or failed
     */
    WrittenFile finish() throws IOException;

    /** Aborts unless {@link #finish} completed: releases everything and deletes the partial output. Never throws. */
    @Override
    void close();
}
