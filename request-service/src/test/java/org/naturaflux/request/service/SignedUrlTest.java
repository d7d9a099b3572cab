package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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
 * Downloads: a run's files come as short-lived presigned URLs (302, or JSON on request) that an HTTP
 * client follows to the bytes, until they expire (then S3 answers 403); every URL issued is recorded.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class, initArgs = {@ResourceArg(name = "naturaflux.s3.url-ttl", value = "PT2S")})
class SignedUrlTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "naturaflux.topics.commands")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-events.topic")
    String eventsTopic;

    @Test
    void issuesRecordedUrlsThatServeTheBytesUntilTheyExpire() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Downloading partner");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
        byte[] csv = "id_synthese;nom_valide\n1;Parus major\n".getBytes(StandardCharsets.UTF_8);
        byte[] manifest = "{\"counts\":{}}".getBytes(StandardCharsets.UTF_8);

        UUID run;
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic); Storage storage = new Storage()) {
            ExportCommand command = probe.awaitCommand(Duration.ofSeconds(30), c -> c.fluxId().equals(flux));
            run = command.runId();
            // as a worker of the earlier layout (files copied into the run's folder; such runs stay served):
            // write the files, then report them
            String csvKey = storage.runKey(flux, run, "observations.csv");
            String manifestKey = storage.runKey(flux, run, "manifest.json");
            storage.put(csvKey, csv);
            storage.put(manifestKey, manifest);
            as(partner.token()).accept("application/json").get("/api/v1/runs/" + run + "/artifacts/csv").then()
                    .statusCode(409);
            probe.send(KafkaProbe.event(command, 1, RunEventType.SUCCEEDED, RunCounts.empty(), List.of(
                    new Artifact("csv", csvKey, csv.length, sha256(csv)),
                    new Artifact("manifest", manifestKey, manifest.length, sha256(manifest))), null));
        }
        Api.await("SUCCEEDED", Duration.ofSeconds(20),
                () -> as(partner.token()).get("/api/v1/runs/" + run).jsonPath().getString("status"), "SUCCEEDED"::equals);

        Instant before = Instant.now();
        Response json = as(partner.token()).accept("application/json").get("/api/v1/runs/" + run + "/artifacts/csv");
        json.then().statusCode(200).body("url", containsString("X-Amz-Signature="));
        String url = json.path("url");
        Instant expiresAt = Instant.parse(json.path("expiresAt"));
        assertThat(expiresAt).isBetween(before.minusSeconds(1), before.plusSeconds(4));
        assertThat(URI.create(url).getPath()).endsWith("/observations.csv");

        HttpResponse<byte[]> fetched = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(csv);

        Response redirect = as(partner.token()).get("/api/v1/runs/" + run + "/artifacts/manifest");
        redirect.then().statusCode(302);
        HttpResponse<byte[]> followed = HTTP.send(HttpRequest.newBuilder(URI.create(redirect.header("Location"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(followed.body()).isEqualTo(manifest);

        Response latest = as(admin).get("/api/v1/fluxes/" + flux + "/exports/latest/csv");
        latest.then().statusCode(302);
        assertThat(URI.create(latest.header("Location")).getPath()).isEqualTo(URI.create(url).getPath());

        as(partner.token()).get("/api/v1/runs/" + run + "/artifacts/gpkg").then().statusCode(404)
                .body("error", containsString("csv, manifest"));

        // every URL issued, with who asked
        List<Object[]> audit = ServiceDatabase.query("SELECT format, caller_kind, partner_id, token_id, object_key,"
                + " expires_at > issued_at FROM download_audit WHERE run_id = ? ORDER BY id", run);
        assertThat(audit).hasSize(3);
        assertThat(audit.get(0)).containsExactly("csv", "PARTNER", partner.id(), partner.tokenId(),
                new Storage().runKey(flux, run, "observations.csv"), true);
        assertThat(audit.get(1)[0]).isEqualTo("manifest");
        assertThat(audit.get(2)[1]).isEqualTo("ADMIN");
        assertThat(audit.get(2)[2]).isNull();

        String metrics = io.restassured.RestAssured.get(Api.management("/q/metrics")).asString();
        assertThat(metrics).contains("naturaflux_download_urls_total{format=\"csv\"} 2.0")
                .contains("naturaflux_download_urls_total{format=\"manifest\"} 1.0");

        // expired: S3 refuses it
        HttpResponse<String> expired = Eventually.within(Duration.between(Instant.now(), expiresAt).plusSeconds(30),
                "S3 refusing the URL once expired at " + expiresAt).pollInterval(Duration.ofMillis(500))
                .until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()),
                        response -> response.statusCode() != 200);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).doesNotContain("Parus major");
    }

    /**
     * A scheduled client downloads the latest file only when it changed: ETag (the SHA-256) and
     * Last-Modified on every answer, 304 and no URL (nor record) for the copy it has, HEAD describing the
     * file without a URL; the URL makes S3 name the file for a person.
     */
    @Test
    void theLatestFileIsDownloadedAgainOnlyOnceItChanged() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Scripting partner");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
        byte[] first = "id_synthese;nom_valide\n1;Parus major\n".getBytes(StandardCharsets.UTF_8);
        byte[] second = "id_synthese;nom_valide\n1;Parus major\n2;Erithacus rubecula\n".getBytes(StandardCharsets.UTF_8);
        String latest = "/api/v1/fluxes/" + flux + "/exports/latest/csv";

        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic); Storage storage = new Storage()) {
            UUID run = succeed(probe, storage, probe.awaitCommand(Duration.ofSeconds(30), c -> c.fluxId().equals(flux)),
                    partner, first);
            OffsetDateTime finished = (OffsetDateTime) ServiceDatabase.value("SELECT finished_at FROM run WHERE id = ?", run);
            String etag = "\"" + sha256(first) + "\"";

            Response json = as(partner.token()).accept("application/json").get(latest);
            json.then().statusCode(200);
            assertThat(json.header("ETag")).isEqualTo(etag);
            assertThat(json.header("Last-Modified")).isEqualTo(DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
                    Locale.ENGLISH).format(finished.withOffsetSameInstant(ZoneOffset.UTC)));
            assertThat(json.header("Cache-Control")).isEqualTo("private, no-cache");
            // S3 serves it as an attachment named for a person (S3Proxy honours response-content-disposition)
            HttpResponse<byte[]> fetched = HTTP.send(HttpRequest.newBuilder(URI.create(json.path("url"))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).isEqualTo(first);
            String name = "Reserve-naturelle-des-Coteaux_" + flux.toString().substring(0, 8) + "_"
                    + finished.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate() + ".csv";
            assertThat(fetched.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                    assertThat(disposition).startsWith("attachment; filename=\"" + name + "\"; filename*=UTF-8''R%C3%A9serve-"));
            long issued = auditOf(flux);

            // the copy it has: 304, no URL, nothing recorded
            Response unchanged = as(partner.token()).header("If-None-Match", etag).get(latest);
            unchanged.then().statusCode(304);
            assertThat(unchanged.header("Location")).isNull();
            assertThat(unchanged.header("ETag")).isEqualTo(etag);
            as(partner.token()).header("If-None-Match", "W/" + etag).accept("application/json").get(latest).then()
                    .statusCode(304);

            // HEAD: size, checksum and name, no URL
            Response head = as(partner.token()).head(latest);
            head.then().statusCode(200);
            assertThat(head.header("Location")).isNull();
            assertThat(head.header("ETag")).isEqualTo(etag);
            assertThat(head.header("Naturaflux-File-Size")).isEqualTo(String.valueOf(first.length));
            assertThat(head.header("Naturaflux-File-Sha256")).isEqualTo(sha256(first));
            assertThat(head.header("Naturaflux-File-Name")).isEqualTo(name);
            as(partner.token()).header("If-None-Match", etag).head(latest).then().statusCode(304);
            assertThat(auditOf(flux)).as("no URL recorded for a 304 or a HEAD").isEqualTo(issued);

            // a new run with other content: the old tag no longer matches, a URL to the new file
            as(admin).post("/api/v1/fluxes/" + flux + "/runs").then().statusCode(202);
            UUID next = succeed(probe, storage, probe.awaitCommand(Duration.ofSeconds(30),
                    c -> c.fluxId().equals(flux) && !c.runId().equals(run)), partner, second);
            Response changed = as(partner.token()).header("If-None-Match", etag).get(latest);
            changed.then().statusCode(302);
            assertThat(changed.header("ETag")).isEqualTo("\"" + sha256(second) + "\"");
            assertThat(changed.header("Location")).contains(next.toString());
            assertThat(auditOf(flux)).isEqualTo(issued + 1);
        }
    }

    /**
     * A companion file of a run ({@code jeux_de_donnees.csv}, reported as {@code jeux_de_donnees-csv}) is
     * served as the run's other files: by its format, from the run or as the latest, a recorded URL to its
     * bytes, named {@code <structure>_<flux>_<date>_jeux_de_donnees.csv}.
     */
    @Test
    void aCompanionFileIsServedLikeTheRunsOtherFiles() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Citing partner");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
        byte[] csv = "id_synthese,nom_valide\r\n1,Parus major\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] datasets = "id_jdd,nom_jdd,nombre_observations\r\n2,Suivi temporel des oiseaux communs (STOC),1\r\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] manifest = "{\"counts\":{}}".getBytes(StandardCharsets.UTF_8);
        UUID run;
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic); Storage storage = new Storage()) {
            ExportCommand command = probe.awaitCommand(Duration.ofSeconds(30), c -> c.fluxId().equals(flux));
            run = command.runId();
            // As the worker publishes now: each file in its execution's folder, the manifest at the run's key.
            String execution = "worker-1-0a1b2c3d";
            String csvKey = storage.executionKey(flux, run, execution, "observations.csv");
            String datasetsKey = storage.executionKey(flux, run, execution, "jeux_de_donnees.csv");
            String manifestKey = storage.runKey(flux, run, "manifest.json");
            storage.put(csvKey, csv);
            storage.put(datasetsKey, datasets);
            storage.put(manifestKey, manifest);
            probe.send(KafkaProbe.event(command, 1, RunEventType.SUCCEEDED, RunCounts.empty(), List.of(
                    new Artifact("csv", csvKey, csv.length, sha256(csv)),
                    new Artifact("jeux_de_donnees-csv", datasetsKey, datasets.length, sha256(datasets)),
                    new Artifact("manifest", manifestKey, manifest.length, sha256(manifest))), null));
        }
        Api.await("SUCCEEDED", Duration.ofSeconds(20),
                () -> as(partner.token()).get("/api/v1/runs/" + run).jsonPath().getString("status"), "SUCCEEDED"::equals);

        Response json = as(partner.token()).accept("application/json").get("/api/v1/runs/" + run + "/artifacts/jeux_de_donnees-csv");
        json.then().statusCode(200);
        String day = ((OffsetDateTime) ServiceDatabase.value("SELECT finished_at FROM run WHERE id = ?", run))
                .withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString();
        assertThat(json.header("Naturaflux-File-Name"))
                .isEqualTo("Reserve-naturelle-des-Coteaux_" + flux.toString().substring(0, 8) + "_" + day + "_jeux_de_donnees.csv");
        assertThat(json.header("Naturaflux-File-Sha256")).isEqualTo(sha256(datasets));
        HttpResponse<byte[]> fetched = HTTP.send(HttpRequest.newBuilder(URI.create(json.path("url"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(datasets);

        Response latest = as(partner.token()).get("/api/v1/fluxes/" + flux + "/exports/latest/jeux_de_donnees-csv");
        latest.then().statusCode(302);
        assertThat(URI.create(latest.header("Location")).getPath()).endsWith("/jeux_de_donnees.csv");

        // Each URL audited with the key it signs: the file in the execution's folder. (Only this format's URLs
        // here: the class's first test counts the csv and manifest URLs in the service's metrics.)
        try (Storage storage = new Storage()) {
            String datasetsKey = storage.executionKey(flux, run, "worker-1-0a1b2c3d", "jeux_de_donnees.csv");
            assertThat(ServiceDatabase.query("SELECT format, object_key FROM download_audit WHERE run_id = ? ORDER BY id", run))
                    .extracting(row -> row[0] + " " + row[1])
                    .containsExactly("jeux_de_donnees-csv " + datasetsKey, "jeux_de_donnees-csv " + datasetsKey);
        }
    }

    private static long auditOf(UUID flux) {
        return ((Number) ServiceDatabase.value("SELECT count(*) FROM download_audit WHERE flux_id = ?", flux)).longValue();
    }

    /** As a worker: writes a run's CSV, reports it, and waits for the run to be SUCCEEDED. */
    private static UUID succeed(KafkaProbe probe, Storage storage, ExportCommand command, Api.Partner partner, byte[] csv)
            throws Exception {
        String key = storage.runKey(command.fluxId(), command.runId(), "observations.csv");
        storage.put(key, csv);
        probe.send(KafkaProbe.event(command, 1, RunEventType.SUCCEEDED, RunCounts.empty(),
                List.of(new Artifact("csv", key, csv.length, sha256(csv))), null));
        Api.await("SUCCEEDED", Duration.ofSeconds(20),
                () -> as(partner.token()).get("/api/v1/runs/" + command.runId()).jsonPath().getString("status"),
                "SUCCEEDED"::equals);
        return command.runId();
    }

    @Test
    void aFluxWithoutASuccessfulRunHasNoLatestFile() {
        Api.Partner partner = Api.newPartner(admin, "Early partner");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        as(partner.token()).get("/api/v1/fluxes/" + flux + "/exports/latest/csv").then().statusCode(404)
                .body("error", is("flux " + flux + " has no successful run with files kept"));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
