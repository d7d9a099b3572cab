package org.naturaflux.format;

import java.io.IOException;
import java.util.Objects;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.ExportFormat;

/**
 * The life cycle every {@link FormatWriter} shares (open, failed, finished, closed), row counting and row
 * checking; a format supplies how a row is written, how the file is completed and how it is discarded.
 */
public abstract class AbstractFormatWriter implements FormatWriter {

    private enum State { OPEN, FAILED, FINISHED, CLOSED }

    private final ExportFormat format;
    private final FieldLayout layout;
    private long rows;
    private State state = State.OPEN;

    protected AbstractFormatWriter(ExportFormat format, FieldLayout layout) {
        this.format = Objects.requireNonNull(format, "format");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    @Override
    public final ExportFormat format() {
        return format;
    }

    /** The export's fields. */
    protected final FieldLayout layout() {
        return layout;
    }

    @Override
    public final long rowCount() {
        return rows;
    }

    @Override
    public final void write(ObservationRow row) throws IOException {
        requireOpen();
        Object[] values = layout.values(row);
        try {
            writeRow(row, values);
        } catch (IOException | RuntimeException | Error e) {
            state = State.FAILED;
            throw e;
        }
        rows++;
    }

    @Override
    public final WrittenFile finish() throws IOException {
        requireOpen();
        try {
            WrittenFile file = finishFile(rows);
            state = State.FINISHED;
            return file;
        } catch (IOException | RuntimeException | Error e) {
            state = State.FAILED;
            close();
            throw e;
        }
    }

    @Override
    public final void close() {
        if (state == State.FINISHED || state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        abortFile();
    }

    /** Fails unless the writer is open (neither finished, closed nor failed). */
    protected final void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException(format.code() + " writer is " + state.name().toLowerCase()
                    + (state == State.FAILED ? ": close it" : ""));
        }
    }

    /**
     * Writes one row whose values were checked against the fields.
     *
     * @param row    the row (its id and feature geometry)
     * @param values its values, aligned with {@link #layout()}
     */
    protected abstract void writeRow(ObservationRow row, Object[] values) throws IOException;

    /** Completes the file holding {@code rows} rows and describes it; releases every resource. */
    protected abstract WrittenFile finishFile(long rows) throws IOException;

    /** Releases every resource and deletes the partial output. Must not throw. */
    protected abstract void abortFile();
}
