package org.naturaflux.source.query;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.sensitivity.LevelAssignment;
import org.naturaflux.model.sensitivity.SelectionPlan;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.source.schema.SourceShape;

/**
 * The export query of a flux: the records of its territory and taxa, with the requested fields only,
 * streamed from a server-side cursor, and the counts that go with it.
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
 * <p>Immutable apart from the territory's geometry and the source's SRID, resolved on first use and then
 * kept; thread-safe.
 */
public final class ExportQuery {

    private static final Pattern PLAN_ROWS = Pattern.compile("rows=(\\d+)");
    /**
     * Longest step, in degrees, of a WGS84 territory's edges before they are transformed: at most 1 km
     * (a degree of latitude is at least 110.5 km, a degree of longitude less). An edge is straight in
     * WGS84 (RFC 7946) and bends once in the local projection: transformed by its ends only, a 1.3°
     * edge at 49°N strays about 200 m from itself.
     */
    static final String TERRITORY_STEP_DEGREES = "0.009";
    private static final String LEVEL_JOINS = "\n LEFT JOIN ref_nomenclatures.t_nomenclatures ns"
            + " ON ns.id_nomenclature = s.id_nomenclature_sensitivity"
            + "\n LEFT JOIN ref_nomenclatures.t_nomenclatures nd ON nd.id_nomenclature = s.id_nomenclature_diffusion_level"
            + "\n LEFT JOIN plan p ON p.s_key = coalesce(ns.cd_nomenclature, '') AND p.s_null = (ns.cd_nomenclature IS NULL)"
            + " AND p.d_key = coalesce(nd.cd_nomenclature, '') AND p.d_null = (nd.cd_nomenclature IS NULL)";

    /** GeoNature's export view's inner joins: the record names a TAXREF taxon and a dataset. */
    private static final String REFERENCED = SelectionSql.referenced("s");
    private static final String UNREFERENCED = "NOT (" + REFERENCED + ")";

    private final Territory territory;
    private final TaxaFilter taxa;
    private final List<FieldDefinition> fields;
    private final List<FieldSql> fieldSql;
    private final SelectionPlan plan;
    private volatile Resolved resolved;

