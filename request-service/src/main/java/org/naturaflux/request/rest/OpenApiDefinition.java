package org.naturaflux.request.rest;

import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OpenAPI document's header: every API operation needs a bearer token (none is public: health,
 * metrics and this document are on the management port, outside the API). The error answers are
 * declared here once, each with the one {@link ErrorBody} schema; {@link ApiDocumentRules} adds them to
 * the operations that can give them, the resources the ones of their own (403, 409, 410).
 */
@OpenAPIDefinition(
        info = @Info(title = "Naturaflux request-service", version = "1",
                description = "Partners ask for recurring exports (fluxes) of naturalist observations, admins approve "
                        + "them, runs deliver files through short-lived signed URLs. Every operation needs a bearer "
                        + "token: the admin's or a partner's. Every error answers {status, error, violations: [{path, "
                        + "message}]}, path being a JSON pointer into the request body (or /query/<name>, /path/<name>)."),
        security = @SecurityRequirement(name = "bearer"),
        tags = {
                @Tag(name = "fluxes", description = "Flux requests, their life cycle and their runs"),
                @Tag(name = "runs", description = "Runs, their progress, counts and files"),
                @Tag(name = "fields", description = "The catalogue of exportable fields"),
                @Tag(name = "partners", description = "Partners and their API tokens (admin)")},
        components = @Components(responses = {
                @APIResponse(name = OpenApiDefinition.BAD_REQUEST, description = "The request is invalid: every problem "
                        + "with its path", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
                        implementation = ErrorBody.class), examples = @ExampleObject(name = "invalid", value = """
                        {"status": 400, "error": "invalid request: /periodicity: must be an ISO-8601 period",
                         "violations": [{"path": "/periodicity", "message": "must be an ISO-8601 period"}]}"""))),
                @APIResponse(name = OpenApiDefinition.UNAUTHORIZED, description = "No token, or an unknown or revoked "
                        + "one", headers = @Header(name = "WWW-Authenticate", schema = @Schema(type = SchemaType.STRING)),
                        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
                        implementation = ErrorBody.class))),
                @APIResponse(name = OpenApiDefinition.FORBIDDEN, description = "Reserved to the platform's admin",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
                        implementation = ErrorBody.class))),
                @APIResponse(name = OpenApiDefinition.NOT_FOUND, description = "Nothing of that id that the caller may "
                        + "see (another partner's flux, run or file is not found either)", content = @Content(
                        mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class))),
                @APIResponse(name = OpenApiDefinition.CONFLICT, description = "Not in this state (the error says which "
                        + "and why)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
                        implementation = ErrorBody.class))),
                @APIResponse(name = OpenApiDefinition.GONE, description = "No longer served: the flux was rejected or "
                        + "revoked, the files were erased or belong to an earlier definition", content = @Content(
                        mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class))),
                @APIResponse(name = OpenApiDefinition.TOO_LARGE, description = "The body exceeds the service's limit",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
                        implementation = ErrorBody.class))),
                @APIResponse(name = OpenApiDefinition.UNSUPPORTED_MEDIA_TYPE, description = "The body is not "
                        + "application/json", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
                        implementation = ErrorBody.class))),
                @APIResponse(name = OpenApiDefinition.TOO_MANY_REQUESTS, description = "A limit is reached: too many "
                        + "failed authentications from the address, submissions, pending requests or manual runs",
                        headers = @Header(name = "Retry-After", description = "Seconds to wait", schema = @Schema(
                        type = SchemaType.INTEGER)), content = @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = ErrorBody.class))),
                @APIResponse(name = OpenApiDefinition.UNAVAILABLE, description = "A server the answer needs (the "
                        + "database, the observation source, the storage) cannot be reached; retry later",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
                        implementation = ErrorBody.class)))}))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The admin token, or a partner token (nf_...)")
public class OpenApiDefinition extends Application {

    static final String BAD_REQUEST = "BadRequest";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String NOT_FOUND = "NotFound";
    static final String CONFLICT = "Conflict";
    static final String GONE = "Gone";
    static final String TOO_LARGE = "PayloadTooLarge";
    static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    static final String TOO_MANY_REQUESTS = "TooManyRequests";
    static final String UNAVAILABLE = "ServiceUnavailable";
}
