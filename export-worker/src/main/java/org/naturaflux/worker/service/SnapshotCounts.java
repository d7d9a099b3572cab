package org.naturaflux.worker.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.naturaflux.sensitivity.rules.WithholdCause;
import org.naturaflux.worker.logging.RunLogContext;
import org.naturaflux.worker.source.SourceDatabase;

/**
 * The counts of an export, computed beside its stream: on a second connection that imports the
 * export transaction's snapshot ({@code pg_export_snapshot()} / {@code SET TRANSACTION SNAPSHOT}), so
 * they see exactly the data the rows come from, on a thread of their own, so that the database counts
 * while the first rows are already degraded and written. The total is published as soon as it is
 * known (PROGRESS events carry it from then on); {@link #await} gives everything once done.
 */
final class SnapshotCounts implements AutoCloseable {

    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f-]+");

    /** What the counting does on its connection. */
    interface Counting {
        /** The rows the stream will return, or null when not counted. */
        Long total(Connection connection) throws SQLException;

        /** The records the selection withholds, per cause. */
        Map<WithholdCause, Long> withheld(Connection connection) throws SQLException;
    }

    /** The finished counts. */
    record Counts(Long total, Map<WithholdCause, Long> withheld) {
    }

    private final Connection connection;
    private final CompletableFuture<Counts> result = new CompletableFuture<>();
    private volatile Long total;

    private SnapshotCounts(Connection connection, Counting counting, String threadName) {
        this.connection = connection;
        Thread thread = new Thread(RunLogContext.carried(() -> {
            try {
                Long counted = counting.total(connection);
                total = counted;
                result.complete(new Counts(counted, counting.withheld(connection)));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Opens the second connection on the exported snapshot and starts counting. */
    static SnapshotCounts start(SourceDatabase source, String snapshotId, Counting counting, String threadName)
            throws SQLException {
        if (!SNAPSHOT_ID.matcher(snapshotId).matches()) {
            throw new SQLException("unexpected snapshot id from pg_export_snapshot(): " + snapshotId);
        }
        Connection connection = source.connect();
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION SNAPSHOT '" + snapshotId + "'");
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return new SnapshotCounts(connection, counting, threadName);
    }

    /** The total, once counted; null before (or when not counted). */
    Long totalIfKnown() {
        return total;
    }

    /** Waits for the counts. */
    Counts await() throws SQLException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the counts", "57014", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException("counting failed: " + cause.getMessage(), cause);
        }
    }

    /** Ends the counting transaction and closes its connection (a count under way is abandoned). */
    @Override
    public void close() {
        try {
            if (!result.isDone()) {
                connection.abort(Runnable::run);
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            // Read-only: nothing to keep; closing releases the server side.
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Already gone.
        }
    }
}
