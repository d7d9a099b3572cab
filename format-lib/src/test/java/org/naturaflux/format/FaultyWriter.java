package org.naturaflux.format;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.naturaflux.model.row.ObservationRow;

/**
 * A real writer with a fault put in (for the fan-out's tests): it throws {@code failure} when asked to
 * write its row number {@code failAt} (0-based) or, with {@code failAt} -1, when finishing; or, with
 * {@code blockAt}, waits at that row until interrupted. Everything else goes to the real writer.
 */
final class FaultyWriter extends AbstractFormatWriter {

    private final FormatWriter real;
    private final long failAt;
    private final long blockAt;
    private final Exception failure;
    final CountDownLatch blocked = new CountDownLatch(1);
    volatile boolean interrupted;
    private long seen;

    private FaultyWriter(FormatWriter real, FieldLayout layout, long failAt, long blockAt, Exception failure) {
        super(real.format(), layout);
        this.real = real;
        this.failAt = failAt;
        this.blockAt = blockAt;
        this.failure = failure;
    }

    /** Fails with {@code failure} (an IOException or a RuntimeException) at row {@code failAt}, or at finish with -1. */
    static FaultyWriter failing(FormatWriter real, FieldLayout layout, long failAt, Exception failure) {
        return new FaultyWriter(real, layout, failAt, Long.MAX_VALUE, failure);
    }

    /** Waits at row {@code blockAt} until its thread is interrupted. */
    static FaultyWriter blocking(FormatWriter real, FieldLayout layout, long blockAt) {
        return new FaultyWriter(real, layout, Long.MAX_VALUE - 1, blockAt, null);
    }

    @Override
    protected void writeRow(ObservationRow row, Object[] values) throws IOException {
        if (seen == failAt) {
            throw fault();
        }
        if (seen == blockAt) {
            blocked.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted = true;
                Thread.currentThread().interrupt();
                throw new IOException("interrupted at row " + seen, e);
            }
        }
        seen++;
        real.write(row);
    }

    @Override
    protected WrittenFile finishFile(long rows) throws IOException {
        if (failAt == -1) {
            throw fault();
        }
        return real.finish();
    }

    @Override
    protected void abortFile() {
        real.close();
    }

    /** Rows the real writer wrote. */
    long written() {
        return real.rowCount();
    }

    private IOException fault() {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        return (IOException) failure;
    }
}
