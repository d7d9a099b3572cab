package org.naturaflux.request.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.naturaflux.request.config.AuthConfig;

/**
 * Refuses to start with an admin token shorter than {@link #MIN_LENGTH} characters: the admin token is
 * compared as given (it is not one of the generated partner tokens), so its length is its strength.
 */
@ApplicationScoped
public class AdminTokenCheck {

    /** 32 characters: 128 bits when hexadecimal ({@code openssl rand -hex 32} gives 64). */
    public static final int MIN_LENGTH = 32;

    void onStart(@Observes StartupEvent event, AuthConfig config) {
        check(config.adminToken());
    }

    /** @throws IllegalStateException when the token is set and too short */
    static void check(Optional<String> token) {
        if (token.isPresent() && token.get().strip().length() < MIN_LENGTH) {
            throw new IllegalStateException("the admin token (NATURAFLUX_ADMIN_TOKEN) has " + token.get().strip().length()
                    + " characters: at least " + MIN_LENGTH + " are required (e.g. openssl rand -hex 32)");
        }
    }
}
