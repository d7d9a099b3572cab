package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Object storage ({@code naturaflux.s3.*}) and what the service does with it. */
@ConfigMapping(prefix = "naturaflux.s3")
public interface StorageConfig {

    /** The S3 endpoint the service reaches (deletes). */
    String endpoint();

    /** The S3 endpoint partners reach: signed URLs point there (it may differ from the internal one). */
    String publicEndpoint();

    @WithDefault("us-east-1")
    String region();

    /** Access key; without it (and the secret) no URL can be signed and no file erased. */
    Optional<String> accessKey();

    Optional<String> secretKey();

    String bucket();

    /**
     * The prefix of every key in the bucket, the workers' own ({@code NATURAFLUX_S3_KEY_PREFIX}, none by
     * default): flux-storage's {@code StorageLayout} under it says which keys are a run's.
     */
    Optional<String> keyPrefix();

    /** How long a signed download URL stays valid (15 minutes by default). */
    @WithDefault("PT15M")
    Duration urlTtl();

    /** How long a successful run's files are kept before the retention job erases them. */
    @WithDefault("P30D")
    Duration retention();
}
