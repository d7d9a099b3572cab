package org.naturaflux.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunEvent;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.model.message.Topics;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.testkit.IsolatedBucketPrefix;
import org.naturaflux.testkit.IsolatedDatabase;
import org.naturaflux.testkit.IsolatedTopics;
import org.naturaflux.testkit.PrivatePostgres;
import org.naturaflux.testkit.ServiceProcess;
import org.naturaflux.testkit.TestStack;
import org.naturaflux.worker.testing.BucketProbe;
import org.naturaflux.worker.testing.CommandProducer;
import org.naturaflux.worker.testing.ExportOracle;
import org.naturaflux.worker.testing.ExportedTable;
import org.naturaflux.worker.testing.Specs;
import org.naturaflux.worker.testing.TopicRecorder;

/**
 * A packaged worker (its own process) reading the source from a hot standby, as the operator guide
 * recommends for long exports, while the source's writes go to the primary: a private PostgreSQL primary
 * holds a demo source, a {@code pg_basebackup} standby streams it ({@code hot_standby_feedback}), the
 * worker's only source URL is the standby's, Kafka and S3 are the stack's. Records deleted on the primary
 * after the standby was made are gone from the run's file once replayed: the file holds exactly what the
 * PostGIS oracle selects on the primary.
 */
class StandbyWorkerIT {

    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(60);
    private static final Territory.Wkt AROUND_PARIS = new Territory.Wkt(
            "POLYGON((2.05 48.70, 2.60 48.68, 2.70 48.95, 2.35 49.05, 2.00 48.90, 2.05 48.70))");

    private final TestStack stack = TestStack.fromEnvironment();

    @Test
    void aWorkerOnAHotStandbyExportsThePrimarysRecordsOnceReplayed() throws Exception {
        try (PrivatePostgres primary = PrivatePostgres.start("standby-worker");
             IsolatedDatabase source = IsolatedDatabase.create(primary.stack(), "standby-worker-source");
             IsolatedTopics topics = IsolatedTopics.create(StandbyWorkerIT.class);
             IsolatedBucketPrefix prefix = IsolatedBucketPrefix.create(StandbyWorkerIT.class);
             BucketProbe bucket = new BucketProbe(stack)) {
            try (Connection connection = source.connect()) {
                new DemoSourceGenerator(connection, 7).regenerate(8_000);
            }
            source.grantReadOnly(PrivatePostgres.READER);
            try (PrivatePostgres standby = primary.startStandby("standby-worker", Map.of("hot_standby_feedback", "on"))) {
                String commandsTopic = topics.create(Topics.EXPORT_COMMANDS, 1);
                String eventsTopic = topics.create(Topics.EXPORT_EVENTS, 1);
                String standbyUrl = standby.jdbcUrl(source.name());
                try (Connection onStandby = DriverManager.getConnection(standbyUrl, PrivatePostgres.READER, standby.password());
                     Statement st = onStandby.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as("the worker's source is a standby").isTrue();
                }

                // Written on the primary after the standby was copied: reaches the worker through replication only.
                Set<Long> deleted;
                try (Connection onPrimary = source.connect(); Statement st = onPrimary.createStatement()) {
                    deleted = new TreeSet<>(exportedIds(onPrimary)).stream().limit(40).collect(Collectors.toCollection(TreeSet::new));
                    assertThat(st.executeUpdate("DELETE FROM gn_synthese.synthese WHERE id_synthese IN ("
                            + deleted.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")).isEqualTo(deleted.size());
                }
                standby.awaitReplayOf(primary, REPLAY_TIMEOUT);
                Set<Long> expected;
                try (Connection onPrimary = source.connect()) {
                    expected = exportedIds(onPrimary);
                }
                assertThat(expected).hasSizeGreaterThan(500).doesNotContainAnyElementsOf(deleted);

                try (ServiceProcess worker = ServiceProcess.forModule("export-worker").name("standby-worker").heap("256m")
                        .jvmArgument("-Dnaturaflux.component=standby-worker")
                        .env("NATURAFLUX_SOURCE_DB_URL", standbyUrl)
                        .env("NATURAFLUX_SOURCE_DB_USER", PrivatePostgres.READER)
                        .env("NATURAFLUX_SOURCE_DB_PASSWORD", standby.password())
                        .env("NATURAFLUX_COMMANDS_TOPIC", commandsTopic)
                        .env("NATURAFLUX_EVENTS_TOPIC", eventsTopic)
                        .env("NATURAFLUX_COMMANDS_DLQ_TOPIC", topics.create(Topics.EXPORT_COMMANDS_DLQ, 1))
                        .env("NATURAFLUX_WORKER_GROUP", "standby-worker-it-" + UUID.randomUUID())
                        .env("NATURAFLUX_WORKER_ID", "standby-worker")
                        .env("NATURAFLUX_S3_KEY_PREFIX", prefix.prefix())
                        .start();
                     CommandProducer commands = new CommandProducer(stack.kafkaBootstrapServers(), commandsTopic);
                     TopicRecorder events = new TopicRecorder(stack.kafkaBootstrapServers(), eventsTopic)) {
                    ExportCommand command = Specs.command(UUID.randomUUID(), Specs.spec(AROUND_PARIS, TaxaFilter.all(),
                            Specs.basicPlus(), List.of(ExportFormat.CSV), null));
                    commands.send(command);
                    RunEvent done = events.awaitTerminal(command.runId(), EXPORT_TIMEOUT);
                    assertThat(done.type()).as(String.valueOf(done.error())).isEqualTo(RunEventType.SUCCEEDED);
                    assertThat(worker.isAlive()).isTrue();

                    JsonNode manifest = new ObjectMapper().readTree(bucket.read(
                            prefix.key("fluxes/" + command.fluxId() + "/runs/" + command.runId() + "/") + "manifest.json"));
                    JsonNode csv = manifest.path("files").get(0);
                    Path file = bucket.download(csv.path("key").asText(),
                            Files.createTempDirectory(Path.of("target"), "standby-run-").resolve(csv.path("name").asText()));
                    assertThat(ExportedTable.csv(file, ',').rows().keySet()).isEqualTo(expected);
                }
            }
        }
    }

    /** The records the PostGIS oracle selects in the territory and exports (every taxon). */
    private static Set<Long> exportedIds(Connection connection) throws Exception {
        Map<Long, ExportOracle.Expected> expected = new ExportOracle(connection).expected(ExportOracle.wktTerritory(),
                new Object[] {AROUND_PARIS.wkt()}, null);
        return expected.values().stream().filter(ExportOracle.Expected::exported).map(ExportOracle.Expected::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
