package org.naturaflux.request.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;
import org.naturaflux.request.config.ReferenceConfig;

/**
 * Blocking reads of the source's reference data (areas, taxa) through source-lib and the read-only
 * datasource {@code source}: each in a read-only transaction bounded by
 * {@code naturaflux.reference.statement-timeout}, a failure turned into the API's answer by
 * {@link DatabaseFailures} (a timeout or an unreachable source: 503). Callers run on a worker thread.
 */
@ApplicationScoped
public class ReferenceReads {

    private static final Logger LOG = Logger.getLogger(ReferenceReads.class);

    /** A read of the source. */
    @FunctionalInterface
    public interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final AgroalDataSource source;
    private final long timeoutMillis;

    ReferenceReads(@DataSource("source") AgroalDataSource source, ReferenceConfig config) {
        this.source = source;
        this.timeoutMillis = Math.max(1, config.statementTimeout().toMillis());
    }

    /** The result of {@code read}, run in its own read-only, time-bounded transaction. */
    public <T> T read(Read<T> read) {
        try (Connection connection = source.getConnection()) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET LOCAL statement_timeout = " + timeoutMillis);
                }
                return read.apply(connection);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.warnf("reading reference data from the observation source failed (SQLState %s): %s", e.getSQLState(),
                    e.getMessage());
            throw DatabaseFailures.toApi(e, "the observation source");
        }
    }
}
