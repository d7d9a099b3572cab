package org.naturaflux.worker.delta;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.naturaflux.format.sort.ExternalSort;
import org.naturaflux.format.sort.SortedRecords;

/**
 * Collects the (record id, content hash) pairs of a run, in any order, and writes them sorted by id as
 * a {@link RecordIndex} file: 16 bytes per record, big-endian id then hash, no header.
 *
 * <p>Memory stays bounded whatever the row count: the pairs go through format-lib's
 * {@link ExternalSort} (runs of {@value #DEFAULT_CHUNK} pairs spilled to files of the work directory,
 * merged at most {@value ExternalSort.Settings#DEFAULT_FAN_IN} at a time). A record id given twice is an
 * error (a run exports each record once).
 */
public final class RecordIndexWriter implements AutoCloseable {

    /** 2<sup>18</sup> pairs of 32 bytes in the sort's buffer (pair, key, order): 8 MiB of heap. */
    static final int DEFAULT_CHUNK = 1 << 18;
    private static final int RECORD_BYTES = 16;

    private final ExternalSort sort;
    private final ByteBuffer record = ByteBuffer.allocate(RECORD_BYTES);

    public RecordIndexWriter(Path workDirectory) {
        this(workDirectory, DEFAULT_CHUNK);
    }

    RecordIndexWriter(Path workDirectory, int chunk) {
        this.sort = new ExternalSort(workDirectory, RECORD_BYTES,
                ExternalSort.Settings.defaults("index-run-").withRunRecords(chunk));
    }

    public void add(long id, long hash) throws IOException {
        record.clear();
        record.putLong(id).putLong(hash).flip();
        sort.add(record);
    }

    /** Records added so far. */
    public long count() {
        return sort.size();
    }

    /** Writes the sorted index to {@code target} and deletes the spilled runs. */
    public void finish(Path target) throws IOException {
        try (SortedRecords sorted = sort.sorted();
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(target),
                     1 << 16))) {
            long previous = Long.MIN_VALUE;
            boolean first = true;
            while (sorted.next()) {
                long id = sorted.key();
                if (!first && id <= previous) {
                    throw new IllegalStateException("record " + id + " was exported twice in one run");
                }
                first = false;
                previous = id;
                out.writeLong(id);
                out.writeLong(sorted.record().getLong(8));
            }
        }
        sort.close();
    }

    @Override
    public void close() {
        sort.close();
    }
}
