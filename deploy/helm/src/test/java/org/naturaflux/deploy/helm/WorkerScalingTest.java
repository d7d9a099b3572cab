package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The export workers scale by replicas, by a CPU HorizontalPodAutoscaler, or by KEDA on the consumer
 * lag of the command topic; KEDA must watch exactly the topic and group the worker consumes with.
 */
class WorkerScalingTest {

    private static final long SEED = 20261128L;

    @Test
    void workerReplicasFollowTheValue() {
        Random random = new Random(SEED);
        for (int i = 0; i < 5; i++) {
            int replicas = random.nextInt(40);
            Manifests manifests = ValueSets.chart(ValueSets.EXISTING_SECRETS).set("exportWorker.replicaCount", replicas).render();

            assertThat(Workloads.deployment(manifests, "export-worker").spec().get("replicas").integer())
                    .as("replicas with exportWorker.replicaCount=%d (seed %d)", replicas, SEED)
                    .isEqualTo(replicas);
            assertThat(manifests.ofKind("HorizontalPodAutoscaler")).isEmpty();
            assertThat(manifests.ofKind("ScaledObject")).isEmpty();
        }
    }

    @Test
    void requestServiceReplicasFollowTheirOwnValue() {
        Manifests manifests = ValueSets.chart(ValueSets.EXISTING_SECRETS)
                .set("requestService.replicaCount", 3)
                .set("exportWorker.replicaCount", 7)
                .render();

        assertThat(Workloads.deployment(manifests, "request-service").spec().get("replicas").integer()).isEqualTo(3);
        assertThat(Workloads.deployment(manifests, "export-worker").spec().get("replicas").integer()).isEqualTo(7);
    }

    @Test
    void hpaScalesTheWorkerDeploymentOnCpu() {
        Manifests manifests = ValueSets.chart(ValueSets.HPA).render();
        KubeObject worker = Workloads.deployment(manifests, "export-worker");
        KubeObject hpa = manifests.component("HorizontalPodAutoscaler", "export-worker");

        assertThat(hpa.apiVersion()).isEqualTo("autoscaling/v2");
        assertThat(KubeObject.strings(hpa.spec().get("scaleTargetRef")))
                .containsEntry("apiVersion", "apps/v1").containsEntry("kind", "Deployment").containsEntry("name", worker.name());
        assertThat(hpa.spec().get("minReplicas").integer()).isEqualTo(2);
        assertThat(hpa.spec().get("maxReplicas").integer()).isEqualTo(5);
        Node metric = hpa.spec().get("metrics").list().get(0);
        assertThat(metric.at("resource", "name").text()).isEqualTo("cpu");
        assertThat(metric.at("resource", "target", "averageUtilization").integer()).isEqualTo(65);
        assertThat(worker.spec().get("replicas").isMissing()).as("replicas left to the autoscaler").isTrue();
        assertThat(manifests.ofKind("ScaledObject")).isEmpty();
    }

    @Test
    void kedaScalesTheWorkersOnTheLagOfTheGroupAndTopicTheyConsume() {
        assertKedaWatchesWhatTheWorkerConsumes(ValueSets.KEDA);
    }

    @Test
    void renamedTopicsAndGroupReachBothTheWorkerAndKeda() {
        Manifests manifests = assertKedaWatchesWhatTheWorkerConsumes(ValueSets.RENAMED_TOPICS);
        QuarkusConfig.Subscription subscription = commandSubscription(manifests);

        assertThat(subscription.topic()).isEqualTo("sinp-idf.naturaflux.export-commands");
        assertThat(subscription.group()).isEqualTo("sinp-idf.naturaflux-export-workers");
        Map<String, String> workerEnvironment = workerEnvironment(manifests);
        QuarkusConfig worker = QuarkusConfig.ofService("export-worker");
        assertThat(worker.value("mp.messaging.incoming." + subscription.channel() + ".dead-letter-queue.topic", workerEnvironment))
                .contains("sinp-idf.naturaflux.export-commands.dlq");
        assertThat(worker.value("mp.messaging.outgoing.export-events.topic", workerEnvironment))
                .contains("sinp-idf.naturaflux.export-events");
    }

    @Test
    void defaultTopicAndGroupAreTheSharedModelsDefaults() {
        QuarkusConfig.Subscription subscription = commandSubscription(ValueSets.chart(ValueSets.KEDA).render());

        // flux-model's Topics.EXPORT_COMMANDS and Topics.WORKER_GROUP
        assertThat(subscription.topic()).isEqualTo("naturaflux.export-commands");
        assertThat(subscription.group()).isEqualTo("naturaflux-export-workers");
    }

