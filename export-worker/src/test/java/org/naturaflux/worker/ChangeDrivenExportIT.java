package org.naturaflux.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Topics;
import org.naturaflux.testkit.ConsumerGroups;
import org.naturaflux.testkit.Eventually;
import org.naturaflux.testkit.IsolatedBucketPrefix;
import org.naturaflux.testkit.IsolatedDatabase;
import org.naturaflux.testkit.IsolatedTopics;
import org.naturaflux.testkit.ServiceProcess;
import org.naturaflux.testkit.SourceEdits;
import org.naturaflux.testkit.TestStack;
import org.naturaflux.worker.testing.BucketProbe;
import org.naturaflux.worker.testing.ExportedTable;

/**
 * Change-driven re-export with delta files, end to end on the real stack: the packaged request-service
 * and export-worker as processes, Debezium capturing the stack's source database. Plain SQL changes of
 * the source (bird observations copied from the demo data into the flux's territory, one deleted, one
 * made more sensitive) must each yield a new CHANGE run whose delta holds exactly them; the test's
 * oracle is the set of rows it wrote itself.
 */
class ChangeDrivenExportIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * A small square in Essonne (WGS84): the request-service's ChangeDrivenRunsTest, which deploy/local/test
     * runs at the same time on the same change topic, has its territories in Seine-et-Marne and the
     * Val-d'Oise, so that no change of either test (a record made sensitive at département level covers its
     * whole département) reaches the other's fluxes.
     */
    private static final double LON = 2.25;
    private static final double LAT = 48.50;
    private static final double HALF = 0.02;
    /** A point of the demo region far from the flux's territory (lon, lat). */
    private static final double[] FAR_AWAY = {1.70, 48.30};

    private final TestStack stack = TestStack.fromEnvironment();
    private final List<Long> inserted = new ArrayList<>();
    private final Set<String> seenRuns = new HashSet<>();
    private IsolatedBucketPrefix prefix;

    @Test
    void sourceChangesReachThePartnerAsDeltaFilesOfANewRun() throws Exception {
        String admin = "it-admin-" + UUID.randomUUID();
        String changesGroup = "it-changes-" + UUID.randomUUID();
        try (IsolatedDatabase database = IsolatedDatabase.create(stack, "change-driven");
             IsolatedTopics topics = IsolatedTopics.create(stack, "change-driven");
             IsolatedBucketPrefix bucketPrefix = IsolatedBucketPrefix.create(stack, "change-driven");
             BucketProbe bucket = new BucketProbe(stack)) {
            prefix = bucketPrefix;
            Map<String, String> env = new HashMap<>();
            env.put("NATURAFLUX_COMMANDS_TOPIC", topics.create(Topics.EXPORT_COMMANDS, 4));
            env.put("NATURAFLUX_EVENTS_TOPIC", topics.create(Topics.EXPORT_EVENTS, 2));
            env.put("NATURAFLUX_COMMANDS_DLQ_TOPIC", topics.create(Topics.EXPORT_COMMANDS_DLQ, 1));
            Map<String, String> service = new HashMap<>(env);
            service.put("NATURAFLUX_DB_URL", database.jdbcUrl());
            service.put("NATURAFLUX_DB_USER", database.user());
            service.put("NATURAFLUX_DB_PASSWORD", database.password());
            service.put("NATURAFLUX_ADMIN_TOKEN", admin);
            service.put("NATURAFLUX_REQUEST_SERVICE_GROUP", "it-" + UUID.randomUUID());
            service.put("NATURAFLUX_CHANGES_GROUP", changesGroup);
            service.put("NATURAFLUX_CHANGES_QUIET_WINDOW", "PT2S");
            service.put("NATURAFLUX_CHANGES_MIN_INTERVAL", "PT1S");
            service.put("NATURAFLUX_CHANGES_CHECK_INTERVAL", "1s");
            service.put("NATURAFLUX_SCHEDULER_INTERVAL", "1s");
            service.put("NATURAFLUX_SCHEDULER_INITIAL_DELAY", "1s");
            service.put("NATURAFLUX_S3_KEY_PREFIX", prefix.prefix());
            Map<String, String> worker = new HashMap<>(env);
            worker.put("NATURAFLUX_WORKER_GROUP", "it-workers-" + UUID.randomUUID());
            worker.put("NATURAFLUX_S3_KEY_PREFIX", prefix.prefix());
            try (ServiceProcess api = ServiceProcess.forModule("request-service").name("request-service-cdc").env(service).start();
                 ServiceProcess exporter = ServiceProcess.forModule("export-worker").name("worker-cdc").heap("256m").env(worker).start()) {
                JsonNode partner = post(api, admin, "/api/v1/partners", "{\"name\":\"Atlas des oiseaux de l'Essonne\","
                        + "\"contact\":{\"name\":\"Camille Martin\",\"email\":\"camille@example.org\"}}");
                String token = partner.path("token").asText();
                String flux = post(api, token, "/api/v1/fluxes", fluxBody()).path("id").asText();
                post(api, admin, "/api/v1/fluxes/" + flux + "/approve", "");
                JsonNode first = awaitNewRun(api, admin, flux, "SCHEDULED");
                JsonNode firstManifest = manifest(bucket, first);
                assertThat(firstManifest.path("delta").path("available").asBoolean()).isFalse();
                awaitChangeConsumer(changesGroup);

                // Three birds in the territory: a new run whose delta holds exactly them.
                List<Long> birds = insertBirds(3);
                JsonNode added = awaitNewRun(api, admin, flux, "CHANGE");
                JsonNode addedManifest = manifest(bucket, added);
                JsonNode delta = addedManifest.path("delta");
                assertThat(delta.path("baseRunId").asText()).isEqualTo(first.path("id").asText());
                assertThat(delta.path("available").asBoolean()).as(delta.toString()).isTrue();
                assertThat(delta.path("added").asLong()).isEqualTo(3);
                assertThat(delta.path("changed").asLong()).isZero();
                assertThat(delta.path("deleted").asLong()).isZero();
                Map<Long, ExportedTable.Row> addedRows = csv(bucket, addedManifest, "delta-csv");
                assertThat(addedRows.keySet()).containsExactlyInAnyOrderElementsOf(birds);
                assertThat(csv(bucket, addedManifest, "csv").keySet()).containsAll(birds);

                // One deleted, one made sensitive at département level: the next delta says so.
                try (Connection db = sourceAdmin(); Statement sql = db.createStatement()) {
                    db.setAutoCommit(false);
                    sql.executeUpdate("DELETE FROM gn_synthese.synthese WHERE id_synthese = " + birds.get(0));
                    sql.executeUpdate("UPDATE gn_synthese.synthese SET id_nomenclature_sensitivity = " + SourceEdits.sensitivity("3")
                            + " WHERE id_synthese = " + birds.get(1));
                    db.commit();
                }
                JsonNode changed = awaitNewRun(api, admin, flux, "CHANGE");
                JsonNode changedManifest = manifest(bucket, changed);
                delta = changedManifest.path("delta");
                assertThat(delta.path("baseRunId").asText()).isEqualTo(added.path("id").asText());
                assertThat(delta.path("added").asLong()).isZero();
                assertThat(delta.path("changed").asLong()).isEqualTo(1);
                assertThat(delta.path("deleted").asLong()).isEqualTo(1);
                Map<Long, ExportedTable.Row> changedRows = csv(bucket, changedManifest, "delta-csv");
                assertThat(changedRows.keySet()).containsExactly(birds.get(1));
                assertThat(changedRows.get(birds.get(1)).get("niveau_sensibilite")).isEqualTo("Sensible - Diffusion au département");
                assertThat(lines(bucket, changedManifest, "delta-deleted")).containsExactly("id_synthese", Long.toString(birds.get(0)));
            }
        } finally {
            try (Connection db = sourceAdmin(); PreparedStatement delete = db.prepareStatement(
                    "DELETE FROM gn_synthese.synthese WHERE id_synthese = ANY(?)")) {
                delete.setArray(1, db.createArrayOf("bigint", inserted.toArray()));
                delete.executeUpdate();
            }
        }
    }

    private static String fluxBody() {
        String wkt = String.format(Locale.ROOT, "POLYGON((%f %f, %f %f, %f %f, %f %f, %f %f))", LON - HALF, LAT - HALF,
                LON + HALF, LAT - HALF, LON + HALF, LAT + HALF, LON - HALF, LAT + HALF, LON - HALF, LAT - HALF);
        return "{\"structure\":\"Atlas des oiseaux de l'Essonne\",\"contact\":{\"name\":\"Camille Martin\",\"email\":\"camille@example.org\"},"
                + "\"studies\":[{\"name\":\"Atlas\",\"nature\":\"atlas\"}],\"territory\":{\"wkt\":\"" + wkt + "\"},"
                + "\"taxa\":{\"groups\":[\"Oiseaux\"]},\"periodicity\":\"P1M\",\"fields\":[\"basic\"],\"formats\":[\"csv\"],"
                + "\"options\":{\"delta\":true,\"changeDriven\":true,\"minInterval\":\"PT1S\"},\"termsAccepted\":\"1\"}";
    }

    /** Waits for a SUCCEEDED run of this origin not seen before. */
    private JsonNode awaitNewRun(ServiceProcess api, String admin, String flux, String origin) throws Exception {
        JsonNode[] runs = new JsonNode[1];
        try {
            return Eventually.within(WAIT, "a new SUCCEEDED " + origin + " run").pollInterval(Duration.ofMillis(300)).until(() -> {
                runs[0] = get(api, admin, "/api/v1/fluxes/" + flux + "/runs");
                for (JsonNode run : runs[0]) {
                    if (origin.equals(run.path("origin").asText()) && !seenRuns.contains(run.path("id").asText())) {
                        String status = run.path("status").asText();
                        assertThat(status).as("run %s: %s", run.path("id").asText(), run.path("error").asText()).isNotEqualTo("FAILED");
                        if (status.equals("SUCCEEDED")) {
                            seenRuns.add(run.path("id").asText());
                            return run;
                        }
                    }
                }
                return null;
            }, Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no new SUCCEEDED " + origin + " run of flux " + flux + " within " + WAIT.toSeconds() + " s: " + runs[0]);
        }
    }

    private JsonNode manifest(BucketProbe bucket, JsonNode run) throws Exception {
        assertThat(run.path("artifacts").findValuesAsText("format")).contains("manifest");
        return JSON.readTree(bucket.read(prefix.key("fluxes/" + run.path("fluxId").asText() + "/runs/" + run.path("id").asText()
                + "/manifest.json")));
    }

    private static Path download(BucketProbe bucket, JsonNode manifest, String format) throws Exception {
        for (JsonNode file : manifest.path("files")) {
            if (file.path("format").asText().equals(format)) {
                Path target = Files.createTempDirectory(Path.of("target"), "cdc-").resolve(file.path("name").asText());
                return bucket.download(file.path("key").asText(), target);
            }
        }
        throw new AssertionError("no " + format + " file in " + manifest.path("files"));
    }

    private static Map<Long, ExportedTable.Row> csv(BucketProbe bucket, JsonNode manifest, String format) throws Exception {
        return ExportedTable.csv(download(bucket, manifest, format), ',').rows();
    }

    private static List<String> lines(BucketProbe bucket, JsonNode manifest, String format) throws Exception {
        return Files.readAllLines(download(bucket, manifest, format), StandardCharsets.UTF_8);
    }

    /**
     * Waits until the request-service's change consumer, which starts from the end of the change topic,
     * has a position there that a change written afterwards cannot fall behind: assigned, then an offset
     * committed on every partition. It commits only what it processed, so a bird outside the territory
     * (a change it routes to no flux) is written until one is processed: one written before its first
     * fetch is skipped.
     */
    private void awaitChangeConsumer(String group) throws Exception {
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            Eventually.within(WAIT, "change consumer of the request-service assigned").pollInterval(Duration.ofMillis(300)).until(() -> {
                ConsumerGroupDescription description = kafka.describeConsumerGroups(List.of(group)).all().get().get(group);
                return description.members().stream().anyMatch(m -> m.assignment().topicPartitions().stream()
                        .anyMatch(tp -> tp.topic().equals(stack.cdcTopic())));
            });
            ConsumerGroups.awaitCommittedPositions(kafka, group, stack.cdcTopic(), WAIT, Duration.ofSeconds(10), () -> {
                try {
                    insertBirdsAt(List.of(FAR_AWAY));
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot write a change outside the territory", e);
                }
            });
        }
    }

    /** Copies of a precise bird observation of the demo source in the territory. */
    private List<Long> insertBirds(int count) throws SQLException {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add(new double[] {LON - HALF / 2 + i * 0.001, LAT});
        }
        return insertBirdsAt(points);
    }

    /** Copies of a precise bird observation of the demo source at these points (lon, lat). */
    private List<Long> insertBirdsAt(List<double[]> points) throws SQLException {
        List<Long> ids;
        try (Connection db = sourceAdmin()) {
            db.setAutoCommit(false);
            ids = SourceEdits.insertBirdCopies(db, points);
            db.commit();
        }
        inserted.addAll(ids);
        return ids;
    }

    private Connection sourceAdmin() throws SQLException {
        return DriverManager.getConnection(stack.sourceDbUrl(), stack.sourceAdminDbUser(), stack.sourceAdminDbPassword());
    }

    private static JsonNode post(ServiceProcess service, String token, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static JsonNode get(ServiceProcess service, String token, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
