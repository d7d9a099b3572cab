package org.naturaflux.worker.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.naturaflux.model.message.MessageCodec;
import org.naturaflux.model.message.RunEvent;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.testkit.Eventually;

/**
 * Records every record of a topic, from its beginning, on a background thread (no consumer group);
 * tests wait for the records they expect.
 */
public final class TopicRecorder implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public TopicRecorder(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(properties);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::poll, "recorder-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    synchronized (records) {
                        records.add(record);
                        records.notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Every record so far. */
    public List<ConsumerRecord<String, byte[]>> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** Waits for a record matching the predicate, and returns it. */
    public ConsumerRecord<String, byte[]> await(Predicate<ConsumerRecord<String, byte[]>> wanted, Duration timeout, String what) {
        try {
            return Eventually.within(timeout, what).pollInterval(Duration.ofMillis(20))
                    .until(() -> records().stream().filter(wanted).findFirst(), Optional::isPresent).orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s; records so far: "
                    + records().size());
        }
    }

    /** The run events recorded so far (for an events topic). */
    public List<RunEvent> events() {
        return records().stream().map(r -> MessageCodec.decode(r.value(), RunEvent.class)).toList();
    }

    /** Waits for an event matching the predicate. */
    public RunEvent awaitEvent(Predicate<RunEvent> wanted, Duration timeout, String what) {
        ConsumerRecord<String, byte[]> record = await(r -> wanted.test(MessageCodec.decode(r.value(), RunEvent.class)), timeout, what);
        return MessageCodec.decode(record.value(), RunEvent.class);
    }

    /** Waits for the terminal event (SUCCEEDED or FAILED) of a run. */
    public RunEvent awaitTerminal(java.util.UUID runId, Duration timeout) {
        return awaitEvent(e -> e.runId().equals(runId) && e.type().isTerminal(), timeout, "terminal event of run " + runId);
    }

    /** The events of a run, in order. */
    public List<RunEvent> eventsOf(java.util.UUID runId) {
        return events().stream().filter(e -> e.runId().equals(runId)).toList();
    }

    /** How many events of each type a run has. */
    public Map<RunEventType, Long> countsOf(java.util.UUID runId) {
        return eventsOf(runId).stream().collect(Collectors.groupingBy(RunEvent::type, Collectors.counting()));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
