package org.naturaflux.request.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.naturaflux.request.ApiToken;
import org.naturaflux.request.Contact;
import org.naturaflux.request.Partner;

/** The wire model of partners and tokens. */
public final class PartnerBodies {

    private PartnerBodies() {
    }

    /** {@code POST /api/v1/partners}. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record NewPartner(String name, ContactBody contact) {
    }

    /** A contact as sent and shown. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "PartnerContact")
    public record ContactBody(String name, String email, String phone) {
        Contact toContact() {
            return new Contact(name, email, phone);
        }

        static ContactBody of(Contact contact) {
            return new ContactBody(contact.name(), contact.email(), contact.phone());
        }
    }

    /** 201 of {@code POST /api/v1/partners}: the partner's id and its first token, shown once. */
    public record PartnerCreated(UUID id, UUID tokenId, String token) {
    }

    /** 201 of {@code POST /api/v1/partners/{id}/tokens}: a new token, shown once. */
    public record TokenIssued(UUID id, UUID partnerId, String token) {
    }

    /** A token without its secret. */
    public record TokenView(UUID id, Instant createdAt, Instant revokedAt, boolean revoked) {
        public static TokenView of(ApiToken token) {
            return new TokenView(token.id(), token.createdAt(), token.revokedAt(), token.isRevoked());
        }
    }

    /** A partner, with its tokens when read alone. */
    public record PartnerView(UUID id, String name, ContactBody contact, Instant createdAt, List<TokenView> tokens) {
        static PartnerView of(Partner partner, List<ApiToken> tokens) {
            return new PartnerView(partner.id(), partner.name(), ContactBody.of(partner.contact()), partner.createdAt(),
                    tokens == null ? null : tokens.stream().map(TokenView::of).toList());
        }
    }
}
