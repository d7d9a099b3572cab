package org.naturaflux.request;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.source.demo.GeoNatureSchema;
import org.naturaflux.testkit.IsolatedDatabase;
import org.naturaflux.testkit.TestStack;

/**
 * A small GeoNature source (source-lib's demo generator, 2,000 observations) in an isolated database,
 * readable by the stack's read-only role: what the service checks requests against. Built once per
 * test JVM (the service only reads it) and dropped when the JVM exits.
 */
final class SourceDatabase {

    private static final long ROWS = 2_000;
    private static final long SEED = 42;
    private static IsolatedDatabase database;

    private SourceDatabase() {
    }

    static synchronized IsolatedDatabase get() {
        if (database == null) {
            IsolatedDatabase created = IsolatedDatabase.create(TestStack.fromEnvironment(), "request-service-source");
            try (Connection connection = created.connect()) {
                new DemoSourceGenerator(connection, SEED).regenerate(ROWS);
                GeoNatureSchema.grantRead(connection, TestStack.fromEnvironment().sourceDbUser());
                created.grantReadOnly(TestStack.fromEnvironment().sourceDbUser());
            } catch (SQLException | RuntimeException | Error e) {
                created.close();
                throw new IllegalStateException("cannot build the test source database", e);
            }
            database = created;
            Runtime.getRuntime().addShutdownHook(new Thread(created::close, "drop-test-source"));
        }
        return database;
    }

    /** A connection to the source as its owner (for the tests' own oracle queries). */
    static Connection connect() throws SQLException {
        return DriverManager.getConnection(get().jdbcUrl(), get().user(), get().password());
    }
}
