package org.naturaflux.source.query;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.sensitivity.LevelAssignment;
import org.naturaflux.model.sensitivity.SelectionPlan;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.model.spec.TaxaFilter;

/**
 * The SQL of an {@link ExportQuery}, as text with its parameters: the rows' statement, and the parts its
 * counts reuse (the common table expressions, the branch of PRECISE records and the branch of records
 * selected by area, the taxa). The selection rule is the one {@link ExportQuery} specifies; what "meets"
 * and "places" mean is {@link SelectionSql}'s.
 */
final class ExportStatement {

    static final String LEVEL_JOINS = "\n LEFT JOIN ref_nomenclatures.t_nomenclatures ns"
            + " ON ns.id_nomenclature = s.id_nomenclature_sensitivity"
            + "\n LEFT JOIN ref_nomenclatures.t_nomenclatures nd ON nd.id_nomenclature = s.id_nomenclature_diffusion_level"
            + "\n LEFT JOIN plan p ON p.s_key = coalesce(ns.cd_nomenclature, '') AND p.s_null = (ns.cd_nomenclature IS NULL)"
            + " AND p.d_key = coalesce(nd.cd_nomenclature, '') AND p.d_null = (nd.cd_nomenclature IS NULL)";

    /** GeoNature's export view's inner joins: the record names a TAXREF taxon and a dataset. */
    static final String REFERENCED = SelectionSql.referenced("s");
    static final String UNREFERENCED = "NOT (" + REFERENCED + ")";

    private final ExportTerritory territory;
    private final TaxaFilter taxa;
    private final RecordFilters filters;
    private final List<FieldSql> fieldSql;
    private final SelectionPlan plan;

    ExportStatement(ExportTerritory territory, TaxaFilter taxa, RecordFilters filters, List<FieldSql> fieldSql,
                    SelectionPlan plan) {
        this.territory = territory;
        this.taxa = taxa;
        this.filters = filters;
        this.fieldSql = List.copyOf(fieldSql);
        this.plan = plan;
    }

    ExportTerritory territory() {
        return territory;
    }

    TaxaFilter taxa() {
        return taxa;
    }

    SelectionPlan plan() {
        return plan;
    }

    RecordFilters filters() {
        return filters;
    }

    /** The record filters' conditions on synthese row {@code s}, each {@code " AND ..."}: {@link RecordFilterSql}'s. */
    void filterConditions(SqlText sql) {
        RecordFilterSql.append(sql, "s", filters);
    }

    /** The rows' statement: identity, codes, geometries, dataset and taxon name, then the fields' values. */
    SqlText select(Connection connection, boolean withFields) throws SQLException {
        StringBuilder columns = new StringBuilder("s.id_synthese, ns.cd_nomenclature, nd.cd_nomenclature,"
                + " ST_AsBinary(s.the_geom_local), ST_AsBinary(s.the_geom_4326), s.id_dataset, s.cd_nom");
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

    /**
     * The rows of {@code select} ordered by a hash of their {@code id_synthese} (its first column), then by it,
     * at most {@code limit} of them: a sample spread like the records, the same on the same snapshot.
     */
    static SqlText sampled(SqlText select, int limit) {
        return new SqlText().add("SELECT * FROM (\n").add(select)
                .add("\n) AS sampled(sample_id) ORDER BY hashint8(sample_id), sample_id LIMIT " + limit);
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

    /** The area type of each level selected by area (a new map, that the caller may change). */
    Map<DiffusionLevel, String> degradedZones() {
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
    void with(SqlText sql, Connection connection, Map<DiffusionLevel, String> zones) throws SQLException {
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
        SelectionSql.meets(sql, "a.geom", s -> territory.param(s, connection));
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
    Array taxonNames(Connection connection) throws SQLException {
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
     * Which of these {@code cd_nom} belong to the flux's taxa (all of them when it takes every taxon), in
     * the caller's transaction.
     */
    Set<Integer> taxaAmong(Connection connection, Collection<Integer> cdNoms) throws SQLException {
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
    }

    /**
     * PRECISE records of the taxa and filters whose precise geometry intersects the territory, among those
     * meeting {@code reference} ({@link #REFERENCED} or {@link #UNREFERENCED}).
     */
    void preciseBranch(SqlText sql, Connection connection, String columns, String joins, String reference)
            throws SQLException {
        sql.add("SELECT ").add(columns).add("\nFROM gn_synthese.synthese s").add(LEVEL_JOINS).add(joins)
                .add("\nWHERE ST_Intersects(s.the_geom_local, ");
        territory.param(sql, connection);
        sql.add(") AND ").add(level()).add(" = ").add(literal(DiffusionLevel.PRECISE.name())).add(taxaCondition());
        filterConditions(sql);
        sql.add(" AND ").add(reference);
    }

    /**
     * Records of a level selected by area: their precise geometry intersects the union of the enabled
     * areas of the level's type that meet the territory, that is one of those areas; of the taxa and filters,
     * among those meeting {@code reference}.
     */
    void degradedBranch(SqlText sql, String columns, String joins, String reference) {
        sql.add("SELECT ").add(columns).add("\nFROM hit JOIN gn_synthese.synthese s ON ")
                .add(SelectionSql.inArea("s.the_geom_local", "hit.zone"))
                .add(LEVEL_JOINS).add(joins)
                .add("\nWHERE ").add(level()).add(" = hit.lvl").add(taxaCondition());
        filterConditions(sql);
        sql.add(" AND ").add(reference);
    }

    private String level() {
        return "coalesce(p.lvl, " + literal(plan.fallback().name()) + ")";
    }

    private String taxaCondition() {
        return taxa.isAll() ? "" : " AND s.cd_nom IN (SELECT cd_nom FROM taxon)";
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
