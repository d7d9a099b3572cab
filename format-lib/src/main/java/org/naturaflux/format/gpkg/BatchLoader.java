package org.naturaflux.format.gpkg;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.naturaflux.format.ThreadCpu;

/**
 * Runs a prepared insert on its own thread, fed batches of parameter rows, so that SQLite's work overlaps
 * the caller's (reading the source, formatting values, encoding geometries).
 *
 * <p>The caller fills the rows of a {@link Batch} taken from {@link #nextBatch()} and hands it over with
 * {@link #submit}; a fixed pool of {@value #POOL} batches circulates between the two threads, so memory is
 * bounded. A failure of the insert is remembered and reported by the caller's next {@code submit} or by
 * {@link #finish()}; the loader then discards what it still receives, so the caller never blocks on it.
 * Parameter values are objects sqlite-jdbc binds as they are: {@code Long}, {@code Integer}, {@code Double},
 * {@code String}, {@code byte[]} or {@code null}.
 */
final class BatchLoader {

    static final int POOL = 3;

    /** Rows of parameters for one {@code executeBatch}. */
    static final class Batch {
        final Object[][] rows;
        int size;

        Batch(int rows, int parameters) {
            this.rows = new Object[rows][parameters];
        }

        boolean isFull() {
            return size == rows.length;
        }
    }

    private static final Batch END = new Batch(0, 0);

    private final PreparedStatement insert;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(POOL + 1);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(POOL);
    private final Thread thread;
    private volatile Throwable failure;
    private volatile long cpuNanos;
    private boolean ended;

    BatchLoader(PreparedStatement insert, int batchRows, int parameters, String name) {
        this.insert = insert;
        for (int i = 0; i < POOL; i++) {
            free.add(new Batch(batchRows, parameters));
        }
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            while (true) {
                Batch batch = full.take();
                if (batch == END) {
                    return;
                }
                if (failure == null) {
                    try {
                        execute(batch);
                    } catch (SQLException | RuntimeException | Error e) {
                        failure = e;
                    }
                }
                batch.size = 0;
                free.add(batch);
            }
        } catch (InterruptedException e) {
            failure = failure == null ? e : failure;
        } finally {
            cpuNanos = ThreadCpu.current();
        }
    }

    /** The CPU time the loader's thread used, once it has ended ({@link #finish}, {@link #abort}). */
    long cpuNanos() {
        return cpuNanos;
    }

    private void execute(Batch batch) throws SQLException {
        for (int r = 0; r < batch.size; r++) {
            Object[] row = batch.rows[r];
            for (int p = 0; p < row.length; p++) {
                insert.setObject(p + 1, row[p]);
            }
            insert.addBatch();
        }
        insert.executeBatch();
        insert.clearBatch();
    }

    /** An empty batch to fill (waits while the loader holds them all). */
    Batch nextBatch() throws IOException {
        try {
            while (true) {
                Batch batch = free.poll(1, TimeUnit.SECONDS);
                if (batch != null) {
                    return batch;
                }
                if (!thread.isAlive()) {
                    throw new IOException("the GeoPackage loader stopped", failure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the GeoPackage loader", e);
        }
    }

    /** Hands a filled batch to the loader; reports an earlier failure of the loader. */
    void submit(Batch batch) throws IOException {
        reportFailure();
        if (batch.size > 0) {
            full.add(batch);
        } else {
            free.add(batch);
        }
    }

    /** Waits until every submitted batch ran; reports a failure. */
    void finish() throws IOException {
        end();
        reportFailure();
    }

    /**
     * Stops the loader without running what is still queued, and waits for the batch it may be running (the
     * connection is then the caller's alone), even if the caller is interrupted. Never throws.
     */
    void abort() {
        full.clear();
        signalEnd();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void end() throws IOException {
        signalEnd();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the GeoPackage loader", e);
        }
    }

    private void signalEnd() {
        if (!ended) {
            ended = true;
            full.add(END);
        }
    }

    private void reportFailure() throws IOException {
        Throwable cause = failure;
        if (cause != null) {
            throw new IOException("cannot insert rows into the GeoPackage (feature ids must be unique): "
                    + cause.getMessage(), cause);
        }
    }
}
