package org.naturaflux.source.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.sensitivity.SelectionPlan;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.source.schema.SourceShape;

/**
 * The export query of a flux: the records of its territory and taxa that its record filters take
 * ({@link RecordFilterSql}: observation and validation statuses, dates, datasets), with the requested fields
 * only, streamed from a server-side cursor, and the counts that go with it. Every count below applies the
 * filters too: a record they leave out is not selected, hence neither exported nor counted as withheld.
 *
 * <h2>Selection rule</h2>
 * The effective level of a record is computed in SQL from its SENSIBILITE and NIV_PRECIS codes
 * ({@code cd_nomenclature}) through the {@link SelectionPlan} (the sensitivity rules reduced to data by
 * sensitivity-lib; this class states no rule of its own): the level of the plan's first assignment for
 * the pair of codes, null codes included, or the plan's fallback for a pair it does not list.
 * <ul>
 *   <li>A PRECISE record belongs to the flux when its precise geometry ({@code the_geom_local}, in the
 *       source's local projection) intersects the territory.</li>
 *   <li>A COMMUNE, GRID or DEPARTEMENT record belongs to it when its precise geometry intersects an
 *       enabled area of its level's type ({@link SelectionPlan#areaTypeCode}) that meets the territory,
 *       and never because its precise geometry does: a tiny territory inside a 10 km cell selects all
 *       the cell's GRID records or none of them. The rule is stated once, in {@link SelectionSql}
 *       (what "meets" means, which areas place a record). A degraded record that intersects no area
 *       of its type is not selected; when the source has no enabled area of that type at all,
 *       {@link #countWithoutAreaType} counts its level's records as withheld ones are counted.</li>
 *   <li>A WITHHELD record is never returned. {@link #countWithheld} counts, without returning them, the
 *       WITHHELD records that intersect an enabled area of the DEPARTEMENT level's type meeting the
 *       territory (a withheld record has no safe location of its own).</li>
 *   <li>A record without a local geometry is never selected.</li>
 *   <li>A record without a taxon or a dataset (its {@code cd_nom} not in {@code taxonomie.taxref}, its
 *       {@code id_dataset} not in {@code gn_meta.t_datasets}, null included) is never returned, as
 *       GeoNature's export view {@code v_synthese_for_export} drops it with inner joins.
 *       {@link #countWithoutTaxonOrDataset} counts, without returning them, those the rule above would
 *       select (a withheld one by its département, like {@link #countWithheld}).</li>
 * </ul>
 * {@link #count} applies the same rule exactly; {@link #estimate} asks the planner.
 *
 * <h2>Pushdown</h2>
 * The territory (a WGS84 polygon or multipolygon, or the union of the named {@code ref_geo} areas of any
 * type) is resolved once into the source's local projection (its SRID read from the source by
 * {@link SourceShape#localSrid}, never assumed; a WGS84 territory's edges cut into steps of at most 1 km first,
 * so that they stay where they are in WGS84) and reaches the planner as a constant: the records of each level
 * are found through the GiST index of {@code synthese.the_geom_local} (from the territory, or from the
 * union of the areas of the level's type that meet it, found through the GiST index of
 * {@code l_areas.geom}). Taxa are INPN groups (matched against {@code group1_inpn},
 * {@code group2_inpn} and {@code group3_inpn} of the record's {@code cd_nom}) or TAXREF codes with all
 * their descendants through {@code cd_sup} (matched against the {@code cd_ref} of the record's
 * {@code cd_nom}); a record matches when it matches either. Only the joins the requested fields need
 * are made. Rows come in no particular order.
 *
 * <h2>Transactions</h2>
 * Each method runs in the caller's transaction when the connection is not in autocommit mode (so that
 * counts and rows can share one repeatable-read snapshot), and otherwise in a transaction of its own,
 * rolled back at the end (nothing is written). Either way it turns JIT compilation off for that
 * transaction ({@code SET LOCAL jit = off}): compiling these wide statements costs seconds and gains
 * nothing.
 *
 * <h2>Anatomy</h2>
 * This class opens the rows and delegates the rest: {@link ExportTerritory} resolves the territory,
 * {@link ExportStatement} writes the SQL, {@link ExportCounts} counts and estimates, {@link ExportDiagnostics}
 * shows the statement and its plan; each runs in a {@link QueryTransaction}.
 *
 * <p>Immutable apart from the territory's geometry and the source's SRID, resolved on first use and then
 * kept; thread-safe.
 */
