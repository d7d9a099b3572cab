package org.naturaflux.request.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenAPI 3.1 document as the judge of real answers: whether the document declares the operation
 * that was called, the status it answered and, for a JSON body, whether the body matches the declared
 * schema (JSON Schema 2020-12, formats asserted, {@code $ref}s resolved inside the document). Only paths
 * under {@link #prefix} are judged; an undeclared header is fine. Each problem names the operation, the
 * status and the member, so that the annotation to fix is found at once.
 */
public final class OpenApiContract {

    /** Where the document is registered for the schema validator (never fetched). */
    private static final String BASE = "https://naturaflux.invalid/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private final JsonNode document;
    private final String prefix;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document, String text, String prefix) {
        this.document = document;
        this.prefix = prefix;
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER).locale(Locale.ENGLISH).build();
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(BASE, text)).schemaRegistryConfig(config));
    }

    /** The document (JSON text) judging the paths that begin with {@code prefix}. */
    public static OpenApiContract of(String json, String prefix) {
        try {
            JsonNode document = JSON.readTree(json);
            if (!document.path("openapi").asText().startsWith("3.1")) {
                throw new IllegalArgumentException("not an OpenAPI 3.1 document: openapi=" + document.path("openapi"));
            }
            return new OpenApiContract(document, json, prefix);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the OpenAPI document is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** One call as it happened. {@code body} is the answer's text ("" when none). */
    public record Exchange(String method, String path, int status, String contentType, String body) {
    }

    /** Whether the document judges this path. */
    public boolean judges(String path) {
        return path.startsWith(prefix);
    }

    /** The problems of an answer: none when the document allows it (or does not judge its path). */
    public List<String> check(Exchange exchange) {
        List<String> problems = new ArrayList<>();
        if (!judges(exchange.path())) {
            return problems;
        }
        String method = exchange.method().toLowerCase(Locale.ROOT);
        String template = template(exchange.path());
        String call = exchange.method() + " " + exchange.path();
        if (template == null) {
            // a path the API does not have: only "not found" can be its answer
            if (exchange.status() != 404) {
                problems.add(call + " answered " + exchange.status() + ", but the document has no such path");
            }
            return problems;
        }
        String operationPointer = "/paths/" + escape(template) + "/" + method;
        JsonNode operation = document.at(operationPointer);
        if (operation.isMissingNode()) {
            if (exchange.status() != 405) {
                problems.add(call + " answered " + exchange.status() + ", but the document has no " + exchange.method()
                        + " operation on " + template);
            }
            return problems;
        }
        String name = exchange.method() + " " + template + " (operationId " + operation.path("operationId").asText("none")
                + ")";
        JsonNode responses = operation.path("responses");
        String code = Integer.toString(exchange.status());
        String declared = responses.has(code) ? code
                : responses.has(code.charAt(0) + "XX") ? code.charAt(0) + "XX" : responses.has("default") ? "default" : null;
        if (declared == null) {
            List<String> codes = new ArrayList<>();
            responses.fieldNames().forEachRemaining(codes::add);
            problems.add(name + ": status " + code + " is not declared (declared: " + String.join(", ", codes) + ")");
            return problems;
        }
        String responsePointer = resolve(operationPointer + "/responses/" + escape(declared));
        JsonNode content = document.at(responsePointer).path("content");
        String body = exchange.body() == null ? "" : exchange.body();
        if (body.isEmpty()) {
            return problems;
        }
        String where = name + ", status " + code;
        if (content.isMissingNode() || content.isEmpty()) {
            problems.add(where + ": answered a body (" + exchange.contentType() + ") but the document declares none");
            return problems;
        }
        String mediaType = mediaType(content, exchange.contentType());
        if (mediaType == null) {
            List<String> types = new ArrayList<>();
            content.fieldNames().forEachRemaining(types::add);
            problems.add(where + ": answered Content-Type " + exchange.contentType() + ", declared: " + String.join(", ", types));
            return problems;
        }
        String schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
        if (!isJson(exchange.contentType()) || document.at(schemaPointer).isMissingNode()) {
            return problems;
        }
        List<Error> errors;
        try {
            errors = schema(schemaPointer).validate(body, InputFormat.JSON);
        } catch (RuntimeException e) {
            problems.add(where + ": the body cannot be checked: " + e.getMessage());
            return problems;
        }
        for (Error error : errors) {
            String member = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
            problems.add(where + ": body member '" + (member.isEmpty() ? "/" : member) + "' " + error.getMessage()
                    + " (schema " + error.getSchemaLocation() + ")");
        }
        return problems;
    }

    /** The path template of the document that a concrete path matches: literal segments beat parameters. */
    String template(String path) {
        String[] segments = path.split("/", -1);
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> names = document.path("paths").fieldNames(); names.hasNext(); ) {
            String candidate = names.next();
            String[] parts = candidate.split("/", -1);
            if (parts.length != segments.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                if (parts[i].startsWith("{") && parts[i].endsWith("}") && parts[i].indexOf('{', 1) < 0) {
                    matches = !segments[i].isEmpty();
                } else if (parts[i].contains("{")) {
                    // a parameter with literal text around it in one segment, e.g. {y}.mvt
                    matches = segments[i].matches(segmentPattern(parts[i]));
                } else if (parts[i].equals(segments[i])) {
                    literals++;
                } else {
                    matches = false;
                }
            }
            if (matches && literals > bestLiterals) {
                best = candidate;
                bestLiterals = literals;
            }
        }
        return best;
    }

    /** A regular expression for a template segment mixing parameters and literal text. */
    private static String segmentPattern(String part) {
        StringBuilder pattern = new StringBuilder();
        int at = 0;
        while (at < part.length()) {
            int open = part.indexOf('{', at);
            int close = open < 0 ? -1 : part.indexOf('}', open);
            if (open < 0 || close < 0) {
                pattern.append(java.util.regex.Pattern.quote(part.substring(at)));
                break;
            }
            if (open > at) {
                pattern.append(java.util.regex.Pattern.quote(part.substring(at, open)));
            }
            pattern.append("[^/]+");
            at = close + 1;
        }
        return pattern.toString();
    }

    /** Every operation of the document under the prefix, as "METHOD template". */
    public List<String> operations() {
        List<String> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> {
            if (judges(path.getKey())) {
                for (String method : METHODS) {
                    if (path.getValue().has(method)) {
                        operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }
            }
        });
        return operations;
    }

    /** The document itself (for checks of its completeness). */
    public JsonNode document() {
        return document;
    }

    /** Follows a {@code $ref} to a component (a response may be one), to its pointer. */
    private String resolve(String pointer) {
        String current = pointer;
        for (int hops = 0; hops < 10; hops++) {
            JsonNode node = document.at(current);
            if (!node.has("$ref") || !node.get("$ref").asText().startsWith("#/")) {
                return current;
            }
            current = node.get("$ref").asText().substring(1);
        }
        throw new IllegalStateException("a $ref cycle from " + pointer);
    }

    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(BASE + "#" + p)));
    }

    /** The declared media type that the answer's Content-Type falls under: exact, then type/*, then any. */
    private static String mediaType(JsonNode content, String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (content.has(type)) {
            return type;
        }
        String range = type.contains("/") ? type.substring(0, type.indexOf('/')) + "/*" : null;
        if (range != null && content.has(range)) {
            return range;
        }
        return content.has("*/*") ? "*/*" : null;
    }

    private static boolean isJson(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    /** A JSON pointer token (RFC 6901). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
