package org.naturaflux.request;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.MessageCodec;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.message.RunEvent;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.testkit.Eventually;

/**
 * The worker's side of Kafka, for tests: reads the commands the service published (from the start of
 * the topic) and sends run events as a worker would.
 */
public final class KafkaProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final String eventsTopic;
    private final List<ConsumerRecord<String, byte[]>> commands = new ArrayList<>();

    public KafkaProbe(String bootstrapServers, String commandsTopic, String eventsTopic) {
        this.eventsTopic = eventsTopic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        consumer.subscribe(List.of(commandsTopic));
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    /** Every command record read so far, after polling for {@code wait}. */
    public List<ConsumerRecord<String, byte[]>> poll(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            consumer.poll(Duration.ofMillis(200)).forEach(commands::add);
        } while (System.nanoTime() < deadline);
        return List.copyOf(commands);
    }

    /** Polls until a command matches, within {@code timeout}; the command. */
    public ExportCommand awaitCommand(Duration timeout, Predicate<ExportCommand> match) {
        ExportCommand[] found = new ExportCommand[1];
        try {
            Eventually.within(timeout, "a matching command").pollInterval(Duration.ofMillis(1)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : commands) {
                    ExportCommand command = MessageCodec.decode(record.value(), ExportCommand.class);
                    if (match.test(command)) {
                        found[0] = command;
                        return true;
                    }
                }
                consumer.poll(Duration.ofMillis(200)).forEach(commands::add);
                return false;
            });
            return found[0];
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no matching command within " + timeout.toSeconds() + " s; read " + commands.size());
        }
    }

    /** The commands read so far, decoded. */
    public List<ExportCommand> commands() {
        return commands.stream().map(r -> MessageCodec.decode(r.value(), ExportCommand.class)).toList();
    }

    /** Sends an event keyed by flux id and waits for the broker's acknowledgement. */
    public void send(RunEvent event) {
        try {
            producer.send(new ProducerRecord<>(eventsTopic, event.fluxId().toString(), MessageCodec.encode(event)))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot send " + event, e);
        }
    }

    public static RunEvent event(ExportCommand command, int attempt, RunEventType type, RunCounts counts,
                                 List<Artifact> artifacts, String error) {
        return new RunEvent(MessageCodec.VERSION, command.runId(), command.fluxId(), attempt, type, Instant.now(),
                "test-worker", type == RunEventType.PROGRESS || type == RunEventType.SUCCEEDED ? 10L : null,
                type == RunEventType.PROGRESS ? 20L : null, counts, artifacts, error);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        producer.close(Duration.ofSeconds(5));
    }
}
