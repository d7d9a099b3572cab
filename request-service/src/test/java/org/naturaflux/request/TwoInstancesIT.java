package org.naturaflux.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.Topics;
import org.naturaflux.testkit.Eventually;
import org.naturaflux.testkit.IsolatedDatabase;
import org.naturaflux.testkit.IsolatedTopics;
import org.naturaflux.testkit.ServiceProcess;
import org.naturaflux.testkit.TestStack;

/**
 * Two packaged instances of the service on one database and one topic, both scheduling every second:
 * every due flux gets exactly one run per period, and every run exactly one command, however the two
 * schedulers and outbox relays interleave.
 */
class TwoInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int FLUXES = 12;
    private static final int ROUNDS = 3;

    @Test
    void schedulesEachPeriodOnceWithTwoReplicas() throws Exception {
        TestStack stack = TestStack.fromEnvironment();
        IsolatedDatabase source = SourceDatabase.get();
        String admin = "it-admin-" + UUID.randomUUID();
        try (IsolatedDatabase database = IsolatedDatabase.create(stack, "two-instances");
             IsolatedTopics topics = IsolatedTopics.create(stack, "two-instances")) {
            String commands = topics.create(Topics.EXPORT_COMMANDS, 4);
            Map<String, String> env = new HashMap<>();
            env.put("NATURAFLUX_DB_URL", database.jdbcUrl());
            env.put("NATURAFLUX_DB_USER", database.user());
            env.put("NATURAFLUX_DB_PASSWORD", database.password());
            env.put("NATURAFLUX_SOURCE_DB_URL", source.jdbcUrl());
            env.put("NATURAFLUX_COMMANDS_TOPIC", commands);
            env.put("NATURAFLUX_EVENTS_TOPIC", topics.create(Topics.EXPORT_EVENTS, 4));
            env.put("NATURAFLUX_REQUEST_SERVICE_GROUP", "it-" + UUID.randomUUID());
            env.put("NATURAFLUX_ADMIN_TOKEN", admin);
            env.put("NATURAFLUX_SCHEDULER_INTERVAL", "1s");
            env.put("NATURAFLUX_SCHEDULER_INITIAL_DELAY", "1s");
            try (ServiceProcess a = ServiceProcess.forJar("request-service-a", jar()).env(env).start();
                 ServiceProcess b = ServiceProcess.forJar("request-service-b", jar()).env(env).start()) {
                String partnerToken = post(a, admin, "/api/v1/partners",
                        "{\"name\":\"Twin partner\",\"contact\":{\"name\":\"A\",\"email\":\"a@example.org\"}}").get("token").asText();
                List<UUID> fluxes = new ArrayList<>();
                for (int i = 0; i < FLUXES; i++) {
                    JsonNode created = post(i % 2 == 0 ? a : b, partnerToken, "/api/v1/fluxes", fluxBody());
                    fluxes.add(UUID.fromString(created.get("id").asText()));
                }
                for (int i = 0; i < FLUXES; i++) {
                    post(i % 2 == 0 ? b : a, admin, "/api/v1/fluxes/" + fluxes.get(i) + "/approve", "");
                }
                for (int round = 1; round <= ROUNDS; round++) {
                    int expected = round;
                    await(() -> minRuns(database, fluxes) >= expected, Duration.ofSeconds(60), "round " + round);
                    // still one run per flux through a few more passes of both schedulers (1 s apart), then the
                    // next period comes due at once
                    Eventually.within(Duration.ofSeconds(10), "runs per flux after round " + round)
                            .during(Duration.ofMillis(2500))
                            .untilAsserted(() -> assertThat(maxRuns(database, fluxes)).as("runs per flux after round " + expected)
                                    .isEqualTo(expected));
                    if (round < ROUNDS) {
                        execute(database, "UPDATE flux SET next_run_at = now() - interval '1 hour'");
                    }
                }
                await(() -> pendingOutbox(database) == 0, Duration.ofSeconds(30), "the outbox drained");

                List<UUID> runs = runIds(database);
                assertThat(runs).hasSize(FLUXES * ROUNDS);
                List<ExportCommand> published = readCommands(stack, commands, runs.size());
                Set<UUID> commandRuns = new HashSet<>();
                for (ExportCommand command : published) {
                    assertThat(commandRuns.add(command.runId())).as("one command per run: " + command.runId()).isTrue();
                }
                assertThat(commandRuns).containsExactlyInAnyOrderElementsOf(runs);
            }
        }
    }

    private static java.nio.file.Path jar() {
        return ServiceProcess.repositoryRoot().resolve("request-service/target/quarkus-app/quarkus-run.jar");
    }

    private static String fluxBody() {
        return "{\"structure\":\"Twin\",\"contact\":{\"name\":\"A\",\"email\":\"a@example.org\"},"
                + "\"studies\":[{\"name\":\"S\",\"nature\":\"atlas\"}],\"territory\":{\"wkt\":\"" + Api.PARIS_WKT + "\"},"
                + "\"periodicity\":\"P1D\",\"fields\":[\"basic\"],\"formats\":[\"csv\"],\"termsAccepted\":\"" + Api.TERMS_VERSION + "\"}";
    }

    private static JsonNode post(ServiceProcess service, String token, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static long minRuns(IsolatedDatabase db, List<UUID> fluxes) throws Exception {
        return single(db, "SELECT coalesce(min(n), 0) FROM (SELECT f.id, count(r.id) n FROM flux f LEFT JOIN run r"
                + " ON r.flux_id = f.id GROUP BY f.id) x");
    }

    private static long maxRuns(IsolatedDatabase db, List<UUID> fluxes) throws Exception {
        return single(db, "SELECT coalesce(max(n), 0) FROM (SELECT flux_id, count(*) n FROM run GROUP BY flux_id) x");
    }

    private static long pendingOutbox(IsolatedDatabase db) throws Exception {
        return single(db, "SELECT count(*) FROM outbox WHERE sent_at IS NULL");
    }

    private static List<UUID> runIds(IsolatedDatabase db) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM run")) {
            while (rs.next()) {
                ids.add((UUID) rs.getObject(1));
            }
        }
        return ids;
    }

    private static long single(IsolatedDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(IsolatedDatabase db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Every record of the topic, read until {@code expected} are there and a quiet second passes. */
    private static List<ExportCommand> readCommands(TestStack stack, String topic, int expected) {
        try (KafkaProbe probe = new KafkaProbe(stack.kafkaBootstrapServers(), topic, topic)) {
            try {
                Eventually.within(Duration.ofSeconds(30), expected + " commands").pollInterval(Duration.ofMillis(1))
                        .until(() -> probe.poll(Duration.ofMillis(500)).size() >= expected);
            } catch (ConditionTimeoutException e) {
                // fewer than expected: the caller's assertions say which are missing
            }
            probe.poll(Duration.ofSeconds(2));
            return probe.commands();
        }
    }

    private static void await(Callable<Boolean> check, Duration timeout, String what) {
        Eventually.within(timeout, what).pollInterval(Duration.ofMillis(200)).until(check);
    }
}
