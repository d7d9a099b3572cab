package org.naturaflux.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Topics;
import org.naturaflux.testkit.Eventually;
import org.naturaflux.testkit.IsolatedBucketPrefix;
import org.naturaflux.testkit.IsolatedDatabase;
import org.naturaflux.testkit.IsolatedTopics;
import org.naturaflux.testkit.ServiceProcess;
import org.naturaflux.testkit.TestStack;
import org.naturaflux.worker.testing.BucketProbe;

/**
 * Kafka security end to end: the packaged request-service and export-worker, as processes, given only the
 * stack broker's SASL_SSL listener (SCRAM-SHA-512 user, the broker's certificate in a truststore) through
 * the {@code KAFKA_*} variables an operator sets. The command the request-service's outbox publishes
 * reaches the worker, whose run events come back, and the run's files are in the bucket as its manifest
 * says (sizes and SHA-256 computed here). A worker given a wrong password says so in its log and never
 * gets ready.
 */
class SaslSslExportIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    /** A service's start, Flyway's migrations included, on a loaded test machine. */
    private static final Duration START = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final TestStack stack = TestStack.fromEnvironment();

    /** What an operator sets for a SASL_SSL cluster: the variables the services' Kafka clients all read. */
    private Map<String, String> kafkaSecurity(String password) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", stack.kafkaSaslSslServers(),
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + stack.kafkaScramUser() + "\" password=\"" + password + "\";",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", stack.kafkaTlsTruststore(),
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", stack.kafkaTlsStorePassword(),
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
    }

    @Test
    void aCommandGoesFromTheOutboxToAWorkerAndItsRunBackOverSaslSsl() throws Exception {
        assertThat(stack.kafkaSaslSslServers()).as("the SASL_SSL listener is not the plaintext one")
                .isNotEqualTo(stack.kafkaBootstrapServers());
        String admin = "it-admin-" + UUID.randomUUID();
        try (IsolatedDatabase database = IsolatedDatabase.create(stack, "sasl-ssl");
             IsolatedTopics topics = IsolatedTopics.create(stack, "sasl-ssl");
             IsolatedBucketPrefix prefix = IsolatedBucketPrefix.create(stack, "sasl-ssl");
             BucketProbe bucket = new BucketProbe(stack)) {
            Map<String, String> env = new HashMap<>(kafkaSecurity(stack.kafkaScramPassword()));
            env.put("NATURAFLUX_COMMANDS_TOPIC", topics.create(Topics.EXPORT_COMMANDS, 2));
            env.put("NATURAFLUX_EVENTS_TOPIC", topics.create(Topics.EXPORT_EVENTS, 2));
            env.put("NATURAFLUX_COMMANDS_DLQ_TOPIC", topics.create(Topics.EXPORT_COMMANDS_DLQ, 1));
            env.put("NATURAFLUX_S3_KEY_PREFIX", prefix.prefix());
            Map<String, String> service = new HashMap<>(env);
            service.put("NATURAFLUX_DB_URL", database.jdbcUrl());
            service.put("NATURAFLUX_DB_USER", database.user());
            service.put("NATURAFLUX_DB_PASSWORD", database.password());
            service.put("NATURAFLUX_ADMIN_TOKEN", admin);
            service.put("NATURAFLUX_REQUEST_SERVICE_GROUP", "it-sasl-" + UUID.randomUUID());
            service.put("NATURAFLUX_CHANGES_ENABLED", "false");
            service.put("NATURAFLUX_SCHEDULER_INTERVAL", "1s");
            service.put("NATURAFLUX_SCHEDULER_INITIAL_DELAY", "1s");
            // Flyway's first connection at start-up: 5 s by default, short on a loaded test machine.
            service.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60S");
            Map<String, String> worker = new HashMap<>(env);
            worker.put("NATURAFLUX_WORKER_GROUP", "it-sasl-workers-" + UUID.randomUUID());
            worker.put("NATURAFLUX_WORKER_ID", "worker-sasl");
            try (ServiceProcess api = ServiceProcess.forModule("request-service").name("request-service-sasl").env(service)
                    .readyTimeout(START).start();
                 ServiceProcess exporter = ServiceProcess.forModule("export-worker").name("worker-sasl").heap("256m").env(worker)
                         .readyTimeout(START).start()) {
                JsonNode partner = post(api, admin, "/api/v1/partners", "{\"name\":\"Conservatoire des sites\","
                        + "\"contact\":{\"name\":\"Louise Bernard\",\"email\":\"louise@example.org\"}}");
                String token = partner.path("token").asText();
                String flux = post(api, token, "/api/v1/fluxes", fluxBody()).path("id").asText();
                post(api, admin, "/api/v1/fluxes/" + flux + "/approve", "");

                JsonNode run = awaitSucceededRun(api, admin, flux);
                JsonNode manifest = JSON.readTree(bucket.read(prefix.key("fluxes/" + flux + "/runs/" + run.path("id").asText()
                        + "/manifest.json")));
                assertThat(manifest.path("workerId").asText()).isEqualTo("worker-sasl");
                List<String> formats = manifest.path("files").findValuesAsText("format");
                assertThat(formats).contains("csv");
                for (JsonNode file : manifest.path("files")) {
                    Path local = bucket.download(file.path("key").asText(),
                            Files.createTempDirectory(Path.of("target"), "sasl-").resolve(file.path("name").asText()));
                    byte[] content = Files.readAllBytes(local);
                    assertThat((long) content.length).as(file.toString()).isEqualTo(file.path("bytes").asLong());
                    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)))
                            .as(file.toString()).isEqualTo(file.path("sha256").asText());
                    if (file.path("format").asText().equals("csv")) {
                        long lines = new String(content, StandardCharsets.UTF_8).lines().count();
                        assertThat(lines - 1).as("CSV records (header aside)").isEqualTo(file.path("rows").asLong());
                    }
                }
            }
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndSaidSo() throws Exception {
        try (IsolatedTopics topics = IsolatedTopics.create(stack, "sasl-refused")) {
            Map<String, String> env = new HashMap<>(kafkaSecurity("not-" + stack.kafkaScramPassword()));
            env.put("NATURAFLUX_COMMANDS_TOPIC", topics.create(Topics.EXPORT_COMMANDS, 1));
            env.put("NATURAFLUX_EVENTS_TOPIC", topics.create(Topics.EXPORT_EVENTS, 1));
            env.put("NATURAFLUX_COMMANDS_DLQ_TOPIC", topics.create(Topics.EXPORT_COMMANDS_DLQ, 1));
            env.put("NATURAFLUX_WORKER_GROUP", "it-sasl-refused-" + UUID.randomUUID());
            try (ServiceProcess refused = ServiceProcess.forModule("export-worker").name("worker-sasl-refused").heap("256m")
                    .env(env).spawn()) {
                try {
                    Eventually.within(WAIT, "the refused worker's log naming the authentication failure")
                            .pollInterval(Duration.ofMillis(300))
                            .until(() -> Files.readString(refused.logFile()).contains("invalid credentials with SASL mechanism SCRAM-SHA-512"));
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("no authentication failure in " + refused.logFile() + ":\n" + Files.readString(refused.logFile()));
                }
                assertThat(refused.isAlive()).isTrue();
                String[] readiness = {"no answer"};
                try {
                    Eventually.within(WAIT, "the refused worker's readiness answering DOWN").pollInterval(Duration.ofSeconds(1)).until(() -> {
                        try {
                            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(refused.managementUrl() + "/q/health/ready"))
                                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                            readiness[0] = response.statusCode() + " " + response.body();
                            return response.statusCode() == 503 && response.body().contains("DOWN");
                        } catch (HttpTimeoutException | ConnectException e) {
                            // still starting: the authentication failure is logged before its HTTP server listens
                            return false;
                        }
                    });
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("the refused worker's readiness never answered DOWN: " + readiness[0]);
                }
            }
        }
    }

    private static String fluxBody() {
        return "{\"structure\":\"Conservatoire des sites\",\"contact\":{\"name\":\"Louise Bernard\",\"email\":\"louise@example.org\"},"
                + "\"studies\":[{\"name\":\"Suivi\",\"nature\":\"atlas\"}],"
                + "\"territory\":{\"wkt\":\"POLYGON((2.2 48.7, 2.5 48.7, 2.5 48.95, 2.2 48.95, 2.2 48.7))\"},"
                + "\"taxa\":{\"groups\":[\"Oiseaux\"]},\"periodicity\":\"P1M\",\"fields\":[\"basic\"],\"formats\":[\"csv\"],\"termsAccepted\":\"1\"}";
    }

    private static JsonNode awaitSucceededRun(ServiceProcess api, String admin, String flux) throws Exception {
        JsonNode[] runs = new JsonNode[1];
        try {
            return Eventually.within(WAIT, "a SUCCEEDED run").pollInterval(Duration.ofMillis(300)).until(() -> {
                runs[0] = get(api, admin, "/api/v1/fluxes/" + flux + "/runs");
                for (JsonNode run : runs[0]) {
                    String status = run.path("status").asText();
                    assertThat(status).as("run %s: %s", run.path("id").asText(), run.path("error").asText()).isNotEqualTo("FAILED");
                    if (status.equals("SUCCEEDED")) {
                        return run;
                    }
                }
                return null;
            }, Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no SUCCEEDED run of flux " + flux + " within " + WAIT.toSeconds() + " s: " + runs[0]);
        }
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
