package org.naturaflux.source.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.degrade.DegradationSummary;
import org.naturaflux.sensitivity.degrade.RecordDegrader;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.sensitivity.rules.WithholdCause;
import org.naturaflux.source.query.ExportEstimate.Stop;
import org.naturaflux.source.reference.AreaIndexCache;

/**
 * The exact count, by the level each record would leave at, of what a flux would export now: the counts
 * a run's manifest would give on the same snapshot, within {@link EstimateBounds}.
 *
 * <p>Nothing is stated a second time: the records are the export's own rows ({@link ExportQuery}, its
 * selection rule and the rules' {@link org.naturaflux.model.sensitivity.SelectionPlan}), streamed with no field
 * (identity, codes and geometries only) from a server-side cursor, and each is classified by sensitivity-lib's
 * {@link RecordDegrader} with the platform's {@link SensitivityRules} and area index, exactly as the worker
 * degrades it (a degraded record its areas do not cover is withheld {@code NO_AREA}), into a
 * {@link DegradationSummary}; the records the selection leaves out are counted by
 * {@link WithheldBySelection}, as the worker counts them. Memory stays constant whatever the count (the
 * cursor's fetch size, the degrader's bounded footprint cache).
 *
 * <p>Everything is read in one read-only REPEATABLE READ transaction of its own (rolled back at the end),
 * whose time is the estimate's {@code computedAt}. The area index is taken from the {@link AreaIndexCache}
 * before it, outside the bounds (loaded once per process, then again only when the areas change). When a
 * bound is reached the estimate stops and says so ({@link ExportEstimate#exact()} false, with what was
 * counted): a statement cancelled by the timeout ({@code statement_timeout}, SQLState 57014) is such a stop,
 * never an error.
 */
public final class ExportEstimator {

    /** Rows fetched from the cursor at a time. */
    static final int FETCH_SIZE = 1000;
    /** The SQLState of a statement cancelled, here by {@code statement_timeout}. */
    static final String QUERY_CANCELED = "57014";

    private final SensitivityRules rules;
    private final AreaIndexCache areas;
    private final EstimateBounds bounds;

    /**
     * @param rules  the platform's sensitivity rules (those of the worker: the configured settings)
     * @param areas  the area index cache of these rules
     * @param bounds how long and how far an estimate may go
     */
    public ExportEstimator(SensitivityRules rules, AreaIndexCache areas, EstimateBounds bounds) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.areas = Objects.requireNonNull(areas, "areas");
        this.bounds = Objects.requireNonNull(bounds, "bounds");
    }

    /** The bounds of this estimator's estimates. */
    public EstimateBounds bounds() {
        return bounds;
    }

    /**
     * Counts what a flux of this territory and these taxa would export now, without any record filter
     * ({@link RecordFilters#none()}: the selection rule alone).
     *
     * @param connection a connection to the source in autocommit mode (the estimate runs in a transaction of its
     *                   own, and leaves the connection in autocommit mode)
     * @throws IllegalArgumentException if the territory cannot be exported, or the connection is in a transaction
     * @throws SQLException             on a failure of the source other than the timeout
     */
    public ExportEstimate estimate(Connection connection, Territory territory, TaxaFilter taxa) throws SQLException {
        return estimate(connection, territory, taxa, RecordFilters.none());
    }

    /**
     * Counts what a flux of this territory, these taxa and these record filters would export now (a record the
     * filters leave out is neither counted as exported nor as withheld, as in the run's manifest).
     *
     * @param connection a connection to the source in autocommit mode (the estimate runs in a transaction of its
     *                   own, and leaves the connection in autocommit mode)
     * @throws IllegalArgumentException if the territory cannot be exported, or the connection is in a transaction
     * @throws SQLException             on a failure of the source other than the timeout
     */
    public ExportEstimate estimate(Connection connection, Territory territory, TaxaFilter taxa, RecordFilters filters)
            throws SQLException {
        if (!connection.getAutoCommit()) {
            throw new IllegalArgumentException("an estimate runs in a transaction of its own: pass a connection in"
                    + " autocommit mode");
        }
        ExportQuery query = ExportQuery.of(territory, taxa, filters, List.of(), rules.selectionPlan());
        AreaIndex index = areas.current(connection);
        long deadline = System.nanoTime() + bounds.timeout().toNanos();
        RecordDegrader degrader = new RecordDegrader(rules, index, List.of(), ExportOptions.defaults());
        DegradationSummary summary = new DegradationSummary();
        connection.setAutoCommit(false);
        try {
            Instant computedAt;
            try (Statement st = connection.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                try (ResultSet rs = st.executeQuery("SELECT now()")) {
                    rs.next();
                    computedAt = rs.getTimestamp(1).toInstant();
                }
            }
            long examined = 0;
            Stop stop = null;
            Map<WithholdCause, Long> selection = null;
            try {
                limit(connection, deadline);
                try (RowStream rows = query.stream(connection, FETCH_SIZE)) {
                    for (ObservationRow row = rows.next(); row != null; row = rows.next()) {
                        if (examined == bounds.maxRecords()) {
                            stop = Stop.MAX_RECORDS;
                            break;
                        }
                        if (System.nanoTime() - deadline >= 0) {
                            stop = Stop.TIMEOUT;
                            break;
                        }
                        summary.record(degrader.degrade(row));
                        examined++;
                    }
                }
                if (System.nanoTime() - deadline >= 0) {
                    stop = Stop.TIMEOUT;
                } else {
                    limit(connection, deadline);
                    selection = WithheldBySelection.count(connection, query, rules);
                }
            } catch (SQLException e) {
                if (!QUERY_CANCELED.equals(e.getSQLState())) {
                    throw e;
                }
                stop = Stop.TIMEOUT;
            }
            RunCounts counts = selection == null ? summary.toRunCounts() : summary.toRunCounts(selection);
            return new ExportEstimate(counts, stop == null, examined, stop, selection != null, computedAt);
        } finally {
            try {
                connection.rollback();
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Sets the transaction's statement timeout to the time left until {@code deadline} (at least 1 ms). */
    private static void limit(Connection connection, long deadline) throws SQLException {
        long millis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL statement_timeout = " + millis);
        }
    }
}
