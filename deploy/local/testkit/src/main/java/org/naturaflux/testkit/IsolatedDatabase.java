package org.naturaflux.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final int CREATE_ATTEMPTS = 20;

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
        SQLException last = null;
        for (int attempt = 0; attempt < 20 && !closed; attempt++) {
            try (Connection connection = DriverManager.getConnection(stack.dbUrl(), stack.dbUser(), stack.dbPassword());
                 Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                        + "'" + name.replace("'", "''") + "' AND usename = current_user AND pid <> pg_backend_pid()");
                statement.execute("DROP DATABASE IF EXISTS " + quote(name));
                closed = true;
            } catch (SQLException e) {
                last = e;
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (!closed) {
            throw new IllegalStateException("cannot drop test database " + name, last);
        }
    }

    @Override
    public String toString() {
        return jdbcUrl;
    }

    private void createFromTemplate() {
        String sql = "CREATE DATABASE " + quote(name) + " TEMPLATE " + quote(stack.testDbTemplate());
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = DriverManager.getConnection(stack.dbUrl(), stack.dbUser(), stack.dbPassword());
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
                return;
            } catch (SQLException e) {
                // The template is briefly in use while another session clones or maintains it.
                if (OBJECT_IN_USE.equals(e.getSQLState()) && attempt < CREATE_ATTEMPTS) {
                    pause(250L * attempt);
                } else {
                    throw new IllegalStateException("cannot create test database " + name + " from template "
                            + stack.testDbTemplate() + " at " + stack.dbUrl() + " as " + stack.dbUser()
                            + " (" + TestStack.HINT + ")", e);
                }
            }
        }
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

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the template database", e);
        }
    }
}
