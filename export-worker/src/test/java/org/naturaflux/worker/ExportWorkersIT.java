package org.naturaflux.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.messages.Item;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunEvent;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.model.message.Topics;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.Compression;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.CsvDateFormat;
import org.naturaflux.model.spec.CsvPreset;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.model.spec.JsonLayout;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.source.query.EstimateBounds;
import org.naturaflux.source.query.ExportEstimate;
import org.naturaflux.storage.StorageLayout;
import org.naturaflux.source.query.ExportEstimator;
import org.naturaflux.source.reference.AreaIndexCache;
import org.naturaflux.testkit.Eventually;
import org.naturaflux.testkit.IsolatedBucketPrefix;
import org.naturaflux.testkit.IsolatedDatabase;
import org.naturaflux.testkit.IsolatedTopics;
import org.naturaflux.testkit.ServiceProcess;
import org.naturaflux.testkit.TestStack;
import org.naturaflux.worker.testing.BucketProbe;
import org.naturaflux.worker.testing.CommandProducer;
import org.naturaflux.worker.testing.ExportOracle;
import org.naturaflux.worker.testing.ExportedTable;
import org.naturaflux.worker.testing.Specs;
import org.naturaflux.worker.testing.TopicRecorder;

/**
 * Two packaged workers (separate processes) against the real stack, on a demo source generated into an
 * isolated database, isolated topics (commands over 4 partitions) and an isolated bucket prefix. The
 * scenarios run in order on the same pair of workers; the last one kills a worker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExportWorkersIT {

    /**
     * Enough for every level and cause in each territory, for files above the 5 MiB part size (multipart
     * uploads) and for whole-region exports long enough to be stopped or killed mid-way (progress every
     * 1,000 rows); each row more costs every scenario (the content oracle reads ~25% of them in four formats).
     */
    private static final int ROWS = 16_000;
    private static final long SEED = 20_250_601L;
    private static final int PARTITIONS = 4;
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(180);
    private static final String CANARY = "CANARY-";
    private static final Territory.Wkt AROUND_PARIS = new Territory.Wkt(
            "POLYGON((2.05 48.70, 2.60 48.68, 2.70 48.95, 2.35 49.05, 2.00 48.90, 2.05 48.70))");
    private static final List<String> CONTENT_FIELDS = Specs.basicPlus("heure_debut", "alti_min", "x_centroid_4326",
            "y_centroid_4326", "nom_lieu", "comment_releve", "comment_occurrence", "comment_validation",
            "preuve_numerique_url", "preuve_non_numerique", "methode_regroupement", "reference_biblio", "id_origine",
            "uuid_perm_grp_sinp", "champs_additionnels");
    /** Fields a degraded record must not carry. */
    private static final List<String> SCRUBBED = List.of("nom_lieu", "comment_releve", "comment_occurrence",
            "comment_validation", "preuve_numerique_url", "preuve_non_numerique", "methode_regroupement",
            "reference_biblio", "id_origine", "uuid_perm_grp_sinp", "alti_min", "champs_additionnels");

    private final TestStack stack = TestStack.fromEnvironment();
    private final ObjectMapper json = new ObjectMapper();
    private IsolatedDatabase database;
    private IsolatedTopics topics;
    private IsolatedBucketPrefix prefix;
    private StorageLayout layout;
    private BucketProbe bucket;
    private String commandsTopic;
    private String group;
    private CommandProducer commands;
    private TopicRecorder events;
    private TopicRecorder deadLetters;
    private final Map<String, ServiceProcess> workers = new LinkedHashMap<>();
    private final Map<String, String> workerEnvironment = new LinkedHashMap<>();
    private Path downloads;

    /** The content export, reused by the duplicate scenario. */
    private ExportCommand contentCommand;

    @BeforeAll
    void startStackAndWorkers() throws Exception {
        database = IsolatedDatabase.create(ExportWorkersIT.class);
        try (Connection connection = database.connect()) {
            new DemoSourceGenerator(connection, SEED).regenerate(ROWS);
        }
        database.grantReadOnly(stack.sourceDbUser());
        topics = IsolatedTopics.create(ExportWorkersIT.class);
        commandsTopic = topics.create(Topics.EXPORT_COMMANDS, PARTITIONS);
        String eventsTopic = topics.create(Topics.EXPORT_EVENTS, 2);
        String deadLetterTopic = topics.create(Topics.EXPORT_COMMANDS_DLQ, 1);
        group = "export-workers-it-" + UUID.randomUUID();
        prefix = IsolatedBucketPrefix.create(ExportWorkersIT.class);
        layout = new StorageLayout(prefix.prefix());
        bucket = new BucketProbe(stack);
        downloads = Files.createTempDirectory(Path.of("target"), "it-downloads-");
        workerEnvironment.put("NATURAFLUX_SOURCE_DB_URL", database.jdbcUrl());
        workerEnvironment.put("NATURAFLUX_COMMANDS_TOPIC", commandsTopic);
        workerEnvironment.put("NATURAFLUX_EVENTS_TOPIC", eventsTopic);
        workerEnvironment.put("NATURAFLUX_COMMANDS_DLQ_TOPIC", deadLetterTopic);
        workerEnvironment.put("NATURAFLUX_WORKER_GROUP", group);
        workerEnvironment.put("NATURAFLUX_S3_KEY_PREFIX", prefix.prefix());
        // 5 MiB parts: the bigger files go up by multipart upload.
        workerEnvironment.put("NATURAFLUX_S3_PART_SIZE", "5242880");
        workerEnvironment.put("NATURAFLUX_PROGRESS_ROWS", "1000");
        workerEnvironment.put("NATURAFLUX_KAFKA_SESSION_TIMEOUT_MS", "6000");
        workerEnvironment.put("NATURAFLUX_KAFKA_HEARTBEAT_MS", "1500");
        workers.put("worker-a", startWorker("worker-a", Map.of()));
        workers.put("worker-b", startWorker("worker-b", Map.of()));
        commands = new CommandProducer(stack.kafkaBootstrapServers(), commandsTopic);
        events = new TopicRecorder(stack.kafkaBootstrapServers(), eventsTopic);
        deadLetters = new TopicRecorder(stack.kafkaBootstrapServers(), deadLetterTopic);
        awaitBalancedGroup();
    }

    private ServiceProcess startWorker(String name, Map<String, String> extra) {
        // Started as deploy/local starts its workers: the instance name as a system property.
        return ServiceProcess.forModule("export-worker").name(name).heap("256m").jvmArgument("-Dnaturaflux.component=" + name)
                .env(workerEnvironment).env("NATURAFLUX_WORKER_ID", name).env(extra).start();
    }

    /**
     * Waits until every worker holds command partitions, so that no rebalance moves a partition (and
     * gives back its export) while a scenario runs.
     */
    private void awaitBalancedGroup() throws Exception {
        ConsumerGroupDescription[] last = new ConsumerGroupDescription[1];
        try {
            Eventually.within(Duration.ofSeconds(90), "the workers' group balanced").pollInterval(Duration.ofMillis(200)).until(() -> {
                ConsumerGroupDescription description = topics.admin().describeConsumerGroups(List.of(group)).all().get().get(group);
                last[0] = description;
                long holders = workers.keySet().stream().filter(name -> description.members().stream()
                        .anyMatch(m -> m.clientId().contains(name) && !m.assignment().topicPartitions().isEmpty())).count();
                int assigned = description.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
                return holders == workers.size() && assigned == PARTITIONS && description.members().size() == workers.size();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the workers' group did not balance: " + last[0]);
        }
    }

    /**
     * Waits until S3's clock (Last-Modified, one-second resolution) has passed every object under the
     * prefix: an object written from then on carries a later Last-Modified than theirs.
     */
    private void awaitS3ClockPast(String prefixKey) throws Exception {
        ZonedDateTime newest = null;
        for (io.minio.Result<Item> result : bucket.client().listObjects(io.minio.ListObjectsArgs.builder()
                .bucket(bucket.bucket()).prefix(prefixKey).recursive(true).build())) {
            ZonedDateTime modified = result.get().lastModified();
            newest = newest == null || modified.isAfter(newest) ? modified : newest;
        }
        ZonedDateTime past = newest;
        String probe = prefix.key("s3-clock-probe");
        Eventually.within(Duration.ofSeconds(30), "S3's clock past " + past).pollInterval(Duration.ofMillis(200)).until(() -> {
            bucket.put(probe, new byte[0]);
            return bucket.stat(probe).lastModified().isAfter(past);
        });
        // Nothing but committed runs stays under the prefix (see the crash scenario).
        bucket.client().removeObject(io.minio.RemoveObjectArgs.builder().bucket(bucket.bucket()).object(probe).build()).get();
    }

    @AfterAll
    void stopEverything() {
        closeAll(List.of(
                () -> workers.values().forEach(ServiceProcess::close),
                () -> commands.close(),
                () -> events.close(),
                () -> deadLetters.close(),
                () -> bucket.close(),
                () -> prefix.close(),
                () -> topics.close(),
                () -> database.close()));
    }

    @Test
    @Order(1)
    void everyFormatHoldsWhatThePostgisOracleSelectsAndDegrades() throws Exception {
        contentCommand = Specs.command(UUID.randomUUID(), Specs.spec(AROUND_PARIS, TaxaFilter.all(), CONTENT_FIELDS,
                List.of(ExportFormat.CSV, ExportFormat.JSON, ExportFormat.GEOJSON, ExportFormat.GPKG), null));
        commands.send(contentCommand);
        RunEvent done = events.awaitTerminal(contentCommand.runId(), EXPORT_TIMEOUT);
        assertThat(done.type()).as(String.valueOf(done.error())).isEqualTo(RunEventType.SUCCEEDED);

        Map<Long, ExportOracle.Expected> expected;
        ExportOracle.Withheld withheld;
        try (Connection connection = database.connect()) {
            ExportOracle oracle = new ExportOracle(connection);
            Object[] territory = {AROUND_PARIS.wkt()};
            expected = oracle.expected(ExportOracle.wktTerritory(), territory, null);
            long noArea = expected.values().stream().filter(e -> !e.exported()).count();
            withheld = oracle.withheld(ExportOracle.wktTerritory(), territory, noArea);
        }
        Map<Long, ExportOracle.Expected> exported = expected.values().stream().filter(ExportOracle.Expected::exported)
                .collect(Collectors.toMap(ExportOracle.Expected::id, e -> e));
        // The fixture exercises every level and carries canaries in degraded records of the territory.
        for (int level = 0; level <= 3; level++) {
            int l = level;
            assertThat(exported.values().stream().filter(e -> e.level() == l).count()).as("level " + level).isGreaterThan(20);
        }
        assertThat(exported.values().stream().filter(e -> e.level() > 0)
                .filter(e -> String.valueOf(e.source().get("nom_lieu")).contains(CANARY)).count()).isGreaterThan(100);

        JsonNode manifest = manifestOf(contentCommand);
        Map<String, Path> files = downloadFiles(manifest);
        assertThat(files).containsOnlyKeys("csv", "json", "geojson", "gpkg", "jeux_de_donnees-csv");
        Map<String, ExportedTable> tables = Map.of(
                "csv", ExportedTable.csv(files.get("csv"), ','),
                "json", ExportedTable.json(files.get("json")),
                "geojson", ExportedTable.gdal(files.get("geojson")),
                "gpkg", ExportedTable.gdal(files.get("gpkg")));
        // Degraded geometries are unions of areas densified every 100 m: compared once per distinct pair.
        Map<String, Boolean> sameGeometry = new HashMap<>();
        for (Map.Entry<String, ExportedTable> table : tables.entrySet()) {
            String format = table.getKey();
            assertSameRecords(format, table.getValue().rows().keySet(), exported.keySet());
            for (ExportOracle.Expected e : exported.values()) {
                ExportedTable.Row row = table.getValue().rows().get(e.id());
                String where = format + " record " + e.id() + " (level " + e.level() + ")";
                assertThat(row.get("niveau_sensibilite")).as(where).isEqualTo(e.label());
                assertThat(split(row.get("codes_zones_diffusion"))).as(where + " area codes").isEqualTo(e.level() == 0 ? Set.of() : e.areaCodes());
                assertThat(sameGeometry.computeIfAbsent(row.geometryWkt() + "|" + e.geometryWkt(),
                        pair -> withinEachOther(row.geometryWkt(), e.geometryWkt(), 1e-6)))
                        .as(where + " geometry: each within 1e-6 of the other").isTrue();
                Set<String> communes = split(row.get("communes"));
                assertThat(communes).as(where + " communes").containsAll(e.communesAtLeast());
                assertThat(e.communesAtMost()).as(where + " communes").containsAll(communes);
                if (e.precision() == null) {
                    assertThat(row.get("precision_geographique")).as(where + " precision").isNull();
                } else {
                    assertThat(Double.parseDouble(row.get("precision_geographique"))).as(where + " precision")
                            .isCloseTo(e.precision(), within(1.0));
                }
                double tolerance = e.level() == 0 ? 1e-7 : 1e-4;
                assertThat(Double.parseDouble(row.get("x_centroid_4326"))).as(where + " x").isCloseTo(e.centroidX(), within(tolerance));
                assertThat(Double.parseDouble(row.get("y_centroid_4326"))).as(where + " y").isCloseTo(e.centroidY(), within(tolerance));
                for (String field : SCRUBBED) {
                    if (e.level() > 0 || e.source().get(field) == null) {
                        assertThat(row.get(field)).as(where + " " + field).isNull();
                    } else if (field.equals("champs_additionnels")) {
                        assertThat(json.readTree(row.get(field))).as(where + " " + field).isEqualTo(json.readTree(e.source().get(field)));
                    } else if (field.equals("alti_min")) {
                        assertThat(Double.parseDouble(row.get(field))).as(where + " " + field)
                                .isEqualTo(Double.parseDouble(e.source().get(field)));
                    } else {
                        assertThat(row.get(field)).as(where + " " + field).isEqualTo(e.source().get(field));
                    }
                }
                for (String field : List.of("nom_valide", "observateurs", "uuid_perm_sinp")) {
                    assertThat(row.get(field)).as(where + " " + field).isEqualTo(e.source().get(field));
                }
                if (format.equals("csv") || format.equals("json")) {
                    assertThat(row.get("date_debut")).as(where + " date_debut").isEqualTo(e.source().get("date_debut"));
                }
            }
        }
        assertNoCanary(files.values());

        long degraded = exported.values().stream().filter(e -> e.level() > 0).count();
        JsonNode counts = manifest.path("counts");
        assertThat(counts.path("exported").asLong()).isEqualTo(exported.size());
        assertThat(counts.path("degraded").asLong()).isEqualTo(degraded);
        for (DiffusionLevel level : List.of(DiffusionLevel.PRECISE, DiffusionLevel.COMMUNE, DiffusionLevel.GRID, DiffusionLevel.DEPARTEMENT)) {
            assertThat(counts.path("byLevel").path(level.name()).asLong()).as(level.name())
                    .isEqualTo(exported.values().stream().filter(e -> e.level() == level.ordinal()).count());
        }
        assertThat(counts.path("withheldByCause").path("NO_AREA").asLong()).isEqualTo(withheld.noArea());
        assertThat(counts.path("withheldByCause").path("SENSITIVITY").asLong()).isEqualTo(withheld.sensitivity());
        assertThat(counts.path("withheldByCause").path("UNKNOWN_SENSITIVITY").asLong()).isEqualTo(withheld.unknownSensitivity());
        assertThat(counts.path("withheld").asLong()).isEqualTo(withheld.noArea() + withheld.sensitivity() + withheld.unknownSensitivity());
        // The estimate by level (source-lib's ExportEstimator, behind the request-service's estimate endpoints) on the
        // unchanged source gives this run's manifest counts, level by level and cause by cause.
        try (Connection connection = database.connect()) {
            SensitivityRules rules = SensitivityRules.standard();
            ExportEstimate estimate = new ExportEstimator(rules, new AreaIndexCache(rules),
                    new EstimateBounds(Duration.ofMinutes(2), 1_000_000)).estimate(connection, AROUND_PARIS, TaxaFilter.all(),
                    contentCommand.spec().filters());
            assertThat(estimate.exact()).isTrue();
            for (DiffusionLevel level : DiffusionLevel.values()) {
                assertThat(estimate.counts().byLevel().get(level)).as("estimated " + level)
                        .isEqualTo(counts.path("byLevel").path(level.name()).asLong());
            }
            counts.path("withheldByCause").fields().forEachRemaining(cause -> assertThat(estimate.counts().withheldByCause()
                    .get(cause.getKey())).as("estimated " + cause.getKey()).isEqualTo(cause.getValue().asLong()));
            assertThat(estimate.counts().withheldByCause().keySet()).containsExactlyInAnyOrderElementsOf(
                    () -> counts.path("withheldByCause").fieldNames());
        }
        assertThat(manifest.path("fields").findValuesAsText("code")).isEqualTo(CONTENT_FIELDS);
        assertThat(manifest.path("licence").asText()).isNotBlank();
        assertThat(manifest.path("citation").asText()).isNotBlank();
        assertThat(manifest.path("sourceSnapshotAt").asText()).isNotBlank();
        assertThat(manifest.path("attempt").asInt()).isEqualTo(1);
        assertThat(done.counts().exported()).isEqualTo(exported.size());
        assertThat(done.artifacts()).extracting(Artifact::key)
                .containsExactlyInAnyOrderElementsOf(reportedKeys(contentCommand));

        List<RunEvent> runEvents = events.eventsOf(contentCommand.runId());
        assertThat(runEvents.get(0).type()).isEqualTo(RunEventType.STARTED);
        // The total is counted beside the stream: PROGRESS carries it once known, always in the last one.
        List<RunEvent> progress = runEvents.stream().filter(e -> e.type() == RunEventType.PROGRESS).toList();
        assertThat(progress).isNotEmpty().filteredOn(e -> e.total() != null)
                .allSatisfy(e -> assertThat(e.total()).isEqualTo(exported.size() + withheld.noArea()));
        RunEvent last = progress.get(progress.size() - 1);
        assertThat(last.total()).isEqualTo(exported.size() + withheld.noArea());
        assertThat(last.rows()).isEqualTo(last.total());
        assertThat(events.countsOf(contentCommand.runId())).containsEntry(RunEventType.SUCCEEDED, 1L)
                .doesNotContainKey(RunEventType.FAILED);
        assertThat(bucket.keys(prefix.key("staging/" + contentCommand.runId()))).isEmpty();
        assertCpuSecondsPerStage(workers.get(manifest.path("workerId").asText()), contentCommand.runId(), last.rows());
    }

    /**
     * The run's CPU-seconds line in the log of the worker that ran it, in the form deploy/local/bench parses:
     * every stage of a four-format run, in order, each writer's thread having worked; the same stages as
     * Prometheus counters on that worker.
     */
    private void assertCpuSecondsPerStage(ServiceProcess worker, UUID runId, long rowsRead) throws Exception {
        Pattern line = Pattern.compile("run " + runId + " cpu-seconds ((?:[a-z.]+=\\d+\\.\\d{3} )+)rows=(\\d+)");
        Matcher found = Eventually.within(Duration.ofSeconds(30), "the CPU-seconds line of run " + runId + " in "
                + worker.logFile()).pollInterval(Duration.ofMillis(200)).until(() -> line.matcher(Files.readString(worker.logFile())),
                Matcher::find);
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String stage : found.group(1).trim().split(" ")) {
            String[] pair = stage.split("=");
            seconds.put(pair[0], Double.parseDouble(pair[1]));
        }
        assertThat(seconds).containsOnlyKeys("read", "degrade", "write.csv", "write.json", "write.geojson", "write.gpkg",
                "upload", "publish");
        assertThat(List.copyOf(seconds.keySet())).containsExactly("read", "degrade", "write.csv", "write.json",
                "write.geojson", "write.gpkg", "upload", "publish");
        for (String stage : List.of("read", "degrade", "write.csv", "write.json", "write.geojson", "write.gpkg", "upload")) {
            assertThat(seconds.get(stage)).as("CPU-seconds of " + stage).isPositive();
        }
        assertThat(Long.parseLong(found.group(2))).isEqualTo(rowsRead);
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(worker.managementUrl() + "/q/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        for (String stage : seconds.keySet()) {
            Matcher counter = Pattern.compile("naturaflux_worker_stage_cpu_seconds_total\\{[^}]*stage=\"" + Pattern.quote(stage)
                    + "\"[^}]*} ([0-9.eE+-]+)").matcher(metrics.body());
            assertThat(counter.find()).as("counter of " + stage + " in\n" + metrics.body()).isTrue();
            assertThat(Double.parseDouble(counter.group(1))).as("counter of " + stage)
                    .isGreaterThanOrEqualTo(seconds.get(stage) - 0.0005).isPositive();
        }
    }

    @Test
    @Order(2)
    void compressedExportOfAreasAndTaxaMatchesTheOracleAndLeaksNoCanary() throws Exception {
        Territory.Areas areas = new Territory.Areas(List.of(new AreaRef("DEP", "91"), new AreaRef("DEP", "94")));
        String[] groups = {"Oiseaux", "Mammifères"};
        ExportOptions options = new ExportOptions(';', true, JsonLayout.NDJSON, 5, Compression.GZIP, null, null, null, null, null);
        ExportCommand command = Specs.command(UUID.randomUUID(), Specs.spec(areas, new TaxaFilter(List.of(groups), List.of()),
                CONTENT_FIELDS, List.of(ExportFormat.CSV, ExportFormat.JSON, ExportFormat.GEOJSON, ExportFormat.GPKG), options));
        commands.send(command);
        RunEvent done = events.awaitTerminal(command.runId(), EXPORT_TIMEOUT);
        assertThat(done.type()).as(String.valueOf(done.error())).isEqualTo(RunEventType.SUCCEEDED);

        Set<Long> expectedIds;
        try (Connection connection = database.connect()) {
            Object[] territory = {new String[] {"DEP", "DEP"}, new String[] {"91", "94"}};
            expectedIds = new ExportOracle(connection).expected(ExportOracle.areasTerritory(), territory, groups).values().stream()
                    .filter(ExportOracle.Expected::exported).map(ExportOracle.Expected::id).collect(Collectors.toSet());
        }
        assertThat(expectedIds).hasSizeGreaterThan(500);
        Map<String, Path> files = downloadFiles(manifestOf(command));
        assertThat(files.values()).allSatisfy(f -> assertThat(f.getFileName().toString()).endsWith(".gz"));
        assertSameRecords("csv", ExportedTable.csv(files.get("csv"), ';').rows().keySet(), expectedIds);
        assertSameRecords("json", ExportedTable.json(files.get("json")).rows().keySet(), expectedIds);
        assertSameRecords("geojson", ExportedTable.gdal(files.get("geojson")).rows().keySet(), expectedIds);
        assertSameRecords("gpkg", ExportedTable.gdal(files.get("gpkg")).rows().keySet(), expectedIds);
        assertNoCanary(files.values());
    }

    @Test
    @Order(2)
    void excelFrCsvHasFrenchCellsThatMatchTheOracle() throws Exception {
        ExportOptions options = new ExportOptions(null, null, null, null, null, null, null, null, null, null,
                CsvPreset.EXCEL_FR, CsvDateFormat.FRENCH);
        ExportCommand command = Specs.command(UUID.randomUUID(), Specs.spec(AROUND_PARIS, TaxaFilter.all(), CONTENT_FIELDS,
                List.of(ExportFormat.CSV), options));
        commands.send(command);
        RunEvent done = events.awaitTerminal(command.runId(), EXPORT_TIMEOUT);
        assertThat(done.type()).as(String.valueOf(done.error())).isEqualTo(RunEventType.SUCCEEDED);

        Map<Long, ExportOracle.Expected> exported;
        try (Connection connection = database.connect()) {
            exported = new ExportOracle(connection).expected(ExportOracle.wktTerritory(), new Object[] {AROUND_PARIS.wkt()}, null)
                    .values().stream().filter(ExportOracle.Expected::exported)
                    .collect(Collectors.toMap(ExportOracle.Expected::id, e -> e));
        }
        Path csv = downloadFiles(manifestOf(command)).get("csv");
        byte[] start = new byte[3];
        try (var in = Files.newInputStream(csv)) {
            assertThat(in.readNBytes(start, 0, 3)).isEqualTo(3);
        }
        assertThat(start).as("UTF-8 BOM").containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(Files.readAllLines(csv, java.nio.charset.StandardCharsets.UTF_8).get(0)).startsWith("\uFEFFid_synthese;date_debut;");
        ExportedTable table = ExportedTable.csv(csv, ';');
        assertSameRecords("excel-fr csv", table.rows().keySet(), exported.keySet());
        java.time.format.DateTimeFormatter french = java.time.format.DateTimeFormatter.ofPattern("dd/MM/uuuu");
        WKTReader wkt = new WKTReader();
        for (ExportOracle.Expected e : exported.values()) {
            ExportedTable.Row row = table.rows().get(e.id());
            String where = "excel-fr record " + e.id() + " (level " + e.level() + ")";
            double tolerance = e.level() == 0 ? 1e-7 : 1e-4;
            for (String axis : List.of("x", "y")) {
                String cell = row.get(axis + "_centroid_4326");
                assertThat(cell).as(where + " " + axis).matches("-?[0-9]+,[0-9]+");
                assertThat(Double.parseDouble(cell.replace(',', '.'))).as(where + " " + axis)
                        .isCloseTo(axis.equals("x") ? e.centroidX() : e.centroidY(), within(tolerance));
            }
            assertThat(row.get("date_debut")).as(where + " date_debut")
                    .isEqualTo(java.time.LocalDate.parse(e.source().get("date_debut").substring(0, 10)).format(french));
            assertThat(row.get("date_modification")).as(where + " date_modification").matches("[0-3][0-9]/[01][0-9]/[0-9]{4} [0-2][0-9]:[0-5][0-9]:[0-5][0-9](,[0-9]+)?");
            // the WKT keeps its decimal points: a WKT reader reads it
            assertThat(wkt.read(row.geometryWkt()).isEmpty()).as(where + " geometry").isFalse();
            for (String field : List.of("nom_valide", "observateurs", "nom_lieu", "comment_releve", "comment_occurrence")) {
                String source = e.level() > 0 && SCRUBBED.contains(field) ? null : e.source().get(field);
                String expected = source == null || source.isEmpty() || "=+-@\t\r".indexOf(source.charAt(0)) < 0 ? source : "'" + source;
                assertThat(row.get(field)).as(where + " " + field).isEqualTo(expected == null || expected.isEmpty() ? null : expected);
            }
            if (e.level() == 0 && e.source().get("alti_min") != null) {
                assertThat(row.get("alti_min")).as(where + " alti_min (an integer, never neutralised)")
                        .isEqualTo(String.valueOf(new java.math.BigDecimal(e.source().get("alti_min")).longValueExact()));
            }
        }
    }

    @Test
    @Order(3)
    void duplicateDeliveredToTheOtherWorkerChangesNoObject() throws Exception {
        assertThat(contentCommand).as("the content scenario ran first").isNotNull();
        RunEvent first = events.awaitTerminal(contentCommand.runId(), EXPORT_TIMEOUT);
        String other = workers.keySet().stream().filter(name -> !name.equals(first.workerId())).findFirst().orElseThrow();
        int partition = partitionsOf(other).get(0);
        String runPrefix = runPrefix(contentCommand);
        Map<String, String> before = objectVersions(runPrefix);
        assertThat(before).as("four formats, the dataset attribution (jeux_de_donnees.csv), the execution's intent and the"
                + " manifest").hasSize(7);
        long succeededBefore = events.countsOf(contentCommand.runId()).get(RunEventType.SUCCEEDED);
        awaitS3ClockPast(runPrefix); // a rewrite would show in Last-Modified (one-second resolution)

        commands.send(contentCommand, partition);

        RunEvent again = events.awaitEvent(e -> e.runId().equals(contentCommand.runId()) && e.type() == RunEventType.SUCCEEDED
                && other.equals(e.workerId()), EXPORT_TIMEOUT, "SUCCEEDED again from " + other);
        assertThat(again.artifacts()).isEqualTo(first.artifacts());
        assertThat(again.counts()).isEqualTo(first.counts());
        assertThat(objectVersions(runPrefix)).isEqualTo(before);
        assertThat(events.countsOf(contentCommand.runId())).containsEntry(RunEventType.SUCCEEDED, succeededBefore + 1)
                .containsEntry(RunEventType.STARTED, 1L);
        assertThat(bucket.keys(layout.leasePrefix(contentCommand.fluxId(), contentCommand.runId()))).isEmpty();
    }

    @Test
    @Order(4)
    void poisonCommandEndsInTheDeadLetterTopicWithItsReasonAndTheRunFailed() throws Exception {
        // A command an old request-service could have sent: the territory names no geometry and no area.
        ExportCommand poison = Specs.command(UUID.randomUUID(), Specs.spec(new Territory.Described("le marais de Bonnelles"),
                TaxaFilter.all(), Specs.basicPlus(), List.of(ExportFormat.CSV), null));
        // And one no worker can even decode, whose ids are still readable.
        UUID garbledRun = UUID.randomUUID();
        UUID garbledFlux = UUID.randomUUID();
        String garbled = "{\"version\":1,\"runId\":\"" + garbledRun + "\",\"fluxId\":\"" + garbledFlux
                + "\",\"attempt\":2,\"spec\":{\"formats\":[\"xls\"]}}";

        commands.send(poison);
        commands.sendRaw(garbledFlux.toString(), garbled.getBytes(StandardCharsets.UTF_8));

        var dead = deadLetters.await(r -> poison.fluxId().toString().equals(r.key()), EXPORT_TIMEOUT, "dead letter of " + poison.runId());
        assertThat(header(dead, "dead-letter-reason")).contains("invalid flux specification").contains("/territory");
        RunEvent failed = events.awaitTerminal(poison.runId(), EXPORT_TIMEOUT);
        assertThat(failed.type()).isEqualTo(RunEventType.FAILED);
        assertThat(failed.error()).contains("territory");
        assertThat(events.countsOf(poison.runId())).doesNotContainKey(RunEventType.SUCCEEDED);

        var deadGarbled = deadLetters.await(r -> garbledFlux.toString().equals(r.key()), EXPORT_TIMEOUT, "dead letter of the garbled command");
        assertThat(header(deadGarbled, "dead-letter-reason")).contains("undecodable export command");
        RunEvent garbledFailed = events.awaitTerminal(garbledRun, EXPORT_TIMEOUT);
        assertThat(garbledFailed.type()).isEqualTo(RunEventType.FAILED);
        assertThat(garbledFailed.attempt()).isEqualTo(2);

        assertThat(bucket.keys(prefix.key("fluxes/" + poison.fluxId() + "/"))).isEmpty();
        assertThat(bucket.keys(layout.leasePrefix(poison.fluxId(), poison.runId()))).isEmpty();
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
        org.apache.kafka.common.header.Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    @Order(5)
    void changedReferenceAreasReachTheNextExportOfTheSameWorker() throws Exception {
        UUID fluxId = UUID.randomUUID();
        FluxSpec spec = Specs.spec(Specs.square(2.35, 48.85, 0.03), TaxaFilter.all(), Specs.basicPlus(), List.of(ExportFormat.CSV), null);
        ExportCommand before = Specs.command(fluxId, spec);
        commands.send(before);
        RunEvent first = events.awaitTerminal(before.runId(), EXPORT_TIMEOUT);
        assertThat(first.type()).as(String.valueOf(first.error())).isEqualTo(RunEventType.SUCCEEDED);
        ExportedTable.Row degraded = ExportedTable.csv(downloadFiles(manifestOf(before)).get("csv"), ',').rows().values().stream()
                .filter(row -> row.get("niveau_sensibilite").contains("Commune") && row.get("communes") != null)
                .findFirst().orElseThrow();
        String commune = split(degraded.get("communes")).iterator().next();
        String renamed = commune + " (renommée " + UUID.randomUUID().toString().substring(0, 8) + ")";
        try (Connection connection = database.connect();
             java.sql.PreparedStatement update = connection.prepareStatement("UPDATE ref_geo.l_areas SET area_name = ?,"
                     + " meta_update_date = now() WHERE area_name = ? AND id_type = (SELECT id_type FROM ref_geo.bib_areas_types"
                     + " WHERE type_code = 'COM')")) {
            update.setString(1, renamed);
            update.setString(2, commune);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        // Same flux, so same partition and same worker: the one whose area index holds the old name.
        ExportCommand after = Specs.command(fluxId, spec);
        commands.send(after);

        RunEvent second = events.awaitTerminal(after.runId(), EXPORT_TIMEOUT);
        assertThat(second.type()).as(String.valueOf(second.error())).isEqualTo(RunEventType.SUCCEEDED);
        assertThat(second.workerId()).isEqualTo(first.workerId());
        ExportedTable.Row again = ExportedTable.csv(downloadFiles(manifestOf(after)).get("csv"), ',').rows()
                .get(Long.parseLong(degraded.get("id_synthese")));
        assertThat(split(again.get("communes"))).contains(renamed).doesNotContain(commune);
    }

    @Test
    @Order(6)
    void deltaHoldsExactlyWhatChangedInTheSourceAndListsWhatLeft() throws Exception {
        UUID fluxId = UUID.randomUUID();
        ExportOptions delta = new ExportOptions(null, null, null, null, null, null, null, true, null, null);
        FluxSpec spec = Specs.spec(Specs.square(2.35, 48.85, 0.08), TaxaFilter.all(), Specs.basicPlus(),
                List.of(ExportFormat.CSV, ExportFormat.GEOJSON), delta);
        ExportCommand first = Specs.command(fluxId, spec);
        commands.send(first);
        RunEvent firstDone = events.awaitTerminal(first.runId(), EXPORT_TIMEOUT);
        assertThat(firstDone.type()).as(String.valueOf(firstDone.error())).isEqualTo(RunEventType.SUCCEEDED);
        JsonNode firstManifest = manifestOf(first);
        // The first run of the chain: its snapshot and its record set, no delta file.
        assertThat(firstManifest.path("delta").path("available").asBoolean()).isFalse();
        assertThat(firstManifest.path("delta").path("reason").asText()).contains("no previous successful run");
        assertThat(firstManifest.path("recordIndex").path("key").asText()).startsWith(runPrefix(first));
        assertThat(firstManifest.path("files").findValuesAsText("format")).containsExactly("csv", "geojson", "jeux_de_donnees-csv");
        assertThat(firstDone.artifacts()).extracting(Artifact::format).containsExactly("csv", "geojson", "jeux_de_donnees-csv", "manifest");

        // Four precise records of that snapshot, changed by plain SQL in the source.
        Map<Long, ExportedTable.Row> snapshot = ExportedTable.csv(downloadFiles(firstManifest).get("csv"), ',').rows();
        List<Long> precise = snapshot.values().stream().filter(r -> r.get("niveau_sensibilite").startsWith("Non sensible - Diffusion précise"))
                .map(r -> Long.parseLong(r.get("id_synthese"))).sorted().limit(4).toList();
        assertThat(precise).hasSize(4);
        long deletedId = precise.get(0);
        long toGrid = precise.get(1);
        long toWithheld = precise.get(2);
        long copied = precise.get(3);
        long insertedId;
        try (Connection connection = database.connect(); java.sql.Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            String sensitivity = "(SELECT n.id_nomenclature FROM ref_nomenclatures.t_nomenclatures n JOIN"
                    + " ref_nomenclatures.bib_nomenclatures_types t ON t.id_type = n.id_type WHERE t.mnemonique = 'SENSIBILITE'"
                    + " AND n.cd_nomenclature = '%s')";
            sql.executeUpdate("DELETE FROM gn_synthese.cor_area_synthese WHERE id_synthese = " + deletedId);
            assertThat(sql.executeUpdate("DELETE FROM gn_synthese.synthese WHERE id_synthese = " + deletedId)).isEqualTo(1);
            assertThat(sql.executeUpdate("UPDATE gn_synthese.synthese SET id_nomenclature_sensitivity = "
                    + String.format(sensitivity, "2") + " WHERE id_synthese = " + toGrid)).isEqualTo(1);
            assertThat(sql.executeUpdate("UPDATE gn_synthese.synthese SET id_nomenclature_sensitivity = "
                    + String.format(sensitivity, "4") + " WHERE id_synthese = " + toWithheld)).isEqualTo(1);
            try (java.sql.ResultSet rs = sql.executeQuery("SELECT max(id_synthese) + 1 FROM gn_synthese.synthese")) {
                rs.next();
                insertedId = rs.getLong(1);
            }
            String columns;
            try (java.sql.ResultSet rs = sql.executeQuery("SELECT string_agg(column_name, ', ' ORDER BY ordinal_position)"
                    + " FROM information_schema.columns WHERE table_schema = 'gn_synthese' AND table_name = 'synthese'"
                    + " AND column_name NOT IN ('id_synthese', 'unique_id_sinp') AND is_generated = 'NEVER'")) {
                rs.next();
                columns = rs.getString(1);
            }
            sql.executeUpdate("INSERT INTO gn_synthese.synthese (id_synthese, unique_id_sinp, " + columns + ") SELECT "
                    + insertedId + ", gen_random_uuid(), " + columns + " FROM gn_synthese.synthese WHERE id_synthese = " + copied);
            sql.executeUpdate("INSERT INTO gn_synthese.cor_area_synthese (id_synthese, id_area) SELECT " + insertedId
                    + ", id_area FROM gn_synthese.cor_area_synthese WHERE id_synthese = " + copied);
            connection.commit();
        }

        ExportCommand second = ExportCommand.of(UUID.randomUUID(), fluxId, first.partnerId(), 1, spec, first.runId(),
                java.time.Instant.now());
        commands.send(second);
        RunEvent secondDone = events.awaitTerminal(second.runId(), EXPORT_TIMEOUT);
        assertThat(secondDone.type()).as(String.valueOf(secondDone.error())).isEqualTo(RunEventType.SUCCEEDED);
        JsonNode manifest = manifestOf(second);
        JsonNode d = manifest.path("delta");
        assertThat(d.path("available").asBoolean()).as(d.toString()).isTrue();
        assertThat(d.path("baseRunId").asText()).isEqualTo(first.runId().toString());
        assertThat(d.path("baseSnapshotAt").asText()).isEqualTo(firstManifest.path("sourceSnapshotAt").asText());
        assertThat(d.path("added").asLong()).isEqualTo(1);
        assertThat(d.path("changed").asLong()).isEqualTo(1);
        assertThat(d.path("deleted").asLong()).isEqualTo(2);
        assertThat(d.path("unchanged").asLong()).isEqualTo(snapshot.size() - 3);
        assertThat(secondDone.artifacts()).extracting(Artifact::format)
                .containsExactly("csv", "geojson", "jeux_de_donnees-csv", "delta-csv", "delta-geojson", "delta-deleted", "manifest");

        Map<String, Path> files = downloadFiles(manifest);
        Map<Long, ExportedTable.Row> deltaCsv = ExportedTable.csv(files.get("delta-csv"), ',').rows();
        assertThat(deltaCsv.keySet()).containsExactlyInAnyOrder(insertedId, toGrid);
        assertThat(ExportedTable.gdal(files.get("delta-geojson")).rows().keySet()).containsExactlyInAnyOrder(insertedId, toGrid);
        assertThat(deltaCsv.get(toGrid).get("niveau_sensibilite")).isEqualTo("Sensible - Diffusion à la maille 10km");
        assertThat(deltaCsv.get(insertedId).get("nom_valide")).isEqualTo(snapshot.get(copied).get("nom_valide"));
        assertThat(Files.readAllLines(files.get("delta-deleted"))).containsExactly("id_synthese",
                Long.toString(Math.min(deletedId, toWithheld)), Long.toString(Math.max(deletedId, toWithheld)));
        // The full snapshot of the second run is the first one with the delta applied.
        Map<Long, ExportedTable.Row> full = ExportedTable.csv(files.get("csv"), ',').rows();
        Set<Long> applied = new TreeSet<>(snapshot.keySet());
        applied.removeAll(List.of(deletedId, toWithheld));
        applied.addAll(deltaCsv.keySet());
        assertThat(new TreeSet<>(full.keySet())).isEqualTo(applied);
    }

    @Test
    @Order(7)
    void twoWorkersShareABurstOfTwentyCommandsAndEachRunSucceedsOnce() throws Exception {
        List<ExportCommand> burst = new ArrayList<>();
        int[] perPartition = new int[PARTITIONS];
        while (burst.size() < 20) {
            UUID fluxId = UUID.randomUUID();
            int partition = Utils.toPositive(Utils.murmur2(fluxId.toString().getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (perPartition[partition] < 5) {
                perPartition[partition]++;
                double lon = 2.0 + 0.05 * burst.size();
                // Small squares (20 to 450 records, 0.5 to 75 MB of files a run at 16,000 rows): most runs' files
                // still pass worker-b's 1 MiB copy limit (uploaded to their published key), some do not.
                burst.add(Specs.command(fluxId, Specs.spec(Specs.square(lon, 48.8, 0.02), TaxaFilter.all(), Specs.basicPlus(),
                        List.of(ExportFormat.CSV, ExportFormat.GEOJSON), null)));
            }
        }

        burst.forEach(commands::send);

        Map<String, Integer> byWorker = new TreeMap<>();
        for (ExportCommand command : burst) {
            RunEvent done = events.awaitTerminal(command.runId(), EXPORT_TIMEOUT);
            assertThat(done.type()).as(String.valueOf(done.error())).isEqualTo(RunEventType.SUCCEEDED);
            byWorker.merge(done.workerId(), 1, Integer::sum);
        }
        assertThat(byWorker).as("runs per worker").containsOnlyKeys(workers.keySet());
        for (ExportCommand command : burst) {
            assertThat(events.countsOf(command.runId())).as("events of run " + command.runId())
                    .containsEntry(RunEventType.STARTED, 1L).containsEntry(RunEventType.SUCCEEDED, 1L)
                    .doesNotContainKey(RunEventType.FAILED);
            assertThat(bucket.keys(runPrefix(command))).containsExactlyInAnyOrderElementsOf(publishedKeys(command));
        }
    }

    @Test
    @Order(8)
    void stoppedWorkerGivesBackItsExportWhichAnotherCompletes() throws Exception {
        // A third worker with no grace period: SIGTERM makes it give its running export back at once.
        workers.put("worker-c", startWorker("worker-c", Map.of("NATURAFLUX_WORKER_SHUTDOWN_GRACE", "0s")));
        awaitBalancedGroup();
        ExportCommand command = Specs.command(UUID.randomUUID(), Specs.spec(wholeRegion(), TaxaFilter.all(), CONTENT_FIELDS,
                List.of(ExportFormat.CSV, ExportFormat.JSON, ExportFormat.GEOJSON, ExportFormat.GPKG), null));

        commands.send(command, partitionsOf("worker-c").get(0));
        events.awaitEvent(e -> e.runId().equals(command.runId()) && e.type() == RunEventType.PROGRESS
                && "worker-c".equals(e.workerId()), EXPORT_TIMEOUT, "PROGRESS from worker-c");
        ServiceProcess stopped = workers.remove("worker-c");
        int status = stopped.stop();

        assertThat(status).as("worker-c stopped by SIGTERM, not killed after the stop timeout").isNotEqualTo(137);
        RunEvent done = events.awaitTerminal(command.runId(), EXPORT_TIMEOUT);
        assertThat(done.type()).as(String.valueOf(done.error())).isEqualTo(RunEventType.SUCCEEDED);
        assertThat(done.workerId()).isIn(workers.keySet());
        assertThat(events.eventsOf(command.runId())).filteredOn(e -> e.type() == RunEventType.STARTED)
                .extracting(RunEvent::workerId).containsExactly("worker-c", done.workerId());
        assertThat(events.countsOf(command.runId())).containsEntry(RunEventType.SUCCEEDED, 1L).doesNotContainKey(RunEventType.FAILED);
        // worker-c gave its execution back: its files and its lease deleted.
        assertThat(bucket.keys(layout.leasePrefix(command.fluxId(), command.runId()))).isEmpty();
        assertThat(bucket.keys(runPrefix(command))).containsExactlyInAnyOrderElementsOf(publishedKeys(command));
        awaitBalancedGroup();
    }

    @Test
    @Order(9)
    void killedWorkersRunIsCompletedOnceByTheOtherAndNothingIsLeftOutsideCommittedRuns() throws Exception {
        long progressRows = 3_000;
        ExportCommand command = Specs.command(UUID.randomUUID(), Specs.spec(wholeRegion(), TaxaFilter.all(), CONTENT_FIELDS, List.of(ExportFormat.CSV, ExportFormat.JSON, ExportFormat.GEOJSON, ExportFormat.GPKG), null));

        commands.send(command);
        RunEvent progress = events.awaitEvent(e -> e.runId().equals(command.runId()) && e.type() == RunEventType.PROGRESS
                && e.rows() != null && e.rows() >= progressRows, EXPORT_TIMEOUT, "PROGRESS past " + progressRows + " rows");
        ServiceProcess victim = workers.get(progress.workerId());
        victim.kill();
        String survivor = workers.keySet().stream().filter(name -> !name.equals(progress.workerId())).findFirst().orElseThrow();

        RunEvent done = events.awaitEvent(e -> e.runId().equals(command.runId()) && e.type().isTerminal(), EXPORT_TIMEOUT,
                "terminal event of run " + command.runId());
        assertThat(done.type()).as(String.valueOf(done.error())).isEqualTo(RunEventType.SUCCEEDED);
        assertThat(done.workerId()).isEqualTo(survivor);
        assertThat(events.eventsOf(command.runId())).filteredOn(e -> e.type() == RunEventType.SUCCEEDED).hasSize(1);
        assertThat(events.eventsOf(command.runId())).filteredOn(e -> e.type() == RunEventType.STARTED)
                .extracting(RunEvent::workerId).containsExactly(progress.workerId(), survivor);

        // Nothing outside committed runs: every object under the prefix is a committed run's file, manifest or
        // its execution's intent; the killed execution's files (some complete, others incomplete uploads) were
        // deleted by the survivor's commit, and its lease with them.
        List<String> keys = bucket.keys(prefix.prefix());
        Set<String> committed = new TreeSet<>();
        for (String key : keys) {
            if (key.endsWith("/" + StorageLayout.MANIFEST)) {
                JsonNode manifest = json.readTree(bucket.read(key));
                UUID flux = UUID.fromString(manifest.path("fluxId").asText());
                UUID run = UUID.fromString(manifest.path("runId").asText());
                if (!key.equals(layout.manifestKey(flux, run))) {
                    continue;    // an execution's intent: counted below with its run's commit
                }
                committed.add(key);
                committed.add(layout.intentKey(flux, run, manifest.path("executionId").asText()));
                manifest.path("files").forEach(f -> committed.add(f.path("key").asText()));
                if (manifest.hasNonNull("recordIndex")) {
                    committed.add(manifest.path("recordIndex").path("key").asText());
                }
            }
        }
        assertThat(keys).containsExactlyInAnyOrderElementsOf(committed);
        assertThat(bucket.incompleteUploads(prefix.prefix())).isEmpty();
        assertThat(victim.isAlive()).isFalse();
        // What the API will offer: the survivor's files, each whole (its SHA-256 the manifest's), the manifest's
        // execution's only.
        assertThat(done.artifacts()).extracting(Artifact::key).containsExactlyElementsOf(reportedKeys(command));
        downloadFiles(manifestOf(command));
    }

    /** The eight départements of the demo region: every record. */
    private static Territory.Areas wholeRegion() {
        return new Territory.Areas(List.of("75", "77", "78", "91", "92", "93", "94", "95").stream()
                .map(code -> new AreaRef("DEP", code)).toList());
    }

    private String runPrefix(ExportCommand command) {
        return prefix.key("fluxes/" + command.fluxId() + "/runs/" + command.runId() + "/");
    }

    private JsonNode manifestOf(ExportCommand command) throws Exception {
        return json.readTree(bucket.read(runPrefix(command) + "manifest.json"));
    }

    /** The keys a run's SUCCEEDED reports (what the API will sign): the manifest's files, then the manifest. */
    private List<String> reportedKeys(ExportCommand command) throws Exception {
        List<String> keys = new ArrayList<>(manifestOf(command).path("files").findValuesAsText("key"));
        keys.add(runPrefix(command) + "manifest.json");
        return keys;
    }

    /** The keys of a committed run: the files its manifest names, the manifest, and its execution's intent. */
    private List<String> publishedKeys(ExportCommand command) throws Exception {
        JsonNode manifest = manifestOf(command);
        List<String> keys = new ArrayList<>(manifest.path("files").findValuesAsText("key"));
        if (manifest.hasNonNull("recordIndex")) {
            keys.add(manifest.path("recordIndex").path("key").asText());
        }
        keys.add(runPrefix(command) + "manifest.json");
        keys.add(layout.intentKey(command.fluxId(), command.runId(), manifest.path("executionId").asText()));
        return keys;
    }

    /** Downloads the manifest's files, checking each one's size and SHA-256 against the manifest. */
    private Map<String, Path> downloadFiles(JsonNode manifest) throws Exception {
        Map<String, Path> files = new HashMap<>();
        Path directory = Files.createTempDirectory(downloads, "run-");
        for (JsonNode file : manifest.path("files")) {
            Path local = bucket.download(file.path("key").asText(), directory.resolve(file.path("name").asText()));
            byte[] bytes = Files.readAllBytes(local);
            assertThat((long) bytes.length).as(file.path("name").asText()).isEqualTo(file.path("bytes").asLong());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .as(file.path("name").asText()).isEqualTo(file.path("sha256").asText());
            // Uploaded once, by the execution that committed, to its own folder.
            assertThat(bucket.stat(file.path("key").asText()).userMetadata())
                    .containsEntry("execution-id", manifest.path("executionId").asText());
            assertThat(file.path("key").asText()).startsWith(layout.executionPrefix(UUID.fromString(manifest.path("fluxId").asText()),
                    UUID.fromString(manifest.path("runId").asText()), manifest.path("executionId").asText()));
            files.put(file.path("format").asText(), local);
        }
        return files;
    }

    /** The same record ids, reported as what is missing and what is extra (sets are too big to print). */
    private static void assertSameRecords(String format, Set<Long> got, Set<Long> expected) {
        Set<Long> missing = new TreeSet<>(expected);
        missing.removeAll(got);
        Set<Long> extra = new TreeSet<>(got);
        extra.removeAll(expected);
        assertThat(missing.size() + extra.size()).as("%s: %d records expected, %d found; %d missing, e.g. %s; %d extra, e.g. %s",
                format, expected.size(), got.size(), missing.size(), missing.stream().limit(10).toList(), extra.size(),
                extra.stream().limit(10).toList()).isZero();
    }

    private static void assertNoCanary(java.util.Collection<Path> files) {
        byte[] canary = CANARY.getBytes(StandardCharsets.US_ASCII);
        for (Path file : files) {
            byte[] content = ExportedTable.contentBytes(file);
            assertThat(content.length).as(file.toString()).isGreaterThan(1000);
            assertThat(indexOf(content, canary)).as("canary in " + file.getFileName()).isEqualTo(-1);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Set<String> split(String list) {
        return list == null || list.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(list.split(", ")));
    }

    /** Keys under a prefix with their ETag and Last-Modified. */
    private Map<String, String> objectVersions(String prefixKey) throws Exception {
        Map<String, String> versions = new TreeMap<>();
        for (io.minio.Result<Item> result : bucket.client().listObjects(io.minio.ListObjectsArgs.builder()
                .bucket(bucket.bucket()).prefix(prefixKey).recursive(true).build())) {
            Item item = result.get();
            versions.put(item.objectName(), item.etag() + " " + item.lastModified());
        }
        return versions;
    }

    /** The command partitions a worker consumes now. */
    private List<Integer> partitionsOf(String worker) throws Exception {
        ConsumerGroupDescription description = topics.admin().describeConsumerGroups(List.of(group)).all().get().get(group);
        List<Integer> partitions = new ArrayList<>();
        for (MemberDescription member : description.members()) {
            if (member.clientId().contains(worker)) {
                member.assignment().topicPartitions().stream().map(TopicPartition::partition).forEach(partitions::add);
            }
        }
        assertThat(partitions).as("partitions of " + worker + " in " + description).isNotEmpty();
        return partitions;
    }

    private static void closeAll(List<Runnable> steps) {
        AssertionError failure = null;
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException | AssertionError e) {
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

    /**
     * Whether each geometry lies within {@code tolerance} of the other (their Hausdorff distance is at most
     * {@code tolerance}), by buffers: the discrete Hausdorff distance costs the product of the vertex counts.
     */
    private static boolean withinEachOther(String gotWkt, String wantWkt, double tolerance) {
        try {
            WKTReader wkt = new WKTReader();
            Geometry got = wkt.read(gotWkt);
            Geometry want = wkt.read(wantWkt);
            return PreparedGeometryFactory.prepare(want.buffer(tolerance)).covers(got)
                    && PreparedGeometryFactory.prepare(got.buffer(tolerance)).covers(want);
        } catch (ParseException e) {
            throw new AssertionError("unreadable WKT: " + e.getMessage(), e);
        }
    }
}
