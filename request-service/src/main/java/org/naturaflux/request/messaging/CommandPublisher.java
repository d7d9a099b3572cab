package org.naturaflux.request.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.naturaflux.request.OutboxMessage;
import org.naturaflux.request.config.OutboxConfig;

/**
 * The Kafka producer of the outbox relay: idempotent, {@code acks=all}, bounded waits. Sends block
 * (metadata, acknowledgements): call it off the event loop.
 */
@ApplicationScoped
public class CommandPublisher {

    private static final int REQUEST_TIMEOUT_MS = 5000;

    private final KafkaProducer<String, byte[]> producer;
    private final Duration timeout;

    CommandPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, OutboxConfig config) {
        this.timeout = config.sendTimeout();
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "naturaflux-request-service-outbox");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), REQUEST_TIMEOUT_MS));
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(properties);
    }

    /**
     * Sends messages in order and waits for the broker's acknowledgements, within the send timeout
     * overall. Stops at the first failure (the later ones wait for the next pass, keeping one key's
     * messages in order).
     *
     * @return the messages acknowledged, in order, and the first error if any
     */
    public Outcome send(List<OutboxMessage> messages) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        List<OutboxMessage> acknowledged = new ArrayList<>();
        try {
            for (OutboxMessage message : messages) {
                futures.add(producer.send(new ProducerRecord<>(message.topic(), message.key(), message.payload())));
            }
        } catch (RuntimeException e) {
            // metadata unavailable within max.block.ms, or a closed producer: what was handed over is still awaited
            return await(messages, futures, acknowledged, deadline, describe(e));
        }
        return await(messages, futures, acknowledged, deadline, null);
    }

    private static Outcome await(List<OutboxMessage> messages, List<Future<RecordMetadata>> futures,
                                 List<OutboxMessage> acknowledged, long deadline, String sendError) {
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(messages.get(i));
            } catch (ExecutionException e) {
                return new Outcome(acknowledged, describe(e.getCause()));
            } catch (TimeoutException e) {
                return new Outcome(acknowledged, "no acknowledgement from the broker in time");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(acknowledged, "interrupted");
            }
        }
        return new Outcome(acknowledged, sendError);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /**
     * @param acknowledged the messages the broker acknowledged
     * @param error        why the others were not, or null when all were
     */
    public record Outcome(List<OutboxMessage> acknowledged, String error) {
    }
}
