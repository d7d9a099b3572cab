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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.request.repository.Slice;
import org.naturaflux.request.service.ApiException;
import org.naturaflux.request.service.ReferenceReads;
import org.naturaflux.source.reference.FilterChoices;
import org.naturaflux.source.reference.RecordFilterCatalog;

/**
 * What a flux request's record filters pick from, read from the source: the observation and validation
 * statuses (codes and French labels), the datasets and the producers (organisms), the latter two searchable
 * by name.
 */
@Path("/api/v1/reference")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reference", description = "The source's reference data: areas, their tiles, taxa, and the terms")
public class FilterChoiceResource {

    /** The longest text searched for. */
    static final int MAX_QUERY = 100;

    private final ReferenceReads reads;

    FilterChoiceResource(ReferenceReads reads) {
        this.reads = reads;
    }

    @GET
    @Path("observation-statuses")
    @Blocking
    @Operation(operationId = "listObservationStatuses", summary = "The source's observation statuses",
            description = "The codes (cd_nomenclature) of the source's STATUT_OBS nomenclature with their French label "
                    + "(label_fr, else label_default), by code: what filters.observationStatus takes.")
    @APIResponse(responseCode = "200", description = "The statuses",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CodeView.class)))
    @APIResponse(responseCode = "401", ref = OpenApiDefinition.UNAUTHORIZED)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    public List<CodeView> observationStatuses() {
        return codes(RecordFilters.OBSERVATION_STATUS_TYPE);
    }

    @GET
    @Path("validation-statuses")
    @Blocking
    @Operation(operationId = "listValidationStatuses", summary = "The source's validation statuses",
            description = "The codes (cd_nomenclature) of the source's STATUT_VALID nomenclature with their French label "
                    + "(label_fr, else label_default), by code: what filters.validationStatus takes.")
    @APIResponse(responseCode = "200", description = "The statuses",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CodeView.class)))
    @APIResponse(responseCode = "401", ref = OpenApiDefinition.UNAUTHORIZED)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    public List<CodeView> validationStatuses() {
        return codes(RecordFilters.VALIDATION_STATUS_TYPE);
    }

    @GET
    @Path("datasets")
    @Blocking
    @Operation(operationId = "searchDatasets", summary = "Search the source's datasets",
            description = "The datasets of gn_meta.t_datasets with their acquisition framework, whose name or short name "
                    + "holds q (1 to " + MAX_QUERY + " characters, case- and accent-insensitive; without q, every dataset): "
                    + "names starting with q first, then by name and id. filters.datasets takes the uuid. " + Paging.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of datasets", headers = {@Header(name = Paging.TOTAL),
            @Header(name = "Link")}, content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DatasetView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = OpenApiDefinition.UNAUTHORIZED)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    public Response datasets(@QueryParam("q") String q, @QueryParam("page") String page, @QueryParam("size") String size,
                             @Context UriInfo uri) {
        Paging paging = Paging.of(page, size);
        String text = text(q);
        Slice<DatasetView> slice = reads.read(connection -> new Slice<>(FilterChoices.datasets(connection, text,
                paging.offset(), paging.size()).stream().map(DatasetView::of).toList(), FilterChoices.countDatasets(connection, text)));
        return paging.answer(slice, slice.items(), uri);
    }

    @GET
    @Path("producers")
    @Blocking
    @Operation(operationId = "searchProducers", summary = "Search the source's producers",
            description = "The organisms of utilisateurs.bib_organismes that produce at least one dataset (\"Producteur du "
                    + "jeu de données\", ROLE_ACTEUR 6, in gn_meta.cor_dataset_actor), whose name holds q (1 to " + MAX_QUERY
                    + " characters, case- and accent-insensitive; without q, every producer): names starting with q first, "
                    + "then by name and id, with the number of datasets each produces. filters.producers takes the uuid. "
                    + Paging.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of producers", headers = {@Header(name = Paging.TOTAL),
            @Header(name = "Link")}, content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ProducerView.class)))
    @APIResponse(responseCode = "400", ref = OpenApiDefinition.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = OpenApiDefinition.UNAUTHORIZED)
    @APIResponse(responseCode = "503", ref = OpenApiDefinition.UNAVAILABLE)
    public Response producers(@QueryParam("q") String q, @QueryParam("page") String page, @QueryParam("size") String size,
                              @Context UriInfo uri) {
        Paging paging = Paging.of(page, size);
        String text = text(q);
        Slice<ProducerView> slice = reads.read(connection -> new Slice<>(FilterChoices.producers(connection, text,
                paging.offset(), paging.size()).stream().map(ProducerView::of).toList(), FilterChoices.countProducers(connection, text)));
        return paging.answer(slice, slice.items(), uri);
    }

    private List<CodeView> codes(String type) {
        return reads.read(connection -> RecordFilterCatalog.codes(connection, type)).entrySet().stream()
                .map(e -> new CodeView(e.getKey(), e.getValue())).toList();
    }

    private static String text(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        String text = q.strip();
        if (text.length() > MAX_QUERY) {
            throw ApiException.badRequest("/query/q", "at most " + MAX_QUERY + " characters");
        }
        return text;
    }

    /**
     * A nomenclature code.
     *
     * @param code  its cd_nomenclature, as the filters take it
     * @param label its French label
     */
    public record CodeView(String code, String label) {
    }

    /**
     * A dataset.
     *
     * @param uuid      its unique_dataset_id, as filters.datasets takes it
     * @param name      its name
     * @param shortname its short name
     * @param framework its acquisition framework's name
     * @param active    whether the source marks it active
     */
    public record DatasetView(UUID uuid, String name, String shortname, String framework, boolean active) {
        static DatasetView of(FilterChoices.Dataset d) {
            return new DatasetView(d.uuid(), d.name(), d.shortname(), d.framework(), d.active());
        }
    }

    /**
     * A producer (organism).
     *
     * @param uuid     its uuid_organisme, as filters.producers takes it
     * @param name     its name
     * @param town     its town, or null
     * @param datasets the number of datasets it produces
     */
    public record ProducerView(UUID uuid, String name, @Schema(nullable = true) String town, long datasets) {
        static ProducerView of(FilterChoices.Producer p) {
            return new ProducerView(p.uuid(), p.name(), p.town(), p.datasets());
        }
    }
}
