package org.naturaflux.format;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.ExportFormat;

/**
 * Feeds one pass of rows to several writers (one per requested format), so the source is read once.
 *
 * <p>All or nothing: {@link #finish} returns every file, or fails and deletes them all; {@link #close}
 * without a completed {@code finish} aborts every writer. A row is checked once, before any writer sees
 * it, so a rejected row leaves every file as it was. Not thread-safe: one thread feeds a fan-out.
 *
 * <p>Two modes, the same files:
 * <ul>
 *   <li><b>sequential</b> ({@link #FanOutWriter(List)}): the caller's thread writes each row to every
 *       writer in turn; a run costs the sum of the writers;</li>
 *   <li><b>parallel</b> ({@link #parallel}, what {@link FormatWriters#openAll} opens unless
 *       {@link WriterSettings#writerThreads()} is off): each writer runs on a thread of its own
 *       ({@link WriterLane}), fed batches of {@code batchRows} rows through a queue of
 *       {@code queueBatches}; the caller only checks rows and hands batches over, so a run costs about
 *       the slowest writer. A batch is shared by every writer and never changed once handed over (rows are
 *       immutable by contract, and each row's lazily computed geometry envelope, which JTS caches in the
 *       geometry, is computed before the hand-over). Memory: the rows of at most {@code queueBatches + 2}
 *       batches (the slowest writer's queue, the batch it writes, the batch being filled). A writer's
 *       failure stops the others at their next row and is thrown, as it was thrown, by the next
 *       {@code write}, {@code addTable} or {@code finish}; an interrupt of the caller while it waits for a
 *       writer is an {@link java.io.InterruptedIOException}. After either, only {@link #close} remains,
 *       which stops every thread, waits for them and deletes every partial file.</li>
 * </ul>
 */
public final class FanOutWriter implements AutoCloseable {

    /** Rows per batch handed to the writers' threads. */
    public static final int BATCH_ROWS = 256;
    /** Batches that may wait for each writer's thread. */
    public static final int QUEUE_BATCHES = 8;

    private final List<FormatWriter> writers;
    private final FieldLayout layout;
    /** The writers' lanes, in the writers' order; null in the sequential mode. */
    private final List<WriterLane> lanes;
    private final WriterLane.Shared shared;
    private final int batchRows;
    private List<ObservationRow> batch;
    private long rows;
    private boolean broken;
    private boolean finished;
    private boolean closed;

    /**
     * Fans out to these writers on the caller's thread (the sequential mode); they must have been opened for
     * the same fields, and the fan-out owns them.
     */
    public FanOutWriter(List<FormatWriter> writers) {
        this(writers, 0, 0, null);
    }

    private FanOutWriter(List<FormatWriter> writers, int batchRows, int queueBatches, String threadName) {
        Objects.requireNonNull(writers, "writers");
        if (writers.isEmpty()) {
            throw new IllegalArgumentException("at least one writer is needed");
        }
        this.writers = List.copyOf(writers);
        this.layout = this.writers.stream().filter(AbstractFormatWriter.class::isInstance).findFirst()
                .map(w -> ((AbstractFormatWriter) w).layout()).orElse(null);
        this.batchRows = batchRows;
        if (threadName == null) {
            this.lanes = null;
            this.shared = null;
            return;
        }
        if (batchRows < 1 || queueBatches < 1) {
            throw new IllegalArgumentException("batches of at least one row, a queue of at least one batch");
        }
        this.shared = new WriterLane.Shared();
        this.batch = new ArrayList<>(batchRows);
        List<WriterLane> started = new ArrayList<>(this.writers.size());
        for (FormatWriter writer : this.writers) {
            started.add(new WriterLane(writer, shared, queueBatches, threadName + "-" + writer.format().code()));
        }
        this.lanes = List.copyOf(started);
    }

    /**
     * Fans out to these writers, each on a thread of its own named {@code threadName-<format>} (the parallel
     * mode); they must have been opened for the same fields, and the fan-out owns them.
     */
    public static FanOutWriter parallel(List<FormatWriter> writers, String threadName) {
        return parallel(writers, BATCH_ROWS, QUEUE_BATCHES, threadName);
    }

    /** The parallel mode with other batch and queue sizes. */
    public static FanOutWriter parallel(List<FormatWriter> writers, int batchRows, int queueBatches, String threadName) {
        return new FanOutWriter(writers, batchRows, queueBatches, Objects.requireNonNull(threadName, "threadName"));
    }

    /** Whether each writer runs on a thread of its own. */
    public boolean isParallel() {
        return lanes != null;
    }

    /** The writers, in the order they are fed (in the parallel mode, by their own threads: never call them). */
    public List<FormatWriter> writers() {
        return writers;
    }

    /**
     * Writes the row to every writer (in the parallel mode, hands it over with its batch).
     *
     * @throws IllegalArgumentException when the row does not match the fields (no writer has seen it)
     */
    public void write(ObservationRow row) throws IOException {
        if (lanes == null) {
            if (layout != null) {
                layout.values(row);
            }
            for (FormatWriter writer : writers) {
                writer.write(row);
            }
            return;
        }
        requireUsable();
        if (layout != null) {
            layout.values(row);
        }
        settle(row);
        batch.add(row);
        rows++;
        if (batch.size() == batchRows) {
            flush();
        }
    }

