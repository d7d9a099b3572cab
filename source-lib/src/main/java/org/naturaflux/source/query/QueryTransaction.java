package org.naturaflux.source.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The transaction every statement of an {@link ExportQuery} runs in: the caller's when the connection is
 * not in autocommit mode, otherwise one of its own, rolled back at the end (nothing is written); either
 * way without JIT compilation ({@code SET LOCAL jit = off}: compiling these wide statements costs
 * seconds and gains nothing).
 */
final class QueryTransaction {

    /** Work done in the transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private QueryTransaction() {
    }

    /** Runs {@code work} in the caller's transaction, or in one of its own rolled back at the end. */
    static <T> T run(Connection connection, Work<T> work) throws SQLException {
        boolean ownsTransaction = connection.getAutoCommit();
        if (ownsTransaction) {
            connection.setAutoCommit(false);
        }
        try {
            withoutJit(connection);
            return work.run();
        } finally {
            if (ownsTransaction) {
                try {
                    connection.rollback();
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    /** Turns JIT compilation off for the current transaction. */
    static void withoutJit(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL jit = off");
        }
    }
}
