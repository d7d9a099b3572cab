package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** values.schema.json rejects malformed values with a message naming the value and the problem. */
class ValuesSchemaTest {

    private static final String SCHEMA_FAILURE = "values don't meet the specifications of the schema(s)";

    @Test
    void numberWrittenAsTextIsRejected() {
        String message = Chart.with("connections", "existing-secrets", "broken-type").renderFailure();

        assertThat(message)
                .contains(SCHEMA_FAILURE)
                .contains("exportWorker.replicaCount: Invalid type. Expected: integer, given: string");
    }

    @Test
    void schemaIsCheckedBeforeAnythingElse() {
        String message = Chart.with("broken-type").renderFailure();

        assertThat(message).contains("exportWorker.replicaCount: Invalid type").doesNotContain("the values are incomplete");
    }

    @Test
    void misspelledKeyIsRejectedRatherThanIgnored() {
        String message = Chart.with("connections", "existing-secrets", "misspelled-key").renderFailure();

        assertThat(message).contains(SCHEMA_FAILURE).contains("exportWorker: Additional property replicas is not allowed");
    }

    @Test
    void databaseUrlMustBeJdbc() {
        String message = Chart.with("connections", "existing-secrets", "not-jdbc").renderFailure();

        assertThat(message).contains(SCHEMA_FAILURE).contains("database.url: Does not match pattern");
    }

    @Test
    void partitionsMustBePositive() {
        String message = Chart.with(ValueSets.EXISTING_SECRETS.toArray(String[]::new))
                .set("kafka.topics.commands.partitions", 0)
                .renderFailure();

        assertThat(message).contains(SCHEMA_FAILURE).contains("kafka.topics.commands.partitions: Must be greater than or equal to 1");
    }

    @Test
    void adminTokenShorterThan32CharactersIsRejected() {
        String message = Chart.with(ValueSets.INLINE_SECRETS.toArray(String[]::new))
                .set("requestService.adminToken.value", "0123456789abcdef0123456789abcde")
                .renderFailure();

        assertThat(message).contains(SCHEMA_FAILURE).contains("requestService.adminToken.value: Does not match pattern");
    }

    @Test
    void wellFormedValuesPass() {
        assertThat(ValueSets.chart(ValueSets.EVERYTHING).render().all()).isNotEmpty();
    }
}
