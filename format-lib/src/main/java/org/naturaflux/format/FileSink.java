package org.naturaflux.format;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.naturaflux.model.spec.Compression;
import org.naturaflux.model.spec.ExportFormat;

/**
 * The file a writer streams into: compressed on the fly as asked, counted and hashed as its bytes reach
 * the disk, deleted if the writer gives up.
 *
 * <p>For a target {@code dir/observations.csv}: {@link Compression#NONE} writes that file;
 * {@link Compression#GZIP} writes {@code dir/observations.csv.gz}; {@link Compression#ZIP} writes
 * {@code dir/observations.csv.zip} holding one entry named {@code observations.csv}. An existing file of
 * that name is replaced. Compression uses the deflate default level.
 *
 * <p>Memory is bounded by two 64 KiB buffers and the deflater's state. Not thread-safe.
 */
public final class FileSink {

    static final int BUFFER_SIZE = 64 * 1024;

    private final Path path;
    private final ExportFormat format;
    private final HashingOutputStream hashing;
    private final ZipOutputStream zip;
    private final OutputStream content;
    private boolean done;

    private FileSink(Path path, ExportFormat format, HashingOutputStream hashing, ZipOutputStream zip,
                       OutputStream content) {
        this.path = path;
        this.format = format;
        this.hashing = hashing;
        this.zip = zip;
        this.content = content;
    }

    /**
     * Creates (or truncates) the file for {@code target} under {@code compression}.
     *
     * @param target      the uncompressed file's path, chosen by the caller
     * @param format      the format of the content
     * @param compression how the file is compressed
     */
    public static FileSink create(Path target, ExportFormat format, Compression compression) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(compression, "compression");
        Path path = Compressions.compressedPath(target, compression);
        OutputStream file = Files.newOutputStream(path, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        HashingOutputStream hashing = new HashingOutputStream(file);
        ZipOutputStream zip = null;
        OutputStream content;
        try {
            switch (compression) {
                case NONE -> content = new BufferedOutputStream(hashing, BUFFER_SIZE);
                case GZIP -> content = new BufferedOutputStream(
                        new GZIPOutputStream(new BufferedOutputStream(hashing, BUFFER_SIZE), BUFFER_SIZE),
                        BUFFER_SIZE);
                case ZIP -> {
                    zip = new ZipOutputStream(new BufferedOutputStream(hashing, BUFFER_SIZE));
                    zip.setLevel(Deflater.DEFAULT_COMPRESSION);
                    zip.putNextEntry(new ZipEntry(target.getFileName().toString()));
                    content = new BufferedOutputStream(zip, BUFFER_SIZE);
                }
                default -> throw new IllegalArgumentException("unknown compression " + compression);
            }
        } catch (IOException | RuntimeException e) {
            hashing.close();
            Files.deleteIfExists(path);
            throw e;
        }
        return new FileSink(path, format, hashing, zip, content);
    }

    /** The path of the file being written (compression suffix included). */
    public Path path() {
        return path;
    }

    /** The stream of the file's uncompressed content. Writers must not close it: {@link #finish} does. */
    public OutputStream content() {
        return content;
    }

    /** Copies a whole file into the content, e.g. a GeoPackage built in a temporary file. */
    public void copyFrom(Path source) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            in.transferTo(content);
        }
    }

    /**
     * Flushes and closes the file and describes it.
     *
     * @param rows the number of rows the content holds
     */
    public WrittenFile finish(long rows) throws IOException {
        if (done) {
            throw new IllegalStateException("output " + path + " is already closed");
        }
        done = true;
        try {
            content.flush();
            if (zip != null) {
                zip.closeEntry();
            }
            content.close();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
        return new WrittenFile(path, format, rows, hashing.count(), hashing.hexDigest());
    }

    /** Closes and deletes the file, unless {@link #finish} completed. Never throws. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            hashing.close();
        } catch (IOException | RuntimeException ignored) {
            // the file is deleted below anyway
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // nothing more can be done: the caller discards the run's files
        }
    }

    /**
     * Describes a finished file already on disk (one that was not streamed through an {@code FileSink}),
     * reading it once to hash it.
     */
    public static WrittenFile describe(Path file, ExportFormat format, long rows) throws IOException {
        try (InputStream in = Files.newInputStream(file);
             HashingOutputStream hashing = new HashingOutputStream(OutputStream.nullOutputStream())) {
            in.transferTo(hashing);
            return new WrittenFile(file, format, rows, hashing.count(), hashing.hexDigest());
        }
    }

    /** Counts and hashes the bytes on their way to the file. */
    private static final class HashingOutputStream extends FilterOutputStream {
        private final MessageDigest digest;
        private long count;

        HashingOutputStream(OutputStream out) {
            super(out);
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }

        String hexDigest() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
