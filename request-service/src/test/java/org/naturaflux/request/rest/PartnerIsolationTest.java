package org.naturaflux.request.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.request.Api;
import org.naturaflux.request.KafkaProbe;
import org.naturaflux.request.StackResource;
import org.naturaflux.request.Storage;

/**
 * Tokens and isolation: who may call what. A partner reaches only its own fluxes, runs and files
 * (others' answer 404, as if they did not exist); admin endpoints answer 403 to partners; a missing,
 * unknown or revoked token answers 401; rotated tokens work side by side until revoked.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class)
class PartnerIsolationTest {

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "naturaflux.topics.commands")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-events.topic")
    String eventsTopic;

    @Test
    void aPartnerSeesOnlyItsOwnFluxesRunsAndFiles() {
        Api.Partner alice = Api.newPartner(admin, "Alice");
        Api.Partner bob = Api.newPartner(admin, "Bob");
        UUID aliceFlux = Api.createFlux(alice.token(), Api.fluxBody());
        UUID bobFlux = Api.createFlux(bob.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + aliceFlux + "/approve").then().statusCode(200);

        UUID aliceRun;
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            ExportCommand command = probe.awaitCommand(Duration.ofSeconds(30), c -> c.fluxId().equals(aliceFlux));
            aliceRun = command.runId();
            probe.send(KafkaProbe.event(command, 1, RunEventType.SUCCEEDED, RunCounts.empty(),
                    List.of(new Artifact("csv", Storage.key(aliceFlux, aliceRun, "observations.csv"), 1, "00")), null));
        }
        Api.await("run SUCCEEDED", Duration.ofSeconds(20),
                () -> as(alice.token()).get("/api/v1/runs/" + aliceRun).jsonPath().getString("status"), "SUCCEEDED"::equals);

        // Bob: Alice's things do not exist
        as(bob.token()).get("/api/v1/fluxes/" + aliceFlux).then().statusCode(404).body("status", is(404));
        as(bob.token()).get("/api/v1/fluxes/" + aliceFlux + "/runs").then().statusCode(404);
        as(bob.token()).post("/api/v1/fluxes/" + aliceFlux + "/runs").then().statusCode(404);
        as(bob.token()).delete("/api/v1/fluxes/" + aliceFlux).then().statusCode(404);
        as(bob.token()).get("/api/v1/runs/" + aliceRun).then().statusCode(404);
        as(bob.token()).get("/api/v1/runs/" + aliceRun + "/artifacts/csv").then().statusCode(404);
        as(bob.token()).get("/api/v1/fluxes/" + aliceFlux + "/exports/latest/csv").then().statusCode(404);
        assertThat(as(bob.token()).get("/api/v1/fluxes").jsonPath().getList("id", String.class))
                .containsExactly(bobFlux.toString());
        // even asking for Alice's list by her id gives Bob his own
        assertThat(as(bob.token()).get("/api/v1/fluxes?partnerId=" + alice.id()).jsonPath().getList("id", String.class))
                .containsExactly(bobFlux.toString());
        as(alice.token()).get("/api/v1/fluxes/" + aliceFlux).then().statusCode(200);
        as(alice.token()).get("/api/v1/runs/" + aliceRun).then().statusCode(200);

        // the admin sees both
        List<String> all = as(admin).get("/api/v1/fluxes").jsonPath().getList("id", String.class);
        assertThat(all).contains(aliceFlux.toString(), bobFlux.toString());
        as(admin).get("/api/v1/runs/" + aliceRun).then().statusCode(200);
    }

    @Test
    void adminEndpointsAnswer403ToPartners() {
        Api.Partner partner = Api.newPartner(admin, "Curious partner");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        String token = partner.token();
        as(token).body(Map.of("name", "x", "contact", Map.of("name", "y", "email", "y@example.org")))
                .post("/api/v1/partners").then().statusCode(403).body("status", is(403));
        as(token).get("/api/v1/partners").then().statusCode(403);
        // its own tokens are its own business (SelfServiceTokensTest); another partner's answer 404
        Api.Partner other = Api.newPartner(admin, "Other partner");
        as(token).post("/api/v1/partners/" + other.id() + "/tokens").then().statusCode(404);
        as(token).delete("/api/v1/partners/" + other.id() + "/tokens/" + other.tokenId()).then().statusCode(404);
        for (String action : List.of("approve", "reject", "suspend", "resume")) {
            as(token).post("/api/v1/fluxes/" + flux + "/" + action).then().statusCode(403);
        }
        as(token).body(Map.of("periodicity", "P1D")).patch("/api/v1/fluxes/" + flux).then().statusCode(403);
    }

    @Test
    void missingOrUnknownTokensAnswer401() {
        given().get("/api/v1/fields").then().statusCode(401).header("WWW-Authenticate", is("Bearer realm=\"naturaflux\""))
                .body("error", org.hamcrest.Matchers.containsString("bearer token is required"));
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/fields").then().statusCode(401);
        given().header("Authorization", "Bearer ").get("/api/v1/fields").then().statusCode(401);
        as("nf_" + "A".repeat(43)).get("/api/v1/fields").then().statusCode(401).body("error", is("invalid or revoked token"));
        as(admin + "x").get("/api/v1/partners").then().statusCode(401);
        as("not-a-token").get("/api/v1/fields").then().statusCode(401);
        given().get(Api.management("/q/health/ready")).then().statusCode(200);
    }

    @Test
    void tokensRotateAndRevokeAtOnce() {
        Api.Partner partner = Api.newPartner(admin, "Rotating partner");
        Response issued = as(admin).post("/api/v1/partners/" + partner.id() + "/tokens");
        issued.then().statusCode(201).body("partnerId", is(partner.id().toString()));
        String second = issued.path("token");
        UUID secondId = UUID.fromString(issued.path("id"));
        assertThat(second).isNotEqualTo(partner.token()).startsWith("nf_");

        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        as(second).get("/api/v1/fluxes/" + flux).then().statusCode(200);
        as(partner.token()).get("/api/v1/fluxes/" + flux).then().statusCode(200);

        as(admin).delete("/api/v1/partners/" + partner.id() + "/tokens/" + partner.tokenId()).then().statusCode(204);
        as(partner.token()).get("/api/v1/fluxes/" + flux).then().statusCode(401);
        as(second).get("/api/v1/fluxes/" + flux).then().statusCode(200);
        as(admin).delete("/api/v1/partners/" + partner.id() + "/tokens/" + partner.tokenId()).then().statusCode(204);
        as(admin).get("/api/v1/partners/" + partner.id()).then().statusCode(200)
                .body("tokens.find { it.id == '" + partner.tokenId() + "' }.revoked", is(true))
                .body("tokens.find { it.id == '" + secondId + "' }.revoked", is(false));

        Api.Partner other = Api.newPartner(admin, "Other partner");
        as(admin).delete("/api/v1/partners/" + other.id() + "/tokens/" + secondId).then().statusCode(404);
        as(admin).delete("/api/v1/partners/" + UUID.randomUUID() + "/tokens/" + secondId).then().statusCode(404);
        as(admin).post("/api/v1/partners/" + UUID.randomUUID() + "/tokens").then().statusCode(404);
        as(admin).post("/api/v1/partners/not-an-id/tokens").then().statusCode(404);
    }

    @Test
    void partnerRegistrationIsValidated() {
        Response missing = as(admin).body(Map.of("name", " ")).post("/api/v1/partners");
        missing.then().statusCode(400);
        assertThat(missing.jsonPath().getList("violations.path", String.class)).contains("/name", "/contact");
        Response badEmail = as(admin).body(Map.of("name", "X", "contact", Map.of("name", "Y", "email", "nope")))
                .post("/api/v1/partners");
        badEmail.then().statusCode(400).body("violations[0].path", is("/contact/email"));
        as(admin).body(Map.of("name", "X", "colour", "red")).post("/api/v1/partners").then().statusCode(400)
                .body("violations[0].path", is("/colour"));
        as(admin).body(Map.of("name", 5, "contact", List.of())).post("/api/v1/partners").then().statusCode(400);
        as(admin).body("{\"name\": ").post("/api/v1/partners").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("malformed JSON"));
    }
}
