package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** HTTP limits of the API ({@code naturaflux.http.*}). */
@ConfigMapping(prefix = "naturaflux.http")
public interface HttpConfig {

    /**
     * The largest request body, in bytes received (declared by Content-Length or counted while a chunked
     * body arrives): larger ones get a JSON 413 ({@code rest.BodyLimit}). A territory at its limits fits.
     * {@code quarkus.http.limits.max-body-size} stays above it as the server's own hard cap.
     */
    @WithDefault("1048576")
    long maxBodyBytes();
}
