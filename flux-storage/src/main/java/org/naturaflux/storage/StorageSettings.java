package org.naturaflux.storage;

import java.util.Objects;

/**
 * Where the bucket is and how to reach it: each service maps its own {@code naturaflux.s3.*} settings to
 * this record.
 *
 * @param endpoint       the S3 endpoint the service reaches (every call but signing)
 * @param publicEndpoint the S3 endpoint partners reach, which download URLs are signed for; null when the
 *                       service signs none
 * @param region         the region requests are signed for (signing then needs no call to the server)
 * @param accessKey      the access key; null (with the secret key) when none is configured: the store and
 *                       the signer then refuse every call ({@link #hasCredentials()})
 * @param secretKey      the secret key, or null
 * @param bucket         the bucket
 * @param keyPrefix      the prefix of every key in the bucket (empty for none), which both services must share
 * @param partSize       the multipart part size of uploads from disk (raised to S3's 5 MiB minimum)
 */
public record StorageSettings(String endpoint, String publicEndpoint, String region, String accessKey,
                              String secretKey, String bucket, String keyPrefix, long partSize) {

    /** The part size when a service sets none (16 MiB). */
    public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;

    public StorageSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
        accessKey = accessKey == null || accessKey.isEmpty() ? null : accessKey;
        secretKey = secretKey == null || secretKey.isEmpty() ? null : secretKey;
    }

    /** Whether both keys are configured. */
    public boolean hasCredentials() {
        return accessKey != null && secretKey != null;
    }

    /** The layout of the bucket under {@link #keyPrefix}. */
    public StorageLayout layout() {
        return new StorageLayout(keyPrefix);
    }

    /** Never shows the secret key. */
    @Override
    public String toString() {
        return "StorageSettings[endpoint=" + endpoint + ", publicEndpoint=" + publicEndpoint + ", region=" + region
                + ", accessKey=" + accessKey + ", bucket=" + bucket + ", keyPrefix=" + keyPrefix + ", partSize="
                + partSize + "]";
    }
}
