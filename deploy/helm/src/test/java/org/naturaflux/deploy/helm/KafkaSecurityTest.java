package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code kafka.security}: both services' containers carry the same Kafka security settings, as the
 * {@code KAFKA_*} variables Quarkus applies to every Kafka client of a service (their application.properties
 * reads the protocol from them), the SASL password from the operator's Secret, and the truststore mounted
 * from the operator's Secret or ConfigMap at the path the settings name.
 */
class KafkaSecurityTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"naturaflux\" password=\"$(NATURAFLUX_KAFKA_SASL_PASSWORD)\";";

    @Test
    void saslSslWithAStrimziUserAndClusterCaReachesBothServices() {
        Manifests manifests = ValueSets.chart(ValueSets.KAFKA_SASL_SSL).render();

        for (String service : Workloads.SERVICES) {
            Node container = Workloads.serviceContainer(manifests, service);
            PodEnvironment environment = PodEnvironment.of(container, manifests);
            Map<String, String> values = environment.values();

            assertThat(values).as(service)
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "naturaflux-kafka-kafka-bootstrap.kafka:9093")
                    .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SASL_JAAS_CONFIG", JAAS)
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/naturaflux/kafka-truststore/ca.p12")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
            assertThat(environment.source("NATURAFLUX_KAFKA_SASL_PASSWORD")).as(service)
                    .contains(new PodEnvironment.FromSecret("naturaflux", "password", java.util.Optional.empty()));
            assertThat(environment.source("KAFKA_SSL_TRUSTSTORE_PASSWORD")).as(service)
                    .contains(new PodEnvironment.FromSecret("naturaflux-kafka-cluster-ca-cert", "ca.password", java.util.Optional.empty()));
            // Kubernetes expands $(NATURAFLUX_KAFKA_SASL_PASSWORD) only from a variable defined before.
            List<String> order = container.get("env").list().stream().map(variable -> variable.get("name").text()).toList();
            assertThat(order.indexOf("NATURAFLUX_KAFKA_SASL_PASSWORD")).as(service).isNotNegative()
                    .isLessThan(order.indexOf("KAFKA_SASL_JAAS_CONFIG"));
            assertThat(QuarkusConfig.ofService(service).value("kafka.security.protocol", values)).as(service).contains("SASL_SSL");

            Node podSpec = Workloads.deployment(manifests, service).podTemplate().get("spec");
            Node volume = podSpec.get("volumes").find("name", "kafka-truststore");
            assertThat(volume.at("secret", "secretName").text()).as(service).isEqualTo("naturaflux-kafka-cluster-ca-cert");
            assertThat(volume.at("secret", "items").list()).as(service).hasSize(1);
            assertThat(volume.at("secret", "items").list().get(0).get("key").text()).isEqualTo("ca.p12");
            assertThat(volume.at("secret", "items").list().get(0).get("path").text()).isEqualTo("ca.p12");
            Node mount = container.get("volumeMounts").find("name", "kafka-truststore");
            assertThat(mount.get("mountPath").text()).as(service).isEqualTo("/etc/naturaflux/kafka-truststore");
            assertThat(mount.get("readOnly").bool()).as(service).isTrue();
        }
    }

    @Test
    void aPemCertificateFromAConfigMapNeedsNoPassword() {
        Manifests manifests = ValueSets.chart(ValueSets.KAFKA_SASL_SSL)
                .set("kafka.security.truststore.secretName", "")
                .set("kafka.security.truststore.configMapName", "kafka-ca")
                .set("kafka.security.truststore.key", "ca.crt")
                .set("kafka.security.truststore.type", "PEM")
                .set("kafka.security.truststore.passwordSecret.name", "")
                .render();

        for (String service : Workloads.SERVICES) {
            Node container = Workloads.serviceContainer(manifests, service);
            Map<String, String> values = PodEnvironment.of(container, manifests).values();
            assertThat(values).as(service)
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/naturaflux/kafka-truststore/ca.crt")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM")
                    .doesNotContainKey("KAFKA_SSL_TRUSTSTORE_PASSWORD");
            Node volume = Workloads.deployment(manifests, service).podTemplate().at("spec", "volumes").find("name", "kafka-truststore");
            assertThat(volume.at("configMap", "name").text()).as(service).isEqualTo("kafka-ca");
            assertThat(volume.get("secret").isMissing()).as(service).isTrue();
        }
    }

    @Test
    void plaintextByDefaultWithNoSecuritySettingNorTruststore() {
        Manifests manifests = ValueSets.chart(ValueSets.EXISTING_SECRETS).render();

        for (String service : Workloads.SERVICES) {
            Node container = Workloads.serviceContainer(manifests, service);
            Map<String, String> values = PodEnvironment.of(container, manifests).values();
            assertThat(values.keySet()).as(service).noneMatch(name -> name.startsWith("KAFKA_S") || name.startsWith("NATURAFLUX_KAFKA_"));
            assertThat(QuarkusConfig.ofService(service).value("kafka.security.protocol", values)).as(service).contains("PLAINTEXT");
            assertThat(Workloads.deployment(manifests, service).podTemplate().at("spec", "volumes").find("name", "kafka-truststore")
                    .isMissing()).as(service).isTrue();
        }
    }

    @Test
    void saslWithoutItsUserOrPasswordIsRefused() {
        String failure = ValueSets.chart(ValueSets.KAFKA_SASL_SSL).set("kafka.security.sasl.username", "").renderFailure();

        assertThat(failure).contains("kafka.security.sasl: with protocol SASL_SSL, the username and passwordSecret.name");
    }
}
