package org.naturaflux.format;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.naturaflux.model.row.ObservationRow;

/**
 * Feeds one pass of rows to several writers (one per requested format), so the source is read once.
 *
 * <p>All or nothing: {@link #finish} returns every file, or fails and deletes them all; {@link #close}
 * without a completed {@code finish} aborts every writer. A row is checked once, before any writer sees
 * it, so a rejected row leaves every file as it was. Not thread-safe.
 */
public final class FanOutWriter implements AutoCloseable {

    private final List<FormatWriter> writers;
    private final FieldLayout layout;
    private boolean finished;

    /**
     * Fans out to these writers, which must have been opened for the same fields; the fan-out owns them.
     */
    public FanOutWriter(List<FormatWriter> writers) {
        Objects.requireNonNull(writers, "writers");
        if (writers.isEmpty()) {
            throw new IllegalArgumentException("at least one writer is needed");
        }
        this.writers = List.copyOf(writers);
        FormatWriter first = this.writers.get(0);
        this.layout = first instanceof AbstractFormatWriter known ? known.layout() : null;
    }

    /** The writers, in the order they are fed. */
    public List<FormatWriter> writers() {
        return writers;
    }

    /**
     * Writes the row to every writer.
     *
     * @throws IllegalArgumentException when the row does not match the fields (no writer has seen it)
     */
    public void write(ObservationRow row) throws IOException {
        if (layout != null) {
            layout.values(row);
        }
        for (FormatWriter writer : writers) {
            writer.write(row);
        }
    }

    /**
     * Adds a companion table to every file whose format holds tables ({@link FormatWriter#addTable}).
     *
     * @return whether some file holds it
     */
    public boolean addTable(CompanionTable table) {
        boolean held = false;
        for (FormatWriter writer : writers) {
            held |= writer.addTable(table);
        }
        return held;
    }

    /** The number of rows written. */
    public long rowCount() {
        return writers.get(0).rowCount();
    }

    /** Finishes every file, in order; if one fails, every file is deleted and the failure rethrown. */
    public List<WrittenFile> finish() throws IOException {
        List<WrittenFile> files = new ArrayList<>(writers.size());
        try {
            for (FormatWriter writer : writers) {
                files.add(writer.finish());
            }
        } catch (IOException | RuntimeException e) {
            close();
            for (WrittenFile file : files) {
                try {
                    Files.deleteIfExists(file.path());
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        finished = true;
        return files;
    }

    /** Aborts every writer unless {@link #finish} completed. Never throws. */
    @Override
    public void close() {
        if (!finished) {
            writers.forEach(FormatWriter::close);
        }
    }
}
