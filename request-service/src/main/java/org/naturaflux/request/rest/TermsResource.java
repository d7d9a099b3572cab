package org.naturaflux.request.rest;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.naturaflux.request.service.Terms;

/** The redistribution terms a partner accepts with every flux request. */
@Path("/api/v1/terms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reference", description = "The source's reference data: areas, their tiles, taxa, and the terms")
public class TermsResource {

    private final Terms terms;

    TermsResource(Terms terms) {
        this.terms = terms;
    }

    @GET
    @NonBlocking
    @Operation(operationId = "getTerms", summary = "The current redistribution terms",
            description = "Their version and text (French, Markdown). A flux request accepts them by carrying "
                    + "termsAccepted: <version>; the flux records the version, who accepted and when (termsAccepted).")
    @APIResponse(responseCode = "200", description = "The terms", content = @Content(schema = @Schema(implementation = TermsBody.class)))
    @APIResponse(responseCode = "401", ref = OpenApiDefinition.UNAUTHORIZED)
    public TermsBody get() {
        return new TermsBody(terms.version(), "fr", terms.text());
    }

    /**
     * The terms.
     *
     * @param version  their version, as a flux request's termsAccepted names it
     * @param language the language of the text
     * @param text     the text (Markdown)
     */
    public record TermsBody(String version, String language, String text) {
    }
}
