package org.naturaflux.worker.source;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.naturaflux.format.ThreadCpu;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.source.query.RowStream;
import org.naturaflux.worker.logging.RunLogContext;

/**
 * Reads a {@link RowStream} on a thread of its own, a bounded number of rows ahead of the consumer:
 * while the export thread degrades and writes one batch, the database computes and the driver decodes
 * the next (a cursor fetch is otherwise synchronous, the server idle while the rows are processed).
 * Memory stays bounded: at most {@code capacity} batches of {@code batch} rows wait.
 *
 * <p>The reader is the only user of the connection while it runs; {@link #close} stops it and waits
 * for it before the caller touches the connection again.
 */
public final class PrefetchingRows implements AutoCloseable {

    private static final List<ObservationRow> END = List.of();
    private static final long POLL_MILLIS = 200;

    private final BlockingQueue<List<ObservationRow>> queue;
    private final Thread reader;
    private volatile boolean closed;
    private volatile Throwable failure;
    private volatile long readerCpuNanos;
    private List<ObservationRow> current = List.of();
    private int position;
    private boolean ended;

    private final RowStream direct;

    /** With {@code capacity} 0, no thread: the rows are read on the caller's thread. */
    public PrefetchingRows(RowStream rows, int batch, int capacity, String threadName) {
        if (capacity <= 0) {
            this.direct = rows;
            this.queue = null;
            this.reader = null;
            return;
        }
        this.direct = null;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.reader = new Thread(RunLogContext.carried(() -> read(rows, batch)), threadName);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void read(RowStream rows, int batch) {
        try {
            List<ObservationRow> buffer = new ArrayList<>(batch);
            ObservationRow row;
            while (!closed && (row = rows.next()) != null) {
                buffer.add(row);
                if (buffer.size() == batch) {
                    offer(buffer);
                    buffer = new ArrayList<>(batch);
                }
            }
            if (!buffer.isEmpty()) {
                offer(buffer);
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            try {
                offer(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            readerCpuNanos = ThreadCpu.current();
        }
    }

    /**
     * The CPU time the reading thread used (fetching and decoding rows), once {@link #close} returned; 0
     * without a thread (the rows were read on the caller's thread).
     */
    public long readerCpuNanos() {
        return readerCpuNanos;
    }

    private void offer(List<ObservationRow> batch) throws InterruptedException {
        while (!closed) {
            if (queue.offer(batch, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** The next row, or null at the end; a failure of the reader is thrown here. */
    public ObservationRow next() throws SQLException {
        if (direct != null) {
            return direct.next();
        }
        while (position == current.size()) {
            if (ended) {
                return null;
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for rows", "57014", e);
            }
            position = 0;
            if (current == END) {
                ended = true;
                rethrow();
                return null;
            }
        }
        return current.get(position++);
    }

    private void rethrow() throws SQLException {
        Throwable e = failure;
        if (e instanceof SQLException sql) {
            throw sql;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        if (e != null) {
            throw new SQLException("reading rows failed: " + e.getMessage(), e);
        }
    }

    /** Stops the reader (it finishes the fetch under way) and waits for it. */
    @Override
    public void close() {
        closed = true;
        if (reader == null) {
            return;
        }
        queue.clear();
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join(POLL_MILLIS);
                queue.clear();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
