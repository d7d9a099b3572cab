package org.naturaflux.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The local Keycloak (deploy/local): its address and the demo people's passwords from the environment
 * ({@code deploy/local/env}), and its admin REST API, through which the test links a person to a
 * partner (the {@code partner_id} attribute, which the realm's mapper puts into the ID token) as the
 * platform's staff would.
 */
public final class Keycloak {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String REALM = "naturaflux";

    private Keycloak() {
    }

    /** The provider's base address, e.g. http://localhost:18180. */
    public static String url() {
        return required("NATURAFLUX_KEYCLOAK_URL");
    }

    /** The password of a person of the realm: admin, partner-a, partner-b. */
    public static String password(String username) {
        return required(switch (username) {
            case "admin" -> "NATURAFLUX_PORTAL_ADMIN_PASSWORD";
            case "partner-a" -> "NATURAFLUX_PORTAL_PARTNER_A_PASSWORD";
            case "partner-b" -> "NATURAFLUX_PORTAL_PARTNER_B_PASSWORD";
            default -> throw new IllegalArgumentException("no such demo person: " + username);
        });
    }

    /** Fails with the script that starts Keycloak when the realm does not answer. */
    public static void requireRunning() {
        String discovery = required("NATURAFLUX_OIDC_AUTH_SERVER_URL") + "/.well-known/openid-configuration";
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(discovery)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(discovery + " answered HTTP " + response.statusCode()
                        + ": start Keycloak with deploy/local/stack-up (or deploy/local/up)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak does not answer at " + discovery + " (" + e.getMessage()
                    + "): start it with deploy/local/stack-up (or deploy/local/up)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The id Keycloak gives a person of the realm: the subject ({@code sub}) of their tokens. */
    public static String userId(String username) {
        return userId(adminToken(), username);
    }

    private static String userId(String admin, String username) {
        JsonNode users = call("GET", "/admin/realms/" + REALM + "/users?exact=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8), admin, null);
        if (users.size() != 1) {
            throw new IllegalStateException("realm " + REALM + " has " + users.size() + " users named " + username);
        }
        return users.get(0).get("id").asText();
    }

    /** A person created for one test: their login name, password and id (the {@code sub} of their tokens). */
    public record Person(String username, String password, String id) {
    }

    /**
     * Creates a person of the realm for one test, so that tests running side by side never relink each
     * other's people: a unique login name, a random password, the names and e-mail Keycloak's user profile
     * requires (so the first login asks nothing more), the partner (null: none) and, when {@code admin},
     * the platform staff's role.
     */
    public static Person newPerson(String firstName, String lastName, UUID partnerId, boolean admin) {
        String token = adminToken();
        String username = ("t-" + firstName + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9-]", "");
        String password = UUID.randomUUID() + "-Aa1";
        ObjectNode user = JSON.createObjectNode().put("username", username).put("enabled", true).put("emailVerified", true)
                .put("firstName", firstName).put("lastName", lastName).put("email", username + "@example.org");
        if (partnerId != null) {
            user.putObject("attributes").putArray("partner_id").add(partnerId.toString());
        }
        user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        call("POST", "/admin/realms/" + REALM + "/users", token, user);
        String id = userId(token, username);
        if (admin) {
            JsonNode role = call("GET", "/admin/realms/" + REALM + "/roles/naturaflux-admin", token, null);
            call("POST", "/admin/realms/" + REALM + "/users/" + id + "/role-mappings/realm", token, JSON.createArrayNode().add(role));
        }
        return new Person(username, password, id);
    }

    /** Sets (or, with null, removes) the partner of a person of the realm. */
    public static void linkPartner(String username, UUID partnerId) {
        String admin = adminToken();
        String id = userId(admin, username);
        ObjectNode user = (ObjectNode) call("GET", "/admin/realms/" + REALM + "/users/" + id, admin, null);
        ObjectNode attributes = user.has("attributes") ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
        if (partnerId == null) {
            attributes.remove("partner_id");
        } else {
            attributes.putArray("partner_id").add(partnerId.toString());
        }
        call("PUT", "/admin/realms/" + REALM + "/users/" + id, admin, user);
        JsonNode stored = call("GET", "/admin/realms/" + REALM + "/users/" + id, admin, null).path("attributes").path("partner_id");
        String expected = partnerId == null ? "" : partnerId.toString();
        if (!stored.path(0).asText("").equals(expected)) {
            throw new IllegalStateException("Keycloak did not keep partner_id " + expected + " for " + username + ": " + stored);
        }
    }

    private static String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode(required("NATURAFLUX_KEYCLOAK_ADMIN_PASSWORD"), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return send(request).get("access_token").asText();
    }

    private static JsonNode call(String method, String path, String token, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered HTTP " + response.statusCode()
                        + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the tests in the environment of deploy/local/env "
                    + "(eval \"$(deploy/local/env)\"), with Keycloak started by deploy/local/stack-up");
        }
        return value;
    }
}
