package org.naturaflux.model.message;

import java.util.Objects;

/**
 * One file a run published.
 *
 * @param format  {@code csv}, {@code json}, {@code geojson}, {@code gpkg}, {@code manifest}, or a delta
 *                variant such as {@code delta-csv}
 * @param key     the object key in the bucket
 * @param bytes   the file's size
 * @param sha256  the file's SHA-256, lower-case hex
 */
public record Artifact(String format, String key, long bytes, String sha256) {
    public Artifact {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(key, "key");
    }
}
