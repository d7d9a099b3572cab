package org.naturaflux.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.pollinterval.IterativePollInterval;

/**
 * A fresh PostgreSQL database for one test class, cloned from the stack's template (PostGIS
 * installed) as the service's role, without superuser rights, and dropped on {@link #close()}
 * (open connections are terminated). Named {@code nf_t_<label>_<random>} so that concurrent runs
 * never meet.
 *
 * <p>Serves both sides: the request-service's schema, and a GeoNature-like source that a test fills
 * as owner and then reads through a read-only role ({@link #grantReadOnly(String)}).
 *
 * <pre>{@code
 * try (IsolatedDatabase db = IsolatedDatabase.create(MyTest.class);
 *      Connection connection = db.connect()) { ... }
 * }</pre>
 */
public final class IsolatedDatabase implements AutoCloseable {

    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(.*)$");
    private static final String OBJECT_IN_USE = "55006";
    /** About 20 attempts 250 ms, 500 ms, ... apart while the template is in use. */
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(50);
    private static final Duration DROP_TIMEOUT = Duration.ofSeconds(15);

    private final TestStack stack;
    private final String name;
    private final String jdbcUrl;
    private boolean closed;

    private IsolatedDatabase(TestStack stack, String name) {
        this.stack = stack;
        this.name = name;
        this.jdbcUrl = withDatabase(stack.dbUrl(), name);
    }

    /** A database for the given test class, on the stack of this JVM's environment. */
    public static IsolatedDatabase create(Class<?> testClass) {
        return create(TestStack.fromEnvironment(), testClass.getSimpleName());
    }

    /**
     * A database named after the label, cloned from {@link TestStack#testDbTemplate()} as
     * {@link TestStack#dbUser()}.
     *
     * @throws IllegalStateException when the database cannot be created
     */
    public static IsolatedDatabase create(TestStack stack, String label) {
        String name = "nf_t_" + UniqueNames.label(label, '_', 40) + "_" + UniqueNames.suffix();
        IsolatedDatabase database = new IsolatedDatabase(stack, name);
        database.createFromTemplate();
        return database;
    }

    /** The database name. */
    public String name() {
        return name;
    }

    /** JDBC URL of this database (the stack's URL with this database's name). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The owner role. */
    public String user() {
        return stack.dbUser();
    }

    public String password() {
        return stack.dbPassword();
    }

    /** A new connection as the owner; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user(), password());
    }

    /**
     * Lets the role read (not write) everything in this database's schemas as they are now, and the
     * tables the owner creates later: CONNECT, USAGE on schemas, SELECT on tables.
     */
    public void grantReadOnly(String role) {
        String grantee = quote(role);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            List<String> schemas = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT nspname FROM pg_namespace"
                    + " WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'")) {
                while (rows.next()) {
                    schemas.add(rows.getString(1));
                }
            }
            statement.execute("GRANT CONNECT ON DATABASE " + quote(name) + " TO " + grantee);
            for (String schema : schemas) {
                statement.execute("GRANT USAGE ON SCHEMA " + quote(schema) + " TO " + grantee);
                statement.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + quote(schema) + " TO " + grantee);
            }
            statement.execute("ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO " + grantee);
            statement.execute("ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO " + grantee);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant read access on " + name + " to " + role, e);
        }
    }

    /**
     * Drops the database, terminating the test's own connections to it. Idempotent. Plain DROP DATABASE
     * (not WITH (FORCE), which fails when an autovacuum worker happens to be in the freshly loaded
     * database: its role is not ours) cancels autovacuum by itself; a few attempts absorb the race.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        AtomicReference<SQLException> last = new AtomicReference<>();
        try {
            Eventually.within(DROP_TIMEOUT, "test database " + name + " dropped").pollInterval(Duration.ofMillis(500)).until(() -> {
                try (Connection connection = DriverManager.getConnection(stack.dbUrl(), stack.dbUser(), stack.dbPassword());
                     Statement statement = connection.createStatement()) {
                    statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                            + "'" + name.replace("'", "''") + "' AND usename = current_user AND pid <> pg_backend_pid()");
                    statement.execute("DROP DATABASE IF EXISTS " + quote(name));
                    return true;
                } catch (SQLException e) {
                    last.set(e);
                    return false;
                }
            });
            closed = true;
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("cannot drop test database " + name, last.get());
        }
    }

    @Override
    public String toString() {
        return jdbcUrl;
    }

    private void createFromTemplate() {
        String sql = "CREATE DATABASE " + quote(name) + " TEMPLATE " + quote(stack.testDbTemplate());
        AtomicReference<SQLException> inUse = new AtomicReference<>();
        try {
            // The template is briefly in use while another session clones or maintains it: tried again,
            // 250 ms later, then 500 ms, 750 ms... (about 20 attempts).
            Eventually.within(CREATE_TIMEOUT, "test database " + name + " created")
                    .pollInterval(IterativePollInterval.iterative(last -> last.plusMillis(250), Duration.ofMillis(250)))
                    .until(() -> {
                        try (Connection connection = DriverManager.getConnection(stack.dbUrl(), stack.dbUser(), stack.dbPassword());
                             Statement statement = connection.createStatement()) {
                            statement.execute(sql);
                            return true;
                        } catch (SQLException e) {
                            if (!OBJECT_IN_USE.equals(e.getSQLState())) {
                                throw cannotCreate(e);
                            }
                            inUse.set(e);
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw cannotCreate(inUse.get());
        }
    }

    private IllegalStateException cannotCreate(SQLException cause) {
        return new IllegalStateException("cannot create test database " + name + " from template "
                + stack.testDbTemplate() + " at " + stack.dbUrl() + " as " + stack.dbUser()
                + " (" + TestStack.HINT + ")", cause);
    }

    static String withDatabase(String jdbcUrl, String database) {
        Matcher matcher = JDBC_URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host[:port]/database URL: " + jdbcUrl);
        }
        return matcher.group(1) + database + matcher.group(3);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
