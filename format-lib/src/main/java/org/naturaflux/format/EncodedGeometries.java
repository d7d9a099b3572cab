package org.naturaflux.format;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * One writer's memory of the geometries it has just encoded: the encoded form (a WKT cell, a GeoJSON
 * geometry object, a GeoPackage blob...) of a geometry <b>instance</b> is kept and handed out again when the
 * same instance comes back, instead of being encoded once per record. Degraded records of one set of areas
 * carry the same geometry instance (the degrader builds each footprint once and shares it), and its
 * encoding (thousands of vertices: a département) is what a writer spent most of its time on.
 *
 * <p>Keyed by identity, never by value: a geometry equal to a cached one but of another instance is
 * encoded again (rows carry immutable geometries; a geometry must not be changed once written, which
 * writers already require). Points and geometries of fewer than {@value #MIN_COORDINATES} coordinates are
 * never cached: encoding them costs less than a lookup. Bounded by {@link WriterSettings#geometryCacheEntries}
 * entries and {@link WriterSettings#geometryCacheBytes} bytes of encoded forms (as each writer weighs
 * them), least recently used first out; an encoded form larger than the byte bound is not kept. Zero
 * entries turn it off. The geometries themselves are held as keys (at most that many of them).
 *
 * <p>Not thread-safe: one per writer, used by the writer's thread only.
 *
 * @param <V> the encoded form, never changed once made (it is handed out to every record that shares it)
 */
public final class EncodedGeometries<V> {

    /** Geometries with fewer coordinates are encoded every time. */
    public static final int MIN_COORDINATES = 16;

    /** How a writer encodes a geometry. */
    @FunctionalInterface
    public interface Encoder<V> {
        V encode(Geometry geometry) throws IOException;
    }

    private final int maxEntries;
    private final long maxBytes;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<Identity, Entry<V>> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    /**
     * @param maxEntries the most encoded forms kept (0: none, the cache is off)
     * @param maxBytes   the most bytes of encoded forms kept, as {@code weigher} counts them
     * @param weigher    the bytes an encoded form holds
     */
    public EncodedGeometries(int maxEntries, long maxBytes, ToLongFunction<V> weigher) {
        if (maxEntries < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("geometry cache bounds cannot be negative: " + maxEntries + " entries, "
                    + maxBytes + " bytes");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.weigher = weigher;
    }

    /** A cache bounded as {@code settings} say. */
    public static <V> EncodedGeometries<V> of(WriterSettings settings, ToLongFunction<V> weigher) {
        return new EncodedGeometries<>(settings.geometryCacheEntries(), settings.geometryCacheBytes(), weigher);
    }

    /**
     * The encoded form of {@code geometry}: the one kept for this instance, or {@code encoder}'s (then kept
     * if the geometry is worth it and the form fits).
     *
     * @param geometry a geometry, or null (passed to the encoder as it is)
     */
    public V get(Geometry geometry, Encoder<V> encoder) throws IOException {
        if (!caches(geometry)) {
            return encoder.encode(geometry);
        }
        Identity key = new Identity(geometry);
        Entry<V> entry = entries.get(key);
        if (entry != null) {
            hits++;
            return entry.value;
        }
        misses++;
        V value = encoder.encode(geometry);
        if (value == null) {
            return null;
        }
        long weight = weigher.applyAsLong(value);
        if (weight > maxBytes) {
            return value;
        }
        entries.put(key, new Entry<>(value, weight));
        bytes += weight;
        Iterator<Map.Entry<Identity, Entry<V>>> eldest = entries.entrySet().iterator();
        while (entries.size() > maxEntries || bytes > maxBytes) {
            bytes -= eldest.next().getValue().weight;
            eldest.remove();
        }
        return value;
    }

    /**
     * Whether {@link #get} looks this geometry up (and keeps its encoded form): false when the cache is off
     * and for null, points and geometries of fewer than {@value #MIN_COORDINATES} coordinates, which a writer
     * may as well encode straight into its output.
     */
    public boolean caches(Geometry geometry) {
        return maxEntries > 0 && geometry != null && !(geometry instanceof Point)
                && geometry.getNumPoints() >= MIN_COORDINATES;
    }

    /** Lookups answered from the cache. */
    public long hits() {
        return hits;
    }

    /** Lookups of a cacheable geometry that had to encode it. */
    public long misses() {
        return misses;
    }

    /** Encoded forms kept now. */
    public int size() {
        return entries.size();
    }

    /** Bytes of the encoded forms kept now. */
    public long bytes() {
        return bytes;
    }

    private record Entry<V>(V value, long weight) {
    }

    /** A geometry compared by identity (JTS's {@code equals} compares coordinates). */
    private static final class Identity {
        private final Geometry geometry;

        Identity(Geometry geometry) {
            this.geometry = geometry;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.geometry == geometry;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(geometry);
        }
    }
}
