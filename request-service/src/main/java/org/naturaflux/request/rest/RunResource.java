package org.naturaflux.request.rest;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.naturaflux.request.RunStatus;
import org.naturaflux.request.rest.RunBodies.RunView;
import org.naturaflux.request.security.AdminOnly;
import org.naturaflux.request.security.Caller;
import org.naturaflux.request.security.CurrentCaller;
import org.naturaflux.request.service.ApiException;
import org.naturaflux.request.service.DownloadService;
import org.naturaflux.request.service.Retention;
import org.naturaflux.request.service.RunService;

/** Runs and their files. */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs", description = "Runs, their progress, counts and files")
public class RunResource {

    private final RunService runs;
    private final DownloadService downloads;
    private final CurrentCaller caller;
    private final Retention retention;

    RunResource(RunService runs, DownloadService downloads, CurrentCaller caller, Retention retention) {
        this.retention = retention;
        this.runs = runs;
        this.downloads = downloads;
        this.caller = caller;
    }

    @GET
    @AdminOnly
    @Operation(operationId = "listRuns", summary = "Every flux's runs (admin)", description = "FAILED runs first, then the newest "
            + "(createdAt descending), then id; status filters by QUEUED|RUNNING|SUCCEEDED|FAILED|FILE_ERASED (a bad one "
            + "is a 400 naming /query/status). Each run's error in full. " + Paging.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of runs", headers = {@Header(name = Paging.TOTAL),
            @Header(name = "Link")}, content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RunView.class)))
    @APIResponse(responseCode = "403", ref = OpenApiDefinition.FORBIDDEN)
    public Uni<Response> list(@QueryParam("status") String status, @QueryParam("page") String page,
                              @QueryParam("size") String size, @Context UriInfo uri) {
        Caller who = caller.get();
        RunStatus wanted = status == null ? null : parseStatus(status);
        Paging paging = Paging.of(page, size);
        return runs.listAll(wanted, paging.page(), paging.size()).map(slice -> paging.answer(slice,
                slice.items().stream().map(run -> RunView.of(run, who, retention)).toList(), uri));
    }

    @GET
    @Path("{runId}")
    @Operation(operationId = "getRun", summary = "A run", description = "status QUEUED|RUNNING|SUCCEEDED|FAILED|FILE_ERASED, attempt, progress, "
            + "counts, artifacts, error; eraseAfter: when a SUCCEEDED run's files become due for erasure (retention)")
    @APIResponse(responseCode = "200", description = "The run", content = @Content(schema = @Schema(implementation = RunView.class)))
    public Uni<RunView> get(@PathParam("runId") String runId) {
        Caller who = caller.get();
        return runs.get(who, Ids.parse(runId, "run")).map(run -> RunView.of(run, who, retention));
    }

    @GET
    @Path("{runId}/artifacts/{format}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(operationId = "getRunArtifact", summary = "A file of a run", description = "302 to a short-lived signed URL on the public S3 endpoint "
            + "(S3 serves it as an attachment named <structure>_<flux>_<date>.<ext>); with Accept: application/json, "
            + "{url, expiresAt}. Every URL issued is recorded. ETag (the file's SHA-256) and Last-Modified (the run's "
            + "finish), as on exports/latest: 304 and no URL on a matching If-None-Match. format: one of the run's artifacts "
            + "(csv, json, geojson, gpkg, manifest, jeux_de_donnees-csv: the datasets the records come from, statuts-csv: "
            + "the taxa's statuses with options.statuses, delta-*).")
    @APIResponse(responseCode = "302", description = "Location: the signed URL", headers = {
            @Header(name = "Location"), @Header(name = "ETag"), @Header(name = "Last-Modified"),
            @Header(name = Downloads.FILE_SIZE), @Header(name = Downloads.FILE_SHA256), @Header(name = Downloads.FILE_NAME)})
    @APIResponse(responseCode = "200", description = "With Accept: application/json", headers = {
            @Header(name = "ETag"), @Header(name = "Last-Modified"), @Header(name = Downloads.FILE_SIZE),
            @Header(name = Downloads.FILE_SHA256), @Header(name = Downloads.FILE_NAME)},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunBodies.DownloadLink.class)))
    @APIResponse(responseCode = "304", description = "The client's copy (If-None-Match) is this file: no URL",
            headers = {@Header(name = "ETag"), @Header(name = "Last-Modified")})
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    @APIResponse(responseCode = "410", ref = OpenApiDefinition.GONE)
    public Uni<Response> artifact(@PathParam("runId") String runId, @PathParam("format") String format,
                                  @Context HttpHeaders headers, @Context HttpServerRequest request) {
        return downloads.forRun(caller.get(), Ids.parse(runId, "run"), format, Downloads.clientIp(request),
                Downloads.wanted(headers, false)).map(download -> Downloads.answer(download, headers));
    }

    @HEAD
    @Path("{runId}/artifacts/{format}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(operationId = "describeRunArtifact", summary = "Describe a file of a run", description = "200 without body and without issuing a URL: "
            + "ETag, Last-Modified, Naturaflux-File-Size, Naturaflux-File-Sha256, Naturaflux-File-Name; 304 on a matching "
            + "If-None-Match.")
    @APIResponse(responseCode = "200", description = "The file described", headers = {
            @Header(name = "ETag"), @Header(name = "Last-Modified"), @Header(name = Downloads.FILE_SIZE),
            @Header(name = Downloads.FILE_SHA256), @Header(name = Downloads.FILE_NAME)})
    @APIResponse(responseCode = "304", description = "The client's copy (If-None-Match) is this file",
            headers = {@Header(name = "ETag"), @Header(name = "Last-Modified")})
    @APIResponse(responseCode = "409", ref = OpenApiDefinition.CONFLICT)
    @APIResponse(responseCode = "410", ref = OpenApiDefinition.GONE)
    public Uni<Response> describeArtifact(@PathParam("runId") String runId, @PathParam("format") String format,
                                          @Context HttpHeaders headers, @Context HttpServerRequest request) {
        return downloads.forRun(caller.get(), Ids.parse(runId, "run"), format, Downloads.clientIp(request),
                Downloads.wanted(headers, true)).map(download -> Downloads.head(download, headers));
    }

    private static RunStatus parseStatus(String status) {
        try {
            return RunStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("/query/status", "unknown status '" + status + "' (QUEUED, RUNNING, SUCCEEDED, "
                    + "FAILED, FILE_ERASED)");
        }
    }
}
