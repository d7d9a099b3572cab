package org.naturaflux.request.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.naturaflux.request.FluxStatus;
import org.naturaflux.request.rest.FluxBodies.FluxCreated;
import org.naturaflux.request.rest.FluxBodies.FluxView;
import org.naturaflux.request.rest.FluxBodies.Reason;
import org.naturaflux.request.rest.RunBodies.ChangeDrivenRuns;
import org.naturaflux.request.rest.RunBodies.RunAccepted;
import org.naturaflux.request.rest.RunBodies.RunView;
import org.naturaflux.request.changes.ChangeConsumer;
import org.naturaflux.request.security.AdminOnly;
import org.naturaflux.request.security.Caller;
import org.naturaflux.request.security.CurrentCaller;
import org.naturaflux.request.service.ApiException;
import org.naturaflux.request.service.DownloadService;
import org.naturaflux.request.service.FluxRequestBody;
import org.naturaflux.request.service.FluxService;
import org.naturaflux.request.service.Retention;
import org.naturaflux.request.service.RunService;

/** Fluxes: submission, reading, admin decisions, runs and the latest files. */
@Path("/api/v1/fluxes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "fluxes", description = "Flux requests, their life cycle and their runs")
public class FluxResource {

    /** The example of a submission in the OpenAPI document. */
    static final String FLUX_EXAMPLE = """
            {"structure": "Réserve naturelle des Coteaux",
             "contact": {"name": "Alex Durand", "email": "alex@example.org", "phone": "01 23 45 67 89"},
             "studies": [{"name": "Atlas des oiseaux", "nature": "atlas"}],
             "territory": {"wkt": "POLYGON ((2.30 48.83, 2.40 48.83, 2.40 48.89, 2.30 48.89, 2.30 48.83))"},
             "taxa": {"groups": ["Oiseaux"]},
             "periodicity": "P1M",
             "fields": ["basic", "+nom_lieu"],
             "formats": ["csv", "geojson"],
             "options": {"csvDelimiter": ";", "csvBom": true},
             "filters": {"observationStatus": ["Pr"], "validationStatus": ["1", "2"], "lastPeriod": "P10Y"}}""";

    private final FluxService fluxes;
    private final RunService runs;
    private final DownloadService downloads;
    private final CurrentCaller caller;
    private final ChangeConsumer changes;
    private final Retention retention;

    FluxResource(FluxService fluxes, RunService runs, DownloadService downloads, CurrentCaller caller, ChangeConsumer changes,
                 Retention retention) {
        this.retention = retention;
        this.changes = changes;
        this.fluxes = fluxes;
        this.runs = runs;
        this.downloads = downloads;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "submitFlux", summary = "Submit a flux", description = "A partner submits for itself; the admin names the partner "
            + "with partnerId. 201 {id, status: REQUESTED, estimatedCount?}; 400 lists every problem with its path.")
    @APIResponse(responseCode = "201", description = "Submitted: REQUESTED until the admin decides", headers = @Header(
            name = "Location", description = "The flux's URL", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = FluxCreated.class)))
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    public Uni<Response> create(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FluxRequestBody.class), examples = @ExampleObject(name = "monthly",
            summary = "Birds of a square of Paris, monthly, as CSV and GeoJSON", value = FLUX_EXAMPLE))) FluxRequestBody body) {
        return fluxes.create(caller.get(), body).map(flux -> Response.created(URI.create("/api/v1/fluxes/" + flux.id()))
                .entity(new FluxCreated(flux.id(), flux.status(), flux.estimatedCount())).build());
    }

    @POST
    @Path("estimate")
    @Operation(operationId = "estimateRequest", summary = "Estimate a request by level", description = "Before submitting: the body of a submission, "
            + "checked as a submission is (same 400s), counted as a run's manifest would count it now: records per "
            + "level (PRECISE, COMMUNE, GRID, DEPARTEMENT, WITHHELD) and withheld ones per cause, exact within the "
            + "platform's bounds (naturaflux.estimate.timeout and max-records; beyond them exact is false, with what "
            + "was counted and stoppedBy). Nothing is stored. A partner runs at most source-checks-per-partner "
            + "estimates and submissions at once (429).")
    @APIResponse(responseCode = "200", description = "The estimate",
            content = @Content(schema = @Schema(implementation = EstimateBodies.EstimateView.class)))
    public Uni<EstimateBodies.EstimateView> estimate(@RequestBody(required = true, content = @Content(mediaType =
            MediaType.APPLICATION_JSON, schema = @Schema(implementation = FluxRequestBody.class), examples = @ExampleObject(
            name = "monthly", summary = "Birds of a square of Paris, monthly, as CSV and GeoJSON", value = FLUX_EXAMPLE)))
            FluxRequestBody body) {
        return fluxes.estimate(caller.get(), body).map(EstimateBodies.EstimateView::of);
    }

    @GET
    @Path("{id}/estimate")
    @Operation(operationId = "estimateFlux", summary = "Estimate a flux by level", description = "What the flux would export now, counted as a run's "
            + "manifest would count it (see POST /api/v1/fluxes/estimate), for its owner or the admin.")
    @APIResponse(responseCode = "200", description = "The estimate",
            content = @Content(schema = @Schema(implementation = EstimateBodies.EstimateView.class)))
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    public Uni<EstimateBodies.EstimateView> estimateFlux(@PathParam("id") String id) {
        return fluxes.estimate(caller.get(), Ids.parse(id, "flux")).map(EstimateBodies.EstimateView::of);
    }

    @POST
    @Path("preview")
    @Operation(operationId = "previewRequest", summary = "Preview a request on a map", description = "Before submitting: "
            + "the body of a submission, checked as a submission is (same 400s), answered by a sample of what its files "
            + "would hold now, as a GeoJSON FeatureCollection: at most naturaflux.preview.max-records records (spread over "
            + "the selected records by a hash of their id), each with the geometry its files would hold (never finer than "
            + "its level), its level, nom_valide and date_debut; withheld records never appear. Within "
            + "naturaflux.preview.timeout (503 beyond it). Nothing is stored. A partner's previews share its "
            + "source-checks-per-partner with its estimates and submissions (429).")
    @APIResponse(responseCode = "200", description = "The preview (a GeoJSON FeatureCollection)",
            content = @Content(schema = @Schema(implementation = PreviewBodies.PreviewView.class)))
    public Uni<PreviewBodies.PreviewView> preview(@RequestBody(required = true, content = @Content(mediaType =
            MediaType.APPLICATION_JSON, schema = @Schema(implementation = FluxRequestBody.class), examples = @ExampleObject(
            name = "monthly", summary = "Birds of a square of Paris, monthly, as CSV and GeoJSON", value = FLUX_EXAMPLE)))
            FluxRequestBody body) {
        return fluxes.preview(caller.get(), body).map(PreviewBodies.PreviewView::of);
    }

    @GET
    @Path("{id}/preview")
    @Operation(operationId = "previewFlux", summary = "Preview a flux on a map", description = "A sample of what the "
            + "flux's files would hold now (see POST /api/v1/fluxes/preview), for its owner or the admin.")
    @APIResponse(responseCode = "200", description = "The preview (a GeoJSON FeatureCollection)",
            content = @Content(schema = @Schema(implementation = PreviewBodies.PreviewView.class)))
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    public Uni<PreviewBodies.PreviewView> previewFlux(@PathParam("id") String id) {
        return fluxes.preview(caller.get(), Ids.parse(id, "flux")).map(PreviewBodies.PreviewView::of);
    }

    @GET
    @Operation(operationId = "listFluxes", summary = "List fluxes", description = "A partner sees its own; the admin all (or one partner's). "
            + "Newest first (createdAt descending, then id); sort=createdAt gives the oldest first (createdAt ascending, "
            + "then id: the queue of requests to review), sort=-createdAt the default order. " + Paging.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of fluxes", headers = {@Header(name = Paging.TOTAL),
            @Header(name = "Link")}, content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = FluxView.class)))
    public Uni<Response> list(@QueryParam("status") String status, @QueryParam("partnerId") String partnerId,
                              @Parameter(description = "createdAt (oldest first) or -createdAt (newest first, the default)",
                                      schema = @Schema(type = SchemaType.STRING))
                              @QueryParam("sort") String sort,
                              @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        Caller who = caller.get();
        FluxStatus wanted = status == null ? null : parseStatus(status);
        UUID partner = partnerId == null ? null : Queries.uuid(partnerId, "partnerId");
        boolean oldestFirst = oldestFirst(sort);
        Paging paging = Paging.of(page, size);
        return fluxes.list(who, partner, wanted, oldestFirst, paging.page(), paging.size()).map(slice -> paging.answer(slice,
                slice.items().stream().map(flux -> FluxView.of(flux, who)).toList(), uri));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getFlux", summary = "A flux")
    @APIResponse(responseCode = "200", description = "The flux", content = @Content(schema = @Schema(implementation = FluxView.class)))
    public Uni<FluxView> get(@PathParam("id") String id) {
        Caller who = caller.get();
        return fluxes.get(who, Ids.parse(id, "flux")).map(flux -> FluxView.of(flux, who));
    }

    @PATCH
    @Path("{id}")
    @AdminOnly
    @Operation(operationId = "patchFlux", summary = "Change a flux (admin)", description = "JSON merge of top-level members (null removes an "
            + "optional one), validated again; e.g. attach a geometry or areas to a described territory.")
    @APIResponse(responseCode = "200", description = "The flux", content = @Content(schema = @Schema(implementation = FluxView.class)))
    @APIResponse(responseCode = "403", ref = OpenApiDefinition.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    public Uni<FluxView> patch(@PathParam("id") String id, @RequestBody(required = true, description = "A JSON merge "
            + "patch of the request's members: those given replace the stored ones, null removes an optional one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    description = "Members of a flux request (FluxRequestBody), each optional; null removes one"),
                    examples = @ExampleObject(name = "areas", summary = "Attach areas to a described territory",
                            value = "{\"territory\": {\"areas\": [{\"type\": \"COM\", \"code\": \"75056\"}]}}")))
            JsonNode body) {
        return fluxes.patch(Ids.parse(id, "flux"), body).map(FluxView::of);
    }

    @POST
    @Path("{id}/approve")
    @AdminOnly
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "approveFlux", summary = "Approve (admin)", description = "REQUESTED to ACTIVE; needs a "
            + "geometry or areas.")
    @APIResponse(responseCode = "200", description = "The flux", content = @Content(schema = @Schema(implementation = FluxView.class)))
    @APIResponse(responseCode = "403", ref = OpenApiDefinition.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    public Uni<FluxView> approve(@PathParam("id") String id) {
        return fluxes.approve(Ids.parse(id, "flux")).map(FluxView::of);
    }

    @POST
    @Path("{id}/reject")
    @AdminOnly
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "rejectFlux", summary = "Reject (admin)", description = "REQUESTED to REJECTED; optional "
            + "body {reason}.")
    @APIResponse(responseCode = "200", description = "The flux", content = @Content(schema = @Schema(implementation = FluxView.class)))
    @APIResponse(responseCode = "403", ref = OpenApiDefinition.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    public Uni<FluxView> reject(@PathParam("id") String id, @RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Reason.class), examples = @ExampleObject(
            name = "reason", value = "{\"reason\": \"Territoire hors du périmètre de la plateforme\"}"))) Reason reason) {
        return fluxes.reject(Ids.parse(id, "flux"), reason == null ? null : reason.reason()).map(FluxView::of);
    }

    @POST
    @Path("{id}/suspend")
    @AdminOnly
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "suspendFlux", summary = "Suspend (admin)", description = "ACTIVE to SUSPENDED; optional "
            + "body {reason}.")
    @APIResponse(responseCode = "200", description = "The flux", content = @Content(schema = @Schema(implementation = FluxView.class)))
    @APIResponse(responseCode = "403", ref = OpenApiDefinition.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    public Uni<FluxView> suspend(@PathParam("id") String id, @RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Reason.class), examples = @ExampleObject(
            name = "reason", value = "{\"reason\": \"Convention en cours de renouvellement\"}"))) Reason reason) {
        return fluxes.suspend(Ids.parse(id, "flux"), reason == null ? null : reason.reason()).map(FluxView::of);
    }

    @POST
    @Path("{id}/resume")
    @AdminOnly
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "resumeFlux", summary = "Resume (admin)", description = "SUSPENDED to ACTIVE; runs once at "
            + "the next scheduler pass.")
    @APIResponse(responseCode = "200", description = "The flux", content = @Content(schema = @Schema(implementation = FluxView.class)))
    @APIResponse(responseCode = "403", ref = OpenApiDefinition.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    public Uni<FluxView> resume(@PathParam("id") String id) {
        return fluxes.resume(Ids.parse(id, "flux")).map(FluxView::of);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "revokeFlux", summary = "Revoke a flux (owner or admin)", description = "Its runs stop "
            + "and its files are no longer served.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    public Uni<Response> revoke(@PathParam("id") String id) {
        return fluxes.revoke(caller.get(), Ids.parse(id, "flux")).map(f -> Response.noContent().build());
    }

    @POST
    @Path("{id}/runs")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "runFlux", summary = "Run now (owner or admin)", description = "202 {runId}; 409 when a run is already queued or "
            + "running or the flux is not ACTIVE; 429 when a partner asks again too soon.")
    @APIResponse(responseCode = "202", description = "A run is queued", headers = @Header(name = "Location",
            description = "The run's URL", schema = @Schema(type = SchemaType.STRING)), content = @Content(
            schema = @Schema(implementation = RunAccepted.class)))
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    public Uni<Response> runNow(@PathParam("id") String id) {
        return runs.runNow(caller.get(), Ids.parse(id, "flux"))
                .map(run -> Response.accepted(new RunAccepted(run.id())).location(URI.create("/api/v1/runs/" + run.id()))
                        .build());
    }

    @POST
    @Path("change-driven/runs")
    @AdminOnly
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "runChangeDrivenFluxes", summary = "Run every change-driven flux again (admin)", description = "After a load change capture does "
            + "not see (TAXREF, nomenclatures, datasets, a reloaded synthese): every ACTIVE flux with options.changeDriven "
            + "gets one CHANGE run, after the quiet window and within its minimum interval. 202 {fluxes}; 409 when "
            + "change-driven runs are off.")
    @APIResponse(responseCode = "202", description = "How many fluxes will run again", content = @Content(
            schema = @Schema(implementation = ChangeDrivenRuns.class)))
    @APIResponse(responseCode = "403", ref = OpenApiDefinition.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    public Uni<Response> runChangeDriven() {
        return changes.recordSourceLoad().map(n -> Response.accepted(new ChangeDrivenRuns(n)).build());
    }

    @GET
    @Path("{id}/runs")
    @Operation(operationId = "listFluxRuns", summary = "The runs of a flux, newest first", description = "createdAt descending, then id. "
            + Paging.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of runs", headers = {@Header(name = Paging.TOTAL),
            @Header(name = "Link")}, content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RunView.class)))
    public Uni<Response> runs(@PathParam("id") String id, @QueryParam("page") String page,
                              @QueryParam("size") String size, @Context UriInfo uri) {
        Caller who = caller.get();
        Paging paging = Paging.of(page, size);
        return runs.list(who, Ids.parse(id, "flux"), paging.page(), paging.size()).map(slice -> paging.answer(slice,
                slice.items().stream().map(run -> RunView.of(run, who, retention)).toList(), uri));
    }

    @GET
    @Path("{id}/exports/latest/{format}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(operationId = "getLatestExport", summary = "The latest file of a format", description = "302 to a short-lived signed URL (S3 serves it as "
            + "an attachment named <structure>_<flux>_<date>.<ext>, ASCII); with Accept: application/json, {url, "
            + "expiresAt}. Formats: csv, json, geojson, gpkg, manifest. Answers carry ETag (the file's SHA-256, quoted), "
            + "Last-Modified (its run's finish), Naturaflux-File-Size, Naturaflux-File-Sha256, Naturaflux-File-Name and "
            + "Cache-Control: private, no-cache. With If-None-Match naming the ETag (or, without it, If-Modified-Since "
            + "not before Last-Modified): 304, no URL issued and none recorded; a scheduled client downloads only "
            + "when the file changed.")
    @APIResponse(responseCode = "302", description = "Location: the signed URL", headers = {
            @Header(name = "Location"), @Header(name = "ETag"), @Header(name = "Last-Modified"), @Header(name = Downloads.FILE_SIZE),
            @Header(name = Downloads.FILE_SHA256), @Header(name = Downloads.FILE_NAME)})
    @APIResponse(responseCode = "200", description = "With Accept: application/json", headers = {
            @Header(name = "ETag"), @Header(name = "Last-Modified"), @Header(name = Downloads.FILE_SIZE),
            @Header(name = Downloads.FILE_SHA256), @Header(name = Downloads.FILE_NAME)},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunBodies.DownloadLink.class)))
    @APIResponse(responseCode = "304", description = "The client's copy (If-None-Match) is the latest file: no URL",
            headers = {@Header(name = "ETag"), @Header(name = "Last-Modified")})
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    @APIResponse(responseCode = "410", ref = OpenApiDefinition.GONE)
    public Uni<Response> latest(@PathParam("id") String id, @PathParam("format") String format,
                                @Context HttpHeaders headers, @Context HttpServerRequest request) {
        return downloads.latest(caller.get(), Ids.parse(id, "flux"), format, Downloads.clientIp(request),
                Downloads.wanted(headers, false)).map(download -> Downloads.answer(download, headers));
    }

    @HEAD
    @Path("{id}/exports/latest/{format}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(operationId = "describeLatestExport", summary = "Describe the latest file of a format", description = "200 without body: its size, "
            + "checksum and name in headers (ETag, Last-Modified, Naturaflux-File-Size, Naturaflux-File-Sha256, "
            + "Naturaflux-File-Name), without issuing a URL (nothing recorded). 304 on a matching If-None-Match; "
            + "errors as on GET (status only: a HEAD has no body).")
    @APIResponse(responseCode = "200", description = "The file described", headers = {
            @Header(name = "ETag"), @Header(name = "Last-Modified"), @Header(name = Downloads.FILE_SIZE),
            @Header(name = Downloads.FILE_SHA256), @Header(name = Downloads.FILE_NAME)})
    @APIResponse(responseCode = "304", description = "The client's copy (If-None-Match) is the latest file",
            headers = {@Header(name = "ETag"), @Header(name = "Last-Modified")})
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    @APIResponse(responseCode = "410", ref = OpenApiDefinition.GONE)
    public Uni<Response> describeLatest(@PathParam("id") String id, @PathParam("format") String format,
                                        @Context HttpHeaders headers, @Context HttpServerRequest request) {
        return downloads.latest(caller.get(), Ids.parse(id, "flux"), format, Downloads.clientIp(request),
                Downloads.wanted(headers, true)).map(download -> Downloads.head(download, headers));
    }

    /** {@code sort}: createdAt (oldest first) or -createdAt (newest first, also when absent). */
    private static boolean oldestFirst(String sort) {
        if (sort == null || sort.isBlank() || sort.strip().equals("-createdAt")) {
            return false;
        }
        if (sort.strip().equals("createdAt")) {
            return true;
        }
        throw ApiException.badRequest("/query/sort", "unknown order '" + sort + "' (createdAt: oldest first, -createdAt: "
                + "newest first)");
    }

    private static FluxStatus parseStatus(String status) {
        try {
            return FluxStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("/query/status", "unknown status '" + status + "' (REQUESTED, ACTIVE, SUSPENDED,"
                    + " REJECTED, REVOKED)");
        }
    }
}
