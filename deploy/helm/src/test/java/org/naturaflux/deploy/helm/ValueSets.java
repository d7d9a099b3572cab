package org.naturaflux.deploy.helm;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * The value sets an operator would install with, each a layering of files from the values folder.
 * Every one of them must render; the tests that hold for any installation run over all of them.
 */
final class ValueSets {

    private ValueSets() {
    }

    static final List<String> EXISTING_SECRETS = List.of("connections", "existing-secrets");
    static final List<String> INLINE_SECRETS = List.of("connections", "inline-secrets");
    static final List<String> MIXED_SECRETS = List.of("connections", "mixed-secrets");
    static final List<String> KEDA = List.of("connections", "existing-secrets", "keda");
    static final List<String> HPA = List.of("connections", "existing-secrets", "hpa");
    static final List<String> INGRESS = List.of("connections", "existing-secrets", "ingress");
    static final List<String> TOPICS_JOB = List.of("connections", "inline-secrets", "topics-job");
    static final List<String> STRIMZI_TOPICS = List.of("connections", "existing-secrets", "strimzi-topics");
    static final List<String> RENAMED_TOPICS = List.of("connections", "existing-secrets", "renamed-topics", "keda", "topics-job");
    static final List<String> NETWORK_POLICY = List.of("connections", "existing-secrets", "network-policy");
    static final List<String> TEXT_LOGS = List.of("connections", "existing-secrets", "text-logs");
    static final List<String> KAFKA_SASL_SSL = List.of("connections", "existing-secrets", "kafka-sasl-ssl");
    static final List<String> SERVICE_SETTINGS = List.of("connections", "existing-secrets", "service-settings");
    static final List<String> EVERYTHING = List.of("connections", "inline-secrets", "keda", "ingress", "topics-job", "service-monitor",
            "network-policy");

    static Chart chart(List<String> valueSets) {
        return Chart.with(valueSets.toArray(String[]::new));
    }

    /** Every installable value set, named for the test report. */
    static Stream<Named<List<String>>> installable() {
        return Stream.of(
                Named.of("existing secrets", EXISTING_SECRETS),
                Named.of("inline secrets", INLINE_SECRETS),
                Named.of("mixed secrets", MIXED_SECRETS),
                Named.of("KEDA on", KEDA),
                Named.of("HPA on", HPA),
                Named.of("ingress on", INGRESS),
                Named.of("topics job", TOPICS_JOB),
                Named.of("Strimzi topics", STRIMZI_TOPICS),
                Named.of("renamed topics", RENAMED_TOPICS),
                Named.of("network policy egress", NETWORK_POLICY),
                Named.of("plain text logs", TEXT_LOGS),
                Named.of("Kafka SASL_SSL", KAFKA_SASL_SSL),
                Named.of("service settings of its own", SERVICE_SETTINGS),
                Named.of("everything on", EVERYTHING));
    }
}
