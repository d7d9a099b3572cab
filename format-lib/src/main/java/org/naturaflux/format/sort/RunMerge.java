package org.naturaflux.format.sort;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** A k-way merge of sorted run files by key, equal keys in run order (the order the runs are given in). */
final class RunMerge implements SortedRecords {

    private static final int READ_BUFFER = 16 * 1024;

    private final int recordBytes;
    private final List<DataInputStream> inputs = new ArrayList<>();
    private final PriorityQueue<Head> heads = new PriorityQueue<>();
    private final byte[] current;
    private final ByteBuffer record;

    /** The next record of one run. */
    private static final class Head implements Comparable<Head> {
        final int run;
        final byte[] bytes;
        final ByteBuffer view;
        long key;

        Head(int run, int recordBytes) {
            this.run = run;
            this.bytes = new byte[recordBytes];
            this.view = ByteBuffer.wrap(bytes);
        }

        @Override
        public int compareTo(Head other) {
            int byKey = Long.compare(key, other.key);
            return byKey != 0 ? byKey : Integer.compare(run, other.run);
        }
    }

    RunMerge(List<Path> runs, int recordBytes) throws IOException {
        this.recordBytes = recordBytes;
        this.current = new byte[recordBytes];
        this.record = ByteBuffer.wrap(current);
        try {
            for (Path run : runs) {
                inputs.add(new DataInputStream(new BufferedInputStream(Files.newInputStream(run), READ_BUFFER)));
                Head head = new Head(inputs.size() - 1, recordBytes);
                if (advance(head)) {
                    heads.add(head);
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Reads the run's next record into {@code head}; false at the end of the run. */
    private boolean advance(Head head) throws IOException {
        DataInputStream in = inputs.get(head.run);
        int first = in.read();
        if (first < 0) {
            return false;
        }
        head.bytes[0] = (byte) first;
        try {
            in.readFully(head.bytes, 1, recordBytes - 1);
        } catch (EOFException truncated) {
            throw new IOException("run " + head.run + " ends inside a record", truncated);
        }
        head.key = head.view.getLong(0);
        return true;
    }

    @Override
    public boolean next() throws IOException {
        Head head = heads.poll();
        if (head == null) {
            return false;
        }
        System.arraycopy(head.bytes, 0, current, 0, recordBytes);
        if (advance(head)) {
            heads.add(head);
        }
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
    public void close() throws IOException {
        IOException failure = null;
        for (DataInputStream in : inputs) {
            try {
                in.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
