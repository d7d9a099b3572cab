package org.naturaflux.request.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Completes the OpenAPI document with what every operation of the API shares, so that a resource
 * declares only what is its own (its success answers, its 403 and 409): the error answers that the
 * filters and mappers give any {@code /api/v1} operation, each a reference to one of the error responses
 * of {@link OpenApiDefinition} (all of them the one {@code ErrorBody} schema), the paging parameters'
 * types and bounds ({@link Queries}), and the nullability of members: Jackson writes a member without a
 * value as {@code null}, so a member a schema does not require may be null.
 *
 * <p>The rules: 400 (a query parameter {@code QueryGuard} refuses, declared or not), 401 (no or a bad
 * token: {@code BearerAuthFilter}), 429 (too many failed authentications from the address) and 503 (the
 * database cannot be reached: {@code DatabaseFailures}) everywhere; 404 where the path names something (a
 * malformed id in the path is a 404 too); 413 where a body may be sent ({@code BodyLimit}) and 415 where it must be JSON. An
 * error answer that the scanner guessed without content (Bean Validation's 400) becomes the declared one.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiDocumentRules implements OASFilter {

    static final String PREFIX = "/api/v1/";
    private static final List<PathItem.HttpMethod> WITH_BODY = List.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> {
                if (path.startsWith(PREFIX) && item.getOperations() != null) {
                    item.getOperations().forEach((method, operation) -> complete(path, method, operation));
                }
            });
        }
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(ApiDocumentRules::nullableUnlessRequired);
        }
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
        boolean named = path.contains("{");
        boolean body = operation.getRequestBody() != null;
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        parameters.forEach(ApiDocumentRules::type);
        // QueryGuard checks every query parameter of every operation, declared or not
        add(operation, "400", OpenApiDefinition.BAD_REQUEST);
        add(operation, "401", OpenApiDefinition.UNAUTHORIZED);
        if (named) {
            add(operation, "404", OpenApiDefinition.NOT_FOUND);
        }
        if (body || WITH_BODY.contains(method)) {
            add(operation, "413", OpenApiDefinition.TOO_LARGE);
        }
        if (body && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().hasMediaType("application/json")) {
            add(operation, "415", OpenApiDefinition.UNSUPPORTED_MEDIA_TYPE);
        }
        add(operation, "429", OpenApiDefinition.TOO_MANY_REQUESTS);
        add(operation, "503", OpenApiDefinition.UNAVAILABLE);
    }

    private static void add(Operation operation, String status, String response) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        var existing = operation.getResponses().getAPIResponse(status);
        if (existing == null || existing.getRef() == null && existing.getContent() == null) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().ref(response));
        }
    }

    /** The paging parameters as the integers {@link Queries} reads, with their bounds. */
    private static void type(Parameter parameter) {
        if (parameter.getIn() != Parameter.In.QUERY) {
            return;
        }
        Schema schema = switch (parameter.getName()) {
            case "page" -> OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO)
                    .maximum(java.math.BigDecimal.valueOf(Queries.MAX_PAGE)).defaultValue(0);
            case "size" -> OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE)
                    .maximum(java.math.BigDecimal.valueOf(Queries.MAX_SIZE)).defaultValue(Queries.DEFAULT_SIZE);
            default -> null;
        };
        if (schema != null) {
            parameter.setSchema(schema);
        }
    }

    /** Each member a schema does not require may be null: a type gains "null", a reference an anyOf with it. */
    private static void nullableUnlessRequired(Schema schema) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (Map.Entry<String, Schema> property : new ArrayList<>(properties.entrySet())) {
            Schema member = property.getValue();
            if (required.contains(property.getKey()) || member == null) {
                continue;
            }
            if (member.getRef() != null) {
                Schema reference = OASFactory.createSchema().ref(member.getRef());
                member.setRef(null);
                member.anyOf(List.of(reference, OASFactory.createSchema().addType(Schema.SchemaType.NULL)));
                if (member.getType() != null && !member.getType().isEmpty()) {
                    member.addType(Schema.SchemaType.NULL);
                }
            } else if (member.getType() != null && !member.getType().isEmpty()
                    && !member.getType().contains(Schema.SchemaType.NULL)) {
                member.addType(Schema.SchemaType.NULL);
            }
        }
    }
}
