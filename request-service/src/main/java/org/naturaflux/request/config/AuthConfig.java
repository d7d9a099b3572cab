package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Authentication settings ({@code naturaflux.auth.*}). */
@ConfigMapping(prefix = "naturaflux.auth")
public interface AuthConfig {

    /**
     * The admin bearer token ({@code NATURAFLUX_ADMIN_TOKEN}). Without it no request is an admin's:
     * partners still work, but nobody can register them.
     */
    Optional<String> adminToken();
}
