package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The chart has no default for an external database, Kafka cluster, bucket or credential: installing
 * without them fails with one message that lists everything missing, before anything is deployed.
 */
class RequiredValuesTest {

    private static final String[] CONNECTIONS = {"database.url", "sourceDatabase.url", "kafka.bootstrapServers", "s3.endpoint",
        "s3.publicEndpoint"};
    private static final String[] CREDENTIALS = {"database.auth", "sourceDatabase.auth", "s3.auth", "requestService.adminToken"};

    @Test
    void defaultsAloneFailListingEverySettingToProvide() {
        String message = Chart.with().renderFailure();

        assertThat(message).contains("naturaflux: the values are incomplete");
        assertThat(message).contains(CONNECTIONS).contains(CREDENTIALS);
    }

    @Test
    void connectionsWithoutCredentialsFailNamingOnlyTheCredentials() {
        String message = Chart.with("connections").renderFailure();

        assertThat(message).contains(CREDENTIALS);
        for (String connection : CONNECTIONS) {
            assertThat(message).doesNotContain("  - " + connection + ":");
        }
    }

    @Test
    void aPasswordWithoutItsUserIsIncomplete() {
        String message = Chart.with(ValueSets.EXISTING_SECRETS.toArray(String[]::new))
                .set("database.auth.existingSecret", "")
                .set("database.auth.password", "only-a-password")
                .renderFailure();

        assertThat(message).contains("database.auth: set existingSecret").doesNotContain("s3.auth");
    }

    @Test
    void hpaAndKedaTogetherAreRejected() {
        String message = Chart.with("connections", "existing-secrets", "keda-and-hpa").renderFailure();

        assertThat(message).contains("exportWorker.autoscaling: enable either hpa or keda, not both");
    }

    @Test
    void bothWaysOfCreatingTopicsTogetherAreRejected() {
        String message = Chart.with("connections", "existing-secrets", "topics-job", "strimzi-topics").renderFailure();

        assertThat(message).contains("kafka: enable either topicsJob or strimziTopics, not both");
    }

    @Test
    void strimziTopicsNeedTheClusterName() {
        String message = Chart.with("connections", "existing-secrets", "strimzi-topics").set("kafka.strimziTopics.cluster", "").renderFailure();

        assertThat(message).contains("kafka.strimziTopics.cluster");
    }

    @Test
    void workerShutdownGraceMustFitInTheTerminationGracePeriod() {
        String message = Chart.with("connections", "existing-secrets", "short-termination-grace").renderFailure();

        assertThat(message).contains("exportWorker.shutdownGraceSeconds: must be below exportWorker.terminationGracePeriodSeconds");
    }

    @Test
    void autoscalerBoundsMustBeOrdered() {
        String message = Chart.with("connections", "existing-secrets", "keda")
                .set("exportWorker.autoscaling.keda.minReplicas", 5)
                .set("exportWorker.autoscaling.keda.maxReplicas", 2)
                .renderFailure();

        assertThat(message).contains("exportWorker.autoscaling.keda: minReplicas is greater than maxReplicas");
    }
}