    private ExportQuery(Territory territory, TaxaFilter taxa, List<FieldDefinition> fields, SelectionPlan plan) {
        Objects.requireNonNull(territory, "territory");
        if (!(territory instanceof Territory.Wkt) && !(territory instanceof Territory.Areas)) {
            throw new IllegalArgumentException("the territory has neither a geometry nor areas: " + territory);
        }
        if (!territory.isExportable()) {
            throw new IllegalArgumentException("the territory names no area");
        }
        this.territory = territory;
        this.taxa = taxa == null ? TaxaFilter.all() : taxa;
        this.fields = List.copyOf(fields);
        this.fieldSql = this.fields.stream().map(f -> FieldSql.require(f.code())).toList();
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    /**
     * The query of a territory and taxa, with these fields in this order (the rows' values follow it).
     *
     * @throws IllegalArgumentException if the territory can not be exported or a field has no SQL
     */
    public static ExportQuery of(Territory territory, TaxaFilter taxa, List<FieldDefinition> fields, SelectionPlan plan) {
        return new ExportQuery(territory, taxa, fields, plan);
    }

    /**
     * The query of a flux: its territory, taxa and fields, values in the order of the spec's fields.
     *
     * @throws IllegalArgumentException if the territory can not be exported or a field is unknown
     */
    public static ExportQuery of(FluxSpec spec, FieldCatalogue catalogue, SelectionPlan plan) {
        List<FieldDefinition> fields = spec.fields().stream().map(catalogue::require).toList();
        return new ExportQuery(spec.territory(), spec.taxa(), fields, plan);
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
        if (fetchSize <= 0) {
            throw new IllegalArgumentException("fetchSize must be positive: " + fetchSize);
        }
        boolean ownsTransaction = connection.getAutoCommit();
        if (ownsTransaction) {
            connection.setAutoCommit(false);
        }
        PreparedStatement statement = null;
        try {
            withoutJit(connection);
            statement = select(connection, true).prepare(connection);
            statement.setFetchSize(fetchSize);
            ResultSet rows = statement.executeQuery();
            return new RowStream(connection, ownsTransaction, statement, rows, fields, resolve(connection).srid());
        } catch (SQLException | RuntimeException e) {
            if (statement != null) {
                statement.close();
            }
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
        return inTransaction(connection, () -> {
            SqlText sql = new SqlText();
            with(sql, connection, degradedZones());
            sql.add("SELECT count(*) FROM (");
            preciseBranch(sql, connection, "1", "", REFERENCED);
            sql.add("\nUNION ALL\n");
            degradedBranch(sql, "1", "", REFERENCED);
            return sql.add(") selected").single(connection);
        });
    }

    /**
     * The planner's estimate of the number of records of the flux's taxa located in its territory,
     * whatever their level: cheap, for the size of big results, where it is close to {@link #count};
     * on a small territory the records selected by area can make the count much larger. Fresh
     * statistics ({@code ANALYZE}) make it better.
     */
    public long estimate(Connection connection) throws SQLException {
        return inTransaction(connection, () -> {
            SqlText sql = new SqlText().add("SELECT 1 FROM gn_synthese.synthese s WHERE ST_Intersects(s.the_geom_local, ");
            territoryParam(sql, connection);
            sql.add(") AND ").add(REFERENCED);
            if (!taxa.isAll()) {
                Array noms = taxonNames(connection);
                sql.add(" AND s.cd_nom = ANY(").param((st, i) -> st.setArray(i, noms)).add(")");
            }
            List<String> lines = sql.explain(connection);
            Matcher m = PLAN_ROWS.matcher(lines.get(0));
            if (!m.find()) {
                throw new SQLException("no row estimate in the query plan: " + lines.get(0));
            }
            return Long.parseLong(m.group(1));
        });
    }

    /**
     * The number of WITHHELD records of the flux's taxa that intersect an enabled area of the
     * DEPARTEMENT level's type meeting the territory: what a manifest reports as withheld in the
     * territory, without locating them.
     */
    public long countWithheld(Connection connection) throws SQLException {
        Map<DiffusionLevel, String> zones = new EnumMap<>(DiffusionLevel.class);
        zones.put(DiffusionLevel.WITHHELD, plan.areaTypeCode(DiffusionLevel.DEPARTEMENT));
        return inTransaction(connection, () -> {
            SqlText sql = new SqlText();
            with(sql, connection, zones);
            sql.add("SELECT count(*) FROM (");
            degradedBranch(sql, "1", "", REFERENCED);
            return sql.add(") withheld").single(connection);
        });
    }

    /**
     * The number of records of the flux's taxa without a taxon or a dataset that the selection rule would
     * otherwise take, WITHHELD ones by the DEPARTEMENT level's areas as {@link #countWithheld} does: what a
     * manifest reports as withheld for that cause. A record without a taxon matches no taxa filter but
     * "every taxon".
     */
    public long countWithoutTaxonOrDataset(Connection connection) throws SQLException {
        Map<DiffusionLevel, String> zones = degradedZones();
        zones.put(DiffusionLevel.WITHHELD, plan.areaTypeCode(DiffusionLevel.DEPARTEMENT));
        return inTransaction(connection, () -> {
            SqlText sql = new SqlText();
            with(sql, connection, zones);
            sql.add("SELECT count(*) FROM (");
            preciseBranch(sql, connection, "1", "", UNREFERENCED);
            sql.add("\nUNION ALL\n");
            degradedBranch(sql, "1", "", UNREFERENCED);
            return sql.add(") unreferenced").single(connection);
        });
    }

    /**
     * The number of records of the flux's taxa whose level is selected by an area type of which the source
     * has no enabled area (no 10 km grid loaded, a configured type absent): never selected, since no area
     * places them, they are counted as WITHHELD ones are, by the enabled areas of the DEPARTEMENT level's
     * type meeting the territory (so none when that type is the missing one). What a manifest reports as
     * withheld with cause {@code NO_AREA}; zero when every type has areas.
     */
    public long countWithoutAreaType(Connection connection) throws SQLException {
        return inTransaction(connection, () -> {
            Map<DiffusionLevel, String> zones = new EnumMap<>(DiffusionLevel.class);
            Map<DiffusionLevel, String> types = degradedZones();
            try (PreparedStatement st = connection.prepareStatement("SELECT w.type_code FROM unnest(?::text[]) AS w(type_code)"
                    + " WHERE NOT EXISTS (SELECT 1 FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type"
                    + " WHERE t.type_code = w.type_code AND " + SelectionSql.placing("a") + ")")) {
                st.setArray(1, connection.createArrayOf("text", types.values().toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String missing = rs.getString(1);
                        types.forEach((level, type) -> {
                            if (type.equals(missing)) {
                                zones.put(level, plan.areaTypeCode(DiffusionLevel.DEPARTEMENT));
                            }
                        });
                    }
                }
            }
            if (zones.isEmpty()) {
                return 0L;
            }
            SqlText sql = new SqlText();
            with(sql, connection, zones);
            sql.add("SELECT count(*) FROM (");
            degradedBranch(sql, "1", "", REFERENCED);
            return sql.add(") unplaced").single(connection);
        });
    }

    /**
     * The records {@link #countWithheld} counts, per pair of (SENSIBILITE, NIV_PRECIS) codes (either
     * null when the record has none), in one pass: the caller attributes each pair to its cause with
     * the rules, instead of counting once per cause. Pairs with no record are absent.
     */
    public Map<List<String>, Long> countWithheldByCodes(Connection connection) throws SQLException {
        Map<DiffusionLevel, String> zones = new EnumMap<>(DiffusionLevel.class);
        zones.put(DiffusionLevel.WITHHELD, plan.areaTypeCode(DiffusionLevel.DEPARTEMENT));
        return inTransaction(connection, () -> {
            SqlText sql = new SqlText();
            with(sql, connection, zones);
            sql.add("SELECT w.s_code, w.d_code, count(*) FROM (");
            degradedBranch(sql, "ns.cd_nomenclature AS s_code, nd.cd_nomenclature AS d_code", "", REFERENCED);
            sql.add(") w GROUP BY w.s_code, w.d_code");
            Map<List<String>, Long> counts = new LinkedHashMap<>();
            try (java.sql.PreparedStatement st = sql.prepare(connection); java.sql.ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    counts.put(Arrays.asList(rs.getString(1), rs.getString(2)), rs.getLong(3));
                }
            }
            return counts;
        });
    }

    /**
     * The territory in the source's local projection as EWKB (its SRID included), as every statement of
     * this query uses it (a WKT territory transformed, an area territory the union of its areas); null
     * when none of its areas exists.
     */
    public byte[] territoryEwkb(Connection connection) throws SQLException {
        return resolve(connection).ewkb();
    }

    /** The SRID of the source's local projection ({@link SourceShape#localSrid}), read once per query. */
    public int localSrid(Connection connection) throws SQLException {
        return resolve(connection).srid();
    }

    /**
     * Which of these TAXREF names ({@code cd_nom}) belong to the flux's taxa, by the rule the export
     * applies (INPN groups, or the cd_ref of the given taxa and all their descendants): all of them when
     * the flux takes every taxon.
     */
    public Set<Integer> taxaAmong(Connection connection, java.util.Collection<Integer> cdNoms) throws SQLException {
        if (taxa.isAll() || cdNoms.isEmpty()) {
            return new LinkedHashSet<>(cdNoms);
        }
        return inTransaction(connection, () -> {
            SqlText sql = new SqlText().add("WITH RECURSIVE ");
            taxonCtes(sql, connection);
            sql.add(" SELECT cd_nom FROM taxon WHERE cd_nom = ANY(")
                    .param((st, i) -> st.setArray(i, connection.createArrayOf("integer", cdNoms.toArray())))
                    .add(")");
            Set<Integer> among = new LinkedHashSet<>();
            try (PreparedStatement st = sql.prepare(connection); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    among.add(rs.getInt(1));
                }
            }
            return among;
        });
    }

