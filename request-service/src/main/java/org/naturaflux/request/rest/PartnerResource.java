package org.naturaflux.request.rest;

import io.smallrye.mutiny.Uni;
import java.util.List;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.naturaflux.request.rest.PartnerBodies.NewPartner;
import org.naturaflux.request.rest.PartnerBodies.PartnerCreated;
import org.naturaflux.request.rest.PartnerBodies.PartnerView;
import org.naturaflux.request.rest.PartnerBodies.TokenIssued;
import org.naturaflux.request.rest.PartnerBodies.TokenView;
import org.naturaflux.request.security.AdminOnly;
import org.naturaflux.request.security.CurrentCaller;
import org.naturaflux.request.service.PartnerService;

/**
 * Partners (registering and listing them: admin only) and their tokens: the admin, or each partner its
 * own (through a token or a person's portal session); another partner's id answers 404.
 */
@Path("/api/v1/partners")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "partners", description = "Partners (admin) and their API tokens (the admin, or the partner itself)")
public class PartnerResource {

    private final PartnerService partners;
    private final CurrentCaller caller;

    PartnerResource(PartnerService partners, CurrentCaller caller) {
        this.partners = partners;
        this.caller = caller;
    }

    @POST
    @AdminOnly
    @Operation(operationId = "registerPartner", summary = "Register a partner", description = "Returns its id and its "
            + "first token, shown only once.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(
            schema = @Schema(implementation = PartnerCreated.class)))
    @APIResponse(responseCode = "403", ref = OpenApiDefinition.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    public Uni<Response> create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewPartner.class), examples = @ExampleObject(name = "partner", value = """
            {"name": "Parc naturel régional des Coteaux",
             "contact": {"name": "Camille Martin", "email": "camille@example.org", "phone": "+33 1 23 45 67 89"}}""")))
            NewPartner body) {
        if (body == null) {
            return Uni.createFrom().failure(Ids.missingBody());
        }
        return partners.register(body.name(), body.contact() == null ? null : body.contact().toContact())
                .map(issued -> Response.status(Response.Status.CREATED)
                        .entity(new PartnerCreated(issued.partnerId(), issued.tokenId(), issued.token())).build());
    }

    @GET
    @AdminOnly
    @Operation(operationId = "listPartners", summary = "List partners", description = "By name, then id. " + Paging.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of partners", headers = {@Header(name = Paging.TOTAL),
            @Header(name = "Link")}, content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = PartnerView.class)))
    @APIResponse(responseCode = "403", ref = OpenApiDefinition.FORBIDDEN)
    public Uni<Response> list(@QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        Paging paging = Paging.of(page, size);
        return partners.list(paging.page(), paging.size()).map(slice -> paging.answer(slice,
                slice.items().stream().map(p -> PartnerView.of(p, null)).toList(), uri));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getPartner", summary = "A partner and its tokens (without secrets)",
            description = "The admin, or the partner itself.")
    @APIResponse(responseCode = "200", description = "The partner", content = @Content(
            schema = @Schema(implementation = PartnerView.class)))
    @APIResponse(responseCode = "403", ref = OpenApiDefinition.FORBIDDEN)
    public Uni<PartnerView> get(@PathParam("id") String id) {
        return partners.get(caller.get(), Ids.parse(id, "partner")).map(pt -> PartnerView.of(pt.partner(), pt.tokens()));
    }

    @GET
    @Path("{id}/tokens")
    @Operation(operationId = "listPartnerTokens", summary = "A partner's tokens (never their secrets)",
            description = "Oldest first, revoked ones included. The admin, or the partner itself.")
    @APIResponse(responseCode = "200", description = "Its tokens", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = TokenView.class)))
    public Uni<List<TokenView>> tokens(@PathParam("id") String id) {
        return partners.tokens(caller.get(), Ids.parse(id, "partner")).map(list -> list.stream().map(TokenView::of).toList());
    }

    @POST
    @Path("{id}/tokens")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "issuePartnerToken", summary = "Issue another token", description = "Rotation: older tokens "
            + "stay valid until revoked. The admin, or the partner itself.")
    @APIResponse(responseCode = "201", description = "Issued: the token is shown only once", content = @Content(
            schema = @Schema(implementation = TokenIssued.class)))
    @APIResponse(responseCode = "403", ref = OpenApiDefinition.FORBIDDEN)
    public Uni<Response> issueToken(@PathParam("id") String id) {
        return partners.issueToken(caller.get(), Ids.parse(id, "partner"))
                .map(issued -> Response.status(Response.Status.CREATED)
                        .entity(new TokenIssued(issued.tokenId(), issued.partnerId(), issued.token())).build());
    }

    @POST
    @Path("{id}/tokens/{tokenId}/rotate")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "rotatePartnerToken", summary = "Rotate a token", description = "A new token (shown only "
            + "once) and the old one revoked, together. 409 when the old one is revoked already. The admin, or the "
            + "partner itself.")
    @APIResponse(responseCode = "201", description = "Rotated: the new token is shown only once", content = @Content(
            schema = @Schema(implementation = TokenIssued.class)))
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    public Uni<Response> rotateToken(@PathParam("id") String id, @PathParam("tokenId") String tokenId) {
        return partners.rotateToken(caller.get(), Ids.parse(id, "partner"), Ids.parse(tokenId, "token"))
                .map(issued -> Response.status(Response.Status.CREATED)
                        .entity(new TokenIssued(issued.tokenId(), issued.partnerId(), issued.token())).build());
    }

    @DELETE
    @Path("{id}/tokens/{tokenId}")
    @Operation(operationId = "revokePartnerToken", summary = "Revoke a token", description = "At once: the next request "
            + "with it gets 401. The admin, or the partner itself.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "403", ref = OpenApiDefinition.FORBIDDEN)
    public Uni<Response> revokeToken(@PathParam("id") String id, @PathParam("tokenId") String tokenId) {
        return partners.revokeToken(caller.get(), Ids.parse(id, "partner"), Ids.parse(tokenId, "token"))
                .map(token -> Response.noContent().build());
    }
}
