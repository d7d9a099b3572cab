package org.naturaflux.worker.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.testkit.TestStack;
import org.naturaflux.worker.testing.CommandProducer;
import org.naturaflux.worker.testing.IsolatedWorkerResources;
import org.naturaflux.worker.testing.Specs;
import org.naturaflux.worker.testing.TopicRecorder;

/**
 * The production log format: a run's log lines, written on an export thread, carry the run's flux, run
 * and partner ids (set where the command was consumed) as JSON fields. The worker logs JSON to a file
 * of its own here, as the console does in production.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedWorkerResources.class)
@TestProfile(JsonRunLogTest.JsonLogFile.class)
class JsonRunLogTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** JSON lines to a file of this test run. */
    public static class JsonLogFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", Path.of("target", "json-logs", "export-worker-" + UUID.randomUUID() + ".log")
                            .toAbsolutePath().toString(),
                    "quarkus.log.file.json.enabled", "true");
        }
    }

    @ConfigProperty(name = "quarkus.log.file.path")
    String logFile;
    @ConfigProperty(name = "mp.messaging.incoming.export-commands.topic")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.outgoing.export-events.topic")
    String eventsTopic;
    @ConfigProperty(name = "naturaflux.worker.id")
    String workerId;

    @Test
    void aFailedRunsLogLineCarriesItsFluxRunAndPartnerAsJsonFields() {
        TestStack stack = TestStack.fromEnvironment();
        ExportCommand command = Specs.command(UUID.randomUUID(), Specs.spec(new Territory.Described("la forêt de Sénart"),
                TaxaFilter.all(), Specs.basicPlus(), List.of(ExportFormat.CSV), null));
        try (CommandProducer commands = new CommandProducer(stack.kafkaBootstrapServers(), commandsTopic);
             TopicRecorder events = new TopicRecorder(stack.kafkaBootstrapServers(), eventsTopic)) {

            commands.send(command);

            assertThat(events.awaitTerminal(command.runId(), TIMEOUT).type()).isEqualTo(RunEventType.FAILED);
        }
        String failedLine = "run " + command.runId() + " (flux " + command.fluxId() + ") failed";
        JsonNode line = await().atMost(TIMEOUT).until(() -> lineContaining(failedLine), Optional::isPresent).orElseThrow();

        assertThat(line.path("level").asText()).isEqualTo("ERROR");
        assertThat(line.path("threadName").asText()).as("logged on an export thread").startsWith("export-");
        JsonNode mdc = line.path("mdc");
        assertThat(mdc.path("fluxId").asText()).isEqualTo(command.fluxId().toString());
        assertThat(mdc.path("runId").asText()).isEqualTo(command.runId().toString());
        assertThat(mdc.path("partnerId").asText()).isEqualTo(command.partnerId().toString());
        assertThat(mdc.path("attempt").asText()).isEqualTo(Integer.toString(command.attempt()));
        assertThat(mdc.path("workerId").asText()).isEqualTo(workerId);
    }

    /** The first JSON line of the log file whose message contains {@code text}. */
    private Optional<JsonNode> lineContaining(String text) {
        Path file = Path.of(logFile);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(file)) {
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    continue; // the line being written
                }
                if (node.path("message").asText().contains(text)) {
                    return Optional.of(node);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
