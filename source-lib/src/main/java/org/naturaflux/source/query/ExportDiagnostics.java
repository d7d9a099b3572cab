package org.naturaflux.source.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** What an {@link ExportQuery} runs, shown for diagnostics: its statement's text and plan. */
final class ExportDiagnostics {

    private final ExportStatement statement;

    ExportDiagnostics(ExportStatement statement) {
        this.statement = statement;
    }

    /** See {@link ExportQuery#explain}. */
    List<String> explain(Connection connection) throws SQLException {
        return QueryTransaction.run(connection, () -> statement.select(connection, true).explain(connection));
    }

    /** See {@link ExportQuery#selectSql}. */
    String selectSql(Connection connection) throws SQLException {
        return statement.select(connection, true).text();
    }

    /** See {@link ExportQuery#inlinedSelectSql}. */
    String inlinedSelectSql(Connection connection) throws SQLException {
        return statement.select(connection, true).inline(connection);
    }
}
