package org.naturaflux.request.security;

import java.util.Objects;
import java.util.UUID;

/**
 * Who is calling: the platform's admin or a partner, through a bearer token (machines) or as a person
 * logged in to the portal (OpenID Connect session).
 *
 * @param admin     whether the caller acts as the platform's admin (the admin token, or a person with the
 *                  admin role)
 * @param partnerId the partner, null for the admin
 * @param tokenId   the partner's token used, null for the admin and for a person
 * @param person    the person logged in, null for a token
 */
public record Caller(boolean admin, UUID partnerId, UUID tokenId, Person person) {

    /** The platform's admin token. */
    public static final Caller ADMIN = new Caller(true, null, null, null);

    public Caller {
        if (!admin) {
            Objects.requireNonNull(partnerId, "partnerId");
            if (person == null) {
                Objects.requireNonNull(tokenId, "tokenId");
            }
        }
    }

    /** A partner through one of its tokens. */
    public static Caller partner(UUID partnerId, UUID tokenId) {
        return new Caller(false, partnerId, tokenId, null);
    }

    /** A person of the platform's staff (the admin role). */
    public static Caller adminPerson(Person person) {
        return new Caller(true, null, null, Objects.requireNonNull(person, "person"));
    }

    /** A person of a partner. */
    public static Caller partnerPerson(UUID partnerId, Person person) {
        return new Caller(false, partnerId, null, Objects.requireNonNull(person, "person"));
    }

    /** Whether the caller may see and act on what belongs to {@code ownerPartnerId}. */
    public boolean mayAccess(UUID ownerPartnerId) {
        return admin || partnerId.equals(ownerPartnerId);
    }

    /** Whether a person calls through a portal session (state changes then need the CSRF token). */
    public boolean isPerson() {
        return person != null;
    }

    @Override
    public String toString() {
        String who = admin ? "admin" : "partner " + partnerId;
        return person != null ? who + " (person " + person.subject() + ")" : admin ? who : who + " (token " + tokenId + ")";
    }

    /**
     * A person, as the OpenID Connect provider names them.
     *
     * @param subject  the provider's stable id of the person ({@code sub})
     * @param username the login name ({@code preferred_username}), or the subject when absent
     * @param name     the display name ({@code name}), or the username when absent
     */
    public record Person(String subject, String username, String name) {
        public Person {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(name, "name");
        }
    }
}
