package org.naturaflux.request;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.naturaflux.request.security.Caller;

/**
 * The redistribution terms accepted with a flux request.
 *
 * @param version the terms' version
 * @param at      when
 * @param admin   whether the platform's admin submitted the request for the partner
 * @param tokenId the partner's token the request came with, null for the admin
 * @param person  the person logged in who accepted them; null until the portal's persons (OpenID Connect)
 *                exist: {@link #by} is where the caller's person goes then
 */
public record TermsAcceptance(String version, Instant at, boolean admin, UUID tokenId, String person) {

    public TermsAcceptance {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(at, "at");
    }

    /** The caller accepting {@code version} now. */
    public static TermsAcceptance by(Caller caller, String version, Instant at) {
        // Hook for persons: when Caller carries the logged-in person (issue #18, OIDC), record it here.
        return new TermsAcceptance(version, at, caller.admin(), caller.tokenId(), null);
    }
}
