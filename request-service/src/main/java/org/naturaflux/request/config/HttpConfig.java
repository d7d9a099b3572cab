package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** HTTP limits of the API ({@code naturaflux.http.*}). */
@ConfigMapping(prefix = "naturaflux.http")
public interface HttpConfig {

    /**
     * The largest request body, in bytes, by its Content-Length: larger ones get a JSON 413. A territory
     * at its limits fits. {@code quarkus.http.limits.max-body-size} stays above it as the hard cap for
     * bodies sent without a length.
     */
    @WithDefault("1048576")
    long maxBodyBytes();
}
