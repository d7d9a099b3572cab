package org.naturaflux.worker.delta;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Collects the (record id, content hash) pairs of a run, in any order, and writes them sorted by id as
 * a {@link RecordIndex} file: 16 bytes per record, big-endian id then hash, no header.
 *
 * <p>Memory stays bounded whatever the row count: pairs are buffered {@value #DEFAULT_CHUNK} at a
 * time (16 bytes each), each full buffer is sorted and spilled to a file of the work directory, and
 * {@link #finish} merges the spilled runs. A record id given twice is an error (a run exports each
 * record once).
 */
public final class RecordIndexWriter implements AutoCloseable {

    static final int DEFAULT_CHUNK = 1 << 19;

    private final Path workDirectory;
    private final int chunk;
    private final long[] ids;
    private final long[] hashes;
    private final List<Path> runs = new ArrayList<>();
    private int buffered;
    private long count;

    public RecordIndexWriter(Path workDirectory) {
        this(workDirectory, DEFAULT_CHUNK);
    }

    RecordIndexWriter(Path workDirectory, int chunk) {
        this.workDirectory = workDirectory;
        this.chunk = chunk;
        this.ids = new long[chunk];
        this.hashes = new long[chunk];
    }

    public void add(long id, long hash) throws IOException {
        ids[buffered] = id;
        hashes[buffered] = hash;
        buffered++;
        count++;
        if (buffered == chunk) {
            spill();
        }
    }

    /** Records added so far. */
    public long count() {
        return count;
    }

    /** Writes the sorted index to {@code target} and deletes the spilled runs. */
    public void finish(Path target) throws IOException {
        if (runs.isEmpty()) {
            sortBuffer();
            try (DataOutputStream out = output(target)) {
                long previous = Long.MIN_VALUE;
                for (int i = 0; i < buffered; i++) {
                    previous = checkAscending(previous, ids[i], i == 0);
                    out.writeLong(ids[i]);
                    out.writeLong(hashes[i]);
                }
            }
            buffered = 0;
            return;
        }
        if (buffered > 0) {
            spill();
        }
        merge(target);
        deleteRuns();
    }

    private void merge(Path target) throws IOException {
        List<DataInputStream> inputs = new ArrayList<>();
        try (DataOutputStream out = output(target)) {
            PriorityQueue<Head> heads = new PriorityQueue<>();
            for (Path run : runs) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
                inputs.add(in);
                Head head = new Head(in);
                if (head.advance()) {
                    heads.add(head);
                }
            }
            long previous = Long.MIN_VALUE;
            boolean first = true;
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                previous = checkAscending(previous, head.id, first);
                first = false;
                out.writeLong(head.id);
                out.writeLong(head.hash);
                if (head.advance()) {
                    heads.add(head);
                }
            }
        } finally {
            for (DataInputStream in : inputs) {
                in.close();
            }
        }
    }

    private static long checkAscending(long previous, long id, boolean first) {
        if (!first && id <= previous) {
            throw new IllegalStateException("record " + id + " was exported twice in one run");
        }
        return id;
    }

    private void spill() throws IOException {
        sortBuffer();
        Path run = Files.createTempFile(workDirectory, "index-run-", ".bin");
        runs.add(run);
        try (DataOutputStream out = output(run)) {
            for (int i = 0; i < buffered; i++) {
                out.writeLong(ids[i]);
                out.writeLong(hashes[i]);
            }
        }
        buffered = 0;
    }

    private static DataOutputStream output(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    /** Heap sort of the buffer by id, the hashes following (no allocation, no recursion). */
    private void sortBuffer() {
        int n = buffered;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(i, n);
        }
        for (int end = n - 1; end > 0; end--) {
            swap(0, end);
            siftDown(0, end);
        }
    }

    private void siftDown(int root, int size) {
        int i = root;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                return;
            }
            if (child + 1 < size && ids[child + 1] > ids[child]) {
                child++;
            }
            if (ids[i] >= ids[child]) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void swap(int a, int b) {
        long id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        long hash = hashes[a];
        hashes[a] = hashes[b];
        hashes[b] = hash;
    }

    private void deleteRuns() throws IOException {
        for (Path run : runs) {
            Files.deleteIfExists(run);
        }
        runs.clear();
    }

    @Override
    public void close() throws IOException {
        deleteRuns();
    }

    private static final class Head implements Comparable<Head> {
        private final DataInputStream in;
        private long id;
        private long hash;

        Head(DataInputStream in) {
            this.in = in;
        }

        boolean advance() throws IOException {
            try {
                id = in.readLong();
            } catch (EOFException end) {
                return false;
            }
            hash = in.readLong();
            return true;
        }

        @Override
        public int compareTo(Head other) {
            return Long.compare(id, other.id);
        }
    }
}
