package org.naturaflux.storage;

import java.time.ZonedDateTime;

/**
 * An object found by a listing.
 *
 * @param key          its key
 * @param size         its size in bytes
 * @param lastModified when it was last written, or null when the store does not tell
 */
public record StoredObject(String key, long size, ZonedDateTime lastModified) {
}
