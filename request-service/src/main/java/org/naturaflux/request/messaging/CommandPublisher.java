package org.naturaflux.request.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.naturaflux.request.OutboxMessage;
import org.naturaflux.request.config.OutboxConfig;

/**
 * The Kafka producer of the outbox relay: idempotent, {@code acks=all}, bounded waits. Sends block
 * (metadata, acknowledgements): call it off the event loop.
 *
 * <p>It connects as every other Kafka client of the service does: from the global {@code kafka.*}
 * settings (bootstrap servers, and the security protocol, SASL and TLS settings the environment's
 * {@code KAFKA_*} variables give), of which it keeps those a producer knows; only its delivery settings
 * are its own.
 */
@ApplicationScoped
public class CommandPublisher {

    private static final int REQUEST_TIMEOUT_MS = 5000;

    private final Properties properties;
    private final Duration timeout;
    /** Replaced after a send it gave up on: see {@link #send}. Guarded by {@code this}. */
    private KafkaProducer<String, byte[]> producer;

    CommandPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                     @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, OutboxConfig config) {
        this.timeout = config.sendTimeout();
        this.properties = properties(kafka, bootstrapServers, timeout);
        this.producer = new KafkaProducer<>(properties);
    }

    /**
     * The global Kafka settings a producer knows, the bootstrap servers as the configuration resolves them
     * (the broker map may hold a raw {@code KAFKA_BOOTSTRAP_SERVERS} that a higher-ordinal source overrides),
     * then the outbox's own delivery settings.
     */
    static Properties properties(Map<String, Object> kafka, String bootstrapServers, Duration timeout) {
        Properties properties = new Properties();
        kafka.forEach((name, value) -> {
            if (ProducerConfig.configNames().contains(name)) {
                properties.put(name, value);
            }
        });
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
        return properties;
    }

    /**
     * Sends messages in order and waits for the broker's acknowledgements, within the send timeout
     * overall. A message refused for good, for what it is ({@link #refusedForGood}: too large, invalid
     * topic), is reported as rejected and the others go on; any other failure stops the wait there (the
     * later ones wait for the next pass, keeping one key's messages in order).
     *
     * @return the messages acknowledged and those rejected, in order, and the first other error if any
     */
    public synchronized Outcome send(List<OutboxMessage> messages) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        Outcome outcome;
        try {
            for (OutboxMessage message : messages) {
                futures.add(producer.send(new ProducerRecord<>(message.topic(), message.key(), message.payload())));
            }
            outcome = await(messages, futures, deadline, null);
        } catch (RuntimeException e) {
            // metadata unavailable within max.block.ms, or a closed producer: what was handed over is still awaited
            outcome = await(messages, futures, deadline, describe(e));
        }
        if (outcome.acknowledged().size() + outcome.rejected().size() < futures.size()) {
            discardPending();
        }
        return outcome;
    }

    /**
     * Drops the records of a send given up on: they stay in the outbox for the next pass, so the producer
     * must not deliver them later on its own (a broker back within the delivery timeout would get them twice).
     * Closing without waiting aborts its unsent batches; a fresh producer takes over.
     */
    private void discardPending() {
        producer.close(Duration.ZERO);
        producer = new KafkaProducer<>(properties);
    }

    private static Outcome await(List<OutboxMessage> messages, List<Future<RecordMetadata>> futures, long deadline,
                                 String sendError) {
        List<OutboxMessage> acknowledged = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(messages.get(i));
            } catch (ExecutionException e) {
                if (refusedForGood(e.getCause())) {
                    rejected.add(new Rejected(messages.get(i), describe(e.getCause())));
                    continue;
                }
                return new Outcome(acknowledged, rejected, describe(e.getCause()));
            } catch (TimeoutException e) {
                return new Outcome(acknowledged, rejected, "no acknowledgement from the broker in time");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(acknowledged, rejected, "interrupted");
            }
        }
        return new Outcome(acknowledged, rejected, sendError);
    }

    /**
     * Whether a send failed because of the message itself, so that no later attempt can succeed: waiting
     * for it would hold every message behind it forever. Broker outages and timeouts are not.
     */
    static boolean refusedForGood(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidTopicException
                || failure instanceof SerializationException;
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @PreDestroy
    synchronized void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /**
     * @param acknowledged the messages the broker acknowledged
     * @param rejected     the messages refused for good, with why
     * @param error        why the others were not sent, or null when all were acknowledged or rejected
     */
    public record Outcome(List<OutboxMessage> acknowledged, List<Rejected> rejected, String error) {
    }

    /** A message the broker refuses for good, and why. */
    public record Rejected(OutboxMessage message, String reason) {
    }
}
