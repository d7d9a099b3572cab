package org.naturaflux.testkit;

import java.util.List;
import java.util.Map;

/**
 * How tests reach the running stack: the environment variables printed by {@code deploy/local/env}
 * (which {@code deploy/local/test} exports). Reading a variable that is not set fails with a message
 * saying how to set it, so a test run outside the stack stops at once instead of timing out.
 */
public final class TestStack {

    /** What to do when the stack's variables are missing. */
    public static final String HINT = "run deploy/local/test, or eval \"$(deploy/local/env)\" first";

    /** Every variable the stack defines, as printed by deploy/local/env. */
    public static final List<String> VARIABLES = List.of(
            "NATURAFLUX_API", "NATURAFLUX_ADMIN_TOKEN",
            "NATURAFLUX_DB_URL", "NATURAFLUX_DB_USER", "NATURAFLUX_DB_PASSWORD",
            "NATURAFLUX_SOURCE_DB_URL", "NATURAFLUX_SOURCE_DB_USER", "NATURAFLUX_SOURCE_DB_PASSWORD",
            "NATURAFLUX_SOURCE_ADMIN_DB_USER", "NATURAFLUX_SOURCE_ADMIN_DB_PASSWORD",
            "NATURAFLUX_CDC_DB_USER", "NATURAFLUX_CDC_DB_PASSWORD",
            "KAFKA_BOOTSTRAP_SERVERS", "NATURAFLUX_KAFKA_SASL_SSL_SERVERS", "NATURAFLUX_KAFKA_SCRAM_USER",
            "NATURAFLUX_KAFKA_SCRAM_PASSWORD", "NATURAFLUX_KAFKA_TLS_TRUSTSTORE", "NATURAFLUX_KAFKA_TLS_STORE_PASSWORD",
            "NATURAFLUX_S3_ENDPOINT", "NATURAFLUX_S3_PUBLIC_ENDPOINT", "NATURAFLUX_S3_REGION",
            "NATURAFLUX_S3_ACCESS_KEY", "NATURAFLUX_S3_SECRET_KEY", "NATURAFLUX_S3_BUCKET",
            "NATURAFLUX_TEST_DB_TEMPLATE",
            "NATURAFLUX_CONNECT_URL", "NATURAFLUX_CDC_TOPIC", "NATURAFLUX_CDC_AREAS_TOPIC");

    private static final TestStack ENVIRONMENT = new TestStack(System.getenv());

    private final Map<String, String> values;

    private TestStack(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The stack described by this JVM's environment. */
    public static TestStack fromEnvironment() {
        return ENVIRONMENT;
    }

    /** A stack described by the given variables (e.g. to point one test at another server). */
    public static TestStack of(Map<String, String> variables) {
        return new TestStack(variables);
    }

    /**
     * The value of a variable.
     *
     * @throws IllegalStateException when it is not set or empty, with {@link #HINT}
     */
    public String get(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(name + " is not set: " + HINT);
        }
        return value;
    }

    public String apiUrl() { return get("NATURAFLUX_API"); }
    public String adminToken() { return get("NATURAFLUX_ADMIN_TOKEN"); }

    /** The request-service's own database, JDBC form. */
    public String dbUrl() { return get("NATURAFLUX_DB_URL"); }
    public String dbUser() { return get("NATURAFLUX_DB_USER"); }
    public String dbPassword() { return get("NATURAFLUX_DB_PASSWORD"); }

    /** The observation source (GeoNature), JDBC form, with the read-only role. */
    public String sourceDbUrl() { return get("NATURAFLUX_SOURCE_DB_URL"); }
    public String sourceDbUser() { return get("NATURAFLUX_SOURCE_DB_USER"); }
    public String sourceDbPassword() { return get("NATURAFLUX_SOURCE_DB_PASSWORD"); }

    /** The source database's owner, for tests and tools that write source data. */
    public String sourceAdminDbUser() { return get("NATURAFLUX_SOURCE_ADMIN_DB_USER"); }
    public String sourceAdminDbPassword() { return get("NATURAFLUX_SOURCE_ADMIN_DB_PASSWORD"); }

    /** The replication role for change capture. */
    public String cdcDbUser() { return get("NATURAFLUX_CDC_DB_USER"); }
    public String cdcDbPassword() { return get("NATURAFLUX_CDC_DB_PASSWORD"); }

    public String kafkaBootstrapServers() { return get("KAFKA_BOOTSTRAP_SERVERS"); }

    /** The same broker's SASL_SSL listener (SCRAM-SHA-512 over TLS). */
    public String kafkaSaslSslServers() { return get("NATURAFLUX_KAFKA_SASL_SSL_SERVERS"); }
    public String kafkaScramUser() { return get("NATURAFLUX_KAFKA_SCRAM_USER"); }
    public String kafkaScramPassword() { return get("NATURAFLUX_KAFKA_SCRAM_PASSWORD"); }
    /** PKCS12 truststore holding the SASL_SSL listener's certificate. */
    public String kafkaTlsTruststore() { return get("NATURAFLUX_KAFKA_TLS_TRUSTSTORE"); }
    public String kafkaTlsStorePassword() { return get("NATURAFLUX_KAFKA_TLS_STORE_PASSWORD"); }

    public String s3Endpoint() { return get("NATURAFLUX_S3_ENDPOINT"); }
    public String s3PublicEndpoint() { return get("NATURAFLUX_S3_PUBLIC_ENDPOINT"); }
    public String s3Region() { return get("NATURAFLUX_S3_REGION"); }
    public String s3AccessKey() { return get("NATURAFLUX_S3_ACCESS_KEY"); }
    public String s3SecretKey() { return get("NATURAFLUX_S3_SECRET_KEY"); }
    public String s3Bucket() { return get("NATURAFLUX_S3_BUCKET"); }

    /** The database that isolated test databases are cloned from (PostGIS installed). */
    public String testDbTemplate() { return get("NATURAFLUX_TEST_DB_TEMPLATE"); }

    /** Kafka Connect's REST API, where the Debezium connector {@code naturaflux-cdc} runs. */
    public String connectUrl() { return get("NATURAFLUX_CONNECT_URL"); }

    /** The change events of {@code gn_synthese.synthese} in the source database (Debezium JSON, no schema). */
    public String cdcTopic() { return get("NATURAFLUX_CDC_TOPIC"); }

    /** The change events of {@code ref_geo.l_areas} in the source database. */
    public String cdcAreasTopic() { return get("NATURAFLUX_CDC_AREAS_TOPIC"); }
}
