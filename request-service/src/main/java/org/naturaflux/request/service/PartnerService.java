package org.naturaflux.request.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.naturaflux.model.spec.InvalidSpecException;
import org.naturaflux.model.spec.Violation;
import org.naturaflux.request.ApiToken;
import org.naturaflux.request.Contact;
import org.naturaflux.request.Partner;
import org.naturaflux.request.repository.ApiTokenRepository;
import org.naturaflux.request.repository.PartnerRepository;
import org.naturaflux.request.repository.Slice;
import org.naturaflux.request.security.ApiTokens;
import org.naturaflux.request.security.Caller;

/** Partners (admin operations) and their tokens (the admin, or each partner its own). */
@ApplicationScoped
public class PartnerService {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_TEXT = 500;

    private final PartnerRepository partners;
    private final ApiTokenRepository tokens;
    private final Clock clock;

    PartnerService(PartnerRepository partners, ApiTokenRepository tokens, Clock clock) {
        this.partners = partners;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Registers a partner with a first token.
     *
     * @throws InvalidSpecException when the name or the contact is missing or malformed
     */
    @WithTransaction
    public Uni<IssuedToken> register(String name, Contact contact) {
        List<Violation> violations = new ArrayList<>();
        checkText(name, "/name", true, violations);
        if (contact == null) {
            violations.add(new Violation("/contact", "is required"));
        } else {
            checkText(contact.name(), "/contact/name", true, violations);
            checkText(contact.email(), "/contact/email", true, violations);
            if (contact.email() != null && !contact.email().isBlank() && !EMAIL.matcher(contact.email().strip()).matches()) {
                violations.add(new Violation("/contact/email", "'" + contact.email() + "' is not an e-mail address"));
            }
            checkText(contact.phone(), "/contact/phone", false, violations);
        }
        if (!violations.isEmpty()) {
            return Uni.createFrom().failure(new InvalidSpecException(violations));
        }
        Contact cleaned = new Contact(contact.name().strip(), contact.email().strip(),
                contact.phone() == null || contact.phone().isBlank() ? null : contact.phone().strip());
        Partner partner = new Partner(UUID.randomUUID(), name.strip(), cleaned, clock.instant());
        return partners.persist(partner).flatMap(p -> newToken(p.id()));
    }

    /**
     * Issues another token to a partner (the old ones stay valid until revoked). The admin, or the
     * partner itself; another partner gets 404, as for a partner that does not exist.
     */
    @WithTransaction
    public Uni<IssuedToken> issueToken(Caller caller, UUID partnerId) {
        return visiblePartner(caller, partnerId).flatMap(p -> newToken(p.id()));
    }

    /** Revokes a partner's token; revoking it again changes nothing. The admin, or the partner itself. */
    @WithTransaction
    public Uni<ApiToken> revokeToken(Caller caller, UUID partnerId, UUID tokenId) {
        return visiblePartner(caller, partnerId).flatMap(p -> tokenOf(partnerId, tokenId)).map(token -> {
            token.revoke(clock.instant());
            return token;
        });
    }

    /**
     * Rotates a token: a new one, and the old one revoked, in one transaction (both or neither). The old
     * token must still be valid (409 otherwise: rotating a revoked token would issue one nobody asked to
     * replace). The admin, or the partner itself.
     */
    @WithTransaction
    public Uni<IssuedToken> rotateToken(Caller caller, UUID partnerId, UUID tokenId) {
        return visiblePartner(caller, partnerId).flatMap(p -> tokenOf(partnerId, tokenId)).flatMap(old -> {
            if (old.isRevoked()) {
                return Uni.createFrom().failure(ApiException.conflict("token " + tokenId + " is revoked already: issue a new one"));
            }
            old.revoke(clock.instant());
            return newToken(partnerId);
        });
    }

    /** A partner's tokens, without secrets, oldest first. The admin, or the partner itself. */
    @WithSession
    public Uni<List<ApiToken>> tokens(Caller caller, UUID partnerId) {
        return visiblePartner(caller, partnerId).flatMap(p -> tokens.listOf(p.id()));
    }

    private Uni<Partner> visiblePartner(Caller caller, UUID partnerId) {
        if (!caller.mayAccess(partnerId)) {
            return Uni.createFrom().failure(ApiException.notFound("no partner " + partnerId));
        }
        return partners.findById(partnerId).onItem().ifNull().failWith(() -> ApiException.notFound("no partner " + partnerId));
    }

    private Uni<ApiToken> tokenOf(UUID partnerId, UUID tokenId) {
        return tokens.findById(tokenId).map(token -> {
            if (token == null || !token.partnerId().equals(partnerId)) {
                throw ApiException.notFound("partner " + partnerId + " has no token " + tokenId);
            }
            return token;
        });
    }

    @WithSession
    public Uni<Slice<Partner>> list(int pageIndex, int pageSize) {
        return partners.listByName(pageIndex, pageSize);
    }

    /** A partner and its tokens (without secrets). The admin, or the partner itself. */
    @WithSession
    public Uni<PartnerTokens> get(Caller caller, UUID partnerId) {
        return visiblePartner(caller, partnerId).flatMap(p -> tokens.listOf(p.id()).map(list -> new PartnerTokens(p, list)));
    }

    private Uni<IssuedToken> newToken(UUID partnerId) {
        String clear = ApiTokens.generate();
        ApiToken token = new ApiToken(UUID.randomUUID(), partnerId, ApiTokens.hash(clear), clock.instant());
        return tokens.persist(token).map(t -> new IssuedToken(partnerId, t.id(), clear));
    }

    private static void checkText(String value, String path, boolean required, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(new Violation(path, "is required"));
            }
        } else if (value.length() > MAX_TEXT) {
            violations.add(new Violation(path, "is too long: at most " + MAX_TEXT + " characters"));
        }
    }

    /**
     * A token just issued: the only time its clear value is known.
     *
     * @param partnerId the partner
     * @param tokenId   the token's id (to revoke it)
     * @param token     the token, in clear
     */
    public record IssuedToken(UUID partnerId, UUID tokenId, String token) {
    }

    /** A partner with its tokens. */
    public record PartnerTokens(Partner partner, List<ApiToken> tokens) {
    }
}
