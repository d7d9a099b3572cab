package org.naturaflux.source.query;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.sensitivity.SelectionPlan;

/**
 * The counts and the estimate of an {@link ExportQuery} (specified there), each in a
 * {@link QueryTransaction}: the branches of its {@link ExportStatement} counted, with the records it
 * returns, without a taxon or a dataset, withheld, or of a level no area places.
 */
final class ExportCounts {

    private static final Pattern PLAN_ROWS = Pattern.compile("rows=(\\d+)");

    private final ExportStatement statement;
    private final SelectionPlan plan;

    ExportCounts(ExportStatement statement) {
        this.statement = statement;
        this.plan = statement.plan();
    }

    /** See {@link ExportQuery#count}. */
    long count(Connection connection) throws SQLException {
        return QueryTransaction.run(connection, () -> {
            SqlText sql = new SqlText();
            statement.with(sql, connection, statement.degradedZones());
            sql.add("SELECT count(*) FROM (");
            statement.preciseBranch(sql, connection, "1", "", ExportStatement.REFERENCED);
            sql.add("\nUNION ALL\n");
            statement.degradedBranch(sql, "1", "", ExportStatement.REFERENCED);
            return sql.add(") selected").single(connection);
        });
    }

    /** See {@link ExportQuery#estimate}. */
    long estimate(Connection connection) throws SQLException {
        return QueryTransaction.run(connection, () -> {
            SqlText sql = new SqlText().add("SELECT 1 FROM gn_synthese.synthese s WHERE ST_Intersects(s.the_geom_local, ");
            statement.territory().param(sql, connection);
            sql.add(") AND ").add(ExportStatement.REFERENCED);
            statement.filterConditions(sql);
            if (!statement.taxa().isAll()) {
                Array noms = statement.taxonNames(connection);
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

    /** See {@link ExportQuery#countWithheld}. */
    long countWithheld(Connection connection) throws SQLException {
        Map<DiffusionLevel, String> zones = new EnumMap<>(DiffusionLevel.class);
        zones.put(DiffusionLevel.WITHHELD, plan.areaTypeCode(DiffusionLevel.DEPARTEMENT));
        return QueryTransaction.run(connection, () -> {
            SqlText sql = new SqlText();
            statement.with(sql, connection, zones);
            sql.add("SELECT count(*) FROM (");
            statement.degradedBranch(sql, "1", "", ExportStatement.REFERENCED);
            return sql.add(") withheld").single(connection);
        });
    }

    /** See {@link ExportQuery#countWithoutTaxonOrDataset}. */
    long countWithoutTaxonOrDataset(Connection connection) throws SQLException {
        Map<DiffusionLevel, String> zones = statement.degradedZones();
        zones.put(DiffusionLevel.WITHHELD, plan.areaTypeCode(DiffusionLevel.DEPARTEMENT));
        return QueryTransaction.run(connection, () -> {
            SqlText sql = new SqlText();
            statement.with(sql, connection, zones);
            sql.add("SELECT count(*) FROM (");
            statement.preciseBranch(sql, connection, "1", "", ExportStatement.UNREFERENCED);
            sql.add("\nUNION ALL\n");
            statement.degradedBranch(sql, "1", "", ExportStatement.UNREFERENCED);
            return sql.add(") unreferenced").single(connection);
        });
    }

    /** See {@link ExportQuery#countWithoutAreaType}. */
    long countWithoutAreaType(Connection connection) throws SQLException {
        return QueryTransaction.run(connection, () -> {
            Map<DiffusionLevel, String> zones = new EnumMap<>(DiffusionLevel.class);
            Map<DiffusionLevel, String> types = statement.degradedZones();
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
            statement.with(sql, connection, zones);
            sql.add("SELECT count(*) FROM (");
            statement.degradedBranch(sql, "1", "", ExportStatement.REFERENCED);
            return sql.add(") unplaced").single(connection);
        });
    }

    /** See {@link ExportQuery#countWithheldByCodes}. */
    Map<List<String>, Long> countWithheldByCodes(Connection connection) throws SQLException {
        Map<DiffusionLevel, String> zones = new EnumMap<>(DiffusionLevel.class);
        zones.put(DiffusionLevel.WITHHELD, plan.areaTypeCode(DiffusionLevel.DEPARTEMENT));
        return QueryTransaction.run(connection, () -> {
            SqlText sql = new SqlText();
            statement.with(sql, connection, zones);
            sql.add("SELECT w.s_code, w.d_code, count(*) FROM (");
            statement.degradedBranch(sql, "ns.cd_nomenclature AS s_code, nd.cd_nomenclature AS d_code", "",
                    ExportStatement.REFERENCED);
            sql.add(") w GROUP BY w.s_code, w.d_code");
            Map<List<String>, Long> counts = new LinkedHashMap<>();
            try (PreparedStatement st = sql.prepare(connection); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    counts.put(Arrays.asList(rs.getString(1), rs.getString(2)), rs.getLong(3));
                }
            }
            return counts;
        });
    }
}
