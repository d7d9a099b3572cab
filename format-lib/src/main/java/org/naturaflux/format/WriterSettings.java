package org.naturaflux.format;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * How writers run, beyond the flux's options: where temporary files go, what the GeoPackage layer is
 * called, threads, and how much each writer remembers of the geometries it encoded. The partner chooses
 * the options; the platform chooses these.
 *
 * @param tempDirectory the directory for temporary files (the GeoPackage under construction when it is
 *                      to be compressed); default {@code java.io.tmpdir}. The export worker runs with a
 *                      read-only root file system and passes its writable scratch directory here. SQLite
 *                      keeps its own temporary data in memory, so nothing else is written elsewhere
 *                      (sqlite-jdbc extracts its native library once per JVM into {@code org.sqlite.tmpdir},
 *                      default {@code java.io.tmpdir}: point that property at a writable directory too).
 * @param layerName     the GeoPackage feature table name; default {@value #DEFAULT_LAYER_NAME}. Letters,
 *                      digits and {@code _}, starting with a letter, at most 63 characters, not starting
 *                      with {@code gpkg_}, {@code rtree_} or {@code sqlite_}
 * @param writerThreads whether {@link FormatWriters#openAll} runs each format's writer on a thread of its
 *                      own ({@link FanOutWriter#parallel}); default on. Off, the caller's thread writes
 *                      every format in turn (the sequential {@link FanOutWriter})
 * @param geometryCacheEntries per writer, the most encoded geometries kept for the next records carrying
 *                      the same geometry instance ({@link EncodedGeometries}: a degraded record's area);
 *                      default {@value #DEFAULT_GEOMETRY_CACHE_ENTRIES}; 0 turns the cache off (every
 *                      geometry encoded for every record: the same bytes, more CPU)
 * @param geometryCacheBytes   per writer, the most bytes of encoded geometries kept; default
 *                      {@value #DEFAULT_GEOMETRY_CACHE_BYTES} (8 MiB)
 */
public record WriterSettings(Path tempDirectory, String layerName, boolean writerThreads, int geometryCacheEntries,
                             long geometryCacheBytes) {

    /** The default GeoPackage table name. */
    public static final String DEFAULT_LAYER_NAME = "observations";
    /** The default bound on the encoded geometries a writer keeps, in entries. */
    public static final int DEFAULT_GEOMETRY_CACHE_ENTRIES = 1024;
    /** The default bound on the encoded geometries a writer keeps, in bytes. */
    public static final long DEFAULT_GEOMETRY_CACHE_BYTES = 8L << 20;

    public WriterSettings {
        if (geometryCacheEntries < 0 || geometryCacheBytes < 0) {
            throw new IllegalArgumentException("geometry cache bounds cannot be negative: " + geometryCacheEntries
                    + " entries, " + geometryCacheBytes + " bytes");
        }
        tempDirectory = tempDirectory == null ? Path.of(System.getProperty("java.io.tmpdir")) : tempDirectory;
        layerName = layerName == null ? DEFAULT_LAYER_NAME : layerName;
        if (!layerName.matches("[A-Za-z][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("layer name must be letters, digits and '_', starting with a letter, "
                    + "at most 63 characters: " + layerName);
        }
        String lower = layerName.toLowerCase(Locale.ROOT);
        if (lower.startsWith("gpkg_") || lower.startsWith("rtree_") || lower.startsWith("sqlite_")) {
            throw new IllegalArgumentException("layer name cannot start with gpkg_, rtree_ or sqlite_: " + layerName);
        }
    }

    /** These settings with the geometry cache at its default bounds. */
    public WriterSettings(Path tempDirectory, String layerName, boolean writerThreads) {
        this(tempDirectory, layerName, writerThreads, DEFAULT_GEOMETRY_CACHE_ENTRIES, DEFAULT_GEOMETRY_CACHE_BYTES);
    }

    /** Every setting at its default. */
    public static WriterSettings defaults() {
        return new WriterSettings(null, null, true);
    }

    /** The same settings with temporary files in {@code directory}. */
    public WriterSettings withTempDirectory(Path directory) {
        return new WriterSettings(Objects.requireNonNull(directory, "directory"), layerName, writerThreads,
                geometryCacheEntries, geometryCacheBytes);
    }

    /** The same settings with another GeoPackage layer name. */
    public WriterSettings withLayerName(String name) {
        return new WriterSettings(tempDirectory, Objects.requireNonNull(name, "name"), writerThreads,
                geometryCacheEntries, geometryCacheBytes);
    }

    /** The same settings with each format's writer on a thread of its own, or not. */
    public WriterSettings withWriterThreads(boolean threads) {
        return new WriterSettings(tempDirectory, layerName, threads, geometryCacheEntries, geometryCacheBytes);
    }

    /**
     * The same settings with each writer keeping at most {@code entries} encoded geometries of at most
     * {@code bytes} bytes in all ({@code 0} entries: no cache).
     */
    public WriterSettings withGeometryCache(int entries, long bytes) {
        return new WriterSettings(tempDirectory, layerName, writerThreads, entries, bytes);
    }
}
