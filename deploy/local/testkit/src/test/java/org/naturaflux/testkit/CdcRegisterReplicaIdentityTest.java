package org.naturaflux.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code deploy/local/cdc-register} against a source that is not the local stack's own PostgreSQL (as a
 * production GeoNature): captured tables without REPLICA IDENTITY FULL are reported with the exact SQL to
 * run, and left as they are. Kafka Connect is pointed at a closed port, so that whatever the script does
 * it can never reach the shared stack's connector.
 */
class CdcRegisterReplicaIdentityTest {

    @RegisterExtension
    static final IsolatedDatabaseExtension DB = new IsolatedDatabaseExtension();

    @Test
    void anExternalSourceWithoutFullReplicaIdentityIsReportedWithTheStatementsToRunAndLeftUnchanged() throws Exception {
        try (Connection connection = DB.database().connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA gn_synthese");
            sql.execute("CREATE SCHEMA ref_geo");
            sql.execute("CREATE TABLE gn_synthese.synthese (id_synthese integer PRIMARY KEY)");   // GeoNature's default
            sql.execute("CREATE TABLE ref_geo.l_areas (id_area integer PRIMARY KEY)");
            sql.execute("ALTER TABLE ref_geo.l_areas REPLICA IDENTITY FULL");

            ProcessBuilder builder = new ProcessBuilder("bash",
                    ServiceProcess.repositoryRoot().resolve("deploy/local/cdc-register").toString())
                    .redirectErrorStream(true);
            builder.environment().putAll(Map.of(
                    "NATURAFLUX_SOURCE_DB_URL", DB.database().jdbcUrl(),
                    "NATURAFLUX_LOCAL_STACK", "kafka s3",
                    "NATURAFLUX_CONNECT_URL", "http://127.0.0.1:1"));
            builder.environment().remove("NATURAFLUX_CDC_SET_REPLICA_IDENTITY");
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("change capture needs REPLICA IDENTITY FULL on the captured tables")
                    .contains("\n    ALTER TABLE gn_synthese.synthese REPLICA IDENTITY FULL;   -- now DEFAULT (the primary key)\n")
                    .doesNotContain("ALTER TABLE ref_geo.l_areas")
                    .contains("NATURAFLUX_CDC_SET_REPLICA_IDENTITY=yes");
            try (ResultSet rows = sql.executeQuery("SELECT (SELECT relreplident FROM pg_class"
                    + " WHERE oid = 'gn_synthese.synthese'::regclass)::text, (SELECT count(*) FROM pg_publication)")) {
                rows.next();
                assertThat(rows.getString(1)).as("the table's replica identity, untouched").isEqualTo("d");
                assertThat(rows.getLong(2)).as("publications created").isZero();
            }
        }
    }
}
