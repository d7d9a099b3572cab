package org.naturaflux.request.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.naturaflux.request.repository.PartnerRepository;
import org.naturaflux.request.security.Caller;
import org.naturaflux.request.security.CsrfTokens;
import org.naturaflux.request.security.CurrentCaller;

/** Who the caller is: what the portal's pages show in their header, and the session's CSRF token. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "me", description = "The caller")
public class MeResource {

    private final CurrentCaller current;
    private final PartnerRepository partners;

    MeResource(CurrentCaller current, PartnerRepository partners) {
        this.current = current;
        this.partners = partners;
    }

    @GET
    @WithSession
    @Operation(operationId = "getCaller", summary = "The caller", description = "The admin or a partner (with its name), the person when the call "
            + "comes from a portal session, and then the session's CSRF token, to send in the " + CsrfTokens.HEADER
            + " header of every state-changing call made with the session.")
    @APIResponse(responseCode = "200", description = "The caller", content = @Content(
            schema = @Schema(implementation = Me.class)))
    public Uni<Me> get() {
        Caller caller = current.get();
        String csrf = current.csrfToken().orElse(null);
        if (caller.admin()) {
            return Uni.createFrom().item(Me.of(caller, null, csrf));
        }
        return partners.findById(caller.partnerId()).map(p -> Me.of(caller, p == null ? null : p.name(), csrf));
    }

    /**
     * The caller.
     *
     * @param admin       whether the caller acts as the platform's admin
     * @param partnerId   its partner, null for the admin
     * @param partnerName the partner's name, null for the admin
     * @param username    the person's login name, null for a bearer token
     * @param name        the person's display name, null for a bearer token
     * @param csrfToken   the portal session's CSRF token, null for a bearer token
     */
    public record Me(boolean admin, UUID partnerId, String partnerName, String username, String name, String csrfToken) {
        static Me of(Caller caller, String partnerName, String csrfToken) {
            return new Me(caller.admin(), caller.partnerId(), partnerName,
                    caller.isPerson() ? caller.person().username() : null,
                    caller.isPerson() ? caller.person().name() : null, csrfToken);
        }
    }
}
