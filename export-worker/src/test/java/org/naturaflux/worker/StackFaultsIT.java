package org.naturaflux.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.MessageCodec;
import org.naturaflux.model.message.RunEvent;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.model.message.Topics;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.storage.StorageLayout;
import org.naturaflux.testkit.Eventually;
import org.naturaflux.testkit.IsolatedDatabase;
import org.naturaflux.testkit.IsolatedTopics;
import org.naturaflux.testkit.PrivatePostgres;
import org.naturaflux.testkit.PrivateS3Proxy;
import org.naturaflux.testkit.ServiceProcess;
import org.naturaflux.testkit.TestStack;
import org.naturaflux.worker.testing.BucketProbe;
import org.naturaflux.worker.testing.ExportOracle;
import org.naturaflux.worker.testing.ExportedTable;
import org.naturaflux.worker.testing.TopicRecorder;

/**
 * The whole platform (the packaged request-service and a packaged worker) on servers of this test's
 * own, which it crashes while runs are under way: a private PostgreSQL holding both the source and the
 * request-service's database, restarted (immediate shutdown) during an export and during the
 * scheduler's passes, and a private S3Proxy killed during an upload and started again. Kafka is the
 * stack's (isolated topics). Every run must end SUCCEEDED with files equal to what the source holds
 * (or FAILED with a reason, which the scenarios here do not expect), no run may be lost or left
 * running, no command may be missing from the topic, and nothing but whole committed files may be
 * offered for download.
 *
 * <p>Needs the request-service's package: run with {@code -pl request-service,export-worker -am} (the
 * full build packages it before this module).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackFaultsIT {

    private static final int ROWS = 12_000;
    /** The bucket's layout: the workers and the service of this test use no key prefix. */
    private static final StorageLayout LAYOUT = new StorageLayout("");
    private static final long SEED = 20_261_206L;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(240);
    /** Two services starting at once on a machine shared with other test runs. */
    private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(180);
    private static final List<String> DEPARTEMENTS = List.of("75", "77", "78", "91", "92", "93", "94", "95");
    private static final Pattern RETRIES = Pattern.compile("(?m)^naturaflux_worker_retries_total(?:\\{[^}]*})? ([0-9.E]+)$");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String adminToken = "faults-admin-" + UUID.randomUUID() + UUID.randomUUID();
    private PrivatePostgres pg;
    private PrivateS3Proxy s3;
    private IsolatedDatabase source;
    private IsolatedDatabase service;
    private IsolatedTopics topics;
    private TopicRecorder commands;
    private TopicRecorder events;
    private BucketProbe bucket;
    private ServiceProcess requestService;
    private ServiceProcess worker;
    private String partnerToken;
    private Path downloads;

    @BeforeAll
    void startPrivateServersAndServices() throws Exception {
        pg = PrivatePostgres.start("faults");
        s3 = PrivateS3Proxy.start("faults");
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.putAll(pg.variables());
        variables.putAll(s3.variables());
        TestStack stack = TestStack.of(variables);
        source = IsolatedDatabase.create(stack, "faults-source");
        try (Connection connection = source.connect()) {
            new DemoSourceGenerator(connection, SEED).regenerate(ROWS);
        }
        source.grantReadOnly(PrivatePostgres.READER);
        service = IsolatedDatabase.create(stack, "faults-service");
        topics = IsolatedTopics.create(stack, "stack-faults");
        String commandsTopic = topics.create(Topics.EXPORT_COMMANDS, 4);
        String eventsTopic = topics.create(Topics.EXPORT_EVENTS, 2);
        String deadLetters = topics.create(Topics.EXPORT_COMMANDS_DLQ, 1);
        commands = new TopicRecorder(stack.kafkaBootstrapServers(), commandsTopic);
        events = new TopicRecorder(stack.kafkaBootstrapServers(), eventsTopic);
        bucket = new BucketProbe(stack);
        downloads = Files.createTempDirectory(Path.of("target"), "faults-downloads-");

        Map<String, String> common = new HashMap<>(s3.variables());
        common.put("NATURAFLUX_SOURCE_DB_URL", source.jdbcUrl());
        common.put("NATURAFLUX_SOURCE_DB_USER", PrivatePostgres.READER);
        common.put("NATURAFLUX_SOURCE_DB_PASSWORD", pg.password());
        common.put("NATURAFLUX_COMMANDS_TOPIC", commandsTopic);
        common.put("NATURAFLUX_EVENTS_TOPIC", eventsTopic);
        common.put("NATURAFLUX_COMMANDS_DLQ_TOPIC", deadLetters);
        // The two services start side by side (each takes tens of seconds on a loaded machine).
        CompletableFuture<ServiceProcess> startingWorker = CompletableFuture.supplyAsync(() -> startWorker(common));
        try {
            requestService = ServiceProcess.forModule("request-service").name("faults-request-service")
                    .env(common)
                    .env("NATURAFLUX_DB_URL", service.jdbcUrl())
                    .env("NATURAFLUX_DB_USER", service.user())
                    .env("NATURAFLUX_DB_PASSWORD", service.password())
                    .env("NATURAFLUX_ADMIN_TOKEN", adminToken)
                    .env("NATURAFLUX_REQUEST_SERVICE_GROUP", "faults-" + UUID.randomUUID())
                    .env("NATURAFLUX_CHANGES_ENABLED", "false")
                    .env("NATURAFLUX_CHANGES_GROUP", "faults-changes-" + UUID.randomUUID())
                    .env("NATURAFLUX_SCHEDULER_INTERVAL", "1s")
                    .env("NATURAFLUX_SCHEDULER_INITIAL_DELAY", "1s")
                    .readyTimeout(SERVICE_START_TIMEOUT)
                    .start();
        } finally {
            worker = startingWorker.join();
        }
        partnerToken = api("POST", "/api/v1/partners", adminToken,
                "{\"name\":\"Faults partner\",\"contact\":{\"name\":\"F\",\"email\":\"f@example.org\"}}", 201).path("token").asText();
    }

    private ServiceProcess startWorker(Map<String, String> common) {
        return ServiceProcess.forModule("export-worker").name("faults-worker").jvmArgument("-Dnaturaflux.component=faults-worker")
                .env(common)
                .env("NATURAFLUX_WORKER_ID", "faults-worker")
                .env("NATURAFLUX_WORKER_GROUP", "faults-workers-" + UUID.randomUUID())
                // 5 MiB parts: the files go up in several parts while the export is written.
                .env("NATURAFLUX_S3_PART_SIZE", "5242880")
                .env("NATURAFLUX_PROGRESS_ROWS", "1000")
                // Room for a server to come back: ~40 s of retries.
                .env("NATURAFLUX_RETRY_MAX_ATTEMPTS", "10")
                .env("NATURAFLUX_RETRY_INITIAL_BACKOFF", "1s")
                .env("NATURAFLUX_RETRY_MAX_BACKOFF", "5s")
                .readyTimeout(SERVICE_START_TIMEOUT)
                .start();
    }

    @AfterAll
    void stopEverything() {
        List<AutoCloseable> steps = new ArrayList<>();
        steps.add(worker);
        steps.add(requestService);
        steps.add(commands);
        steps.add(events);
        steps.add(bucket);
        steps.add(topics);
        steps.add(service);
        steps.add(source);
        steps.add(s3);
        steps.add(pg);
        AssertionError failure = null;
        for (AutoCloseable step : steps) {
            try {
                if (step != null) {
                    step.close();
                }
            } catch (Exception | AssertionError e) {
                if (failure == null) {
                    failure = new AssertionError("cleanup failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Test
    @Order(1)
    void databasesRestartedDuringARunWhichThenSucceedsWithWholeFiles() throws Exception {
        UUID fluxId = approvedFlux(wholeRegionBody());
        RunEvent progress = events.awaitEvent(e -> e.fluxId().equals(fluxId) && e.type() == RunEventType.PROGRESS
                && e.rows() != null && e.rows() >= 3_000, RUN_TIMEOUT, "PROGRESS past 3,000 rows");

        // Both the worker's source connections and the request-service's own pool break here.
        pg.restart();

        JsonNode run = awaitFinalRun(progress.runId());
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertOfferedFilesAreWholeAndExact(run, oracleIds(DEPARTEMENTS));
        assertNothingButCommittedRunsInTheBucket();
        // The request-service's source pool recovered too: a submission is checked against the source
        // again (not a 503 from a connection that died with the server).
        submittedFlux(departementBody("77"));
    }

    @Test
    @Order(2)
    void ownDatabaseRestartedDuringTheSchedulersPassesLosesNoRunAndNoCommand() throws Exception {
        List<UUID> fluxes = new ArrayList<>();
        for (String departement : List.of("75", "92", "93", "94")) {
            fluxes.add(submittedFlux(departementBody(departement)));
        }
        for (UUID flux : fluxes) {
            api("POST", "/api/v1/fluxes/" + flux + "/approve", adminToken, "", 200);
        }
        // Approved fluxes are due at once: the passes of the next seconds (scheduler every second,
        // outbox relay every second) meet a server that goes away twice.
        pg.restart();
        pg.restart();

        for (UUID flux : fluxes) {
            UUID runId = await(() -> {
                JsonNode runs = api("GET", "/api/v1/fluxes/" + flux + "/runs", partnerToken, null, 200);
                JsonNode items = runs.isArray() ? runs : runs.path("items");
                return items.size() == 0 ? null : UUID.fromString(items.get(0).path("id").asText());
            }, RUN_TIMEOUT, "a run of flux " + flux);
            JsonNode run = awaitFinalRun(runId);
            assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        }
        // One run per flux (no double firing across the restarts), each with its command on the topic.
        Map<UUID, Long> runsPerFlux = new HashMap<>();
        List<UUID> runIds = new ArrayList<>();
        try (Connection connection = service.connect(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT id, flux_id FROM run")) {
            while (rows.next()) {
                runIds.add((UUID) rows.getObject(1));
                runsPerFlux.merge((UUID) rows.getObject(2), 1L, Long::sum);
            }
        }
        for (UUID flux : fluxes) {
            assertThat(runsPerFlux.get(flux)).as("runs of flux " + flux).isEqualTo(1L);
        }
        Set<UUID> commanded = commands.records().stream().map(ConsumerRecord::value)
                .map(bytes -> MessageCodec.decode(bytes, ExportCommand.class).runId()).collect(Collectors.toSet());
        assertThat(commanded).containsExactlyInAnyOrderElementsOf(runIds);
        assertThat(pendingOutbox()).isZero();
        assertNothingButCommittedRunsInTheBucket();
    }

    @Test
    @Order(3)
    void storageKilledDuringAnUploadAndStartedAgainEndsInOneWholeRun() throws Exception {
        double retriesBefore = workerRetries();
        UUID fluxId = approvedFlux(wholeRegionBody());
        RunEvent started = events.awaitEvent(e -> e.fluxId().equals(fluxId) && e.type() == RunEventType.STARTED,
                RUN_TIMEOUT, "STARTED");
        // Killed in the middle of an upload: a multipart upload to the execution's folder has begun, parts are going up.
        // S3Proxy's file store answers a listing with 500 while a part file is half written (its checksum
        // attribute not yet set): such an answer means "look again", within the deadline.
        await(() -> {
            try {
                return bucket.incompleteUploads(LAYOUT.executionsPrefix(fluxId, started.runId())).isEmpty() ? null : Boolean.TRUE;
            } catch (IllegalStateException listingRefused) {
                return null;
            }
        }, RUN_TIMEOUT, "a multipart upload of run " + started.runId() + " under way");

        s3.kill();
        await(() -> workerRetries() > retriesBefore ? Boolean.TRUE : null, RUN_TIMEOUT, "the worker retrying the export");
        JsonNode during = api("GET", "/api/v1/runs/" + started.runId(), partnerToken, null, 200);
        assertThat(during.path("status").asText()).as("while S3 is down: " + during).isNotIn("SUCCEEDED", "FAILED");
        assertThat(during.path("artifacts").size()).as("nothing offered while S3 is down").isZero();
        s3.start();

        JsonNode run = awaitFinalRun(started.runId());
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertOfferedFilesAreWholeAndExact(run, oracleIds(DEPARTEMENTS));
        assertNothingButCommittedRunsInTheBucket();
    }

    // ---------------------------------------------------------------------------------------------

    private UUID approvedFlux(String body) throws Exception {
        UUID flux = submittedFlux(body);
        api("POST", "/api/v1/fluxes/" + flux + "/approve", adminToken, "", 200);
        return flux;
    }

    private UUID submittedFlux(String body) throws Exception {
        return UUID.fromString(api("POST", "/api/v1/fluxes", partnerToken, body, 201).path("id").asText());
    }

    private static String wholeRegionBody() {
        return fluxBody(DEPARTEMENTS, "[\"csv\",\"json\",\"geojson\",\"gpkg\"]");
    }

    private static String departementBody(String code) {
        return fluxBody(List.of(code), "[\"csv\"]");
    }

    private static String fluxBody(List<String> departements, String formats) {
        String areas = departements.stream().map(code -> "{\"type\":\"DEP\",\"code\":\"" + code + "\"}")
                .collect(Collectors.joining(","));
        return "{\"structure\":\"Faults\",\"contact\":{\"name\":\"F\",\"email\":\"f@example.org\"},"
                + "\"studies\":[{\"name\":\"S\",\"nature\":\"atlas\"}],\"territory\":{\"areas\":[" + areas + "]},"
                + "\"periodicity\":\"P1D\",\"fields\":[\"basic\",\"+nom_lieu\",\"+comment_releve\",\"+comment_occurrence\"],"
                + "\"formats\":" + formats + ",\"termsAccepted\":\"1\"}";
    }

    /** Polls the run through the API until it is final; a run stuck in a non-final state fails the test. */
    private JsonNode awaitFinalRun(UUID runId) throws Exception {
        return await(() -> {
            JsonNode run = api("GET", "/api/v1/runs/" + runId, partnerToken, null, 200);
            return Set.of("SUCCEEDED", "FAILED").contains(run.path("status").asText()) ? run : null;
        }, RUN_TIMEOUT, "run " + runId + " to end");
    }

    /**
     * Every artifact the API offers downloads (through its signed URL) with the size and SHA-256 the
     * run reports, and the CSV holds exactly the records a PostGIS oracle selects.
     */
    private void assertOfferedFilesAreWholeAndExact(JsonNode run, Set<Long> expectedIds) throws Exception {
        Path directory = Files.createTempDirectory(downloads, "run-");
        String runId = run.path("id").asText(run.path("runId").asText());
        Map<String, Path> files = new HashMap<>();
        assertThat(run.path("artifacts").size()).as(run.toString()).isGreaterThan(0);
        for (JsonNode artifact : run.path("artifacts")) {
            String format = artifact.path("format").asText();
            JsonNode signed = api("GET", "/api/v1/runs/" + runId + "/artifacts/" + format, partnerToken, null, 200);
            HttpResponse<Path> file = http.send(HttpRequest.newBuilder(URI.create(signed.path("url").asText())).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(directory.resolve(format)));
            assertThat(file.statusCode()).as(format).isEqualTo(200);
            byte[] bytes = Files.readAllBytes(file.body());
            assertThat((long) bytes.length).as(format + " size").isEqualTo(artifact.path("bytes").asLong());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .as(format + " SHA-256").isEqualTo(artifact.path("sha256").asText());
            files.put(format, file.body());
        }
        assertThat(files).containsKey("csv");
        Set<Long> exported = new TreeSet<>(ExportedTable.csv(files.get("csv"), ',').rows().keySet());
        assertThat(exported).as("records of the CSV").hasSize(expectedIds.size()).isEqualTo(new TreeSet<>(expectedIds));
        if (files.containsKey("gpkg")) {
            assertThat(ExportedTable.gdal(files.get("gpkg")).rows().keySet()).as("records of the GeoPackage")
                    .containsExactlyInAnyOrderElementsOf(expectedIds);
        }
    }

    /**
     * Every object in the bucket is a committed run's manifest, a file it names or its execution's intent;
     * no lease (every execution ended or was cleaned by the committer), no multipart upload is left.
     */
    private void assertNothingButCommittedRunsInTheBucket() throws Exception {
        List<String> keys = bucket.keys("");
        Set<String> committed = new TreeSet<>();
        for (String key : keys) {
            if (key.endsWith("/" + StorageLayout.MANIFEST)) {
                JsonNode manifest = json.readTree(bucket.read(key));
                UUID flux = UUID.fromString(manifest.path("fluxId").asText());
                UUID run = UUID.fromString(manifest.path("runId").asText());
                if (!key.equals(LAYOUT.manifestKey(flux, run))) {
                    continue;    // an execution's intent: counted below with its run's commit
                }
                committed.add(key);
                committed.add(LAYOUT.intentKey(flux, run, manifest.path("executionId").asText()));
                manifest.path("files").forEach(f -> committed.add(f.path("key").asText()));
                if (manifest.hasNonNull("recordIndex")) {
                    committed.add(manifest.path("recordIndex").path("key").asText());
                }
            }
        }
        assertThat(keys).containsExactlyInAnyOrderElementsOf(committed);
        assertThat(bucket.incompleteUploads("")).isEmpty();
    }

    private Set<Long> oracleIds(List<String> departements) throws Exception {
        try (Connection connection = source.connect()) {
            Object[] territory = {departements.stream().map(d -> "DEP").toArray(String[]::new), departements.toArray(String[]::new)};
            return new ExportOracle(connection).expected(ExportOracle.areasTerritory(), territory, null).values().stream()
                    .filter(ExportOracle.Expected::exported).map(ExportOracle.Expected::id).collect(Collectors.toSet());
        }
    }

    private long pendingOutbox() throws Exception {
        try (Connection connection = service.connect(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM outbox WHERE sent_at IS NULL")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private double workerRetries() throws Exception {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(worker.managementUrl() + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher matcher = RETRIES.matcher(metrics.body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private JsonNode api(String method, String path, String token, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(requestService.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    }

    /** Waits until {@code probe} gives a value (null while the condition does not hold); the value. */
    private static <T> T await(Callable<T> probe, Duration timeout, String what) {
        return Eventually.within(timeout, what).pollInterval(Duration.ofMillis(250)).until(probe, Objects::nonNull);
    }
}
