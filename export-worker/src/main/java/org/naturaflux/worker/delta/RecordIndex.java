package org.naturaflux.worker.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A run's record index read from disk: the (record id, content hash) pairs it exported, sorted by id,
 * 16 bytes each ({@link RecordIndexWriter}). Memory-mapped, so looking a record up costs a binary
 * search over the file's pages and no heap, whatever the size. Up to 2 GiB (134 million records).
 */
public final class RecordIndex implements AutoCloseable {

    static final int RECORD_BYTES = 16;

    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final int size;

    private RecordIndex(FileChannel channel, ByteBuffer buffer, int size) {
        this.channel = channel;
        this.buffer = buffer;
        this.size = size;
    }

    public static RecordIndex open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long bytes = channel.size();
            if (bytes % RECORD_BYTES != 0) {
                throw new IOException("not a record index (" + bytes + " bytes is not a multiple of " + RECORD_BYTES + "): " + file);
            }
            if (bytes > Integer.MAX_VALUE) {
                throw new IOException("record index above 2 GiB not supported: " + file);
            }
            ByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, bytes);
            return new RecordIndex(channel, buffer, (int) (bytes / RECORD_BYTES));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Records in the index. */
    public int size() {
        return size;
    }

    /** The position of the record, or -1 when the index does not hold it. */
    public int find(long id) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long at = idAt(mid);
            if (at < id) {
                low = mid + 1;
            } else if (at > id) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    public long idAt(int position) {
        return buffer.getLong(position * RECORD_BYTES);
    }

    public long hashAt(int position) {
        return buffer.getLong(position * RECORD_BYTES + Long.BYTES);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
