package org.naturaflux.format.sort;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Records in key order, one at a time ({@link ExternalSort#sorted()}). */
public interface SortedRecords extends AutoCloseable {

    /** Moves to the next record; false once every record was read. */
    boolean next() throws IOException;

    /** The current record's key. */
    long key();

    /**
     * The current record: {@code recordBytes} bytes from index 0 (position 0, limit {@code recordBytes}),
     * big-endian, the key at index 0. The same buffer is refilled by the next call to {@link #next()}.
     */
    ByteBuffer record();

    @Override
    void close() throws IOException;
}
