package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.request.Api;
import org.naturaflux.request.KafkaProbe;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.StackResource;
import org.naturaflux.request.Storage;
import org.naturaflux.testkit.Eventually;

/**
 * Retention (30 days by default): a run that succeeded longer ago loses its files in storage and
 * becomes FILE_ERASED (its URLs answer 410); a recent run keeps its files.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class)
class RetentionTest {

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "naturaflux.topics.commands")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-events.topic")
    String eventsTopic;
    @ConfigProperty(name = "naturaflux.s3.retention")
    Duration retention;

    @Test
    void erasesTheFilesOfRunsPastRetentionOnly() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Forgetful partner");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);

        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic); Storage storage = new Storage()) {
            ExportCommand old = probe.awaitCommand(Duration.ofSeconds(30), c -> c.fluxId().equals(flux));
            List<String> oldKeys = succeed(probe, storage, old);
            // the first run finished 31 days ago
            ServiceDatabase.update("UPDATE run SET finished_at = now() - interval '31 days' WHERE id = ?", old.runId());

            as(admin).post("/api/v1/fluxes/" + flux + "/runs").then().statusCode(202);
            ExportCommand recent = probe.awaitCommand(Duration.ofSeconds(30),
                    c -> c.fluxId().equals(flux) && !c.runId().equals(old.runId()));
            List<String> recentKeys = succeed(probe, storage, recent);

            Api.await("FILE_ERASED", Duration.ofSeconds(30),
                    () -> as(partner.token()).get("/api/v1/runs/" + old.runId()).jsonPath().getString("status"),
                    "FILE_ERASED"::equals);
            for (String key : oldKeys) {
                assertThat(storage.exists(key)).as(key).isFalse();
            }
            // and the recent run's files stay, through further retention passes
            Eventually.within(Duration.ofSeconds(10), "the recent run's files kept").during(Duration.ofSeconds(2)).untilAsserted(() -> {
                for (String key : recentKeys) {
                    assertThat(storage.exists(key)).as(key).isTrue();
                }
            });
            as(partner.token()).get("/api/v1/runs/" + recent.runId()).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.is("SUCCEEDED"));
            // the recent run tells when its files go: its recorded finish plus the configured retention
            OffsetDateTime finished = (OffsetDateTime) ServiceDatabase.value("SELECT finished_at FROM run WHERE id = ?",
                    recent.runId());
            assertThat(Instant.parse(as(partner.token()).get("/api/v1/runs/" + recent.runId()).jsonPath()
                    .getString("eraseAfter"))).isEqualTo(finished.toInstant().plus(retention));
            assertThat(Instant.parse(as(partner.token()).get("/api/v1/fluxes/" + flux + "/runs").jsonPath()
                    .getString("find { it.id == '" + recent.runId() + "' }.eraseAfter")))
                    .isEqualTo(finished.toInstant().plus(retention));
            as(partner.token()).get("/api/v1/runs/" + old.runId()).then().statusCode(200)
                    .body("erasedAt", org.hamcrest.Matchers.notNullValue())
                    .body("eraseAfter", org.hamcrest.Matchers.nullValue())
                    .body("artifacts.format", org.hamcrest.Matchers.hasItem("csv"));
            as(partner.token()).get("/api/v1/runs/" + old.runId() + "/artifacts/csv").then().statusCode(410);
            // the latest file is the recent run's
            as(partner.token()).accept("application/json").get("/api/v1/fluxes/" + flux + "/exports/latest/csv").then()
                    .statusCode(200).body("url", org.hamcrest.Matchers.containsString(recent.runId().toString()));
        }
    }

    @Test
    void aRunThatCannotBeErasedIsRecordedAndTheOthersAreStillErased() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Partner with a poisoned run");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
        // A run whose stored artifacts cannot be read, expired first: stored directly in the database.
        UUID poisoned = UUID.randomUUID();
        ServiceDatabase.update("INSERT INTO run (id, flux_id, origin, status, attempt, spec, artifacts, created_at,"
                + " finished_at) VALUES (?, ?, 'MANUAL', 'SUCCEEDED', 1, '{}', '[{\"format\": \"csv\", \"key\":',"
                + " now() - interval '40 days', now() - interval '40 days')", poisoned, flux);

        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic); Storage storage = new Storage()) {
            ExportCommand healthy = probe.awaitCommand(Duration.ofSeconds(30), c -> c.fluxId().equals(flux));
            List<String> keys = succeed(probe, storage, healthy);
            ServiceDatabase.update("UPDATE run SET finished_at = now() - interval '31 days' WHERE id = ?", healthy.runId());

            Api.await("the healthy run erased", Duration.ofSeconds(30),
                    () -> ServiceDatabase.value("SELECT status FROM run WHERE id = ?", healthy.runId()), "FILE_ERASED"::equals);
            for (String key : keys) {
                assertThat(storage.exists(key)).as(key).isFalse();
            }
        }
        // the poisoned run: kept, its failure on the run for the admin (not for the partner)
        String recorded = Api.await("the poisoned run's failure recorded", Duration.ofSeconds(30),
                () -> (String) ServiceDatabase.value("SELECT retention_error FROM run WHERE id = ?", poisoned),
                java.util.Objects::nonNull);
        assertThat(recorded).contains("not valid JSON");
        assertThat(ServiceDatabase.value("SELECT status FROM run WHERE id = ?", poisoned)).isEqualTo("SUCCEEDED");
        as(admin).get("/api/v1/fluxes/" + flux + "/runs").then().statusCode(200)
                .body("find { it.id == '" + poisoned + "' }.retentionError", org.hamcrest.Matchers.is(recorded));
        assertThat(as(partner.token()).get("/api/v1/fluxes/" + flux + "/runs").asString()).doesNotContain("not valid JSON");
    }

    @Test
    void erasesTheRunsOwnFolderNeverOneDerivedFromAReportedKey() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Partner with a misreported run");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic); Storage storage = new Storage()) {
            ExportCommand victim = probe.awaitCommand(Duration.ofSeconds(30), c -> c.fluxId().equals(flux));
            List<String> victimKeys = succeed(probe, storage, victim);

            // A run recorded before reported keys were checked, whose manifest was reported in the victim's
            // folder; its own folder holds a file.
            UUID legacy = UUID.randomUUID();
            String ownFile = storage.runKey(flux, legacy, "observations.csv");
            storage.put(ownFile, "a;b\n".getBytes(StandardCharsets.UTF_8));
            String victimManifest = storage.runKey(flux, victim.runId(), "manifest.json");
            String artifacts = org.naturaflux.model.message.MessageCodec.encodeToString(List.of(
                    new Artifact("csv", ownFile, 4, "00"), new Artifact("manifest", victimManifest, 2, "00")));
            ServiceDatabase.update("INSERT INTO run (id, flux_id, origin, status, attempt, spec, artifacts, created_at,"
                    + " finished_at) VALUES (?, ?, 'MANUAL', 'SUCCEEDED', 1, '{}', ?, now() - interval '40 days',"
                    + " now() - interval '40 days')", legacy, flux, artifacts);

            Api.await("the legacy run erased", Duration.ofSeconds(30),
                    () -> ServiceDatabase.value("SELECT status FROM run WHERE id = ?", legacy), "FILE_ERASED"::equals);
            assertThat(storage.exists(ownFile)).isFalse();
            for (String key : victimKeys) {
                assertThat(storage.exists(key)).as(key).isTrue();
            }
            assertThat((String) ServiceDatabase.value("SELECT retention_error FROM run WHERE id = ?", legacy))
                    .contains(victimManifest);
        }
    }

    private List<String> succeed(KafkaProbe probe, Storage storage, ExportCommand command) {
        // As the worker publishes: files in the execution's folder, the manifest at the run's key.
        String csv = storage.executionKey(command.fluxId(), command.runId(), "worker-1-0a1b2c3d", "observations.csv");
        String manifest = storage.runKey(command.fluxId(), command.runId(), "manifest.json");
        // An internal object the worker keeps with a run (a delta flux's record index), in no artifact.
        String index = storage.executionKey(command.fluxId(), command.runId(), "worker-1-0a1b2c3d", "observations_index.bin");
        storage.put(csv, "a;b\n".getBytes(StandardCharsets.UTF_8));
        storage.put(index, new byte[16]);
        storage.put(manifest, "{}".getBytes(StandardCharsets.UTF_8));
        probe.send(KafkaProbe.event(command, 1, RunEventType.SUCCEEDED, RunCounts.empty(),
                List.of(new Artifact("csv", csv, 4, "00"), new Artifact("manifest", manifest, 2, "00")), null));
        Api.await("SUCCEEDED", Duration.ofSeconds(20),
                () -> ServiceDatabase.value("SELECT status FROM run WHERE id = ?", command.runId()), "SUCCEEDED"::equals);
        return List.of(csv, index, manifest);
    }
}
