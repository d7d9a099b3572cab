package org.naturaflux.request.rest;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.request.repository.Slice;

/** The field catalogue partners choose from. */
@Path("/api/v1/fields")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fields", description = "The catalogue of exportable fields")
public class FieldResource {

    private final List<FieldView> fields;

    FieldResource(FieldCatalogue catalogue) {
        this.fields = catalogue.fields().stream().map(FieldView::of).toList();
    }

    @GET
    @NonBlocking
    @Operation(operationId = "listFields", summary = "The field catalogue", description = "In export order; 'basic' marks the basic flux, "
            + "'mandatory' the fields every export carries (niveau_sensibilite...). " + Paging.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of the catalogue", headers = {@Header(name = Paging.TOTAL),
            @Header(name = "Link")}, content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = FieldView.class)))
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        Paging paging = Paging.of(page, size);
        Slice<FieldView> slice = paging.of(fields);
        return paging.answer(slice, slice.items(), uri);
    }

    /** One field as the API shows it. */
    public record FieldView(String code, String label, String type, String description, boolean basic, boolean mandatory) {
        static FieldView of(FieldDefinition field) {
            return new FieldView(field.code(), field.label(), field.type().name(), field.description(), field.basic(),
                    field.mandatory());
        }
    }
}
