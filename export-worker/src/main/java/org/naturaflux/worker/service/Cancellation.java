package org.naturaflux.worker.service;

import java.time.Duration;

/**
 * A request to stop an export (the worker is shutting down): checked between rows and during pauses.
 * Thread-safe.
 */
public final class Cancellation {

    private volatile String reason;

    /** Asks the export to stop as soon as it can. */
    public synchronized void cancel(String why) {
        if (reason == null) {
            reason = why;
        }
        notifyAll();
    }

    public boolean isCancelled() {
        return reason != null;
    }

    /** @throws ExportCancelledException when cancelled */
    public void check() {
        String why = reason;
        if (why != null) {
            throw new ExportCancelledException(why);
        }
    }

    /** Waits for {@code pause}, returning early (with {@link ExportCancelledException}) when cancelled. */
    public synchronized void pause(Duration pause) {
        long deadline = System.nanoTime() + pause.toNanos();
        try {
            while (reason == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportCancelledException("interrupted");
        }
        check();
    }
}
