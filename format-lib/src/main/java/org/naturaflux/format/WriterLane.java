package org.naturaflux.format;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.ExportFormat;

/**
 * One writer of a parallel {@link FanOutWriter} on a thread of its own, fed batches of rows through a
 * bounded queue: the caller's thread hands a batch over and goes on, the lane's thread writes it. A
 * batch is shared by every lane and never changed once handed over.
 *
 * <p>The lane's thread is the only one that touches its writer while it runs; once it has ended
 * ({@link #awaitEnd}, {@link #abort}) the writer is the caller's again.
 */
final class WriterLane {

    /** How long the caller waits at a time for room in the queue or an answer, between checks of the other lanes. */
    private static final long POLL_MILLIS = 50;
    /** How long {@link #abort} lets the thread stop at its next row before interrupting it. */
    private static final long STOP_MILLIS = 1_000;

    /** What the caller hands a lane. */
    private sealed interface Item permits Rows, Table, Finish, Stop {
    }

    private record Rows(List<ObservationRow> rows) implements Item {
    }

    private record Table(CompanionTable table, CompletableFuture<Boolean> held) implements Item {
    }

    private record Finish() implements Item {
    }

    private record Stop() implements Item {
    }

    /**
     * What the lanes of one fan-out share: the first failure of any of them, and the order to stop. Every
     * lane stops at its next row once either is set.
     */
    static final class Shared {
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean stopped;

        void fail(Throwable e) {
            failure.compareAndSet(null, e);
            stopped = true;
        }

        void stop() {
            stopped = true;
        }

        boolean stopped() {
            return stopped;
        }

        /** The first failure of a lane, or null. */
        Throwable failure() {
            return failure.get();
        }

        /** Throws the first failure of a lane as it was thrown (an exception neither I/O nor unchecked wrapped). */
        void rethrow() throws IOException {
            Throwable e = failure.get();
            if (e == null) {
                return;
            }
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw new IOException(e);
        }
    }

    private final FormatWriter writer;
    private final Shared shared;
    private final BlockingQueue<Item> queue;
    private final Thread thread;
    private volatile WrittenFile result;
    private volatile long cpuNanos;

    /**
     * Starts the lane's thread.
     *
     * @param queueBatches how many batches may wait for the writer
     */
    WriterLane(FormatWriter writer, Shared shared, int queueBatches, String threadName) {
        this.writer = writer;
        this.shared = shared;
        this.queue = new ArrayBlockingQueue<>(queueBatches);
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            while (true) {
                Item item = queue.take();
                if (shared.stopped() || item instanceof Stop) {
                    return;
                }
                if (item instanceof Rows rows) {
                    for (ObservationRow row : rows.rows()) {
                        if (shared.stopped()) {
                            return;
                        }
                        writer.write(row);
                    }
                } else if (item instanceof Table table) {
                    try {
                        table.held().complete(writer.addTable(table.table()));
                    } catch (IllegalArgumentException e) {
                        table.held().completeExceptionally(e);    // a name taken: the writer stays usable
                    }
                } else {
                    result = writer.finish();
                    return;
                }
            }
        } catch (InterruptedException e) {
            shared.fail(new InterruptedIOException("the " + format().code() + " writer was interrupted"));
        } catch (Throwable e) {
            shared.fail(e);
        } finally {
            cpuNanos = ThreadCpu.current() + writer.helperThreadsCpuNanos();
        }
    }

    ExportFormat format() {
        return writer.format();
    }

    FormatWriter writer() {
        return writer;
    }

    /** Hands a batch of rows over (waiting while the queue is full); the batch must never change afterwards. */
    void hand(List<ObservationRow> rows) throws IOException {
        put(new Rows(rows));
    }

    /** Hands a companion table over; the answer ({@link FormatWriter#addTable}) comes through {@link #await}. */
    CompletableFuture<Boolean> addTable(CompanionTable table) throws IOException {
        CompletableFuture<Boolean> held = new CompletableFuture<>();
        put(new Table(table, held));
        return held;
    }

    /** Asks the writer to finish its file once every row handed over is written. */
    void finish() throws IOException {
        put(new Finish());
    }

    private void put(Item item) throws IOException {
        try {
            while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                shared.rethrow();
                requireAlive();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing rows to the " + format().code() + " writer");
        }
    }

    /** The writer's answer to a table handed over, or the first failure of a lane. */
    boolean await(CompletableFuture<Boolean> answer) throws IOException {
        try {
            while (true) {
                try {
                    return answer.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    shared.rethrow();
                    requireAlive();
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the " + format().code() + " writer");
        }
    }

    private void requireAlive() {
        if (!thread.isAlive()) {
            throw new IllegalStateException("the " + format().code() + " writer's thread has ended");
        }
    }

    /** Waits for the thread to end (after {@link #finish}, or once a lane failed). */
    void awaitEnd() throws InterruptedIOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the " + format().code() + " writer");
        }
    }

    /** The finished file, once the thread has ended after {@link #finish}; null otherwise. */
    WrittenFile result() {
        return result;
    }

    /**
     * Stops the thread (at its next row; interrupted if it does not stop soon), waits for it even when the
     * caller is interrupted, then aborts the writer (deletes its partial file). The fan-out's {@link Shared}
     * must have been told to stop. Never throws.
     */
    void abort() {
        queue.clear();
        queue.offer(new Stop());
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
        while (thread.isAlive()) {
            if (System.nanoTime() > deadline) {
                thread.interrupt();
            }
            try {
                thread.join(POLL_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        writer.close();
    }

    /** Whether the lane's thread is still running. */
    boolean isAlive() {
        return thread.isAlive();
    }

    /** The CPU time the lane's thread (and the writer's own threads) used, once the thread has ended. */
    long cpuNanos() {
        return cpuNanos;
    }
}
