package org.naturaflux.source.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.degrade.Degradation;
import org.naturaflux.sensitivity.degrade.RecordDegrader;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.reference.AreaIndexCache;

/**
 * A sample of what a flux would export now, each record as its files would hold it: for a map shown before
 * the flux is sent.
 *
 * <p>Nothing is stated a second time: the records are the export's own rows ({@link ExportQuery#sample}: its
 * selection rule and the rules' {@link org.naturaflux.model.sensitivity.SelectionPlan}, ordered by a hash of
 * their id and cut, so that the sample is spread like the records), with the fields {@code nom_valide} and
 * {@code date_debut}; each is degraded by sensitivity-lib's {@link RecordDegrader} with the platform's
 * {@link SensitivityRules}, area index and the flux's options, exactly as the worker degrades it: a degraded
 * record gets the geometry its files hold (its areas' union, or its centroid), a withheld one is left out.
 *
 * <p>Everything is read in one read-only REPEATABLE READ transaction (rolled back at the end), whose time is the
 * sample's {@code computedAt}, under a {@code statement_timeout}. Ordering by the hash reads every selected
 * record: when that takes more than half the timeout, the preview starts again in a new transaction and takes
 * the first records the statement gives within the rest ({@link PreviewSample#spread()} false).
 */
public final class ExportPreview {

    /** The SQLState of a statement cancelled, here by {@code statement_timeout}. */
    static final String QUERY_CANCELED = "57014";
    /** Rows read beyond the bound, for the records a degrader withholds because no area covers them. */
    static final int SPARE = 2;

    private final SensitivityRules rules;
    private final AreaIndexCache areas;
    private final List<FieldDefinition> fields;
    private final PreviewBounds bounds;

    /**
     * @param rules     the platform's sensitivity rules (those of the worker: the configured settings)
     * @param areas     the area index cache of these rules
     * @param catalogue the field catalogue ({@code nom_valide} and {@code date_debut} are read through it)
     * @param bounds    how long and how far a preview may go
     */
    public ExportPreview(SensitivityRules rules, AreaIndexCache areas, FieldCatalogue catalogue, PreviewBounds bounds) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.areas = Objects.requireNonNull(areas, "areas");
        this.fields = List.of(catalogue.require("nom_valide"), catalogue.require("date_debut"));
        this.bounds = Objects.requireNonNull(bounds, "bounds");
    }

    /** The bounds of this preview's samples. */
    public PreviewBounds bounds() {
        return bounds;
    }

    /**
     * A sample of what a flux of this territory, taxa, record filters and options would export now.
     *
     * @param connection a connection to the source in autocommit mode (left in autocommit mode)
     * @throws IllegalArgumentException if the territory cannot be exported, or the connection is in a transaction
     * @throws SQLException             on a failure of the source, the timeout of the fallback included
     */
    public PreviewSample preview(Connection connection, Territory territory, TaxaFilter taxa, RecordFilters filters,
                                 ExportOptions options) throws SQLException {
        if (!connection.getAutoCommit()) {
            throw new IllegalArgumentException("a preview runs in a transaction of its own: pass a connection in"
                    + " autocommit mode");
        }
        ExportQuery query = ExportQuery.of(territory, taxa, filters, fields, rules.selectionPlan());
        AreaIndex index = areas.current(connection);
        RecordDegrader degrader = new RecordDegrader(rules, index, fields, options);
        long start = System.nanoTime();
        long deadline = start + bounds.timeout().toNanos();
        try {
            return read(connection, query, degrader, true, start + bounds.timeout().toNanos() / 2);
        } catch (SQLException e) {
            if (!QUERY_CANCELED.equals(e.getSQLState())) {
                throw e;
            }
        }
        return read(connection, query, degrader, false, deadline);
    }

    private PreviewSample read(Connection connection, ExportQuery query, RecordDegrader degrader, boolean spread,
                               long deadline) throws SQLException {
        connection.setAutoCommit(false);
        try {
            Instant computedAt;
            try (Statement st = connection.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                try (ResultSet rs = st.executeQuery("SELECT now()")) {
                    rs.next();
                    computedAt = rs.getTimestamp(1).toInstant();
                }
                long millis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                st.execute("SET LOCAL statement_timeout = " + millis);
            }
            List<PreviewSample.Record> records = new ArrayList<>();
            int fetch = bounds.maxRecords() * SPARE;
            try (RowStream rows = spread ? query.sample(connection, fetch, fetch) : query.stream(connection, fetch)) {
                for (ObservationRow row = rows.next(); row != null && records.size() < bounds.maxRecords();
                     row = rows.next()) {
                    if (degrader.degrade(row) instanceof Degradation.Exported exported) {
                        Object[] values = exported.row().values();
                        records.add(new PreviewSample.Record(exported.recordId(), exported.level(), exported.label(),
                                (String) values[0], (LocalDate) values[1], exported.row().geometry()));
                    }
                }
            }
            return new PreviewSample(records, spread, computedAt);
        } finally {
            try {
                connection.rollback();
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
