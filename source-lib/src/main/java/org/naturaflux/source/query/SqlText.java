package org.naturaflux.source.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGStatement;

/**
 * SQL text with its parameters, bound in order of appearance, or rendered as literals in the text
 * ({@link #inline}) for a statement that takes no parameter ({@code COPY}).
 */
final class SqlText {

    /** Binds one parameter. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }

    private final StringBuilder text = new StringBuilder();
    private final List<Binder> binders = new ArrayList<>();
    /** Where each parameter's {@code ?} is in {@link #text}: a {@code ?} of the text itself is no parameter. */
    private final List<Integer> positions = new ArrayList<>();

    SqlText add(String part) {
        text.append(part);
        return this;
    }

    /** A {@code ?} bound by {@code binder}. */
    SqlText param(Binder binder) {
        positions.add(text.length());
        text.append('?');
        binders.add(binder);
        return this;
    }

    SqlText add(SqlText other) {
        int offset = text.length();
        other.positions.forEach(p -> positions.add(offset + p));
        text.append(other.text);
        binders.addAll(other.binders);
        return this;
    }

    String text() {
        return text.toString();
    }

    /**
     * The text with each parameter replaced by the literal of the value its binder binds
     * ({@link SqlLiterals#of}): the same statement, for the same values, with nothing to bind.
     *
     * @throws SQLException naming the parameter when a binder binds a value that has no literal here
     */
    String inline(Connection connection) throws SQLException {
        StringBuilder inlined = new StringBuilder(text.length() + 64 * binders.size());
        int from = 0;
        for (int i = 0; i < binders.size(); i++) {
            int at = positions.get(i);
            inlined.append(text, from, at).append(SqlLiterals.of(binders.get(i), connection));
            from = at + 1;
        }
        return inlined.append(text, from, text.length()).toString();
    }

    /**
     * The statement, forward-only and read-only, with its parameters bound; planned for their values
     * every time it runs (never a generic plan), so that the territory reaches the planner as a constant.
     */
    PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement st = connection.prepareStatement(text.toString(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        try {
            if (st.isWrapperFor(PGStatement.class)) {
                st.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            for (int i = 0; i < binders.size(); i++) {
                binders.get(i).bind(st, i + 1);
            }
            return st;
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    /** The single value of a one-row, one-column query. */
    long single(Connection connection) throws SQLException {
        try (PreparedStatement st = prepare(connection); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The lines of {@code EXPLAIN} of this statement. */
    List<String> explain(Connection connection) throws SQLException {
        SqlText explain = new SqlText().add("EXPLAIN ").add(this);
        List<String> lines = new ArrayList<>();
        try (PreparedStatement st = explain.prepare(connection); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }
}