public final class ExportQuery {

    private final List<FieldDefinition> fields;
    private final ExportStatement statement;
    private final ExportCounts counts;
    private final ExportDiagnostics diagnostics;

    private ExportQuery(Territory territory, TaxaFilter taxa, RecordFilters filters, List<FieldDefinition> fields,
                        SelectionPlan plan) {
        ExportTerritory exportTerritory = new ExportTerritory(territory);
        this.fields = List.copyOf(fields);
        List<FieldSql> fieldSql = this.fields.stream().map(f -> FieldSql.require(f.code())).toList();
        this.statement = new ExportStatement(exportTerritory, taxa == null ? TaxaFilter.all() : taxa,
                Objects.requireNonNull(filters, "filters"), fieldSql, Objects.requireNonNull(plan, "plan"));
        this.counts = new ExportCounts(statement);
        this.diagnostics = new ExportDiagnostics(statement);
    }

    /**
     * The query of a territory and taxa <em>without any record filter</em> ({@link RecordFilters#none()}: absences
     * and every status, date and dataset included), with these fields in this order (the rows' values follow
     * it): the selection rule alone. A flux's query is {@link #of(FluxSpec, FieldCatalogue, SelectionPlan)}.
     *
     * @throws IllegalArgumentException if the territory can not be exported or a field has no SQL
     */
    public static ExportQuery of(Territory territory, TaxaFilter taxa, List<FieldDefinition> fields, SelectionPlan plan) {
        return new ExportQuery(territory, taxa, RecordFilters.none(), fields, plan);
    }

    /**
     * The query of a territory, taxa and record filters, with these fields in this order (the rows' values
     * follow it).
     *
     * @throws IllegalArgumentException if the territory can not be exported or a field has no SQL
     */
    public static ExportQuery of(Territory territory, TaxaFilter taxa, RecordFilters filters, List<FieldDefinition> fields,
                                 SelectionPlan plan) {
        return new ExportQuery(territory, taxa, filters, fields, plan);
    }

    /**
     * The query of a flux: its territory, taxa and fields, values in the order of the spec's fields.
     *
     * @throws IllegalArgumentException if the territory can not be exported or a field is unknown
     */
    public static ExportQuery of(FluxSpec spec, FieldCatalogue catalogue, SelectionPlan plan) {
        List<FieldDefinition> fields = spec.fields().stream().map(catalogue::require).toList();
        return new ExportQuery(spec.territory(), spec.taxa(), spec.filters(), fields, plan);
    }

    /** The fields, in the order of the rows' values. */
    public List<FieldDefinition> fields() {
        return fields;
    }

    /**
     * Opens the rows, read {@code fetchSize} at a time from a server-side cursor: memory is bounded
     * whatever their number. Close the stream; when it began the transaction, closing ends it.
     *
     * @throws IllegalArgumentException if {@code fetchSize} is not positive
     */
    public RowStream stream(Connection connection, int fetchSize) throws SQLException {
        return open(connection, fetchSize, -1);
    }

    /**
     * Opens a sample of the rows: the same rows as {@link #stream} (the same statement, wrapped), ordered by a
     * hash of their {@code id_synthese} and cut after {@code limit}: a sample spread like the records themselves
     * (over the territory, the levels and the taxa) rather than the first by id, the same on the same snapshot.
     * The database reads every selected row to order them (a top-N sort, memory bounded by {@code limit}).
     *
     * @throws IllegalArgumentException if {@code fetchSize} or {@code limit} is not positive
     */
    public RowStream sample(Connection connection, int fetchSize, int limit) throws SQLException {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return open(connection, fetchSize, limit);
    }

