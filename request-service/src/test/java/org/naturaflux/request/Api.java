package org.naturaflux.request;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;
import org.naturaflux.testkit.Eventually;

/** The service's API as a test uses it, with RestAssured. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** A small square around central Paris (WGS84), inside the demo source. */
    public static final String PARIS_WKT = "POLYGON ((2.30 48.83, 2.40 48.83, 2.40 48.89, 2.30 48.89, 2.30 48.83))";
    /** The version of the redistribution terms the service's default settings publish (naturaflux.terms.version). */
    public static final String TERMS_VERSION = "1";

    private Api() {
    }

    /** A URL of the management interface (health, metrics, OpenAPI) of the application under test. */
    public static String management(String path) {
        // the management URI ends with the root path (/q): the path given is absolute
        return java.net.URI.create(TestHTTPResourceManager.getManagementUri()).resolve(path).toString();
    }

    /** A request with a bearer token. */
    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .redirects().follow(false);
    }

    /** A partner just registered by the admin. */
    public record Partner(UUID id, UUID tokenId, String token) {
    }

    public static Partner newPartner(String adminToken, String name) {
        Response response = as(adminToken)
                .body(Map.of("name", name, "contact", Map.of("name", "Camille Martin", "email", "camille@example.org",
                        "phone", "+33 1 23 45 67 89")))
                .post("/api/v1/partners");
        response.then().statusCode(201);
        return new Partner(UUID.fromString(response.path("id")), UUID.fromString(response.path("tokenId")),
                response.path("token"));
    }

    /** A valid flux request body on {@link #PARIS_WKT}, monthly, basic fields, CSV and GeoJSON, the terms accepted. */
    public static ObjectNode fluxBody() {
        ObjectNode body = JSON.createObjectNode();
        body.put("structure", "Réserve naturelle des Coteaux");
        body.putObject("contact").put("name", "Alex Durand").put("email", "alex@example.org").put("phone", "01 23 45 67 89");
        body.putArray("studies").addObject().put("name", "Atlas des oiseaux").put("nature", "atlas");
        body.putObject("territory").put("wkt", PARIS_WKT);
        body.putObject("taxa").putArray("groups").add("Oiseaux");
        body.put("periodicity", "P1M");
        body.putArray("fields").add("basic").add("+nom_lieu");
        body.putArray("formats").add("csv").add("geojson");
        body.put("termsAccepted", TERMS_VERSION);
        return body;
    }

    /** Submits a flux; its id. */
    public static UUID createFlux(String token, ObjectNode body) {
        Response response = as(token).body(body.toString()).post("/api/v1/fluxes");
        response.then().statusCode(201);
        return UUID.fromString(response.path("id"));
    }

    /** Waits until {@code condition} holds for the value, polling; the value. */
    public static <T> T await(String what, Duration timeout, Supplier<T> value, Predicate<T> condition) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            return Eventually.within(timeout, what).until(() -> {
                last.set(value.get());
                return last.get();
            }, condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; last: " + last.get(), e);
        }
    }
}
