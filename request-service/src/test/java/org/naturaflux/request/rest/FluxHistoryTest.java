package org.naturaflux.request.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.Api;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.StackResource;

/**
 * A flux's history (GET /api/v1/fluxes/{id}/history): every step the test itself made, in its order, with
 * the status after it and the reason it gave; the flux_event table (SQL) holds one row per step; another
 * partner gets 404, as for the flux itself, and so does a malformed id.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class)
class FluxHistoryTest {

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;

    @Test
    void listsEveryStepOfTheLifeCycleInOrderWithItsReason() throws Exception {
        Api.Partner owner = Api.newPartner(admin, "Réserve de l'historique");
        Instant before = Instant.now();
        UUID flux = Api.createFlux(owner.token(), Api.fluxBody());
        String path = "/api/v1/fluxes/" + flux;
        as(admin).post(path + "/approve").then().statusCode(200);
        as(admin).body("{\"reason\": \"Convention en cours de renouvellement\"}").post(path + "/suspend").then().statusCode(200);
        as(admin).post(path + "/resume").then().statusCode(200);
        as(admin).body("{\"periodicity\": \"P7D\"}").patch(path).then().statusCode(200);
        as(owner.token()).delete(path).then().statusCode(204);
        // a second revocation changes nothing, and records nothing
        as(owner.token()).delete(path).then().statusCode(204);

        JsonNode history = Api.JSON.readTree(as(owner.token()).get(path + "/history").then().statusCode(200).extract().asString());
        List<String> steps = new ArrayList<>();
        for (JsonNode step : history) {
            steps.add(step.path("kind").asText() + " " + step.path("status").asText() + " " + step.path("byAdmin").asBoolean()
                    + " " + step.path("reason").asText(null));
        }
        assertThat(steps).containsExactly(
                "SUBMITTED REQUESTED false null",
                "APPROVED ACTIVE true null",
                "SUSPENDED SUSPENDED true Convention en cours de renouvellement",
                "RESUMED ACTIVE true null",
                "CHANGED ACTIVE true null",
                "REVOKED REVOKED false revoked by its owner");
        Instant previous = before;
        for (JsonNode step : history) {
            Instant at = Instant.parse(step.path("at").asText());
            assertThat(at).isAfterOrEqualTo(previous.minusMillis(1));
            previous = at;
            assertThat(step.path("person").isNull()).as("a token, not a person").isTrue();
        }
        assertThat(ServiceDatabase.value("SELECT count(*) FROM flux_event WHERE flux_id = ?", flux)).isEqualTo(6L);
        // the admin reads it too
        as(admin).get(path + "/history").then().statusCode(200);
    }

    @Test
    void anotherPartnerAndAMalformedIdGetNotFound() {
        Api.Partner owner = Api.newPartner(admin, "Conservatoire de l'historique");
        Api.Partner other = Api.newPartner(admin, "Atlas voisin");
        UUID flux = Api.createFlux(owner.token(), Api.fluxBody());
        as(other.token()).get("/api/v1/fluxes/" + flux + "/history").then().statusCode(404);
        as(owner.token()).get("/api/v1/fluxes/" + UUID.randomUUID() + "/history").then().statusCode(404);
        // a malformed id names nothing, as everywhere in the API (Ids)
        as(owner.token()).get("/api/v1/fluxes/not-an-id/history").then().statusCode(404);
        as(owner.token()).get("/api/v1/fluxes/" + flux + "/history").then().statusCode(200);
    }
}
