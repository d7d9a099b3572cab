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
 * @param person  the login name of the person who accepted them in the portal (OpenID Connect session), null for
 *                a call made with an API token
 */
public record TermsAcceptance(String version, Instant at, boolean admin, UUID tokenId, String person) {

    public TermsAcceptance {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(at, "at");
    }

    /** The caller accepting {@code version} now. */
    public static TermsAcceptance by(Caller caller, String version, Instant at) {
        return new TermsAcceptance(version, at, caller.admin(), caller.tokenId(),
                caller.isPerson() ? caller.person().username() : null);
    }
}
