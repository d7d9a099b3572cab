package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading of application.properties the chart's tests rely on, on small readable cases. */
class QuarkusConfigTest {

    @TempDir
    Path folder;

    private QuarkusConfig config(String... lines) throws IOException {
        Path file = folder.resolve("application.properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return QuarkusConfig.load(file, "my-service");
    }

    @Test
    void expressionTakesTheEnvironmentVariableElseTheDefault() throws IOException {
        QuarkusConfig config = config("quarkus.http.port=${QUARKUS_HTTP_PORT:8081}");

        assertThat(config.value("quarkus.http.port", Map.of())).contains("8081");
        assertThat(config.value("quarkus.http.port", Map.of("QUARKUS_HTTP_PORT", "8080"))).contains("8080");
    }

    @Test
    void environmentVariableNamedAfterThePropertyOverridesTheFile() throws IOException {
        QuarkusConfig config = config(
                "kafka.bootstrap.servers=127.0.0.1:9092",
                "mp.messaging.incoming.export-commands.topic=commands");

        assertThat(config.value("kafka.bootstrap.servers", Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"))).contains("kafka:9092");
        assertThat(config.value("mp.messaging.incoming.export-commands.topic",
                Map.of("MP_MESSAGING_INCOMING_EXPORT_COMMANDS_TOPIC", "renamed"))).contains("renamed");
        assertThat(config.value("naturaflux.worker.concurrency", Map.of("NATURAFLUX_WORKER_CONCURRENCY", "3"))).contains("3");
    }

    @Test
    void prodProfileWinsAndOtherProfilesAreIgnored() throws IOException {
        QuarkusConfig config = config(
                "a.b=base",
                "%prod.a.b=production",
                "%test.c=only-in-tests");

        assertThat(config.value("a.b", Map.of())).contains("production");
        assertThat(config.value("c", Map.of())).isEmpty();
        assertThat(config.propertyNames()).containsExactly("a.b");
    }

    @Test
    void nestedExpressionsAndReferencesToOtherProperties() throws IOException {
        QuarkusConfig config = config(
                "naturaflux.s3.endpoint=${NATURAFLUX_S3_ENDPOINT:http://127.0.0.1:9000}",
                "naturaflux.s3.public-endpoint=${NATURAFLUX_S3_PUBLIC_ENDPOINT:${naturaflux.s3.endpoint}}",
                "client.id=worker-${NATURAFLUX_WORKER_ID:${naturaflux.component:${HOSTNAME:local}}}");

        assertThat(config.value("naturaflux.s3.public-endpoint", Map.of())).contains("http://127.0.0.1:9000");
        assertThat(config.value("naturaflux.s3.public-endpoint", Map.of("NATURAFLUX_S3_ENDPOINT", "http://minio:9000")))
                .contains("http://minio:9000");
        assertThat(config.value("naturaflux.s3.public-endpoint", Map.of(
                "NATURAFLUX_S3_ENDPOINT", "http://minio:9000",
                "NATURAFLUX_S3_PUBLIC_ENDPOINT", "https://files.example.org"))).contains("https://files.example.org");
        assertThat(config.value("client.id", Map.of())).contains("worker-local");
        assertThat(config.value("client.id", Map.of("HOSTNAME", "pod-1"))).contains("worker-pod-1");
    }

    @Test
    void emptyValueCountsAsMissing() throws IOException {
        QuarkusConfig config = config("naturaflux.s3.access-key=${NATURAFLUX_S3_ACCESS_KEY:}");

        assertThat(config.value("naturaflux.s3.access-key", Map.of())).isEmpty();
        assertThat(config.value("naturaflux.s3.access-key", Map.of("NATURAFLUX_S3_ACCESS_KEY", ""))).isEmpty();
        assertThat(config.value("naturaflux.s3.access-key", Map.of("NATURAFLUX_S3_ACCESS_KEY", "AKIA"))).contains("AKIA");
    }

    @Test
    void expressionWithoutDefaultMustBeSatisfied() throws IOException {
        QuarkusConfig config = config(
                "quarkus.datasource.password=${NATURAFLUX_DB_PASSWORD}",
                "quarkus.datasource.username=${NATURAFLUX_DB_USER:naturaflux}");

        assertThat(config.unresolvable(Map.of()))
                .singleElement().asString().startsWith("quarkus.datasource.password").contains("NATURAFLUX_DB_PASSWORD");
        assertThat(config.unresolvable(Map.of("NATURAFLUX_DB_PASSWORD", "secret"))).isEmpty();
        assertThatThrownBy(() -> config.value("quarkus.datasource.password", Map.of()))
                .hasMessageContaining("NATURAFLUX_DB_PASSWORD");
    }

    @Test
    void incomingKafkaChannelWithExplicitTopicAndGroup() throws IOException {
        QuarkusConfig config = config(
                "mp.messaging.incoming.export-commands.connector=smallrye-kafka",
                "mp.messaging.incoming.export-commands.topic=${NATURAFLUX_COMMANDS_TOPIC:naturaflux.export-commands}",
                "mp.messaging.incoming.export-commands.group.id=${NATURAFLUX_WORKER_GROUP:naturaflux-export-workers}",
                "mp.messaging.incoming.export-commands.auto.offset.reset=earliest",
                "mp.messaging.outgoing.export-events.connector=smallrye-kafka");

        assertThat(config.incomingKafkaChannels(Map.of())).containsExactly("export-commands");
        assertThat(config.subscription("export-commands", Map.of())).isEqualTo(new QuarkusConfig.Subscription(
                "export-commands", "naturaflux.export-commands", "naturaflux-export-workers", "earliest"));
        assertThat(config.subscription("export-commands", Map.of("NATURAFLUX_COMMANDS_TOPIC", "a.commands", "NATURAFLUX_WORKER_GROUP", "a-workers")))
                .isEqualTo(new QuarkusConfig.Subscription("export-commands", "a.commands", "a-workers", "earliest"));
    }

    @Test
    void incomingKafkaChannelDefaults() throws IOException {
        QuarkusConfig config = config(
                "mp.messaging.incoming.orders.value.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                "mp.messaging.incoming.\"dotted.channel\".topic=dotted",
                "mp.messaging.incoming.elsewhere.connector=smallrye-amqp");

        assertThat(config.incomingKafkaChannels(Map.of())).containsExactlyInAnyOrder("orders", "dotted.channel");
        assertThat(config.subscription("orders", Map.of()))
                .isEqualTo(new QuarkusConfig.Subscription("orders", "orders", "my-service", "latest"));
        assertThat(config.subscription("orders", Map.of("KAFKA_GROUP_ID", "global-group")).group()).isEqualTo("global-group");
        assertThat(config.subscription("orders", Map.of("QUARKUS_APPLICATION_NAME", "named")).group()).isEqualTo("named");
    }
}