    /** {@code EXPLAIN} of the statement {@link #stream} runs, one line per element (diagnostics). */
    public List<String> explain(Connection connection) throws SQLException {
        return inTransaction(connection, () -> select(connection, true).explain(connection));
    }

    /** The statement {@link #stream} runs, its parameters as {@code ?} (diagnostics). */
    public String selectSql(Connection connection) throws SQLException {
        return select(connection, true).text();
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
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

    private static void withoutJit(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL jit = off");
        }
    }

    /** The rows' statement: identity, codes and geometries, then the fields' values. */
    private SqlText select(Connection connection, boolean withFields) throws SQLException {
        StringBuilder columns = new StringBuilder("s.id_synthese, ns.cd_nomenclature, nd.cd_nomenclature,"
                + " ST_AsBinary(s.the_geom_local), ST_AsBinary(s.the_geom_4326)");
        String joins = "";
        if (withFields) {
            for (FieldSql f : fieldSql) {
                if (f.expression() != null) {
                    columns.append(",\n  ").append(f.expression());
                }
            }
            joins = fieldJoins();
        }
        SqlText sql = new SqlText();
        with(sql, connection, degradedZones());
        preciseBranch(sql, connection, columns.toString(), joins, REFERENCED);
        sql.add("\nUNION ALL\n");
        degradedBranch(sql, columns.toString(), joins, REFERENCED);
        return sql;
    }

