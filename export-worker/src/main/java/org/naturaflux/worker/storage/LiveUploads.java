package org.naturaflux.worker.storage;

import io.minio.messages.Part;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.naturaflux.format.ThreadCpu;
import org.naturaflux.storage.ObjectStore;
import org.naturaflux.worker.logging.RunLogContext;

/**
 * Uploads files <b>while they are being written</b>, once, to their key in the execution's folder: one
 * thread per export follows each growing file (a file format-lib fills in order and never rewrites,
 * {@code FormatWriters.appendOnlyFile}) and, each time a part's worth of new bytes is on disk, uploads it
 * as the next part of a multipart upload (started with the file's content type and the run's metadata).
 * When the writers are done, {@link #complete} uploads what is left and completes each upload, so the
 * upload costs little more than the last part once writing ends, instead of a whole second pass over the
 * files. The parts are invisible until the upload completes, and a completed object is the whole file;
 * only the run's manifest, written later, makes it reachable.
 *
 * <p>Nothing here is trusted blindly: the bytes uploaded are hashed as they go, and an upload is
 * completed only when that SHA-256 equals the one format-lib computed while writing; otherwise, or
 * when a part fails, or when the file would need more than S3's {@value ObjectStore#MAX_PARTS} parts, the
 * upload is aborted and the file is uploaded the usual way after writing. Parts are read from disk into
 * one reusable buffer of the part size: memory stays bounded whatever the file's size.
 *
 * <p>{@link #close} stops the thread and aborts every upload not completed (an export that fails or is
 * cancelled leaves no incomplete upload of its own; the execution's cleanup and the sweep remain the net).
 */
