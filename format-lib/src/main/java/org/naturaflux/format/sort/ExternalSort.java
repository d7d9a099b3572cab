package org.naturaflux.format.sort;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sorts fixed-width records by their key, in bounded memory whatever their number: records are
 * buffered {@link Settings#runRecords()} at a time, each full buffer is sorted and written to a run
 * file of the work directory, and {@link #sorted()} merges the runs, at most {@link Settings#fanIn()}
 * of them at once (more runs are first merged group by group into longer runs, as many passes as it
 * takes), so that neither the heap nor the number of open files grows with the input.
 *
 * <p>A record is {@code recordBytes} bytes whose first eight are its key, a big-endian signed
 * {@code long}; records are ordered by key, and records of equal key keep the order they were added in
 * (the sort is stable). When every record fits in one buffer nothing is written to disk.
 *
 * <pre>{@code
 * try (ExternalSort sort = new ExternalSort(directory, 16, ExternalSort.Settings.defaults("index-run-"))) {
 *     sort.add(buffer);                       // any number of times
 *     try (SortedRecords records = sort.sorted()) {
 *         while (records.next()) {
 *             use(records.key(), records.record());
 *         }
 *     }
 * }                                           // deletes every run file
 * }</pre>
 *
 * Heap: one run of at most {@code runRecords} records, {@code recordBytes + 16} bytes each (the record, its
 * key and its place in the order), grown as records come; merging, {@code fanIn} read buffers of 16 KiB.
 * Not thread-safe.
 */
public final class ExternalSort implements AutoCloseable {

    private static final int WRITE_BUFFER = 64 * 1024;

    /**
     * How the sort spills and merges.
     *
     * @param runRecords records held in memory and sorted at once (the length of a run); at least 1
     * @param fanIn      runs merged at once; at least 2
     * @param filePrefix the name prefix of the run files in the work directory
     */
    public record Settings(int runRecords, int fanIn, String filePrefix) {

        /** Runs of 2<sup>17</sup> records, merged 64 at a time. */
        public static final int DEFAULT_RUN_RECORDS = 1 << 17;
        public static final int DEFAULT_FAN_IN = 64;

        public Settings {
            if (runRecords < 1) {
                throw new IllegalArgumentException("runRecords must be at least 1: " + runRecords);
            }
            if (fanIn < 2) {
                throw new IllegalArgumentException("fanIn must be at least 2: " + fanIn);
            }
            Objects.requireNonNull(filePrefix, "filePrefix");
        }

        /** The default run length and fan-in, run files named {@code filePrefix...}. */
        public static Settings defaults(String filePrefix) {
            return new Settings(DEFAULT_RUN_RECORDS, DEFAULT_FAN_IN, filePrefix);
        }

        public Settings withRunRecords(int runRecords) {
            return new Settings(runRecords, fanIn, filePrefix);
        }

        public Settings withFanIn(int fanIn) {
            return new Settings(runRecords, fanIn, filePrefix);
        }
    }

    private final Path directory;
    private final int recordBytes;
    private final Settings settings;
    private final List<Path> files = new ArrayList<>();
    private List<Path> runs = new ArrayList<>();
    private RunBuffer buffer;
    private long count;
    private boolean sorting;

    /**
     * @param directory   where run files are written (it must exist)
     * @param recordBytes the width of every record, key included; at least 8
     */
    public ExternalSort(Path directory, int recordBytes, Settings settings) {
        if (recordBytes < Long.BYTES) {
            throw new IllegalArgumentException("a record holds at least its 8-byte key: " + recordBytes);
        }
        this.directory = Objects.requireNonNull(directory, "directory");
        this.recordBytes = recordBytes;
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Adds the record between {@code record}'s position and limit, which must be exactly
     * {@code recordBytes} long; the buffer's position is left unchanged.
     */
    public void add(ByteBuffer record) throws IOException {
        if (sorting) {
            throw new IllegalStateException("records cannot be added once sorted() was called");
        }
        if (record.remaining() != recordBytes) {
            throw new IllegalArgumentException("a record is " + recordBytes + " bytes, not " + record.remaining());
        }
        if (buffer == null) {
            buffer = new RunBuffer(recordBytes, (int) Math.min(settings.runRecords(), Integer.MAX_VALUE / recordBytes));
        }
        buffer.add(record);
        count++;
        if (buffer.isFull()) {
            spill();
        }
    }

    /** The number of records added. */
    public long size() {
        return count;
    }

    /**
     * The records in order. Called once, after the last {@link #add}; the cursor must be closed before
     * this sort is.
     */
    public SortedRecords sorted() throws IOException {
        if (sorting) {
            throw new IllegalStateException("sorted() is called once");
        }
        sorting = true;
        if (runs.isEmpty()) {
            if (buffer == null) {
                return RunBuffer.EMPTY;
            }
            buffer.sort();
            return buffer.cursor();
        }
        if (buffer != null && buffer.size() > 0) {
            spill();
        }
        buffer = null;
        while (runs.size() > settings.fanIn()) {
            runs = mergePass(runs);
        }
        return new RunMerge(runs, recordBytes);
    }

    /** Merges consecutive groups of {@code fanIn} runs into one run each (consecutive: stability). */
    private List<Path> mergePass(List<Path> input) throws IOException {
        List<Path> merged = new ArrayList<>();
        for (int i = 0; i < input.size(); i += settings.fanIn()) {
            List<Path> group = input.subList(i, Math.min(input.size(), i + settings.fanIn()));
            Path run = newFile();
            try (RunMerge merge = new RunMerge(group, recordBytes); OutputStream out = output(run)) {
                while (merge.next()) {
                    ByteBuffer record = merge.record();
                    out.write(record.array(), 0, recordBytes);
                }
            }
            for (Path file : group) {
                delete(file);
            }
            merged.add(run);
        }
        return merged;
    }

    private void spill() throws IOException {
        buffer.sort();
        Path run = newFile();
        try (OutputStream out = output(run)) {
            buffer.writeSorted(out);
        }
        runs.add(run);
        buffer.clear();
    }

    private Path newFile() throws IOException {
        Path file = Files.createTempFile(directory, settings.filePrefix(), ".run");
        files.add(file);
        return file;
    }

    private static OutputStream output(Path file) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file), WRITE_BUFFER);
    }

    private void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // retried by close()
        }
    }

    /** Deletes every run file. Never throws. */
    @Override
    public void close() {
        files.forEach(this::delete);
        files.clear();
        runs.clear();
        buffer = null;
    }
}
