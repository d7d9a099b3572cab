package org.naturaflux.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class IsolatedTopicsTest {

    private final TestStack stack = TestStack.fromEnvironment();

    @Test
    void createsTopicsWithTheAskedPartitionsAndDeletesThemOnClose() throws Exception {
        String commands;
        try (IsolatedTopics topics = IsolatedTopics.create(IsolatedTopicsTest.class)) {
            commands = topics.create("naturaflux.export-commands", 4);
            String dlq = topics.create("naturaflux.export-commands.dlq", 1);

            assertThat(commands).matches("naturaflux\\.export-commands\\.isolatedtopicstest-[0-9a-f]{8}");
            assertThat(partitions(topics.admin(), commands)).isEqualTo(4);
            assertThat(partitions(topics.admin(), dlq)).isEqualTo(1);
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            Eventually.within(Duration.ofSeconds(30), commands + " deleted").pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(admin.listTopics().names().get()).doesNotContain(commands));
        }
    }

    @Test
    void aCreatedTopicCarriesRecordsAtOnce() {
        try (IsolatedTopics topics = IsolatedTopics.create(stack, "round trip")) {
            String topic = topics.create("events", 2);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>(topic, "flux-1", "hello"));
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                consumer.subscribe(List.of(topic));
                List<String> received = new ArrayList<>();
                Eventually.within(Duration.ofSeconds(30), "the record read back").pollInterval(Duration.ofMillis(1)).until(() -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> received.add(r.value()));
                    return !received.isEmpty();
                });
                assertThat(received).containsExactly("hello");
            }
        }
    }

    private static int partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size();
    }
}
