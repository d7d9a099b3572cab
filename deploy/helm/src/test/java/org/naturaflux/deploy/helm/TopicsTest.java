package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The optional creation of the three topics: a Job running kafka-topics.sh, or Strimzi KafkaTopics.
 * The topics created are the ones the services use, with the configured partitions.
 */
class TopicsTest {

    /** One {@code ensure "topic" "partitions" "configs"} line of the Job's script. */
    private static final Pattern ENSURE = Pattern.compile("^\\s*ensure \"([^\"]*)\" \"([^\"]*)\" \"([^\"]*)\"\\s*$", Pattern.MULTILINE);

    record Topic(String name, int partitions, String configs) {
    }

    @Test
    void noTopicIsCreatedUnlessAsked() {
        Manifests manifests = ValueSets.chart(ValueSets.EXISTING_SECRETS).render();

        assertThat(manifests.ofKind("Job")).isEmpty();
        assertThat(manifests.ofKind("KafkaTopic")).isEmpty();
    }

    @Test
    void jobCreatesTheTopicsTheWorkerUses() {
        Manifests manifests = ValueSets.chart(ValueSets.TOPICS_JOB).render();
        KubeObject job = manifests.component("Job", "kafka-topics");
        Node container = job.podTemplate().at("spec", "containers").list().get(0);
        Map<String, String> environment = PodEnvironment.of(container, manifests).values();

        assertThat(environment).containsEntry("BOOTSTRAP_SERVERS", "naturaflux-kafka-bootstrap.kafka:9092").containsEntry("REPLICATION_FACTOR", "2");
        assertThat(job.podTemplate().at("spec", "restartPolicy").text()).isEqualTo("Never");
        Node clientConfig = job.podTemplate().at("spec", "volumes").find("name", "client-config");
        assertThat(clientConfig.at("secret", "secretName").text()).isEqualTo("kafka-admin-client");
        String mountPath = container.get("volumeMounts").find("name", "client-config").get("mountPath").text();
        assertThat(environment.get("COMMAND_CONFIG")).startsWith(mountPath + "/");

        QuarkusConfig worker = QuarkusConfig.ofService("export-worker");
        Map<String, String> workerEnvironment = PodEnvironment.of(Workloads.serviceContainer(manifests, "export-worker"), manifests).values();
        String commands = WorkerScalingTest.commandSubscription(manifests).topic();
        String deadLetter = worker.value("mp.messaging.incoming.export-commands.dead-letter-queue.topic", workerEnvironment).orElseThrow();
        String events = worker.value("mp.messaging.outgoing.export-events.topic", workerEnvironment).orElseThrow();
        assertThat(ensuredTopics(container)).containsExactlyInAnyOrder(
                new Topic(commands, 8, "retention.ms=604800000"),
                new Topic(events, 4, ""),
                new Topic(deadLetter, 1, ""));
    }

    @Test
    void jobIsReplacedWhenWhatItDoesChangesAndKeptOtherwise() {
        String first = ValueSets.chart(ValueSets.TOPICS_JOB).render().component("Job", "kafka-topics").name();
        String again = ValueSets.chart(ValueSets.TOPICS_JOB).render().component("Job", "kafka-topics").name();
        String morePartitions = ValueSets.chart(ValueSets.TOPICS_JOB).set("kafka.topics.commands.partitions", 16).render()
                .component("Job", "kafka-topics").name();
        String otherWorkerCount = ValueSets.chart(ValueSets.TOPICS_JOB).set("exportWorker.replicaCount", 5).render()
                .component("Job", "kafka-topics").name();

        assertThat(again).isEqualTo(first);
        assertThat(otherWorkerCount).isEqualTo(first);
        assertThat(morePartitions).isNotEqualTo(first);
        assertThat(first.length()).isLessThanOrEqualTo(63);
    }

    @Test
    void strimziTopicsAreTheTopicsTheWorkerUses() {
        List<String> valueSets = List.of("connections", "existing-secrets", "renamed-topics", "strimzi-topics");
        Manifests manifests = ValueSets.chart(valueSets).render();
        QuarkusConfig worker = QuarkusConfig.ofService("export-worker");
        Map<String, String> workerEnvironment = PodEnvironment.of(Workloads.serviceContainer(manifests, "export-worker"), manifests).values();

        List<Topic> topics = new ArrayList<>();
        for (KubeObject topic : manifests.ofKind("KafkaTopic")) {
            assertThat(topic.apiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(topic.labels()).containsEntry("strimzi.io/cluster", "naturaflux-kafka");
            assertThat(topic.spec().get("replicas").integer()).isEqualTo(3);
            assertThat(topic.name()).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
            topics.add(new Topic(topic.spec().get("topicName").text(), topic.spec().get("partitions").integer(), ""));
        }
        assertThat(topics).containsExactlyInAnyOrder(
                new Topic(WorkerScalingTest.commandSubscription(manifests).topic(), 8, ""),
                new Topic(worker.value("mp.messaging.outgoing.export-events.topic", workerEnvironment).orElseThrow(), 4, ""),
                new Topic(worker.value("mp.messaging.incoming.export-commands.dead-letter-queue.topic", workerEnvironment).orElseThrow(), 1, ""));
    }

    private static List<Topic> ensuredTopics(Node container) {
        List<Node> command = container.get("command").list();
        assertThat(command).extracting(Node::text).startsWith("/bin/sh", "-ec");
        Matcher matcher = ENSURE.matcher(command.get(2).text());
        List<Topic> topics = new ArrayList<>();
        while (matcher.find()) {
            topics.add(new Topic(matcher.group(1), Integer.parseInt(matcher.group(2)), matcher.group(3)));
        }
        return topics;
    }
}
