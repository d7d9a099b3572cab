package org.naturaflux.request.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.Api;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.SourceAccess;
import org.naturaflux.request.StackResource;

/**
 * A partner's share of the service: pending requests (counted in the database), submission rate, and
 * concurrent source checks. Each limit answers 429 with Retry-After and the JSON error body; the other
 * partners go on.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class, initArgs = {
        @ResourceArg(name = "label", value = "partner-limits"),
        @ResourceArg(name = "naturaflux.limits.max-pending-requests", value = "3"),
        @ResourceArg(name = "naturaflux.limits.submissions-per-minute", value = "6"),
        @ResourceArg(name = "naturaflux.limits.source-checks-per-partner", value = "1")})
class PartnerLimitsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;

    @TestHTTPResource("/api/v1/fluxes")
    URI fluxes;

    @Test
    void refusesASubmissionBeyondThePendingRequestsCountedInTheDatabase() {
        Api.Partner partner = Api.newPartner(admin, "Pending partner");
        UUID first = Api.createFlux(partner.token(), Api.fluxBody());
        // two more REQUESTED fluxes written by "another replica": the count is the database's
        for (int i = 0; i < 2; i++) {
            ServiceDatabase.update("INSERT INTO flux (id, partner_id, status, request, spec, periodicity, created_at, updated_at)"
                    + " SELECT gen_random_uuid(), partner_id, status, request, spec, periodicity, now(), now() FROM flux WHERE id = ?", first);
        }
        assertThat(as(partner.token()).get("/api/v1/fluxes?status=REQUESTED").jsonPath().getList("id")).hasSize(3);

        Response refused = as(partner.token()).body(Api.fluxBody().toString()).post("/api/v1/fluxes");
        refused.then().statusCode(429).header("Retry-After", "3600")
                .body("status", is(429)).body("error", containsString("pending")).body("violations.size()", is(0));
        assertThat(as(partner.token()).get("/api/v1/fluxes?status=REQUESTED").jsonPath().getList("id")).hasSize(3);

        as(admin).contentType("application/json").body("{\"reason\":\"duplicate\"}")
                .post("/api/v1/fluxes/" + first + "/reject").then().statusCode(200);
        Api.createFlux(partner.token(), Api.fluxBody());
        // the admin submitting for the partner is not limited
        as(admin).body(Api.fluxBody().put("partnerId", partner.id().toString()).toString()).post("/api/v1/fluxes")
                .then().statusCode(201);
    }

    @Test
    void refusesSubmissionsBeyondThePartnersRate() {
        Api.Partner flooding = Api.newPartner(admin, "Rate partner");
        Api.Partner other = Api.newPartner(admin, "Calm partner");
        for (int i = 0; i < 6; i++) {
            // invalid requests count as much as valid ones: each one costs a validation
            as(flooding.token()).body("{\"structure\":\"x\"}").post("/api/v1/fluxes").then().statusCode(400);
        }
        Response refused = as(flooding.token()).body(Api.fluxBody().toString()).post("/api/v1/fluxes");
        refused.then().statusCode(429).body("status", is(429)).body("error", containsString("too many submissions"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).as("a token comes back every 10 s").isBetween(1, 10);

        Api.createFlux(other.token(), Api.fluxBody());
    }

    @Test
    void oneFloodingPartnerLeavesTheSourceToTheOthers() throws Exception {
        Api.Partner flooding = Api.newPartner(admin, "Flooding partner");
        Api.Partner other = Api.newPartner(admin, "Patient partner");
        CompletableFuture<HttpResponse<String>> held;
        CompletableFuture<HttpResponse<String>> otherHeld;
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        try (Connection lock = SourceAccess.connect(); Connection watch = SourceAccess.connect()) {
            // the source checks read taxref: while it is locked, each one holds its connection and waits
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE taxonomie.taxref IN ACCESS EXCLUSIVE MODE");
            }
            try {
                held = submit(flooding.token());
                Api.await("the first check waits on the source", Duration.ofSeconds(20), () -> waitingOnLocks(watch), n -> n >= 1);
                for (int i = 0; i < 4; i++) {
                    flood.add(submit(flooding.token()));
                }
                for (CompletableFuture<HttpResponse<String>> extra : flood) {
                    HttpResponse<String> response = extra.get(10, TimeUnit.SECONDS);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
                    assertThat(response.headers().firstValue("Retry-After")).contains("1");
                    assertThat(response.body()).contains("\"status\":429").contains("checked at once");
                }
                otherHeld = submit(other.token());
                Api.await("the other partner's check reaches the source", Duration.ofSeconds(20), () -> waitingOnLocks(watch),
                        n -> n >= 2);
            } finally {
                lock.commit();
            }
        }
        HttpResponse<String> first = held.get(30, TimeUnit.SECONDS);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> others = otherHeld.get(30, TimeUnit.SECONDS);
        assertThat(others.statusCode()).as(others.body()).isEqualTo(201);
        // the slot is given back: the flooding partner submits again
        Api.createFlux(flooding.token(), Api.fluxBody());
    }

    private CompletableFuture<HttpResponse<String>> submit(String token) {
        return HTTP.sendAsync(HttpRequest.newBuilder(fluxes).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.fluxBody().toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sessions waiting for the lock on taxref (pg_locks shows every role's, pg_stat_activity only one's own). */
    private static int waitingOnLocks(Connection watch) {
        try (Statement statement = watch.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_locks"
                     + " WHERE NOT granted AND relation = 'taxonomie.taxref'::regclass")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
