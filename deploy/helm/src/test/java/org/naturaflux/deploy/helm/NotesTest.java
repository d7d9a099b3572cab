package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** NOTES.txt: how to reach the API and how the workers scale, in the installation's own terms. */
class NotesTest {

    @Test
    void withoutIngressTheNotesPortForwardTheApiService() {
        Chart chart = ValueSets.chart(ValueSets.EXISTING_SECRETS);
        String service = chart.render().component("Service", "request-service").name();

        assertThat(chart.notes())
                .contains("kubectl -n naturaflux port-forward svc/" + service + " 8080:80")
                .contains("The admin token is in the Secret naturaflux-admin (key token)")
                .contains("--set exportWorker.replicaCount=N")
                .contains("Create\n   naturaflux.export-commands, naturaflux.export-events and naturaflux.export-commands.dlq");
    }

    @Test
    void withIngressTheNotesGiveTheApiUrl() {
        assertThat(ValueSets.chart(ValueSets.INGRESS).notes()).contains("https://naturaflux.sinp.example.org/api/v1/fields");
    }

    @Test
    void kedaNotesNameTheScaledObjectAndWarnWhenConsumersOutnumberPartitions() {
        String fits = ValueSets.chart(ValueSets.KEDA).notes();
        String tooMany = ValueSets.chart(ValueSets.KEDA).set("kafka.topics.commands.partitions", 8).notes();

        assertThat(fits).contains("KEDA scales them between 0 and 6 replicas").doesNotContain("WARNING");
        assertThat(tooMany).contains("WARNING: up to 6 workers x 2 = 12 consumers, but only 8 partitions");
    }
}
