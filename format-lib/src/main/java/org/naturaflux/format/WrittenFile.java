package org.naturaflux.format;

import java.nio.file.Path;
import java.util.Objects;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.spec.ExportFormat;

/**
 * A file a writer finished: what the manifest and the run events say about it.
 *
 * @param path   the file on disk, compression suffix included ({@code observations.csv.gz})
 * @param format the format of the content (the compressed file holds a file of that format)
 * @param rows   the number of rows (features) written
 * @param bytes  the size of the file on disk
 * @param sha256 the SHA-256 of the file's bytes on disk, lower-case hex
 */
public record WrittenFile(Path path, ExportFormat format, long rows, long bytes, String sha256) {

    public WrittenFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sha256, "sha256");
        if (rows < 0 || bytes < 0) {
            throw new IllegalArgumentException("rows and bytes cannot be negative");
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
        }
    }

    /** The file's name, without directories. */
    public String fileName() {
        return path.getFileName().toString();
    }

    /**
     * The media type to publish the file with: {@code application/gzip} or {@code application/zip} for a
     * compressed file, else the format's own.
     */
    public String mediaType() {
        return mediaTypeOf(format, path);
    }

    /**
     * The media type a file of {@code format} at {@code file} is published with (known before the file
     * is written: its name says whether it is compressed).
     */
    public static String mediaTypeOf(ExportFormat format, Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(Compressions.GZIP_SUFFIX)) {
            return "application/gzip";
        }
        if (name.endsWith(Compressions.ZIP_SUFFIX)) {
            return "application/zip";
        }
        return format.mediaType();
    }

    /** This file as a run artifact stored under {@code key}. */
    public Artifact toArtifact(String key) {
        return new Artifact(format.code(), key, bytes, sha256);
    }
}