    /**
     * Opens the rows through {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} ({@link CopyRows}): the same
     * statement as {@link #stream}, its parameters written as literals ({@link SqlText#inline}), run by the server
     * to the end in one go (where a cursor forbids a parallel plan) and decoded from PostgreSQL's binary format into
     * the same rows. Memory is bounded by one row whatever their number. Close the stream: closing it before the
     * end cancels the COPY (and leaves the caller's transaction aborted); when it began the transaction, closing
     * ends it.
     *
     * @throws SQLException before any row when a column of the statement has a type the reader does not decode
     */
    public RowStream copy(Connection connection) throws SQLException {
        return open(connection, (select, shape) -> CopyRows.open(connection, select.inline(connection), shape));
    }

    /** The rows, or a hash-ordered sample of at most {@code limit} of them when {@code limit} is positive. */
    private RowStream open(Connection connection, int fetchSize, int limit) throws SQLException {
        if (fetchSize <= 0) {
            throw new IllegalArgumentException("fetchSize must be positive: " + fetchSize);
        }
        return open(connection, (select, shape) -> {
            PreparedStatement prepared = (limit > 0 ? ExportStatement.sampled(select, limit) : select).prepare(connection);
            try {
                prepared.setFetchSize(fetchSize);
                return new CursorRows(prepared, prepared.executeQuery(), shape);
            } catch (SQLException | RuntimeException e) {
                prepared.close();
                throw e;
            }
        });
    }

    /** Opens the rows of the statement one way or another. */
    @FunctionalInterface
    private interface Opener {
        RowSource open(SqlText select, RowShape shape) throws SQLException;
    }

    /** The rows from {@code opener}, in the caller's transaction or in one of their own. */
    private RowStream open(Connection connection, Opener opener) throws SQLException {
        boolean ownsTransaction = connection.getAutoCommit();
        if (ownsTransaction) {
            connection.setAutoCommit(false);
        }
        try {
            QueryTransaction.withoutJit(connection);
            SqlText select = statement.select(connection, true);
            RowShape shape = new RowShape(fields, statement.territory().resolve(connection).srid());
            return new RowStream(connection, ownsTransaction, opener.open(select, shape));
        } catch (SQLException | RuntimeException e) {
            if (ownsTransaction) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            throw e;
        }
    }

    /** What {@link #forEach} does with each row. */
    @FunctionalInterface
    public interface RowHandler {
        void accept(ObservationRow row) throws Exception;
    }

    /**
     * Streams every row to {@code handler}, then closes the stream. An exception of the handler stops
     * the stream and is rethrown (a checked one wrapped in an {@link SQLException}).
     */
    public void forEach(Connection connection, int fetchSize, RowHandler handler) throws SQLException {
        try (RowStream rows = stream(connection, fetchSize)) {
            for (ObservationRow row = rows.next(); row != null; row = rows.next()) {
                try {
                    handler.accept(row);
                } catch (SQLException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new SQLException("the row handler failed on record " + row.id(), e);
                }
            }
        }
    }

    /** The exact number of records {@link #stream} returns. */
    public long count(Connection connection) throws SQLException {
        return counts.count(connection);
    }

    /**
     * The planner's estimate of the number of records of the flux's taxa located in its territory,
     * whatever their level: cheap, for the size of big results, where it is close to {@link #count};
     * on a small territory the records selected by area can make the count much larger. Fresh
     * statistics ({@code ANALYZE}) make it better.
     */
    public long estimate(Connection connection) throws SQLException {
        return counts.estimate(connection);
    }

    /**
     * The number of WITHHELD records of the flux's taxa that intersect an enabled area of the
     * DEPARTEMENT level's type meeting the territory: what a manifest reports as withheld in the
     * territory, without locating them.
     */
    public long countWithheld(Connection connection) throws SQLException {
        return counts.countWithheld(connection);
    }

