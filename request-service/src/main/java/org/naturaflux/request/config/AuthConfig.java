package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Authentication settings ({@code naturaflux.auth.*}). */
@ConfigMapping(prefix = "naturaflux.auth")
public interface AuthConfig {

    /**
     * The admin bearer token ({@code NATURAFLUX_ADMIN_TOKEN}). Without it no request is an admin's:
     * partners still work, but nobody can register them.
     */
    Optional<String> adminToken();

    /** The role (OpenID Connect, in the ID token) that makes a person the platform's admin. */
    @WithDefault("naturaflux-admin")
    String adminRole();

    /** The ID token claim holding the id of a person's partner. */
    @WithDefault("partner_id")
    String partnerClaim();

    /**
     * The key of the portal sessions' CSRF tokens (by default the OpenID Connect client secret): the same
     * on every replica, so that a token handed out by one is accepted by all.
     */
    Optional<String> sessionKey();
}
