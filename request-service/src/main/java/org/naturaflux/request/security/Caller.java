package org.naturaflux.request.security;

import java.util.Objects;
import java.util.UUID;

/**
 * Who is calling: the platform's admin, or a partner through one of its tokens.
 *
 * @param admin     whether the caller holds the admin token
 * @param partnerId the partner, null for the admin
 * @param tokenId   the partner's token used, null for the admin
 */
public record Caller(boolean admin, UUID partnerId, UUID tokenId) {

    /** The platform's admin. */
    public static final Caller ADMIN = new Caller(true, null, null);

    public Caller {
        if (!admin) {
            Objects.requireNonNull(partnerId, "partnerId");
            Objects.requireNonNull(tokenId, "tokenId");
        }
    }

    public static Caller partner(UUID partnerId, UUID tokenId) {
        return new Caller(false, partnerId, tokenId);
    }

    /** Whether the caller may see and act on what belongs to {@code ownerPartnerId}. */
    public boolean mayAccess(UUID ownerPartnerId) {
        return admin || partnerId.equals(ownerPartnerId);
    }

    @Override
    public String toString() {
        return admin ? "admin" : "partner " + partnerId + " (token " + tokenId + ")";
    }
}
