package org.naturaflux.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunEvent;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.storage.StorageLayout;
import org.naturaflux.testkit.Eventually;
import org.naturaflux.testkit.TestStack;
import org.naturaflux.worker.storage.StagingSweeper;
import org.naturaflux.worker.testing.CommandProducer;
import org.naturaflux.worker.testing.IsolatedWorkerResources;
import org.naturaflux.worker.testing.Specs;
import org.naturaflux.worker.testing.TopicRecorder;

/**
 * How the worker treats commands that need no source data: poison records, invalid specifications,
 * runs already committed. Against the real Kafka and S3 of the stack, on isolated topics and prefix.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedWorkerResources.class)
class CommandHandlingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ConfigProperty(name = "mp.messaging.incoming.export-commands.topic")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.outgoing.export-events.topic")
    String eventsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-commands.dead-letter-queue.topic")
    String deadLetterTopic;
    @ConfigProperty(name = "naturaflux.s3.key-prefix")
    String keyPrefix;
    @Inject
    StagingSweeper sweeper;

    private final TestStack stack = TestStack.fromEnvironment();
    private CommandProducer commands;
    private TopicRecorder events;
    private TopicRecorder deadLetters;
    private MinioClient s3;

    @BeforeEach
    void connect() {
        commands = new CommandProducer(stack.kafkaBootstrapServers(), commandsTopic);
        events = new TopicRecorder(stack.kafkaBootstrapServers(), eventsTopic);
        deadLetters = new TopicRecorder(stack.kafkaBootstrapServers(), deadLetterTopic);
        s3 = MinioClient.builder().endpoint(stack.s3Endpoint()).region(stack.s3Region())
                .credentials(stack.s3AccessKey(), stack.s3SecretKey()).build();
    }

    @AfterEach
    void disconnect() throws Exception {
        commands.close();
        events.close();
        deadLetters.close();
        s3.close();
    }

    @Test
    void undecodableRecordGoesToTheDeadLetterTopicWithItsReason() {
        byte[] garbage = "this is not a command {".getBytes(StandardCharsets.UTF_8);
        String key = "poison-" + UUID.randomUUID();

        commands.sendRaw(key, garbage);

        ConsumerRecord<String, byte[]> dead = deadLetters.await(r -> key.equals(r.key()), TIMEOUT, "dead letter " + key);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead, "dead-letter-reason")).contains("undecodable export command");
    }

    @Test
    void commandWhoseIdsAreReadableButSpecIsNotIsReportedFailedAndDeadLettered() {
        UUID runId = UUID.randomUUID();
        UUID fluxId = UUID.randomUUID();
        String json = "{\"version\":1,\"runId\":\"" + runId + "\",\"fluxId\":\"" + fluxId + "\",\"attempt\":3,"
                + "\"issuedAt\":\"2025-01-01T00:00:00Z\",\"spec\":{\"territory\":42,\"fields\":[],\"formats\":[\"xls\"]}}";

        commands.sendRaw(fluxId.toString(), json.getBytes(StandardCharsets.UTF_8));

        ConsumerRecord<String, byte[]> dead = deadLetters.await(r -> fluxId.toString().equals(r.key()), TIMEOUT, "dead letter");
        assertThat(header(dead, "dead-letter-reason")).contains("undecodable export command");
        RunEvent failed = events.awaitTerminal(runId, TIMEOUT);
        assertThat(failed.type()).isEqualTo(RunEventType.FAILED);
        assertThat(failed.attempt()).isEqualTo(3);
        assertThat(failed.fluxId()).isEqualTo(fluxId);
        assertThat(failed.error()).contains("undecodable export command");
    }

    @Test
    void invalidSpecificationFailsAtOnceWithAnActionableReason() {
        ExportCommand command = Specs.command(UUID.randomUUID(), Specs.spec(new Territory.Described("la vallée de la Bièvre"),
                TaxaFilter.all(), Specs.basicPlus(), List.of(ExportFormat.CSV), null));

        commands.send(command);

        ConsumerRecord<String, byte[]> dead = deadLetters.await(r -> command.fluxId().toString().equals(r.key()), TIMEOUT, "dead letter");
        assertThat(header(dead, "dead-letter-reason")).contains("invalid flux specification").contains("/territory");
        RunEvent failed = events.awaitTerminal(command.runId(), TIMEOUT);
        assertThat(failed.type()).isEqualTo(RunEventType.FAILED);
        assertThat(failed.error()).contains("territory needs a geometry or areas");
        // Not retried, never started: FAILED is the run's only event.
        assertThat(events.eventsOf(command.runId())).extracting(RunEvent::type).containsExactly(RunEventType.FAILED);
        assertThat(objectsUnder(new StorageLayout(keyPrefix).runPrefix(command.fluxId(), command.runId()))).isEmpty();
        assertThat(objectsUnder(new StorageLayout(keyPrefix).leaseRoot() + command.fluxId())).isEmpty();
    }

    @Test
    void runThatFailsForGoodLeavesNothingReachableAndTheSweepRemovesWhatAKilledExecutionLeft() throws Exception {
        ExportCommand command = Specs.command(UUID.randomUUID(), Specs.spec(new Territory.Described("les coteaux de Seine"),
                TaxaFilter.all(), Specs.basicPlus(), List.of(ExportFormat.CSV), null));
        StorageLayout layout = new StorageLayout(keyPrefix);
        String runPrefix = layout.runPrefix(command.fluxId(), command.runId());
        // What an earlier execution killed before its manifest left: a file in its folder, and its lease.
        String killed = "an-earlier-worker-0badcafe";
        String leftover = layout.executionKey(command.fluxId(), command.runId(), killed, "observations.csv");
        String lease = layout.leaseKey(command.fluxId(), command.runId(), killed);
        put(leftover, "id_synthese\r\n1\r\n".getBytes(StandardCharsets.UTF_8));
        put(lease, new byte[0]);

        commands.send(command);

        assertThat(events.awaitTerminal(command.runId(), TIMEOUT).type()).isEqualTo(RunEventType.FAILED);
        // No manifest: nothing of the run is reachable; the killed execution's file waits for the sweep.
        assertThat(objectsUnder(runPrefix)).containsExactly(leftover);
        Eventually.within(Duration.ofSeconds(15), "the killed execution swept").pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    sweeper.sweepOlderThan(Duration.ZERO);
                    return objectsUnder(lease).isEmpty();
                });
        assertThat(objectsUnder(runPrefix)).isEmpty();
    }

    @Test
    void commandOfACommittedRunOnlySendsSucceededAgain() throws Exception {
        ExportCommand command = Specs.command(UUID.randomUUID(), Specs.spec(Specs.square(2.35, 48.85, 0.01),
                TaxaFilter.all(), Specs.basicPlus(), List.of(ExportFormat.CSV), null));
        String runPrefix = keyPrefix + "fluxes/" + command.fluxId() + "/runs/" + command.runId() + "/";
        byte[] csv = "id_synthese\r\n1\r\n".getBytes(StandardCharsets.UTF_8);
        put(runPrefix + "observations.csv", csv);
        String manifest = """
                {"version":1,"fluxId":"%s","runId":"%s","attempt":1,"workerId":"an-earlier-worker",
                 "executionId":"an-earlier-execution","counts":{"exported":1,"degraded":0,"withheld":2,
                 "byLevel":{"PRECISE":1,"WITHHELD":2},"withheldByCause":{"SENSITIVITY":2}},
                 "files":[{"format":"csv","name":"observations.csv","key":"%sobservations.csv","mediaType":"text/csv",
                 "rows":1,"bytes":%d,"sha256":"0000000000000000000000000000000000000000000000000000000000000abc"}]}
                """.formatted(command.fluxId(), command.runId(), runPrefix, csv.length);
        put(runPrefix + "manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
        Map<String, String> before = etags(runPrefix);

        commands.send(command);

        RunEvent succeeded = events.awaitTerminal(command.runId(), TIMEOUT);
        assertThat(succeeded.type()).isEqualTo(RunEventType.SUCCEEDED);
        assertThat(succeeded.counts().exported()).isEqualTo(1);
        assertThat(succeeded.counts().withheldByCause()).containsEntry("SENSITIVITY", 2L);
        assertThat(succeeded.artifacts()).extracting(a -> a.key())
                .containsExactly(runPrefix + "observations.csv", runPrefix + "manifest.json");
        assertThat(succeeded.artifacts().get(1).bytes()).isEqualTo(manifest.getBytes(StandardCharsets.UTF_8).length);
        assertThat(events.eventsOf(command.runId())).extracting(RunEvent::type).containsExactly(RunEventType.SUCCEEDED);
        assertThat(etags(runPrefix)).isEqualTo(before);
        assertThat(read(runPrefix + "manifest.json")).isEqualTo(manifest);
    }

    private String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private void put(String key, byte[] content) throws Exception {
        s3.putObject(PutObjectArgs.builder().bucket(stack.s3Bucket()).object(key)
                .stream(new ByteArrayInputStream(content), content.length, -1).build());
    }

    private String read(String key) throws Exception {
        try (var in = s3.getObject(GetObjectArgs.builder().bucket(stack.s3Bucket()).object(key).build())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<String> objectsUnder(String prefix) {
        return List.copyOf(etags(prefix).keySet());
    }

    private Map<String, String> etags(String prefix) {
        Map<String, String> etags = new TreeMap<>();
        try {
            for (Result<Item> result : s3.listObjects(ListObjectsArgs.builder().bucket(stack.s3Bucket()).prefix(prefix)
                    .recursive(true).build())) {
                etags.put(result.get().objectName(), result.get().etag());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot list " + prefix, e);
        }
        return etags;
    }
}
