package org.naturaflux.request.rest;

import io.smallrye.common.annotation.Blocking;
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
import org.naturaflux.request.repository.Slice;
import org.naturaflux.request.service.ApiException;
import org.naturaflux.request.service.ReferenceReads;
import org.naturaflux.source.reference.TaxonGroupLoader;
import org.naturaflux.source.reference.TaxonGroupLoader.TaxonGroup;
import org.naturaflux.source.reference.TaxonSearch;
import org.naturaflux.source.reference.TaxonSearch.Taxon;

/** The source's taxonomy: the INPN groups and the TAXREF names a flux request's taxa are chosen from. */
@Path("/api/v1/taxa")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reference", description = "The source's reference data: areas, their tiles, taxa, and the terms")
public class TaxonResource {

    /** The shortest text searched for. */
    static final int MIN_QUERY = 3;
    /** The longest text searched for. */
    static final int MAX_QUERY = 100;

    private final ReferenceReads reads;

    TaxonResource(ReferenceReads reads) {
        this.reads = reads;
    }

    @GET
    @Path("groups")
    @Blocking
    @Operation(operationId = "listTaxonGroups", summary = "The INPN groups of the source's TAXREF",
            description = "Every group of group1_inpn, group2_inpn and group3_inpn, by level then name, with the number of "
                    + "TAXREF names in it (taxa). A flux request's taxa.groups names groups of any level. " + Paging.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of groups", headers = {@Header(name = Paging.TOTAL),
            @Header(name = "Link")}, content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GroupView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = OpenApiDefinition.UNAUTHORIZED)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    public Response groups(@QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        Paging paging = Paging.of(page, size);
        List<GroupView> groups = reads.read(TaxonGroupLoader::groups).stream().map(GroupView::of).toList();
        Slice<GroupView> slice = paging.of(groups);
        return paging.answer(slice, slice.items(), uri);
    }

    @GET
    @Blocking
    @Operation(operationId = "searchTaxa", summary = "Search TAXREF",
            description = "The TAXREF names whose scientific name (lb_nom, nom_complet) or vernacular name (nom_vern) holds q ("
                    + MIN_QUERY + " to " + MAX_QUERY + " characters; case- and accent-insensitive): reference names (cd_nom = "
                    + "cd_ref) first, then names starting with q, each by scientific name and cd_nom. A flux request's "
                    + "taxa.cdRefs takes the cdRef. " + Paging.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of names", headers = {@Header(name = Paging.TOTAL),
            @Header(name = "Link")}, content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Taxon.class)))
    @APIResponse(responseCode = "400", ref = OpenApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = OpenApiDefinition.UNAUTHORIZED)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    public Response search(@QueryParam("q") String q, @QueryParam("page") String page, @QueryParam("size") String size,
                           @Context UriInfo uri) {
        Paging paging = Paging.of(page, size);
        String text = q == null ? "" : q.strip();
        if (text.length() < MIN_QUERY || text.length() > MAX_QUERY) {
            throw ApiException.badRequest("/query/q", "give " + MIN_QUERY + " to " + MAX_QUERY
                    + " characters of a scientific or vernacular name");
        }
        Slice<Taxon> slice = reads.read(connection -> new Slice<>(TaxonSearch.find(connection, text, paging.offset(),
                paging.size()), TaxonSearch.count(connection, text)));
        return paging.answer(slice, slice.items(), uri);
    }

    /**
     * An INPN group.
     *
     * @param level 1, 2 or 3 (group1_inpn, group2_inpn, group3_inpn)
     * @param name  its name, as taxa.groups takes it
     * @param taxa  the TAXREF names in it
     */
    public record GroupView(int level, String name, long taxa) {
        static GroupView of(TaxonGroup group) {
            return new GroupView(group.level(), group.name(), group.taxa());
        }
    }
}