    /**
     * Adds a companion table to every file whose format holds tables ({@link FormatWriter#addTable}).
     *
     * @return whether some file holds it
     */
    public boolean addTable(CompanionTable table) throws IOException {
        if (lanes == null) {
            boolean held = false;
            for (FormatWriter writer : writers) {
                held |= writer.addTable(table);
            }
            return held;
        }
        Objects.requireNonNull(table, "table");
        requireUsable();
        flush();
        List<CompletableFuture<Boolean>> answers = new ArrayList<>(lanes.size());
        for (WriterLane lane : lanes) {
            answers.add(lane.addTable(table));
        }
        boolean held = false;
        for (int i = 0; i < lanes.size(); i++) {
            held |= lanes.get(i).await(answers.get(i));
        }
        return held;
    }

    /** The number of rows written (in the parallel mode, handed over: the writers may still be writing them). */
    public long rowCount() {
        return lanes == null ? writers.get(0).rowCount() : rows;
    }

    /**
     * The CPU time each writer's thread used (the writer's own threads included: the GeoPackage's insert
     * thread), in nanoseconds, once {@link #finish} or {@link #close} returned; empty in the sequential mode,
     * where the writers run on the caller's thread.
     */
    public Map<ExportFormat, Long> writerCpuNanos() {
        Map<ExportFormat, Long> cpu = new EnumMap<>(ExportFormat.class);
        if (lanes != null) {
            for (WriterLane lane : lanes) {
                cpu.merge(lane.format(), lane.cpuNanos(), Long::sum);
            }
        }
        return cpu;
    }

    /** Finishes every file; if one fails, every file is deleted and the failure rethrown. */
    public List<WrittenFile> finish() throws IOException {
        return lanes == null ? finishInTurn() : finishInParallel();
    }

    private List<WrittenFile> finishInTurn() throws IOException {
        List<WrittenFile> files = new ArrayList<>(writers.size());
        try {
            for (FormatWriter writer : writers) {
                files.add(writer.finish());
            }
        } catch (IOException | RuntimeException e) {
            close();
            deleteAll(files, e);
            throw e;
        }
        finished = true;
        return files;
    }

    private List<WrittenFile> finishInParallel() throws IOException {
        try {
            requireUsable();
            flush();
            for (WriterLane lane : lanes) {
                lane.finish();
            }
            for (WriterLane lane : lanes) {
                lane.awaitEnd();
            }
            shared.rethrow();
        } catch (IOException | RuntimeException | Error e) {
            broken = true;
            close();
            List<WrittenFile> done = new ArrayList<>();
            lanes.stream().map(WriterLane::result).filter(Objects::nonNull).forEach(done::add);
            deleteAll(done, e);
            throw e;
        }
        finished = true;
        return lanes.stream().map(WriterLane::result).toList();
    }

    private static void deleteAll(List<WrittenFile> files, Throwable failure) {
        for (WrittenFile file : files) {
            try {
                Files.deleteIfExists(file.path());
            } catch (IOException suppressed) {
                failure.addSuppressed(suppressed);
            }
        }
    }

    /**
     * Aborts every writer unless {@link #finish} completed; in the parallel mode, stops every writer's
     * thread and waits for it first. Never throws.
     */
    @Override
    public void close() {
        if (finished || closed) {
            return;
        }
        closed = true;
        if (lanes == null) {
            writers.forEach(FormatWriter::close);
            return;
        }
        shared.stop();
        lanes.forEach(WriterLane::abort);
    }

    /** Hands the batch being filled to every writer's thread. */
    private void flush() throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        List<ObservationRow> full = Collections.unmodifiableList(batch);
        batch = new ArrayList<>(batchRows);
        broken = true;      // until every writer has the batch
        for (WriterLane lane : lanes) {
            lane.hand(full);
        }
        broken = false;
    }

    private void requireUsable() throws IOException {
        if (finished || closed) {
            throw new IllegalStateException("the fan-out is " + (finished ? "finished" : "closed"));
        }
        if (shared.failure() != null && !broken) {
            broken = true;
            shared.rethrow();
        }
        if (broken) {
            throw new IllegalStateException("a writer of the fan-out failed: close it");
        }
    }

    /**
     * Computes what JTS computes lazily and caches in a geometry (its envelope, which the GeoPackage
     * writer asks for), so that the rows handed to several threads are never changed by one of them.
     */
    private void settle(ObservationRow row) {
        Geometry geometry = row.geometry();
        if (geometry != null) {
            geometry.getEnvelopeInternal();
        }
        int column = layout == null ? -1 : layout.geometryIndex();
        if (column >= 0 && row.values()[column] instanceof Geometry value && value != geometry) {
            value.getEnvelopeInternal();
        }
    }
}
