package org.naturaflux.format.sort;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** The records of one run in memory, sorted stably by key without boxing or allocation per record. */
final class RunBuffer {

    /** The cursor over no record. */
    static final SortedRecords EMPTY = new SortedRecords() {
        @Override
        public boolean next() {
            return false;
        }

        @Override
        public long key() {
            throw new IllegalStateException("no current record");
        }

        @Override
        public ByteBuffer record() {
            throw new IllegalStateException("no current record");
        }

        @Override
        public void close() {
        }
    };

    private static final int INITIAL_CAPACITY = 1024;

    private final int recordBytes;
    private final int maxCapacity;
    private byte[] data;
    private ByteBuffer view;
    private long[] keys;
    private int[] order;
    private int[] spare;
    private int size;

    /**
     * A buffer of at most {@code maxCapacity} records, its arrays grown as records come (a small input
     * costs little memory): {@code recordBytes + 16} bytes a record once full.
     */
    RunBuffer(int recordBytes, int maxCapacity) {
        this.recordBytes = recordBytes;
        this.maxCapacity = maxCapacity;
        allocate(Math.min(maxCapacity, INITIAL_CAPACITY));
    }

    private void allocate(int capacity) {
        byte[] grown = new byte[recordBytes * capacity];
        if (data != null) {
            System.arraycopy(data, 0, grown, 0, size * recordBytes);
        }
        data = grown;
        view = ByteBuffer.wrap(data);
        keys = keys == null ? new long[capacity] : Arrays.copyOf(keys, capacity);
        order = new int[capacity];
        spare = new int[capacity];
    }

    void add(ByteBuffer record) {
        if (size == keys.length) {
            allocate((int) Math.min(maxCapacity, 2L * keys.length));
        }
        int offset = size * recordBytes;
        record.get(record.position(), data, offset, recordBytes);
        keys[size] = view.getLong(offset);
        size++;
    }

    boolean isFull() {
        return size == maxCapacity;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** Orders the records by key, equal keys in the order they were added: a bottom-up merge sort. */
    void sort() {
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int width = 1; width < size; width *= 2) {
            for (int low = 0; low < size; low += 2 * width) {
                int middle = Math.min(low + width, size);
                int high = Math.min(low + 2 * width, size);
                int left = low;
                int right = middle;
                for (int out = low; out < high; out++) {
                    // <=: on equal keys the left (earlier) record first
                    if (left < middle && (right >= high || keys[order[left]] <= keys[order[right]])) {
                        spare[out] = order[left++];
                    } else {
                        spare[out] = order[right++];
                    }
                }
            }
            int[] swap = order;
            order = spare;
            spare = swap;
        }
    }

    /** Writes the records in the order {@link #sort()} gave. */
    void writeSorted(OutputStream out) throws IOException {
        for (int i = 0; i < size; i++) {
            out.write(data, order[i] * recordBytes, recordBytes);
        }
    }

    /** The records in the order {@link #sort()} gave. */
    SortedRecords cursor() {
        byte[] current = new byte[recordBytes];
        ByteBuffer record = ByteBuffer.wrap(current);
        return new SortedRecords() {
            private int next;

            @Override
            public boolean next() {
                if (next == size) {
                    return false;
                }
                System.arraycopy(data, order[next++] * recordBytes, current, 0, recordBytes);
                return true;
            }

            @Override
            public long key() {
                return record.getLong(0);
            }

            @Override
            public ByteBuffer record() {
                return record.clear();
            }

            @Override
            public void close() {
            }
        };
    }
}
