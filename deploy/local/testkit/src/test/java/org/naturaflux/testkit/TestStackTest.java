package org.naturaflux.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TestStackTest {

    @Test
    void readsTheStackVariables() {
        TestStack stack = TestStack.of(Map.of("NATURAFLUX_DB_URL", "jdbc:postgresql://db:5432/x", "KAFKA_BOOTSTRAP_SERVERS", "k:9092"));

        assertThat(stack.dbUrl()).isEqualTo("jdbc:postgresql://db:5432/x");
        assertThat(stack.kafkaBootstrapServers()).isEqualTo("k:9092");
    }

    @Test
    void missingVariableSaysHowToSetIt() {
        TestStack stack = TestStack.of(Map.of("NATURAFLUX_S3_BUCKET", ""));

        assertThatThrownBy(stack::s3Bucket)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NATURAFLUX_S3_BUCKET is not set")
                .hasMessageContaining("run deploy/local/test, or eval \"$(deploy/local/env)\"");
    }

    @Test
    void theEnvironmentDefinesEveryVariable() {
        TestStack stack = TestStack.fromEnvironment();

        for (String variable : TestStack.VARIABLES) {
            assertThat(stack.get(variable)).as(variable).isNotBlank();
        }
    }
}