    /**
     * The number of records of the flux's taxa without a taxon or a dataset that the selection rule would
     * otherwise take, WITHHELD ones by the DEPARTEMENT level's areas as {@link #countWithheld} does: what a
     * manifest reports as withheld for that cause. A record without a taxon matches no taxa filter but
     * "every taxon".
     */
    public long countWithoutTaxonOrDataset(Connection connection) throws SQLException {
        return counts.countWithoutTaxonOrDataset(connection);
    }

    /**
     * The number of records of the flux's taxa whose level is selected by an area type of which the source
     * has no enabled area (no 10 km grid loaded, a configured type absent): never selected, since no area
     * places them, they are counted as WITHHELD ones are, by the enabled areas of the DEPARTEMENT level's
     * type meeting the territory (so none when that type is the missing one). What a manifest reports as
     * withheld with cause {@code NO_AREA}; zero when every type has areas.
     */
    public long countWithoutAreaType(Connection connection) throws SQLException {
        return counts.countWithoutAreaType(connection);
    }

    /**
     * The records {@link #countWithheld} counts, per pair of (SENSIBILITE, NIV_PRECIS) codes (either
     * null when the record has none), in one pass: the caller attributes each pair to its cause with
     * the rules, instead of counting once per cause. Pairs with no record are absent.
     */
    public Map<List<String>, Long> countWithheldByCodes(Connection connection) throws SQLException {
        return counts.countWithheldByCodes(connection);
    }

    /**
     * The territory in the source's local projection as EWKB (its SRID included), as every statement of
     * this query uses it (a WKT territory transformed, an area territory the union of its areas); null
     * when none of its areas exists.
     */
    public byte[] territoryEwkb(Connection connection) throws SQLException {
        return statement.territory().resolve(connection).ewkb();
    }

    /** The SRID of the source's local projection ({@link SourceShape#localSrid}), read once per query. */
    public int localSrid(Connection connection) throws SQLException {
        return statement.territory().resolve(connection).srid();
    }

    /** Whether the flux takes every taxon (no INPN group nor TAXREF code). */
    public boolean everyTaxon() {
        return statement.taxa().isAll();
    }

    /**
     * Which of these TAXREF names ({@code cd_nom}) belong to the flux's taxa, by the rule the export
     * applies (INPN groups, or the cd_ref of the given taxa and all their descendants): all of them when
     * the flux takes every taxon.
     */
    public Set<Integer> taxaAmong(Connection connection, Collection<Integer> cdNoms) throws SQLException {
        if (statement.taxa().isAll() || cdNoms.isEmpty()) {
            return new LinkedHashSet<>(cdNoms);
        }
        return QueryTransaction.run(connection, () -> statement.taxaAmong(connection, cdNoms));
    }

    /**
     * Which of these states of synthese rows the flux's record filters take ({@link RecordFilterSql}, the
     * condition the export's statement applies), by their ids, in the caller's transaction.
     */
    public Set<Long> filtersAccept(Connection connection, Collection<RecordFilterSql.State> states) throws SQLException {
        if (statement.filters().isNone() || states.isEmpty()) {
            return RecordFilterSql.accepted(connection, statement.filters(), states);
        }
        return QueryTransaction.run(connection, () -> RecordFilterSql.accepted(connection, statement.filters(), states));
    }

    /** The record filters of this query. */
    public RecordFilters filters() {
        return statement.filters();
    }

    /** {@code EXPLAIN} of the statement {@link #stream} runs, one line per element (diagnostics). */
    public List<String> explain(Connection connection) throws SQLException {
        return diagnostics.explain(connection);
    }

    /** The statement {@link #stream} runs, its parameters as {@code ?} (diagnostics). */
    public String selectSql(Connection connection) throws SQLException {
        return diagnostics.selectSql(connection);
    }

    /** The statement {@link #copy} runs: {@link #selectSql}'s, its parameters written as literals (diagnostics). */
    public String inlinedSelectSql(Connection connection) throws SQLException {
        return diagnostics.inlinedSelectSql(connection);
    }
}
