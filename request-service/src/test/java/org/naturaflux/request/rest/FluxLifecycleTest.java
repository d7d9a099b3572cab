package org.naturaflux.request.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.naturaflux.request.Api.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.request.Api;
import org.naturaflux.request.KafkaProbe;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.StackResource;
import org.naturaflux.request.Storage;

/**
 * A flux from submission to revocation, through approval, its first scheduled run and the worker's
 * events, with what is stored checked in the database and what is published read from the topic.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class)
class FluxLifecycleTest {

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "naturaflux.topics.commands")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-events.topic")
    String eventsTopic;

    @Test
    void registersAPartnerWhoseTokenIsStoredOnlyAsItsSha256() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Parc naturel régional");

        assertThat(partner.token()).startsWith("nf_").hasSize(3 + 43);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(partner.token().getBytes(StandardCharsets.UTF_8));
        assertThat((byte[]) ServiceDatabase.value("SELECT token_hash FROM api_token WHERE id = ?", partner.tokenId()))
                .isEqualTo(expected);
        Object[] row = ServiceDatabase.query("SELECT p::text, t::text FROM partner p JOIN api_token t ON t.partner_id = p.id"
                + " WHERE p.id = ?", partner.id()).get(0);
        assertThat((String) row[0]).doesNotContain(partner.token().substring(3));
        assertThat((String) row[1]).doesNotContain(partner.token().substring(3));

        as(admin).get("/api/v1/partners/" + partner.id()).then().statusCode(200)
                .body("name", is("Parc naturel régional"))
                .body("contact.email", is("camille@example.org"))
                .body("tokens.id", hasItem(partner.tokenId().toString()))
                .body("tokens[0].token", nullValue());
    }

    @Test
    void listsTheFieldCatalogueAsBundled() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Atlas communal");
        JsonNode bundled;
        try (InputStream in = getClass().getResourceAsStream("/org/naturaflux/model/field/field-catalogue.json")) {
            bundled = Api.JSON.readTree(in).get("fields");
        }
        List<String> codes = new ArrayList<>();
        List<String> basic = new ArrayList<>();
        bundled.forEach(f -> {
            codes.add(f.get("code").asText());
            if (f.path("basic").asBoolean()) {
                basic.add(f.get("code").asText());
            }
        });

        Response response = as(partner.token()).get("/api/v1/fields");
        response.then().statusCode(200);
        assertThat(response.jsonPath().getList("code", String.class)).isEqualTo(codes);
        assertThat(response.jsonPath().getList("findAll { it.basic }.code", String.class)).isEqualTo(basic);
        assertThat(response.jsonPath().getBoolean("find { it.code == 'niveau_sensibilite' }.mandatory")).isTrue();
        assertThat(response.jsonPath().getString("find { it.code == 'nom_valide' }.label")).isNotBlank();
    }

    @Test
    void goesFromRequestToRevocation() {
        Api.Partner partner = Api.newPartner(admin, "Réserve des Coteaux");
        ObjectNode body = Api.fluxBody();
        body.putObject("territory").put("description", "les communes riveraines de la réserve");
        body.putArray("fields").add("basic").add("-observateurs").add("+nom_lieu");

        Response created = as(partner.token()).body(body.toString()).post("/api/v1/fluxes");
        created.then().statusCode(201).body("status", is("REQUESTED")).body("estimatedCount", nullValue())
                .header("Location", containsString("/api/v1/fluxes/"));
        UUID fluxId = UUID.fromString(created.path("id"));

        as(partner.token()).get("/api/v1/fluxes/" + fluxId).then().statusCode(200)
                .body("status", is("REQUESTED"))
                .body("partnerId", is(partner.id().toString()))
                .body("territory.description", is("les communes riveraines de la réserve"))
                .body("fields", equalTo(List.of("basic", "-observateurs", "+nom_lieu")))
                .body("resolvedFields", hasItem("niveau_sensibilite"))
                .body("resolvedFields", hasItem("nom_lieu"))
                .body("periodicity", is("P1M"));
        assertThat(as(partner.token()).get("/api/v1/fluxes/" + fluxId).jsonPath().getList("resolvedFields", String.class))
                .doesNotContain("observateurs");

        as(partner.token()).post("/api/v1/fluxes/" + fluxId + "/approve").then().statusCode(403);
        as(admin).post("/api/v1/fluxes/" + fluxId + "/approve").then().statusCode(409)
                .body("violations[0].path", is("/territory"));

        as(admin).body(Map.of("territory", Map.of("areas", List.of(Map.of("type", "COM", "code", "75056")))))
                .patch("/api/v1/fluxes/" + fluxId).then().statusCode(200)
                .body("territory.areas[0].code", is("75056"))
                .body("estimatedCount", notNullValue())
                .body("structure", is("Réserve naturelle des Coteaux"));

        as(admin).post("/api/v1/fluxes/" + fluxId + "/approve").then().statusCode(200)
                .body("status", is("ACTIVE")).body("nextRunAt", notNullValue());
        assertThat(ServiceDatabase.value("SELECT status FROM flux WHERE id = ?", fluxId)).isEqualTo("ACTIVE");

        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            ExportCommand command = probe.awaitCommand(Duration.ofSeconds(30), c -> c.fluxId().equals(fluxId));
            assertThat(command.partnerId()).isEqualTo(partner.id());
            assertThat(command.attempt()).isEqualTo(1);
            assertThat(command.spec().territory()).isEqualTo(new Territory.Areas(
                    List.of(new org.naturaflux.model.spec.AreaRef("COM", "75056"))));
            assertThat(command.spec().fields()).contains("niveau_sensibilite", "nom_lieu").doesNotContain("observateurs");
            assertThat(probe.poll(Duration.ZERO)).filteredOn(r -> r.key().equals(fluxId.toString())).hasSize(1);
            assertThat(ServiceDatabase.value("SELECT origin FROM run WHERE id = ?", command.runId())).isEqualTo("SCHEDULED");

            as(partner.token()).get("/api/v1/runs/" + command.runId()).then().statusCode(200)
                    .body("status", is("QUEUED")).body("attempt", is(1)).body("fluxId", is(fluxId.toString()));

            probe.send(KafkaProbe.event(command, 1, RunEventType.STARTED, null, null, null));
            probe.send(KafkaProbe.event(command, 1, RunEventType.PROGRESS, null, null, null));
            Api.await("RUNNING", Duration.ofSeconds(20),
                    () -> as(partner.token()).get("/api/v1/runs/" + command.runId()).jsonPath(),
                    json -> "RUNNING".equals(json.getString("status")) && Integer.valueOf(10).equals(json.get("progress.rows")));

            RunCounts counts = new RunCounts(8, 3, 2, Map.of(DiffusionLevel.PRECISE, 5L, DiffusionLevel.COMMUNE, 3L,
                    DiffusionLevel.WITHHELD, 2L), Map.of("SENSITIVITY", 2L));
            List<Artifact> artifacts = List.of(
                    new Artifact("csv", Storage.key(fluxId, command.runId(), "observations.csv"), 1234, "ab".repeat(32)),
                    new Artifact("manifest", Storage.key(fluxId, command.runId(), "manifest.json"), 456, "cd".repeat(32)));
            probe.send(KafkaProbe.event(command, 1, RunEventType.SUCCEEDED, counts, artifacts, null));
            Api.await("SUCCEEDED", Duration.ofSeconds(20),
                    () -> as(partner.token()).get("/api/v1/runs/" + command.runId()).jsonPath().getString("status"),
                    "SUCCEEDED"::equals);
            // duplicates and a late failure of the same attempt change nothing
            probe.send(KafkaProbe.event(command, 1, RunEventType.SUCCEEDED, RunCounts.empty(), List.of(), null));
            probe.send(KafkaProbe.event(command, 1, RunEventType.FAILED, null, null, "late failure"));

            Response manual = as(partner.token()).post("/api/v1/fluxes/" + fluxId + "/runs");
            manual.then().statusCode(202).header("Location", containsString("/api/v1/runs/"));
            UUID manualRun = UUID.fromString(manual.path("runId"));
            ExportCommand second = probe.awaitCommand(Duration.ofSeconds(30), c -> c.runId().equals(manualRun));
            // same flux, same partition: once this event is applied, the ones before it were too
            probe.send(KafkaProbe.event(second, 1, RunEventType.STARTED, null, null, null));
            Api.await("manual run RUNNING", Duration.ofSeconds(20),
                    () -> as(partner.token()).get("/api/v1/runs/" + manualRun).jsonPath().getString("status"),
                    "RUNNING"::equals);
        }

        UUID firstRun = UUID.fromString((String) ServiceDatabase.value(
                "SELECT id::text FROM run WHERE flux_id = ? AND origin = 'SCHEDULED'", fluxId));
        as(partner.token()).get("/api/v1/runs/" + firstRun).then().statusCode(200)
                .body("status", is("SUCCEEDED"))
                .body("counts.exported", is(8)).body("counts.degraded", is(3)).body("counts.withheld", is(2))
                .body("counts.byLevel.COMMUNE", is(3))
                .body("artifacts.format", equalTo(List.of("csv", "manifest")))
                .body("artifacts[0].bytes", is(1234))
                .body("artifacts[0].key", nullValue())
                .body("error", nullValue());
        as(partner.token()).get("/api/v1/fluxes/" + fluxId + "/runs").then().statusCode(200)
                .body("size()", is(2)).body("[0].origin", is("MANUAL")).body("[1].origin", is("SCHEDULED"));
        as(partner.token()).post("/api/v1/fluxes/" + fluxId + "/runs").then().statusCode(409);

        as(admin).body(Map.of("reason", "maintenance")).post("/api/v1/fluxes/" + fluxId + "/suspend").then()
                .statusCode(200).body("status", is("SUSPENDED")).body("statusReason", is("maintenance"))
                .body("nextRunAt", nullValue());
        as(admin).post("/api/v1/fluxes/" + fluxId + "/suspend").then().statusCode(409);
        as(admin).post("/api/v1/fluxes/" + fluxId + "/resume").then().statusCode(200).body("status", is("ACTIVE"));
        as(admin).post("/api/v1/fluxes/" + fluxId + "/reject").then().statusCode(409);

        as(partner.token()).delete("/api/v1/fluxes/" + fluxId).then().statusCode(204);
        as(partner.token()).get("/api/v1/fluxes/" + fluxId).then().statusCode(200).body("status", is("REVOKED"));
        as(partner.token()).delete("/api/v1/fluxes/" + fluxId).then().statusCode(204);
        as(admin).post("/api/v1/fluxes/" + fluxId + "/resume").then().statusCode(409);
    }

    /** Without change-driven runs on the platform, running every change-driven flux again is refused, not ignored. */
    @Test
    void runningTheChangeDrivenFluxesAgainIsAConflictWhenChangesAreOff() {
        as(admin).post("/api/v1/fluxes/change-driven/runs").then().statusCode(409)
                .body("error", org.hamcrest.Matchers.containsString("naturaflux.changes.enabled"));
    }

    @Test
    void anAdminSubmitsForAPartnerAndRejects() {
        Api.Partner partner = Api.newPartner(admin, "Bureau d'études");
        ObjectNode body = Api.fluxBody().put("partnerId", partner.id().toString());

        Response created = as(admin).body(body.toString()).post("/api/v1/fluxes");
        created.then().statusCode(201).body("status", is("REQUESTED")).body("estimatedCount", notNullValue());
        UUID fluxId = UUID.fromString(created.path("id"));
        assertThat(ServiceDatabase.value("SELECT partner_id FROM flux WHERE id = ?", fluxId)).isEqualTo(partner.id());

        as(admin).body(Map.of("reason", "territoire hors région")).post("/api/v1/fluxes/" + fluxId + "/reject").then()
                .statusCode(200).body("status", is("REJECTED")).body("statusReason", is("territoire hors région"));
        as(admin).post("/api/v1/fluxes/" + fluxId + "/approve").then().statusCode(409);
        as(admin).get("/api/v1/fluxes?status=REJECTED&partnerId=" + partner.id()).then().statusCode(200)
                .body("id", equalTo(List.of(fluxId.toString())));
    }
}