    private String fieldJoins() {
        Set<FieldSql.Join> joins = EnumSet.noneOf(FieldSql.Join.class);
        Set<String> nomenclatures = new LinkedHashSet<>();
        for (FieldSql f : fieldSql) {
            joins.addAll(f.joins());
            if (f.nomenclatureJoin() != null) {
                nomenclatures.add(f.nomenclatureJoin());
            }
        }
        StringBuilder sql = new StringBuilder();
        for (FieldSql.Join join : joins) {
            sql.append("\n ").append(join.sql());
        }
        for (String join : nomenclatures) {
            sql.append("\n ").append(join);
        }
        return sql.toString();
    }

    private Map<DiffusionLevel, String> degradedZones() {
        Map<DiffusionLevel, String> zones = new EnumMap<>(DiffusionLevel.class);
        for (DiffusionLevel level : DiffusionLevel.values()) {
            if (level.isDegraded()) {
                zones.put(level, plan.areaTypeCode(level));
            }
        }
        return zones;
    }

    /**
     * The common table expressions: {@code plan} (the level of each pair of codes), {@code zone_type}
     * (the area type of each level selected by area), {@code hit} (per such level, the union of its
     * enabled areas that meet the territory), and the taxa ({@code taxon}).
     */
    private void with(SqlText sql, Connection connection, Map<DiffusionLevel, String> zones) throws SQLException {
        sql.add("WITH RECURSIVE plan(s_key, s_null, d_key, d_null, lvl) AS (");
        Map<List<String>, DiffusionLevel> pairs = new LinkedHashMap<>();
        for (LevelAssignment a : plan.assignments()) {
            // the first assignment of a pair wins, as in SelectionPlan.levelOf
            pairs.putIfAbsent(Arrays.asList(a.sensitivityCode(), a.diffusionCode()), a.level());
        }
        if (pairs.isEmpty()) {
            sql.add("SELECT ''::text, false, ''::text, false, ''::text WHERE false");
        } else {
            List<String> values = new ArrayList<>();
            pairs.forEach((pair, level) -> values.add("(" + key(pair.get(0)) + ", " + key(pair.get(1)) + ", "
                    + literal(level.name()) + ")"));
            sql.add("VALUES ").add(String.join(", ", values));
        }
        List<String> types = new ArrayList<>();
        zones.forEach((level, type) -> types.add("(" + literal(level.name()) + ", " + literal(type) + ")"));
        sql.add("),\nzone_type(lvl, id_type) AS (SELECT v.lvl, bat.id_type FROM (VALUES ").add(String.join(", ", types))
                .add(") AS v(lvl, type_code) JOIN ref_geo.bib_areas_types bat ON bat.type_code = v.type_code),\n")
                .add("hit AS MATERIALIZED (SELECT zt.lvl, ST_Union(a.geom) AS zone")
                .add(" FROM zone_type zt JOIN ref_geo.l_areas a ON a.id_type = zt.id_type WHERE ")
                .add(SelectionSql.placing("a")).add(" AND ");
        SelectionSql.meets(sql, "a.geom", s -> territoryParam(s, connection));
        sql.add(" GROUP BY zt.lvl)");
        if (!taxa.isAll()) {
            sql.add(",\n");
            taxonCtes(sql, connection);
        }
        sql.add("\n");
    }

    /**
     * {@code descendant}: the reference codes of the requested taxa and of all their descendants through
     * {@code cd_sup}; {@code taxon}: the names ({@code cd_nom}) of the requested groups or of those taxa.
     */
    private void taxonCtes(SqlText sql, Connection connection) {
        sql.add("descendant(cd_nom) AS (SELECT t.cd_ref FROM taxonomie.taxref t WHERE t.cd_nom = ANY(")
                .param((st, i) -> st.setArray(i, connection.createArrayOf("integer", taxa.cdRefs().toArray())))
                .add(") UNION SELECT child.cd_nom FROM taxonomie.taxref child JOIN descendant d ON child.cd_sup = d.cd_nom),\n")
                .add("taxon AS MATERIALIZED (SELECT t.cd_nom FROM taxonomie.taxref t WHERE t.group1_inpn = ANY(");
        groupsParam(sql, connection);
        sql.add(") OR t.group2_inpn = ANY(");
        groupsParam(sql, connection);
        sql.add(") OR t.group3_inpn = ANY(");
        groupsParam(sql, connection);
        sql.add(") OR t.cd_ref IN (SELECT cd_nom FROM descendant))");
    }

    private void groupsParam(SqlText sql, Connection connection) {
        sql.param((st, i) -> st.setArray(i, connection.createArrayOf("text", taxa.groups().toArray())));
    }