public final class LiveUploads implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LiveUploads.class);
    private static final long IDLE_MILLIS = 100;
    private static final long STOP_MILLIS = 30_000;
    private static final int READ_SLICE = 256 * 1024;

    private final ObjectStore store;
    private final int partSize;
    private final long maxSize;
    private final Map<String, String> metadata;
    private final Map<Path, Tail> tails = new LinkedHashMap<>();
    private final Object signal = new Object();
    private final Thread thread;
    private volatile boolean finishing;
    private volatile boolean stopping;
    private volatile long cpuNanos;
    private byte[] buffer;

    /** One growing file and its upload. Fields are the thread's, but for the two set by {@link #complete}. */
    private static final class Tail {
        final Path path;
        final String key;
        final String mediaType;
        final MessageDigest digest = sha256();
        FileChannel channel;
        String uploadId;
        long offset;
        final List<Part> parts = new ArrayList<>();
        volatile long finalSize = -1;
        volatile String expectedSha256;
        volatile boolean done;
        volatile boolean givenUp;

        Tail(Path path, String key, String mediaType) {
            this.path = path;
            this.key = key;
            this.mediaType = mediaType;
        }
    }

    /**
     * Starts following the files.
     *
     * @param executionPrefix the execution's folder: a file goes to {@code prefix + its name}
     * @param files           the files to follow (they may not exist yet)
     * @param metadata        the user metadata of every object
     */
    LiveUploads(ObjectStore store, String executionPrefix, List<GrowingFile> files, Map<String, String> metadata,
                String threadName) {
        this.store = store;
        this.partSize = (int) Math.min(Integer.MAX_VALUE - 8, store.partSize());
        this.maxSize = (long) partSize * ObjectStore.MAX_PARTS;
        this.metadata = Map.copyOf(metadata);
        for (GrowingFile file : files) {
            tails.put(file.path(), new Tail(file.path(), executionPrefix + file.path().getFileName(), file.mediaType()));
        }
        this.thread = new Thread(RunLogContext.carried(this::follow), threadName);
        this.thread.setDaemon(true);
        if (!tails.isEmpty()) {
            thread.start();
        }
    }

    /**
     * The writers are done: uploads the rest of each followed file among {@code files} and completes its
     * upload. Returns the key of each file uploaded this way; the others (not followed, too small to have
     * started, failed, mismatched, too large) must be uploaded the usual way.
     */
    public Map<Path, String> complete(List<OutputFile> files) throws InterruptedException {
        Map<Path, String> staged = new LinkedHashMap<>();
        if (tails.isEmpty()) {
            return staged;
        }
        for (OutputFile file : files) {
            Tail tail = tails.get(file.path());
            if (tail != null) {
                tail.expectedSha256 = file.sha256();
                tail.finalSize = file.bytes();
            }
        }
        finishing = true;
        wake();
        thread.join();
        for (Tail tail : tails.values()) {
            if (tail.done) {
                staged.put(tail.path, tail.key);
            }
        }
        return staged;
    }

    private void follow() {
        try {
            buffer = new byte[partSize];
            while (!stopping) {
                boolean moved = false;
                boolean open = false;
                for (Tail tail : tails.values()) {
                    if (tail.done || tail.givenUp) {
                        continue;
                    }
                    open = true;
                    try {
                        moved |= step(tail);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        giveUp(tail, e.getMessage() + ": it is uploaded after writing");
                    }
                }
                if (!open) {
                    return;
                }
                if (!moved) {
                    synchronized (signal) {
                        signal.wait(IDLE_MILLIS);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            buffer = null;
            tails.values().forEach(LiveUploads::closeChannel);
            cpuNanos = ThreadCpu.current();
        }
    }

    /** The CPU time of the uploading thread, once it has ended ({@link #complete}, {@link #close}); 0 without one. */
    public long cpuNanos() {
        return cpuNanos;
    }

    /** Uploads the next part of the file if one is ready, or completes it; true when something was done. */
    private boolean step(Tail tail) throws IOException, InterruptedException {
        boolean ending = finishing;
        long finalSize = tail.finalSize;
        if (ending && finalSize < 0) {
            giveUp(tail, null);      // no such file among the results (a writer that produced none)
            return true;
        }
        if (ending && tail.uploadId == null) {
            giveUp(tail, null);      // never reached a part: uploaded the usual way, in one request
            return true;
        }
        long available = ending ? finalSize : currentSize(tail.path);
        if (available > maxSize) {
            LOG.infof("%s outgrew %d parts (%d bytes): it is uploaded after writing",
                    tail.path.getFileName(), ObjectStore.MAX_PARTS, maxSize);
            giveUp(tail, null);
            return true;
        }
        long pending = available - tail.offset;
        if (pending >= partSize || (ending && pending > 0)) {
            int length = (int) Math.min(partSize, pending);
            read(tail, length);
            if (tail.uploadId == null) {
                tail.uploadId = store.startUpload(tail.key, tail.mediaType, metadata);
            }
            int number = tail.parts.size() + 1;
            tail.parts.add(store.uploadPart(tail.key, tail.uploadId, number, buffer, length));
            tail.offset += length;
            return true;
        }
        if (!ending) {
            return false;
        }
        String uploaded = HexFormat.of().formatHex(tail.digest.digest());
        if (!uploaded.equals(tail.expectedSha256)) {
            giveUp(tail, "the bytes uploaded (SHA-256 " + uploaded + ") differ from the file written (" + tail.expectedSha256
                    + "): it is uploaded again after writing");
            return true;
        }
        store.completeUpload(tail.key, tail.uploadId, tail.parts);
        tail.done = true;
        closeChannel(tail);
        return true;
    }

    private void read(Tail tail, int length) throws IOException {
        if (tail.channel == null) {
            tail.channel = FileChannel.open(tail.path, StandardOpenOption.READ);
        }
        // In slices: a read into a heap buffer goes through a temporary direct buffer of the read's size,
        // which the JDK keeps per thread (a whole part's worth would stay as native memory).
        long position = tail.offset;
        int at = 0;
        while (at < length) {
            ByteBuffer into = ByteBuffer.wrap(buffer, at, Math.min(READ_SLICE, length - at));
            int n = tail.channel.read(into, position);
            if (n < 0) {
                throw new IOException(tail.path + " is shorter than its reported size");
            }
            position += n;
            at += n;
        }
        tail.digest.update(buffer, 0, length);
    }

    private static long currentSize(Path path) throws IOException {
        try {
            return Files.size(path);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** Stops following a file and aborts its upload; it will be uploaded the usual way (if at all). */
    private void giveUp(Tail tail, String why) {
        tail.givenUp = true;
        closeChannel(tail);
        if (why != null) {
            LOG.warnf("%s is not uploaded while written: %s", tail.path.getFileName(), why);
        }
        abort(tail);
    }

    private void abort(Tail tail) {
        if (tail.uploadId != null && !tail.done) {
            String id = tail.uploadId;
            tail.uploadId = null;
            try {
                store.abortUpload(tail.key, id);
            } catch (RuntimeException e) {
                LOG.debugf("aborting the upload of %s failed (the execution's cleanup will): %s", tail.key, e.getMessage());
            }
        }
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Stops following and aborts every upload not completed. */
    @Override
    public void close() {
        if (tails.isEmpty()) {
            return;
        }
        stopping = true;
        wake();
        try {
            thread.join(STOP_MILLIS);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(STOP_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            tails.values().forEach(this::abort);
        }
    }

    private static void closeChannel(Tail tail) {
        if (tail.channel != null) {
            try {
                tail.channel.close();
            } catch (IOException e) {
                // Read-only.
            }
            tail.channel = null;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
