package org.naturaflux.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunEvent;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.testkit.TestStack;
import org.naturaflux.worker.testing.BucketProbe;
import org.naturaflux.worker.testing.CommandProducer;
import org.naturaflux.worker.testing.IsolatedWorkerResources;
import org.naturaflux.worker.testing.Specs;
import org.naturaflux.worker.testing.TopicRecorder;

/**
 * A source database that does not answer: the export is retried with backoff, then reported FAILED with
 * the reason and sent to the dead-letter topic; nothing is left in the bucket.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedWorkerResources.class)
@TestProfile(TransientFailureTest.UnreachableSource.class)
class TransientFailureTest {

    /** The source on a port where nothing listens; three tries. */
    public static class UnreachableSource implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("naturaflux.source.url", "jdbc:postgresql://127.0.0.1:1/geonature",
                    "naturaflux.retry.max-attempts", "3",
                    "naturaflux.retry.initial-backoff", "100ms");
        }
    }

    @ConfigProperty(name = "mp.messaging.incoming.export-commands.topic")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.outgoing.export-events.topic")
    String eventsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-commands.dead-letter-queue.topic")
    String deadLetterTopic;
    @ConfigProperty(name = "naturaflux.s3.key-prefix")
    String keyPrefix;

    @Test
    void unreachableSourceIsRetriedThenReportedFailedAndDeadLettered() {
        TestStack stack = TestStack.fromEnvironment();
        ExportCommand command = Specs.command(UUID.randomUUID(), Specs.spec(Specs.square(2.35, 48.85, 0.01),
                TaxaFilter.all(), Specs.basicPlus(), List.of(ExportFormat.CSV), null));
        try (CommandProducer commands = new CommandProducer(stack.kafkaBootstrapServers(), commandsTopic);
             TopicRecorder events = new TopicRecorder(stack.kafkaBootstrapServers(), eventsTopic);
             TopicRecorder deadLetters = new TopicRecorder(stack.kafkaBootstrapServers(), deadLetterTopic);
             BucketProbe bucket = new BucketProbe(stack)) {

            commands.send(command);

            RunEvent failed = events.awaitTerminal(command.runId(), Duration.ofSeconds(90));
            assertThat(failed.type()).isEqualTo(RunEventType.FAILED);
            assertThat(failed.error()).contains("source database unavailable").contains("gave up after 3 tries");
            assertThat(events.eventsOf(command.runId())).extracting(RunEvent::type)
                    .containsExactly(RunEventType.STARTED, RunEventType.FAILED);
            ConsumerRecord<String, byte[]> dead = deadLetters.await(r -> command.fluxId().toString().equals(r.key()),
                    Duration.ofSeconds(60), "dead letter");
            assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains(command.runId().toString()).contains("source database unavailable");
            assertThat(bucket.keys(keyPrefix + "staging/" + command.runId())).isEmpty();
            assertThat(bucket.keys(keyPrefix + "fluxes/" + command.fluxId())).isEmpty();
        }
    }
}
