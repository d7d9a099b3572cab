package org.naturaflux.request.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The outbox's producer connects as the service's other Kafka clients do: it takes the global
 * {@code kafka.*} settings (as Quarkus hands them to every client, {@code default-kafka-broker}) that a
 * producer knows, the security ones included, and keeps its own delivery settings.
 */
class CommandPublisherSettingsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"naturaflux\" password=\"s3cret\";";

    @Test
    void takesTheGlobalConnectionAndSecuritySettingsAndKeepsItsOwnDelivery() {
        Map<String, Object> global = Map.of(
                // the raw KAFKA_BOOTSTRAP_SERVERS the broker map may hold, overridden by the resolved setting
                "bootstrap.servers", "127.0.0.1:9092",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS,
                "ssl.truststore.location", "/etc/naturaflux/kafka-truststore/ca.p12",
                "ssl.truststore.password", "changeit",
                "ssl.truststore.type", "PKCS12",
                // a consumer's and an admin client's settings: not a producer's
                "group.id", "request-service",
                "default.api.timeout.ms", "5000",
                // the outbox's delivery guarantees are not the global defaults'
                "acks", "0");

        Properties properties = CommandPublisher.properties(global, "kafka-0.example.org:9093", Duration.ofSeconds(15));

        assertThat(properties).containsEntry("bootstrap.servers", "kafka-0.example.org:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("ssl.truststore.location", "/etc/naturaflux/kafka-truststore/ca.p12")
                .containsEntry("ssl.truststore.password", "changeit")
                .containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("max.block.ms", 15000L)
                .doesNotContainKeys("group.id", "default.api.timeout.ms");
    }
}
