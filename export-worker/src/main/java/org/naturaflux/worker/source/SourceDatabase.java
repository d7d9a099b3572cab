package org.naturaflux.worker.source;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.naturaflux.worker.config.WorkerConfig;

/**
 * Connections to the observation source (GeoNature), read-only. One connection per export, held for
 * its duration (the server-side cursor lives in its transaction); no pool, since a worker runs a few
 * exports at a time.
 */
@ApplicationScoped
public class SourceDatabase {

    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    /**
     * The PostgreSQL driver itself, not DriverManager: DriverManager only sees drivers registered by
     * the caller's class loader, which under Quarkus is not always the one that loaded the driver (the
     * first connection then failed with "No suitable driver").
     */
    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

    private final WorkerConfig.Source config;

    SourceDatabase(WorkerConfig config) {
        this.config = config.source();
    }

    /** A new read-only connection for an export; the caller closes it. */
    public Connection connect() throws SQLException {
        Properties properties = credentials();
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "naturaflux-export-worker");
        // Detects a dead server during a long export instead of waiting forever on a socket.
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = open(properties);
        connection.setReadOnly(true);
        return connection;
    }

    /** Whether the source answers {@code SELECT 1} within the timeout (readiness). */
    public void ping(Duration timeout) throws SQLException {
        int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
        Properties properties = credentials();
        properties.setProperty("connectTimeout", Integer.toString(seconds));
        properties.setProperty("socketTimeout", Integer.toString(seconds));
        properties.setProperty("loginTimeout", Integer.toString(seconds));
        properties.setProperty("ApplicationName", "naturaflux-export-worker-health");
        try (Connection connection = open(properties);
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(seconds);
            statement.execute("SELECT 1");
        }
    }

    private Connection open(Properties properties) throws SQLException {
        Connection connection = DRIVER.connect(config.url(), properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + config.url(), "08001");
        }
        return connection;
    }

    /** The JDBC URL (for messages: no credentials in it). */
    public String url() {
        return config.url();
    }

    private Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        config.password().ifPresent(password -> properties.setProperty("password", password));
        return properties;
    }
}
