package org.naturaflux.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.security.Caller;

/** Who is recorded as accepting the terms: the person of a portal session, else only the token or the admin. */
class TermsAcceptanceByTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aPortalPersonIsRecordedByLoginName() {
        UUID partner = UUID.randomUUID();
        Caller person = Caller.partnerPerson(partner, new Caller.Person("sub-1", "partner-a", "Paula A"));
        TermsAcceptance accepted = TermsAcceptance.by(person, "1", AT);
        assertEquals("partner-a", accepted.person());
        assertFalse(accepted.admin());
        assertNull(accepted.tokenId());
    }

    @Test
    void aTokenCallerHasNoPerson() {
        UUID token = UUID.randomUUID();
        TermsAcceptance accepted = TermsAcceptance.by(Caller.partner(UUID.randomUUID(), token), "1", AT);
        assertNull(accepted.person());
        assertEquals(token, accepted.tokenId());
        assertTrue(TermsAcceptance.by(Caller.ADMIN, "1", AT).admin());
    }
}