    @Test
    void concurrencyAndShutdownGraceReachTheWorker() {
        Manifests manifests = ValueSets.chart(ValueSets.KEDA).render();
        Map<String, String> environment = workerEnvironment(manifests);
        QuarkusConfig worker = QuarkusConfig.ofService("export-worker");
        KubeObject deployment = Workloads.deployment(manifests, "export-worker");

        assertThat(worker.value("naturaflux.worker.concurrency", environment)).contains("2");
        Duration shutdownGrace = Duration.parse("PT" + worker.value("naturaflux.worker.shutdown-grace", environment).orElseThrow());
        assertThat(shutdownGrace).isEqualTo(Duration.ofSeconds(40));
        assertThat(shutdownGrace)
                .isLessThan(Duration.ofSeconds(deployment.podTemplate().at("spec", "terminationGracePeriodSeconds").integer()));
    }

    private static Manifests assertKedaWatchesWhatTheWorkerConsumes(List<String> valueSets) {
        Manifests manifests = ValueSets.chart(valueSets).render();
        Node values = Values.merged(valueSets);
        KubeObject worker = Workloads.deployment(manifests, "export-worker");
        KubeObject scaledObject = manifests.component("ScaledObject", "export-worker");

        assertThat(scaledObject.apiVersion()).isEqualTo("keda.sh/v1alpha1");
        assertThat(KubeObject.strings(scaledObject.spec().get("scaleTargetRef")))
                .containsEntry("kind", "Deployment").containsEntry("name", worker.name());
        assertThat(scaledObject.spec().get("minReplicaCount").integer())
                .isEqualTo(values.at("exportWorker", "autoscaling", "keda", "minReplicas").integer());
        assertThat(scaledObject.spec().get("maxReplicaCount").integer())
                .isEqualTo(values.at("exportWorker", "autoscaling", "keda", "maxReplicas").integer());
        assertThat(worker.spec().get("replicas").isMissing()).as("replicas left to KEDA").isTrue();
        assertThat(manifests.ofKind("HorizontalPodAutoscaler")).as("KEDA makes its own").isEmpty();

        List<Node> triggers = scaledObject.spec().get("triggers").list();
        assertThat(triggers).hasSize(1);
        Node trigger = triggers.get(0);
        assertThat(trigger.get("type").text()).isEqualTo("kafka");
        Map<String, String> metadata = KubeObject.strings(trigger.get("metadata"));

        QuarkusConfig.Subscription subscription = commandSubscription(manifests);
        Map<String, String> environment = workerEnvironment(manifests);
        QuarkusConfig config = QuarkusConfig.ofService("export-worker");
        assertThat(metadata.get("topic")).as("KEDA topic vs %s", subscription).isEqualTo(subscription.topic());
        assertThat(metadata.get("consumerGroup")).as("KEDA group vs %s", subscription).isEqualTo(subscription.group());
        assertThat(metadata.get("offsetResetPolicy")).as("KEDA offset policy vs %s", subscription).isEqualTo(subscription.offsetReset());
        assertThat(metadata.get("bootstrapServers")).isEqualTo(config.value("kafka.bootstrap.servers", environment).orElseThrow());
        assertThat(metadata.get("lagThreshold")).isEqualTo(values.at("exportWorker", "autoscaling", "keda", "lagThreshold").text());
        assertThat(metadata.get("allowIdleConsumers")).isEqualTo("false");
        assertThat(trigger.at("authenticationRef", "name").text())
                .isEqualTo(values.at("exportWorker", "autoscaling", "keda", "authenticationRef").text());
        return manifests;
    }

    private static Map<String, String> workerEnvironment(Manifests manifests) {
        return PodEnvironment.of(Workloads.serviceContainer(manifests, "export-worker"), manifests).values();
    }

    /** The subscription of the worker's command channel, as the worker resolves it in its pod. */
    static QuarkusConfig.Subscription commandSubscription(Manifests manifests) {
        QuarkusConfig worker = QuarkusConfig.ofService("export-worker");
        Map<String, String> environment = workerEnvironment(manifests);
        List<String> channels = worker.incomingKafkaChannels(environment);
        assertThat(channels)
                .as("incoming Kafka channels (mp.messaging.incoming.*) declared in %s", worker.file())
                .hasSize(1);
        return worker.subscription(channels.get(0), environment);
    }
}
