package org.naturaflux.worker.testing;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.MessageCodec;

/** Sends export commands (or any bytes) to a command topic, as the request-service does: keyed by flux id. */
public final class CommandProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public CommandProducer(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(properties);
        this.topic = topic;
    }

    /** Sends a command keyed by its flux id; returns where it landed. */
    public RecordMetadata send(ExportCommand command) {
        return send(new ProducerRecord<>(topic, command.fluxId().toString(), MessageCodec.encode(command)));
    }

    /** Sends a command to a given partition (e.g. one the other worker owns). */
    public RecordMetadata send(ExportCommand command, int partition) {
        return send(new ProducerRecord<>(topic, partition, command.fluxId().toString(), MessageCodec.encode(command)));
    }

    /** Sends raw bytes (a poison record). */
    public RecordMetadata sendRaw(String key, byte[] value) {
        return send(new ProducerRecord<>(topic, key, value));
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
