package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.changes.ChangeStackResource;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.source.demo.GeoNatureSchema;
import org.naturaflux.testkit.Eventually;
import org.naturaflux.testkit.IsolatedDatabase;

/**
 * A request-service that follows changes of a source whose {@code synthese} has GeoNature's default replica
 * identity (its key) says so at start-up, at ERROR, naming the exact {@code ALTER TABLE} to run, and only that
 * one ({@code l_areas} keeps FULL). The log is captured from the service's own start in this JVM: a handler on
 * {@link SourceShapeLog}'s logger, installed before the application starts.
 */
@QuarkusTest
@WithTestResource(value = ReplicaIdentityLogTest.Resource.class)
class ReplicaIdentityLogTest {

    /** The ERROR lines of {@link SourceShapeLog}, as formatted. */
    static final List<String> ERRORS = new CopyOnWriteArrayList<>();
    /** Held strongly: the log manager keeps loggers weakly. */
    static final Logger WATCHED = Logger.getLogger(SourceShapeLog.class.getName());

    /** The change-following stack, with a private source whose synthese lost REPLICA IDENTITY FULL. */
    public static class Resource extends ChangeStackResource {

        private IsolatedDatabase source;

        @Override
        public Map<String, String> start() {
            source = IsolatedDatabase.create(stack(), "replica-identity");
            try (Connection connection = source.connect(); Statement st = connection.createStatement()) {
                new DemoSourceGenerator(connection, 7).regenerate(50);
                GeoNatureSchema.grantRead(connection, stack().sourceDbUser());
                st.execute("ALTER TABLE gn_synthese.synthese REPLICA IDENTITY DEFAULT");
            } catch (SQLException e) {
                source.close();
                throw new IllegalStateException("cannot build the private source", e);
            }
            source.grantReadOnly(stack().sourceDbUser());
            WATCHED.addHandler(new Handler() {
                @Override
                public void publish(LogRecord record) {
                    if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                        ERRORS.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            });
            Map<String, String> config = new HashMap<>(super.start());
            config.put("quarkus.datasource.source.jdbc.url", source.jdbcUrl());
            return config;
        }

        @Override
        public void stop() {
            try {
                super.stop();
            } finally {
                source.close();
            }
        }
    }

    @Test
    void theStartUpErrorNamesTheAlterTableStillNeeded() {
        String error = Eventually.within(Duration.ofSeconds(30), "the start-up ERROR about replica identity")
                .until(() -> ERRORS.stream().filter(line -> line.contains("REPLICA IDENTITY FULL")).findFirst().orElse(""),
                        line -> !line.isEmpty());
        assertThat(error).contains("ALTER TABLE gn_synthese.synthese REPLICA IDENTITY FULL;")
                .doesNotContain("ALTER TABLE ref_geo.l_areas");
    }
}
