package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
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

/**
 * Access follows the flux's state: files are served only while the flux is ACTIVE and only for runs of
 * its current definition; a worker's reported files are accepted only in the run's own folder; a
 * partner sees a run's error as a category and a reference; the audited expiry of a URL is the one S3
 * enforces. The URL TTL is set above S3's seven-day limit so that the limit applies.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class, initArgs = {@ResourceArg(name = "naturaflux.s3.url-ttl", value = "P8D")})
class AccessFollowsFluxStateTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "naturaflux.topics.commands")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-events.topic")
    String eventsTopic;

    @Test
    void aSuspendedFluxServesNoFileUntilResumedEvenOfARunThatEndedMeanwhile() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Suspended partner");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
        try (KafkaProbe probe = probe(); Storage storage = new Storage()) {
            ExportCommand command = probe.awaitCommand(WAIT, c -> c.fluxId().equals(flux));
            as(admin).body(Map.of("reason", "partner under review")).post("/api/v1/fluxes/" + flux + "/suspend").then()
                    .statusCode(200);
            // the run in flight ends during the suspension: recorded...
            succeed(probe, storage, command);
            awaitStatus(command.runId(), "SUCCEEDED");
            // ...but not served, by run or as the latest, to the partner or the admin
            for (String token : List.of(partner.token(), admin)) {
                as(token).accept("application/json").get("/api/v1/runs/" + command.runId() + "/artifacts/csv").then()
                        .statusCode(409).body("error", containsString("suspended"));
                as(token).accept("application/json").get("/api/v1/fluxes/" + flux + "/exports/latest/csv").then()
                        .statusCode(409).body("error", containsString("resumed"));
            }
            assertThat(ServiceDatabase.value("SELECT count(*) FROM download_audit WHERE flux_id = ?", flux)).isEqualTo(0L);

            as(admin).post("/api/v1/fluxes/" + flux + "/resume").then().statusCode(200);
            as(partner.token()).accept("application/json").get("/api/v1/runs/" + command.runId() + "/artifacts/csv")
                    .then().statusCode(200);
            as(partner.token()).accept("application/json").get("/api/v1/fluxes/" + flux + "/exports/latest/csv").then()
                    .statusCode(200).body("url", containsString(command.runId().toString()));
        }
    }

    @Test
    void rejectedAndRevokedFluxesServeNoFile() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Refused partner");
        UUID rejected = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + rejected + "/reject").then().statusCode(200);
        as(partner.token()).accept("application/json").get("/api/v1/fluxes/" + rejected + "/exports/latest/csv").then()
                .statusCode(410).body("error", is("flux " + rejected + " was rejected: it has no files to serve"));

        UUID revoked = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + revoked + "/approve").then().statusCode(200);
        try (KafkaProbe probe = probe(); Storage storage = new Storage()) {
            ExportCommand command = probe.awaitCommand(WAIT, c -> c.fluxId().equals(revoked));
            succeed(probe, storage, command);
            awaitStatus(command.runId(), "SUCCEEDED");
            as(partner.token()).delete("/api/v1/fluxes/" + revoked).then().statusCode(204);
            as(admin).accept("application/json").get("/api/v1/runs/" + command.runId() + "/artifacts/csv").then()
                    .statusCode(410).body("error", containsString("revoked"));
            as(admin).accept("application/json").get("/api/v1/fluxes/" + revoked + "/exports/latest/csv").then()
                    .statusCode(410);
        }
    }

    @Test
    void aChangeOfWhatIsExportedWithdrawsTheFilesOfEarlierRuns() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Narrowed partner");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
        try (KafkaProbe probe = probe(); Storage storage = new Storage()) {
            ExportCommand wide = probe.awaitCommand(WAIT, c -> c.fluxId().equals(flux));
            succeed(probe, storage, wide);
            awaitStatus(wide.runId(), "SUCCEEDED");
            String wideFile = "/api/v1/runs/" + wide.runId() + "/artifacts/csv";
            as(partner.token()).accept("application/json").get(wideFile).then().statusCode(200);

            // a change of the contact is no change of what is exported
            as(admin).body(Map.of("contact", Map.of("name", "Alex Durand", "email", "alex.durand@example.org")))
                    .patch("/api/v1/fluxes/" + flux).then().statusCode(200);
            as(partner.token()).accept("application/json").get(wideFile).then().statusCode(200);

            // narrowed to half the territory: the wider run's files are no longer served
            as(admin).body(Map.of("territory", Map.of("wkt",
                            "POLYGON ((2.30 48.83, 2.35 48.83, 2.35 48.89, 2.30 48.89, 2.30 48.83))")))
                    .patch("/api/v1/fluxes/" + flux).then().statusCode(200);
            as(partner.token()).accept("application/json").get(wideFile).then().statusCode(410)
                    .body("error", containsString("earlier definition"));
            as(partner.token()).get("/api/v1/fluxes/" + flux).then().statusCode(200).body("definitionVersion", is(2));
            as(partner.token()).accept("application/json").get("/api/v1/fluxes/" + flux + "/exports/latest/csv").then()
                    .statusCode(404);
            as(partner.token()).get("/api/v1/runs/" + wide.runId()).then().statusCode(200).body("definitionVersion", is(1));

            // the new definition is due at once; its run is served
            ExportCommand narrow = probe.awaitCommand(WAIT, c -> c.fluxId().equals(flux) && !c.runId().equals(wide.runId()));
            assertThat(narrow.spec().territory().toString()).contains("2.35");
            succeed(probe, storage, narrow);
            awaitStatus(narrow.runId(), "SUCCEEDED");
            as(partner.token()).accept("application/json").get("/api/v1/fluxes/" + flux + "/exports/latest/csv").then()
                    .statusCode(200).body("url", containsString(narrow.runId().toString()));
            as(partner.token()).get("/api/v1/runs/" + narrow.runId()).then().statusCode(200).body("definitionVersion", is(2));
        }
    }

    @Test
    void filesReportedOutsideTheRunsFolderFailTheRun() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Misreported partner");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        Api.Partner other = Api.newPartner(admin, "Other partner");
        UUID otherFlux = Api.createFlux(other.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
        try (KafkaProbe probe = probe()) {
            ExportCommand command = probe.awaitCommand(WAIT, c -> c.fluxId().equals(flux));
            String own = Storage.key(flux, command.runId(), "manifest.json");
            String othersFile = Storage.key(otherFlux, UUID.randomUUID(), "observations.csv");
            probe.send(KafkaProbe.event(command, 1, RunEventType.SUCCEEDED, RunCounts.empty(), List.of(
                    new Artifact("csv", othersFile, 10, "00"), new Artifact("manifest", own, 2, "00")), null));
            awaitStatus(command.runId(), "FAILED");

            JsonPath seenByAdmin = as(admin).get("/api/v1/runs/" + command.runId()).then().statusCode(200).extract()
                    .jsonPath();
            assertThat(seenByAdmin.getString("errorCategory")).isEqualTo("RESULT_REFUSED");
            assertThat(seenByAdmin.getString("error")).contains(othersFile).doesNotContain(own);
            assertThat(seenByAdmin.getList("artifacts")).isEmpty();
            as(partner.token()).accept("application/json").get("/api/v1/runs/" + command.runId() + "/artifacts/csv")
                    .then().statusCode(409);

            // the folder is the layout's under the configured key prefix: the right path without it is not
            as(admin).post("/api/v1/fluxes/" + flux + "/runs").then().statusCode(202);
            ExportCommand second = probe.awaitCommand(WAIT, c -> c.fluxId().equals(flux)
                    && !c.runId().equals(command.runId()));
            String unprefixed = "fluxes/" + flux + "/runs/" + second.runId() + "/observations.csv";
            assertThat(Storage.key(flux, second.runId(), "observations.csv")).isNotEqualTo(unprefixed).endsWith(unprefixed);
            probe.send(KafkaProbe.event(second, 1, RunEventType.SUCCEEDED, RunCounts.empty(),
                    List.of(new Artifact("csv", unprefixed, 10, "00")), null));
            awaitStatus(second.runId(), "FAILED");
        }
    }

    @Test
    void aPartnerSeesARunErrorAsACategoryAndAReferenceOnly() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Curious partner");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
        String raw = "source database unavailable: FATAL: password authentication failed for user \"naturaflux_reader\""
                + " (connection to server at \"pg-geonature.internal\" (10.4.2.17), port 5432 failed)";
        try (KafkaProbe probe = probe()) {
            ExportCommand command = probe.awaitCommand(WAIT, c -> c.fluxId().equals(flux));
            probe.send(KafkaProbe.event(command, 1, RunEventType.FAILED, null, List.of(), raw));
            awaitStatus(command.runId(), "FAILED");

            String shown = as(partner.token()).get("/api/v1/runs/" + command.runId()).then().statusCode(200).extract()
                    .asString();
            assertThat(shown).doesNotContain("pg-geonature").doesNotContain("10.4.2.17").doesNotContain("naturaflux_reader");
            JsonPath byPartner = JsonPath.from(shown);
            String reference = byPartner.getString("errorReference");
            assertThat(reference).matches("[0-9a-f]{12}");
            assertThat(byPartner.getString("errorCategory")).isEqualTo("EXPORT_FAILED");
            assertThat(byPartner.getString("error")).isEqualTo("the export failed (reference " + reference + ")");
            String listed = as(partner.token()).get("/api/v1/fluxes/" + flux + "/runs").then().statusCode(200).extract()
                    .asString();
            assertThat(listed).contains(reference).doesNotContain("pg-geonature").doesNotContain("10.4.2.17")
                    .doesNotContain("naturaflux_reader");

            JsonPath byAdmin = as(admin).get("/api/v1/runs/" + command.runId()).then().statusCode(200).extract().jsonPath();
            assertThat(byAdmin.getString("error")).isEqualTo(raw);
            assertThat(byAdmin.getString("errorReference")).isEqualTo(reference);
            assertThat(ServiceDatabase.value("SELECT error_reference FROM run WHERE id = ?", command.runId()))
                    .isEqualTo(reference);
        }
    }

    @Test
    void theAuditedExpiryIsTheOneS3EnforcesWithItsSevenDayLimit() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Patient partner");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
        try (KafkaProbe probe = probe(); Storage storage = new Storage()) {
            ExportCommand command = probe.awaitCommand(WAIT, c -> c.fluxId().equals(flux));
            succeed(probe, storage, command);
            awaitStatus(command.runId(), "SUCCEEDED");
        }
        Response json = as(partner.token()).accept("application/json").get("/api/v1/fluxes/" + flux + "/exports/latest/csv");
        json.then().statusCode(200);
        // the oracle: what the URL itself tells S3 (signing time + validity)
        Map<String, String> query = Arrays.stream(URI.create(json.path("url")).getRawQuery().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertThat(query.get("X-Amz-Expires")).isEqualTo(String.valueOf(Duration.ofDays(7).toSeconds()));
        Instant enforced = LocalDateTime.parse(query.get("X-Amz-Date"), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(ZoneOffset.UTC).plusSeconds(Long.parseLong(query.get("X-Amz-Expires")));

        assertThat(Instant.parse(json.path("expiresAt"))).isEqualTo(enforced);
        OffsetDateTime audited = (OffsetDateTime) ServiceDatabase.value(
                "SELECT expires_at FROM download_audit WHERE flux_id = ?", flux);
        assertThat(audited.toInstant()).isEqualTo(enforced);
    }

    private KafkaProbe probe() {
        return new KafkaProbe(bootstrap, commandsTopic, eventsTopic);
    }

    /** As a worker: writes the run's files where the layout puts them, then reports them. */
    private static void succeed(KafkaProbe probe, Storage storage, ExportCommand command) {
        String csv = storage.runKey(command.fluxId(), command.runId(), "observations.csv");
        String manifest = storage.runKey(command.fluxId(), command.runId(), "manifest.json");
        storage.put(csv, "a;b\n".getBytes(StandardCharsets.UTF_8));
        storage.put(manifest, "{}".getBytes(StandardCharsets.UTF_8));
        probe.send(KafkaProbe.event(command, 1, RunEventType.SUCCEEDED, RunCounts.empty(),
                List.of(new Artifact("csv", csv, 4, "00"), new Artifact("manifest", manifest, 2, "00")), null));
    }

    private static void awaitStatus(UUID run, String status) {
        Api.await(status, WAIT, () -> ServiceDatabase.value("SELECT status FROM run WHERE id = ?", run), status::equals);
    }
}
