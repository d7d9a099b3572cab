package org.naturaflux.worker.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.naturaflux.format.WrittenFile;

/**
 * A file an export produced, ready to publish, with the artifact format it is published as: a format's
 * code ({@code csv}, {@code gpkg}...), a companion table's file ({@code jeux_de_donnees-csv}), a delta
 * variant ({@code delta-csv}..., {@code delta-deleted}), or
 * {@link #RECORD_INDEX} (internal: kept with the run for the next delta, never offered to partners).
 *
 * @param format    the artifact format
 * @param path      the file on disk
 * @param mediaType the content type to publish it with
 * @param rows      the records it holds
 * @param bytes     its size
 * @param sha256    its SHA-256, lower-case hex
 */
public record OutputFile(String format, Path path, String mediaType, long rows, long bytes, String sha256) {

    /** The internal artifact holding the run's (record id, content hash) set. */
    public static final String RECORD_INDEX = "record-index";

    public OutputFile {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** A file format-lib wrote, published under its format's code with {@code prefix} before it. */
    public static OutputFile of(String prefix, WrittenFile file) {
        return new OutputFile(prefix + file.format().code(), file.path(), file.mediaType(), file.rows(), file.bytes(),
                file.sha256());
    }

    /**
     * A companion file format-lib wrote ({@code jeux_de_donnees.csv}...), published as {@code format}
     * ({@code jeux_de_donnees-csv}: the table, then the format of its file).
     */
    public static OutputFile ofCompanion(String format, WrittenFile file) {
        return new OutputFile(format, file.path(), file.mediaType(), file.rows(), file.bytes(), file.sha256());
    }

    /** A file written by other means: its size and SHA-256 are read from disk. */
    public static OutputFile ofFile(String format, Path path, String mediaType, long rows) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return new OutputFile(format, path, mediaType, rows, Files.size(path), HexFormat.of().formatHex(digest.digest()));
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    public boolean internal() {
        return RECORD_INDEX.equals(format);
    }
}