    /** The {@code cd_nom} of the flux's taxa, as an array for a statement's parameter. */
    private Array taxonNames(Connection connection) throws SQLException {
        SqlText sql = new SqlText().add("WITH RECURSIVE ");
        taxonCtes(sql, connection);
        sql.add(" SELECT array_agg(cd_nom) FROM taxon");
        try (PreparedStatement st = sql.prepare(connection); ResultSet rs = st.executeQuery()) {
            rs.next();
            Array noms = rs.getArray(1);
            return noms != null ? noms : connection.createArrayOf("integer", new Object[0]);
        }
    }

    /**
     * PRECISE records whose precise geometry intersects the territory, among those meeting {@code reference}
     * ({@link #REFERENCED} or {@link #UNREFERENCED}).
     */
    private void preciseBranch(SqlText sql, Connection connection, String columns, String joins, String reference)
            throws SQLException {
        sql.add("SELECT ").add(columns).add("\nFROM gn_synthese.synthese s").add(LEVEL_JOINS).add(joins)
                .add("\nWHERE ST_Intersects(s.the_geom_local, ");
        territoryParam(sql, connection);
        sql.add(") AND ").add(level()).add(" = ").add(literal(DiffusionLevel.PRECISE.name())).add(taxaCondition())
                .add(" AND ").add(reference);
    }

    /**
     * Records of a level selected by area: their precise geometry intersects the union of the enabled
     * areas of the level's type that meet the territory, that is one of those areas; among those meeting
     * {@code reference}.
     */
    private void degradedBranch(SqlText sql, String columns, String joins, String reference) {
        sql.add("SELECT ").add(columns).add("\nFROM hit JOIN gn_synthese.synthese s ON ")
                .add(SelectionSql.inArea("s.the_geom_local", "hit.zone"))
                .add(LEVEL_JOINS).add(joins)
                .add("\nWHERE ").add(level()).add(" = hit.lvl").add(taxaCondition()).add(" AND ").add(reference);
    }

    private String level() {
        return "coalesce(p.lvl, " + literal(plan.fallback().name()) + ")";
    }

    private String taxaCondition() {
        return taxa.isAll() ? "" : " AND s.cd_nom IN (SELECT cd_nom FROM taxon)";
    }

    private void territoryParam(SqlText sql, Connection connection) throws SQLException {
        byte[] ewkb = resolve(connection).ewkb();
        sql.add("ST_GeomFromEWKB(").param((st, i) -> st.setBytes(i, ewkb)).add(")");
    }

    /**
     * The source's local SRID and the territory in it as EWKB (null when none of its areas exists),
     * resolved once.
     */
    private Resolved resolve(Connection connection) throws SQLException {
        Resolved r = resolved;
        if (r != null) {
            return r;
        }
        int srid = SourceShape.localSrid(connection);
        SqlText sql = new SqlText();
        if (territory instanceof Territory.Wkt wkt) {
            sql.add("SELECT ST_AsEWKB(ST_Transform(ST_Segmentize(ST_GeomFromText(").param((st, i) -> st.setString(i, wkt.wkt()))
                    .add(", 4326), " + TERRITORY_STEP_DEGREES + "), " + srid + "))");
        } else {
            List<AreaRef> areas = ((Territory.Areas) territory).areas();
            sql.add("SELECT ST_AsEWKB(ST_Union(a.geom)) FROM ref_geo.l_areas a")
                    .add(" JOIN ref_geo.bib_areas_types bat ON bat.id_type = a.id_type JOIN unnest(")
                    .param((st, i) -> st.setArray(i, connection.createArrayOf("text", areas.stream().map(AreaRef::type).toArray())))
                    .add("::text[], ")
                    .param((st, i) -> st.setArray(i, connection.createArrayOf("text", areas.stream().map(AreaRef::code).toArray())))
                    .add("::text[]) AS w(type_code, area_code) ON w.type_code = bat.type_code AND w.area_code = a.area_code");
        }
        try (PreparedStatement st = sql.prepare(connection); ResultSet rs = st.executeQuery()) {
            rs.next();
            r = new Resolved(srid, rs.getBytes(1));
            resolved = r;
            return r;
        }
    }

    private record Resolved(int srid, byte[] ewkb) {
    }

    /** A code of the plan as the two columns it is matched on: its value ('' for null) and whether it is null. */
    private static String key(String code) {
        return code == null ? "'', true" : literal(code) + ", false";
    }

    /** A SQL string literal (codes and area type codes come from the platform's configuration). */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
