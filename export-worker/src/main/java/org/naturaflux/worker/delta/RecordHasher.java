package org.naturaflux.worker.delta;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.locationtech.jts.io.WKBWriter;
import org.naturaflux.model.row.ObservationRow;

/**
 * The content hash of an exported record: what the partner receives of it (every value of the flux's
 * fields and the geometry, after degradation), reduced to 64 bits of its SHA-256. Two runs give a record
 * the same hash exactly when its exported content is the same, so a record whose level changed (other
 * geometry, other label) or whose values changed counts as changed in a delta.
 *
 * <p>Not thread-safe: one per export.
 */
public final class RecordHasher {

    private static final byte NULL = 0;
    private static final byte VALUE = 1;
    private static final byte SEPARATOR = 0x1f;

    private final MessageDigest digest;
    private final WKBWriter wkb = new WKBWriter(2);

    public RecordHasher() {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** The hash of the record as exported. */
    public long hash(ObservationRow row) {
        digest.reset();
        for (Object value : row.values()) {
            if (value == null) {
                digest.update(NULL);
            } else {
                digest.update(VALUE);
                String text = value instanceof Object[] array ? Arrays.deepToString(array) : value.toString();
                digest.update(value.getClass().getSimpleName().getBytes(StandardCharsets.US_ASCII));
                digest.update(SEPARATOR);
                digest.update(text.getBytes(StandardCharsets.UTF_8));
            }
            digest.update(SEPARATOR);
        }
        if (row.geometry() == null) {
            digest.update(NULL);
        } else {
            digest.update(VALUE);
            digest.update(wkb.write(row.geometry()));
        }
        byte[] sha = digest.digest();
        long hash = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            hash = (hash << 8) | (sha[i] & 0xff);
        }
        return hash;
    }
}
