package org.naturaflux.request.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.naturaflux.request.Api;
import org.naturaflux.request.StackResource;
import org.naturaflux.request.contract.ContractFilter;
import org.naturaflux.request.contract.OpenApiContract;

/**
 * Hostile requests against every endpoint, one per row, on the real stack (the application, its
 * database, the GeoNature source, Kafka): as the admin, as the owning partner, as another partner, and
 * without a token; malformed and mistyped JSON, huge numbers, control, bidi and unpaired-surrogate
 * characters in every kind of member and query parameter, deep nesting, oversized counts and strings,
 * bodies over the limit with and without a Content-Length, malformed ids in paths, bad query parameters,
 * wrong content types. Each must get a 4xx (the exact one where the row names it), never a 5xx and never
 * a 2xx, with the error body {@code {status, error, violations:[{path, message}]}}; where the row names
 * a path, a violation names it.
 *
 * <p>Requests go through {@link HttpClient} (HTTP/1.1) rather than RestAssured: the bytes, the content
 * type and chunked transfer are exactly what the row says.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class)
class HostileRequestsTest {

    private static final String NUL = "\u0000";
    private static final String RLO = "\u202E";
    private static final String LRI = "\u2066";
    /** Stands for an unpaired surrogate: written as the JSON escape {@code \uD800} (raw, UTF-8 cannot carry it). */
    private static final String LONE = "@LONE@";
    /** A body twice the limit (1 MiB by default). */
    private static final int BIG = 2 * 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static Fixtures fixtures;

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;

    enum Who { ADMIN, OWNER, OTHER, NOBODY, UNKNOWN_TOKEN }

    /**
     * One hostile request.
     *
     * @param name    what is wrong
     * @param who     who sends it
     * @param method  HTTP method
     * @param path    path and query; {flux}, {active}, {run}, {partner}, {token} are the fixtures' ids
     * @param type    content type, or null for none
     * @param body    the body bytes, or null for none
     * @param chunked whether the body goes without a Content-Length (chunked transfer)
     * @param status  the status it must get, or 0 for any 4xx
     * @param where   a violation path the answer must name, or null
     */
    record Case(String name, Who who, String method, String path, String type, byte[] body, boolean chunked, int status,
                String where) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case json(String name, Who who, String method, String path, String body, int status, String where) {
        return new Case(name, who, method, path, "application/json",
                body.replace(LONE, "\\uD800").getBytes(StandardCharsets.UTF_8), false, status, where);
    }

    static Case call(String name, Who who, String method, String path, int status) {
        return new Case(name, who, method, path, null, null, false, status, null);
    }

    /** A valid flux body changed by {@code change}, submitted by the owner. */
    static Case flux(String name, Consumer<ObjectNode> change, String where) {
        ObjectNode body = Api.fluxBody();
        change.accept(body);
        return json("POST flux: " + name, Who.OWNER, "POST", "/api/v1/fluxes", body.toString(), 400, where);
    }

    /** An admin PATCH of the REQUESTED flux with {@code patch}. */
    static Case patch(String name, String patch, int status, String where) {
        return json("PATCH flux: " + name, Who.ADMIN, "PATCH", "/api/v1/fluxes/{flux}", patch, status, where);
    }

    static ObjectNode partnerBody() {
        ObjectNode body = Api.JSON.createObjectNode().put("name", "Parc");
        body.putObject("contact").put("name", "Camille").put("email", "camille@example.org").put("phone", "01 23 45 67 89");
        return body;
    }

    static Case partner(String name, Consumer<ObjectNode> change, String where) {
        ObjectNode body = partnerBody();
        change.accept(body);
        return json("POST partner: " + name, Who.ADMIN, "POST", "/api/v1/partners", body.toString(), 400, where);
    }

    static ObjectNode contact(ObjectNode body) {
        return (ObjectNode) body.get("contact");
    }

    static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static String big(String prefix) {
        return prefix + "\"" + "x".repeat(BIG) + "\"}";
    }

    static ArrayNode strings(int count, String prefix) {
        ArrayNode array = Api.JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            array.add(prefix + i);
        }
        return array;
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        // --- partners (admin) -----------------------------------------------------------------------
        c.add(partner("NUL in the name", b -> b.put("name", "Parc" + NUL), "/name"));
        c.add(partner("bidi override in the name", b -> b.put("name", RLO + "Parc"), "/name"));
        c.add(partner("bidi isolate in the name", b -> b.put("name", "Parc" + LRI + "x"), "/name"));
        c.add(partner("line break in the name", b -> b.put("name", "Parc\nnaturel"), "/name"));
        c.add(partner("unpaired surrogate in the name", b -> b.put("name", "Parc" + LONE), "/name"));
        c.add(partner("DEL in the contact name", b -> contact(b).put("name", "Cam\u007Fille"), "/contact/name"));
        c.add(partner("C1 control in the e-mail", b -> contact(b).put("email", "camille\u0085@example.org"), "/contact/email"));
        c.add(partner("NUL in the phone", b -> contact(b).put("phone", "01 23" + NUL), "/contact/phone"));
        c.add(partner("name of 5,000 characters", b -> b.put("name", "p".repeat(5_000)), "/name"));
        c.add(partner("name is a number", b -> b.put("name", 42), "/name"));
        c.add(partner("name is an object", b -> b.putObject("name"), "/name"));
        c.add(partner("unknown member", b -> b.put("colour", "blue"), "/colour"));
        c.add(partner("NUL in a member name", b -> b.put("col" + NUL + "our", "x"), null));
        c.add(partner("member name of 1,000 characters", b -> b.put("m".repeat(1_000), "x"), null));
        c.add(partner("contact missing", b -> b.remove("contact"), "/contact"));
        c.add(json("POST partner: name is 1e999", Who.ADMIN, "POST", "/api/v1/partners",
                "{\"name\": 1e999, \"contact\": {\"name\": \"C\", \"email\": \"c@example.org\"}}", 400, "/name"));
        c.add(json("POST partner: malformed JSON", Who.ADMIN, "POST", "/api/v1/partners", "{\"name\": \"Parc\",", 400, null));
        c.add(json("POST partner: a JSON array", Who.ADMIN, "POST", "/api/v1/partners", "[1, 2]", 400, null));
        c.add(json("POST partner: empty body", Who.ADMIN, "POST", "/api/v1/partners", "", 400, null));
        c.add(json("POST partner: 10,000 nested arrays", Who.ADMIN, "POST", "/api/v1/partners",
                "{\"name\": " + nested(10_000) + "}", 400, null));
        c.add(json("POST partner: 100 nested objects", Who.ADMIN, "POST", "/api/v1/partners",
                "{\"name\":\"P\",\"contact\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}", 400, null));
        c.add(new Case("POST partner: text/plain", Who.ADMIN, "POST", "/api/v1/partners", "text/plain",
                partnerBody().toString().getBytes(StandardCharsets.UTF_8), false, 415, null));
        c.add(new Case("POST partner: 2 MiB chunked", Who.ADMIN, "POST", "/api/v1/partners", "application/json",
                big("{\"name\": ").getBytes(StandardCharsets.UTF_8), true, 413, null));
        c.add(new Case("POST partner: 2 MiB with its length", Who.ADMIN, "POST", "/api/v1/partners", "application/json",
                big("{\"name\": ").getBytes(StandardCharsets.UTF_8), false, 413, null));
        c.add(json("POST partner: as a partner", Who.OWNER, "POST", "/api/v1/partners", partnerBody().toString(), 403, null));
        c.add(json("POST partner: without a token", Who.NOBODY, "POST", "/api/v1/partners", partnerBody().toString(), 401, null));
        c.add(call("GET partner: malformed id", Who.ADMIN, "GET", "/api/v1/partners/not-a-uuid", 404));
        c.add(call("GET partner: NUL as id", Who.ADMIN, "GET", "/api/v1/partners/%00", 0));
        c.add(call("GET partner: unknown id", Who.ADMIN, "GET", "/api/v1/partners/" + UUID.randomUUID(), 404));
        c.add(call("GET partners: NUL in a query parameter", Who.ADMIN, "GET", "/api/v1/partners?x=%00", 400));
        c.add(call("GET partners: as a partner", Who.OWNER, "GET", "/api/v1/partners", 403));
        c.add(call("PUT partners: no such method", Who.ADMIN, "PUT", "/api/v1/partners", 405));
        // --- tokens -----------------------------------------------------------------------------------
        c.add(call("POST token: malformed partner id", Who.ADMIN, "POST", "/api/v1/partners/xyz/tokens", 404));
        c.add(call("POST token: unknown partner", Who.ADMIN, "POST", "/api/v1/partners/" + UUID.randomUUID() + "/tokens", 404));
        c.add(call("POST token: for another partner", Who.OTHER, "POST", "/api/v1/partners/{partner}/tokens", 404));
        c.add(call("DELETE token: malformed token id", Who.ADMIN, "DELETE", "/api/v1/partners/{partner}/tokens/1234", 404));
        c.add(call("DELETE token: another partner's token", Who.ADMIN, "DELETE",
                "/api/v1/partners/" + UUID.randomUUID() + "/tokens/{token}", 404));
        c.add(call("DELETE token: of another partner", Who.OTHER, "DELETE", "/api/v1/partners/{partner}/tokens/{token}", 404));
        c.add(call("DELETE token: bidi in the token id", Who.ADMIN, "DELETE", "/api/v1/partners/{partner}/tokens/%E2%80%AE",
                0));
        // --- fields -----------------------------------------------------------------------------------
        c.add(call("GET fields: without a token", Who.NOBODY, "GET", "/api/v1/fields", 401));
        c.add(call("GET fields: unknown token", Who.UNKNOWN_TOKEN, "GET", "/api/v1/fields", 401));
        c.add(call("GET fields: NUL in a query parameter", Who.OWNER, "GET", "/api/v1/fields?lang=%00", 400));
        c.add(call("GET fields: bidi in a query parameter name", Who.OWNER, "GET", "/api/v1/fields?%E2%80%AEx=1", 400));
        c.add(call("POST fields: no such method", Who.OWNER, "POST", "/api/v1/fields", 405));
        // --- flux submission: the text rule in every kind of member -------------------------------------
        c.add(flux("NUL in an area code", b -> b.putObject("territory").putArray("areas").addObject()
                .put("type", "COM").put("code", "75056" + NUL), "/territory/areas/0/code"));
        c.add(flux("NUL in an area type", b -> b.putObject("territory").putArray("areas").addObject()
                .put("type", "CO" + NUL + "M").put("code", "75056"), "/territory/areas/0/type"));
        c.add(flux("NUL in a group name", b -> b.putObject("taxa").putArray("groups").add("Oiseaux" + NUL), "/taxa/groups/0"));
        c.add(flux("bidi override in a group name", b -> b.putObject("taxa").putArray("groups").add(RLO + "Oiseaux"),
                "/taxa/groups/0"));
        c.add(flux("NUL in the structure", b -> b.put("structure", "Réserve" + NUL), "/structure"));
        c.add(flux("bidi isolate in the structure", b -> b.put("structure", "Réserve" + LRI), "/structure"));
        c.add(flux("line break in the structure", b -> b.put("structure", "Réserve\nnaturelle"), "/structure"));
        c.add(flux("tab in the contact name", b -> contact(b).put("name", "Alex\tDurand"), "/contact/name"));
        c.add(flux("NUL in the contact e-mail", b -> contact(b).put("email", "alex@example.org" + NUL), "/contact/email"));
        c.add(flux("NUL in a study name", b -> ((ObjectNode) b.get("studies").get(0)).put("name", "Atlas" + NUL),
                "/studies/0/name"));
        c.add(flux("bidi in a study nature", b -> ((ObjectNode) b.get("studies").get(0)).put("nature", "atlas" + RLO),
                "/studies/0/nature"));
        c.add(flux("NUL in a field code", b -> b.putArray("fields").add("basic").add("+nom" + NUL), "/fields/1"));
        c.add(flux("NUL in a format", b -> b.putArray("formats").add("csv" + NUL), "/formats/0"));
        c.add(flux("NUL in the periodicity", b -> b.put("periodicity", "P1M" + NUL), "/periodicity"));
        c.add(flux("NUL in an option", b -> b.putObject("options").put("jsonLayout", "ndjson" + NUL), "/options/jsonLayout"));
        c.add(flux("NUL as the CSV delimiter", b -> b.putObject("options").put("csvDelimiter", NUL), "/options/csvDelimiter"));
        c.add(flux("NUL in the minimum interval", b -> b.putObject("options").put("minInterval", "P1D" + NUL),
                "/options/minInterval"));
        c.add(flux("NUL in a described territory", b -> b.putObject("territory").put("description", "Paris" + NUL),
                "/territory/description"));
        c.add(flux("C1 control in a described territory", b -> b.putObject("territory").put("description", "Paris\u0085"),
                "/territory/description"));
        c.add(flux("NUL in the WKT", b -> b.putObject("territory").put("wkt", Api.PARIS_WKT + NUL), "/territory/wkt"));
        c.add(flux("NUL in the GeoJSON type", b -> b.putObject("territory").putObject("geometry").put("type", "Poly" + NUL)
                .putArray("coordinates"), "/territory/geometry/type"));
        c.add(flux("NUL in the partner id", b -> b.put("partnerId", NUL), "/partnerId"));
        c.add(flux("unpaired surrogate in the structure", b -> b.put("structure", LONE + "Réserve"), "/structure"));
        c.add(flux("NUL in a member name", b -> b.put("struc" + NUL + "ture", "x"), null));
        // --- flux submission: lengths, counts and magnitudes ------------------------------------------------
        c.add(flux("group name of 5,000 characters", b -> b.putObject("taxa").putArray("groups").add("g".repeat(5_000)),
                "/taxa/groups/0"));
        c.add(flux("area code of 5,000 characters", b -> b.putObject("territory").putArray("areas").addObject()
                .put("type", "COM").put("code", "7".repeat(5_000)), "/territory/areas/0/code"));
        c.add(flux("1,001 groups", b -> b.putObject("taxa").set("groups", strings(1_001, "g")), "/taxa"));
        c.add(flux("1,001 TAXREF codes", b -> {
            ArrayNode cdRefs = b.putObject("taxa").putArray("cdRefs");
            for (int i = 1; i <= 1_001; i++) {
                cdRefs.add(i);
            }
        }, "/taxa"));
        c.add(flux("2,001 areas", b -> {
            ArrayNode areas = b.putObject("territory").putArray("areas");
            for (int i = 0; i < 2_001; i++) {
                areas.addObject().put("type", "COM").put("code", String.valueOf(i));
            }
        }, "/territory/areas"));
        c.add(flux("300 field items", b -> b.set("fields", strings(300, "+f")), "/fields"));
        c.add(flux("50 formats", b -> b.set("formats", strings(50, "fmt")), "/formats"));
        c.add(flux("51 studies", b -> {
            ArrayNode studies = b.putArray("studies");
            for (int i = 0; i < 51; i++) {
                studies.addObject().put("name", "s" + i).put("nature", "atlas");
            }
        }, "/studies"));
        c.add(json("POST flux: TAXREF code 1e300", Who.OWNER, "POST", "/api/v1/fluxes",
                Api.fluxBody().toString().replace("\"groups\":[\"Oiseaux\"]", "\"cdRefs\":[1e300]"), 400, "/taxa/cdRefs/0"));
        c.add(json("POST flux: TAXREF code of 30 digits", Who.OWNER, "POST", "/api/v1/fluxes",
                Api.fluxBody().toString().replace("\"groups\":[\"Oiseaux\"]", "\"cdRefs\":[" + "9".repeat(30) + "]"), 400,
                "/taxa/cdRefs/0"));
        c.add(flux("TAXREF code 2^31", b -> b.putObject("taxa").putArray("cdRefs").add(2_147_483_648L), "/taxa/cdRefs/0"));
        c.add(json("POST flux: coordinate precision 1e400", Who.OWNER, "POST", "/api/v1/fluxes",
                Api.fluxBody().put("options", "@").toString().replace("\"@\"", "{\"coordinatePrecision\": 1e400}"), 400,
                "/options/coordinatePrecision"));
        c.add(flux("coordinate precision -10^11", b -> b.putObject("options").put("coordinatePrecision", -100_000_000_000L),
                "/options/coordinatePrecision"));
        c.add(json("POST flux: a coordinate of 1e308", Who.OWNER, "POST", "/api/v1/fluxes",
                Api.fluxBody().put("territory", "@").toString().replace("\"@\"", "{\"geometry\": {\"type\": \"Polygon\", "
                        + "\"coordinates\": [[[1e308, 48.8], [2.4, 48.8], [2.4, 48.9], [1e308, 48.8]]]}}"), 400, null));
        c.add(json("POST flux: a number of 500 digits", Who.OWNER, "POST", "/api/v1/fluxes",
                Api.fluxBody().put("options", "@").toString().replace("\"@\"", "{\"coordinatePrecision\": "
                        + "1".repeat(500) + "}"), 400, null));
        c.add(json("POST flux: NaN", Who.OWNER, "POST", "/api/v1/fluxes",
                Api.fluxBody().put("options", "@").toString().replace("\"@\"", "{\"coordinatePrecision\": NaN}"), 400, null));
        // --- flux submission: the body itself ----------------------------------------------------------------
        c.add(json("POST flux: options nested 100 deep", Who.OWNER, "POST", "/api/v1/fluxes",
                Api.fluxBody().put("options", "@").toString().replace("\"@\"", "{\"a\":".repeat(100) + "1"
                        + "}".repeat(100)), 400, null));
        c.add(json("POST flux: 10,000 nested arrays", Who.OWNER, "POST", "/api/v1/fluxes", nested(10_000), 400, null));
        c.add(new Case("POST flux: 2 MiB chunked", Who.OWNER, "POST", "/api/v1/fluxes", "application/json",
                big("{\"structure\": ").getBytes(StandardCharsets.UTF_8), true, 413, null));
        c.add(new Case("POST flux: 2 MiB with its length", Who.OWNER, "POST", "/api/v1/fluxes", "application/json",
                big("{\"structure\": ").getBytes(StandardCharsets.UTF_8), false, 413, null));
        c.add(new Case("POST flux: 5 MiB chunked (past the server's hard cap)", Who.OWNER, "POST", "/api/v1/fluxes",
                "application/json", ("{\"structure\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8),
                true, 413, null));
        c.add(new Case("POST flux: 5 MiB with its length (past the server's hard cap)", Who.OWNER, "POST", "/api/v1/fluxes",
                "application/json", ("{\"structure\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8),
                false, 413, null));
        c.add(new Case("POST flux: chunked, NUL in the structure", Who.OWNER, "POST", "/api/v1/fluxes", "application/json",
                Api.fluxBody().put("structure", "R" + NUL).toString().getBytes(StandardCharsets.UTF_8), true, 400,
                "/structure"));
        c.add(new Case("POST flux: text/plain", Who.OWNER, "POST", "/api/v1/fluxes", "text/plain",
                Api.fluxBody().toString().getBytes(StandardCharsets.UTF_8), false, 415, null));
        c.add(new Case("POST flux: application/xml", Who.OWNER, "POST", "/api/v1/fluxes", "application/xml",
                "<flux/>".getBytes(StandardCharsets.UTF_8), false, 415, null));
        c.add(new Case("POST flux: invalid UTF-8", Who.OWNER, "POST", "/api/v1/fluxes", "application/json",
                new byte[] {'{', '"', 's', 't', 'r', 'u', 'c', 't', 'u', 'r', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"',
                        '}'}, false, 400, null));
        c.add(json("POST flux: malformed JSON", Who.OWNER, "POST", "/api/v1/fluxes", "{\"structure\": \"x\",}", 400, null));
        c.add(json("POST flux: null", Who.OWNER, "POST", "/api/v1/fluxes", "null", 400, null));
        c.add(json("POST flux: a string", Who.OWNER, "POST", "/api/v1/fluxes", "\"flux\"", 400, null));
        c.add(json("POST flux: empty body", Who.OWNER, "POST", "/api/v1/fluxes", "", 400, null));
        c.add(flux("studies as an object", b -> b.putObject("studies"), "/studies"));
        c.add(flux("territory as a string", b -> b.put("territory", "Paris"), "/territory"));
        c.add(json("POST flux: admin names a partner with NUL", Who.ADMIN, "POST", "/api/v1/fluxes",
                Api.fluxBody().put("partnerId", NUL).toString(), 400, "/partnerId"));
        c.add(json("POST flux: admin names an unknown partner", Who.ADMIN, "POST", "/api/v1/fluxes",
                Api.fluxBody().put("partnerId", UUID.randomUUID().toString()).toString(), 400, "/partnerId"));
        c.add(json("POST flux: without a token", Who.NOBODY, "POST", "/api/v1/fluxes", Api.fluxBody().toString(), 401, null));
        // --- flux listing: query parameters ---------------------------------------------------------------
        c.add(call("GET fluxes: page 2147483647", Who.OWNER, "GET", "/api/v1/fluxes?page=2147483647", 400));
        c.add(call("GET fluxes: page 2147483647 as admin", Who.ADMIN, "GET", "/api/v1/fluxes?page=2147483647&size=500", 400));
        c.add(call("GET fluxes: page 100001", Who.OWNER, "GET", "/api/v1/fluxes?page=100001", 400));
        c.add(call("GET fluxes: page -1", Who.OWNER, "GET", "/api/v1/fluxes?page=-1", 400));
        c.add(call("GET fluxes: page of 20 digits", Who.OWNER, "GET", "/api/v1/fluxes?page=99999999999999999999", 400));
        c.add(call("GET fluxes: page 1e3", Who.OWNER, "GET", "/api/v1/fluxes?page=1e3", 400));
        c.add(call("GET fluxes: size 0", Who.OWNER, "GET", "/api/v1/fluxes?size=0", 400));
        c.add(call("GET fluxes: size 501", Who.OWNER, "GET", "/api/v1/fluxes?size=501", 400));
        c.add(call("GET fluxes: size abc", Who.OWNER, "GET", "/api/v1/fluxes?size=abc", 400));
        c.add(call("GET fluxes: NUL in the status", Who.OWNER, "GET", "/api/v1/fluxes?status=ACTIVE%00", 400));
        c.add(call("GET fluxes: bidi in the status", Who.OWNER, "GET", "/api/v1/fluxes?status=ACTIVE%E2%80%AE", 400));
        c.add(call("GET fluxes: unknown status", Who.OWNER, "GET", "/api/v1/fluxes?status=DONE", 400));
        c.add(call("GET fluxes: status of 300 characters", Who.OWNER, "GET", "/api/v1/fluxes?status=" + "A".repeat(300), 400));
        c.add(call("GET fluxes: malformed partner id", Who.ADMIN, "GET", "/api/v1/fluxes?partnerId=nope", 400));
        c.add(call("GET fluxes: NUL as partner id", Who.ADMIN, "GET", "/api/v1/fluxes?partnerId=%00", 400));
        c.add(call("GET fluxes: NUL in a parameter name", Who.OWNER, "GET", "/api/v1/fluxes?a%00b=1", 400));
        c.add(call("GET fluxes: without a token", Who.NOBODY, "GET", "/api/v1/fluxes", 401));
        // --- one flux -----------------------------------------------------------------------------------------
        c.add(call("GET flux: malformed id", Who.OWNER, "GET", "/api/v1/fluxes/not-a-uuid", 404));
        c.add(call("GET flux: NUL as id", Who.OWNER, "GET", "/api/v1/fluxes/%00", 0));
        c.add(call("GET flux: id of 1,000 characters", Who.OWNER, "GET", "/api/v1/fluxes/" + "f".repeat(1_000), 404));
        c.add(call("GET flux: another partner's", Who.OTHER, "GET", "/api/v1/fluxes/{flux}", 404));
        c.add(call("DELETE flux: another partner's", Who.OTHER, "DELETE", "/api/v1/fluxes/{flux}", 404));
        c.add(call("DELETE flux: malformed id", Who.OWNER, "DELETE", "/api/v1/fluxes/123", 404));
        // --- PATCH (admin) ------------------------------------------------------------------------------------
        c.add(patch("NUL in the structure", "{\"structure\": \"R\\u0000\"}", 400, "/structure"));
        c.add(patch("NUL in a group", "{\"taxa\": {\"groups\": [\"Oiseaux\\u0000\"]}}", 400, "/taxa/groups/0"));
        c.add(patch("NUL in an area code", "{\"territory\": {\"areas\": [{\"type\": \"COM\", \"code\": \"75\\u0000\"}]}}", 400,
                "/territory/areas/0/code"));
        c.add(patch("bidi in the periodicity", "{\"periodicity\": \"P1M\\u202e\"}", 400, "/periodicity"));
        c.add(patch("a JSON array", "[]", 400, null));
        c.add(patch("changes the owner", "{\"partnerId\": \"" + UUID.randomUUID() + "\"}", 400, "/partnerId"));
        c.add(patch("nested 100 deep", "{\"options\": " + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}", 400, null));
        c.add(patch("malformed JSON", "{\"structure\": ", 400, null));
        c.add(json("PATCH flux: as its owner", Who.OWNER, "PATCH", "/api/v1/fluxes/{flux}", "{\"structure\": \"R\"}", 403,
                null));
        c.add(json("PATCH flux: malformed id", Who.ADMIN, "PATCH", "/api/v1/fluxes/zz", "{\"structure\": \"R\"}", 404, null));
        c.add(new Case("PATCH flux: 2 MiB chunked", Who.ADMIN, "PATCH", "/api/v1/fluxes/{flux}", "application/json",
                big("{\"structure\": ").getBytes(StandardCharsets.UTF_8), true, 413, null));
        c.add(new Case("PATCH flux: text/plain", Who.ADMIN, "PATCH", "/api/v1/fluxes/{flux}", "text/plain",
                "structure=R".getBytes(StandardCharsets.UTF_8), false, 415, null));
        // --- actions (admin) -----------------------------------------------------------------------------------
        c.add(json("reject: NUL in the reason", Who.ADMIN, "POST", "/api/v1/fluxes/{flux}/reject",
                "{\"reason\": \"no\\u0000\"}", 400, "/reason"));
        c.add(json("reject: bidi override in the reason", Who.ADMIN, "POST", "/api/v1/fluxes/{flux}/reject",
                "{\"reason\": \"\\u202eno\"}", 400, "/reason"));
        c.add(json("reject: reason of 5,000 characters", Who.ADMIN, "POST", "/api/v1/fluxes/{flux}/reject",
                "{\"reason\": \"" + "r".repeat(5_000) + "\"}", 400, "/reason"));
        c.add(json("reject: reason is a number", Who.ADMIN, "POST", "/api/v1/fluxes/{flux}/reject", "{\"reason\": 42}", 400,
                "/reason"));
        c.add(json("reject: unknown member", Who.ADMIN, "POST", "/api/v1/fluxes/{flux}/reject", "{\"why\": \"no\"}", 400,
                "/why"));
        c.add(json("reject: malformed JSON", Who.ADMIN, "POST", "/api/v1/fluxes/{flux}/reject", "{\"reason\": ", 400, null));
        c.add(json("reject: nested 10,000 deep", Who.ADMIN, "POST", "/api/v1/fluxes/{flux}/reject",
                "{\"reason\": " + nested(10_000) + "}", 400, null));
        c.add(new Case("reject: 2 MiB chunked", Who.ADMIN, "POST", "/api/v1/fluxes/{flux}/reject", "application/json",
                big("{\"reason\": ").getBytes(StandardCharsets.UTF_8), true, 413, null));
        c.add(json("suspend: NUL in the reason", Who.ADMIN, "POST", "/api/v1/fluxes/{active}/suspend",
                "{\"reason\": \"\\u0000\"}", 400, "/reason"));
        c.add(call("suspend: a REQUESTED flux", Who.ADMIN, "POST", "/api/v1/fluxes/{flux}/suspend", 409));
        c.add(call("resume: a REQUESTED flux", Who.ADMIN, "POST", "/api/v1/fluxes/{flux}/resume", 409));
        c.add(call("approve: an ACTIVE flux", Who.ADMIN, "POST", "/api/v1/fluxes/{active}/approve", 409));
        c.add(call("approve: unknown flux", Who.ADMIN, "POST", "/api/v1/fluxes/" + UUID.randomUUID() + "/approve", 404));
        c.add(call("approve: malformed id", Who.ADMIN, "POST", "/api/v1/fluxes/%E2%80%AE/approve", 404));
        c.add(call("approve: as its owner", Who.OWNER, "POST", "/api/v1/fluxes/{flux}/approve", 403));
        // --- runs ----------------------------------------------------------------------------------------------
        c.add(call("run now: a REQUESTED flux", Who.OWNER, "POST", "/api/v1/fluxes/{flux}/runs", 409));
        c.add(call("run now: another partner's flux", Who.OTHER, "POST", "/api/v1/fluxes/{active}/runs", 404));
        c.add(call("run now: malformed id", Who.OWNER, "POST", "/api/v1/fluxes/abc/runs", 404));
        c.add(call("runs: page 2147483647", Who.OWNER, "GET", "/api/v1/fluxes/{active}/runs?page=2147483647", 400));
        c.add(call("runs: size -5", Who.OWNER, "GET", "/api/v1/fluxes/{active}/runs?size=-5", 400));
        c.add(call("runs: NUL as page", Who.OWNER, "GET", "/api/v1/fluxes/{active}/runs?page=%00", 400));
        c.add(call("runs: another partner's flux", Who.OTHER, "GET", "/api/v1/fluxes/{active}/runs", 404));
        c.add(call("run: malformed id", Who.OWNER, "GET", "/api/v1/runs/not-a-run", 404));
        c.add(call("run: unknown id", Who.OWNER, "GET", "/api/v1/runs/" + UUID.randomUUID(), 404));
        c.add(call("run: another partner's", Who.OTHER, "GET", "/api/v1/runs/{run}", 404));
        c.add(call("run: without a token", Who.NOBODY, "GET", "/api/v1/runs/{run}", 401));
        // --- artifacts and latest exports ------------------------------------------------------------------------
        c.add(call("artifact: of a run not yet done", Who.OWNER, "GET", "/api/v1/runs/{run}/artifacts/csv", 409));
        c.add(call("artifact: NUL as format", Who.OWNER, "GET", "/api/v1/runs/{run}/artifacts/%00", 0));
        c.add(call("artifact: unknown format", Who.OWNER, "GET", "/api/v1/runs/{run}/artifacts/xls", 0));
        c.add(call("artifact: format of 300 characters", Who.OWNER, "GET", "/api/v1/runs/{run}/artifacts/" + "c".repeat(300), 0));
        c.add(call("artifact: malformed run id", Who.OWNER, "GET", "/api/v1/runs/zz/artifacts/csv", 404));
        c.add(call("artifact: another partner's run", Who.OTHER, "GET", "/api/v1/runs/{run}/artifacts/csv", 404));
        c.add(call("artifact: NUL in a query parameter", Who.OWNER, "GET", "/api/v1/runs/{run}/artifacts/csv?x=%00", 400));
        c.add(call("latest: no run succeeded yet", Who.OWNER, "GET", "/api/v1/fluxes/{active}/exports/latest/csv", 0));
        c.add(call("latest: bidi as format", Who.OWNER, "GET", "/api/v1/fluxes/{active}/exports/latest/%E2%80%AE", 0));
        c.add(call("latest: malformed flux id", Who.OWNER, "GET", "/api/v1/fluxes/%00/exports/latest/csv", 0));
        c.add(call("latest: another partner's flux", Who.OTHER, "GET", "/api/v1/fluxes/{active}/exports/latest/csv", 404));
        // --- nowhere ---------------------------------------------------------------------------------------------
        c.add(call("unknown path", Who.OWNER, "GET", "/api/v1/nothing", 404));
        c.add(call("unknown version", Who.OWNER, "GET", "/api/v2/fluxes", 404));
        return c.stream();
    }

    @Test
    void theCorpusIsLargeAndCoversEveryEndpoint() {
        List<Case> all = cases().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(100);
        assertThat(all.stream().map(Case::path).map(p -> p.replaceAll("\\?.*", "")))
                .anyMatch(p -> p.equals("/api/v1/partners"))
                .anyMatch(p -> p.matches("/api/v1/partners/[^/]+/tokens"))
                .anyMatch(p -> p.matches("/api/v1/partners/[^/]+/tokens/[^/]+"))
                .anyMatch(p -> p.equals("/api/v1/fields"))
                .anyMatch(p -> p.equals("/api/v1/fluxes"))
                .anyMatch(p -> p.equals("/api/v1/fluxes/{flux}"))
                .anyMatch(p -> p.endsWith("/reject")).anyMatch(p -> p.endsWith("/suspend"))
                .anyMatch(p -> p.endsWith("/resume")).anyMatch(p -> p.endsWith("/approve"))
                .anyMatch(p -> p.endsWith("/runs")).anyMatch(p -> p.matches("/api/v1/runs/[^/]+"))
                .anyMatch(p -> p.contains("/artifacts/")).anyMatch(p -> p.contains("/exports/latest/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void neverA5xxNorA2xx(Case c) throws Exception {
        Fixtures f = fixtures();
        String path = c.path().replace("{flux}", f.flux().toString()).replace("{active}", f.active().toString())
                .replace("{run}", f.run().toString()).replace("{partner}", f.owner().id().toString())
                .replace("{token}", f.owner().tokenId().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        switch (c.who()) {
            case ADMIN -> request.header("Authorization", "Bearer " + admin);
            case OWNER -> request.header("Authorization", "Bearer " + f.owner().token());
            case OTHER -> request.header("Authorization", "Bearer " + f.other().token());
            case UNKNOWN_TOKEN -> request.header("Authorization", "Bearer nf_" + "A".repeat(43));
            case NOBODY -> {
            }
        }
        if (c.type() != null) {
            request.header("Content-Type", c.type());
        }
        HttpRequest.BodyPublisher body = c.body() == null ? HttpRequest.BodyPublishers.noBody()
                : c.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body()))
                : HttpRequest.BodyPublishers.ofByteArray(c.body());
        HttpResponse<String> response = HTTP.send(request.method(c.method(), body).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        String seen = response.statusCode() + " " + abbreviate(response.body());
        ContractFilter.assertAllowed(new OpenApiContract.Exchange(c.method(), response.request().uri().getRawPath(),
                response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body()));
        assertThat(response.statusCode()).as("%s: never a 5xx nor a 2xx; got %s", c.name(), seen).isBetween(400, 499);
        if (c.status() != 0) {
            assertThat(response.statusCode()).as("%s: got %s", c.name(), seen).isEqualTo(c.status());
        }
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(c.name() + ": " + seen)
                .startsWith("application/json");
        JsonNode error = Api.JSON.readTree(response.body());
        assertThat(error.path("status").isInt() && error.path("status").asInt() == response.statusCode())
                .as("%s: status member; got %s", c.name(), seen).isTrue();
        assertThat(error.path("error").isTextual() && !error.path("error").asText().isBlank())
                .as("%s: error member; got %s", c.name(), seen).isTrue();
        assertThat(error.path("violations").isArray()).as("%s: violations member; got %s", c.name(), seen).isTrue();
        List<String> paths = new ArrayList<>();
        for (JsonNode violation : error.get("violations")) {
            assertThat(violation.path("path").isTextual() && violation.path("message").isTextual())
                    .as("%s: each violation is {path, message}; got %s", c.name(), seen).isTrue();
            paths.add(violation.get("path").asText());
        }
        if (c.where() != null) {
            assertThat(paths).as("%s: got %s", c.name(), seen).contains(c.where());
        }
    }

    /** The fixtures are as the corpus left them: no hostile request changed anything. */
    @Test
    void theFixturesAreUnchangedByTheCorpus() {
        Fixtures f = fixtures();
        Api.as(f.owner().token()).get("/api/v1/fluxes/" + f.flux()).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("REQUESTED"))
                .body("structure", org.hamcrest.Matchers.is("Réserve naturelle des Coteaux"));
        Api.as(f.owner().token()).get("/api/v1/fluxes/" + f.active()).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("ACTIVE"));
    }

    /** The exception of the text rule: a free-text member keeps its line breaks and tabs. */
    @Test
    void aReasonKeepsItsLineBreaks() {
        Fixtures f = fixtures();
        UUID flux = Api.createFlux(f.owner().token(), Api.fluxBody());
        String reason = "Territory outside the platform's area.\n\tSee the charter, section 2.";
        Api.as(admin).body(Api.JSON.createObjectNode().put("reason", reason).toString())
                .post("/api/v1/fluxes/" + flux + "/reject").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("REJECTED"))
                .body("statusReason", org.hamcrest.Matchers.is(reason));
    }

    private static String abbreviate(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "..." : body;
    }

    private static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    /**
     * @param owner  the partner owning the fluxes
     * @param other  another partner
     * @param flux   a REQUESTED flux of the owner
     * @param active an ACTIVE flux of the owner
     * @param run    the first run of the ACTIVE flux (not done: no worker in this test)
     */
    record Fixtures(Api.Partner owner, Api.Partner other, UUID flux, UUID active, UUID run) {
    }

    private Fixtures fixtures() {
        if (fixtures == null) {
            Api.Partner owner = Api.newPartner(admin, "Hostile corpus owner");
            Api.Partner other = Api.newPartner(admin, "Hostile corpus other");
            UUID flux = Api.createFlux(owner.token(), Api.fluxBody());
            UUID active = Api.createFlux(owner.token(), Api.fluxBody());
            Api.as(admin).post("/api/v1/fluxes/" + active + "/approve").then().statusCode(200);
            // approval makes it due at once: the scheduler's next pass gives it its first run
            String run = Api.await("the first run of the approved flux", Duration.ofSeconds(60),
                    () -> Api.as(owner.token()).get("/api/v1/fluxes/" + active + "/runs").then().statusCode(200)
                            .extract().<String>path("[0].id"), id -> id != null);
            fixtures = new Fixtures(owner, other, flux, active, UUID.fromString(run));
        }
        return fixtures;
    }
}
