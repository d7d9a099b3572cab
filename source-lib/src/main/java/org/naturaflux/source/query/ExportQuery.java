package org.naturaflux.source.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.sensitivity.LevelAssignment;
import org.naturaflux.model.sensitivity.SelectionPlan;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;

/**
 * The export query of a flux: the records of its territory and taxa, with only the requested fields,
 * streamed with a server-side cursor.
 *
 * <p><b>Selection rule.</b> A record's effective level is computed in SQL from the {@link SelectionPlan}
 * (the sensitivity rules reduced to data by sensitivity-lib: this class writes no rule of its own). A
 * PRECISE record belongs to the flux when its precise geometry ({@code the_geom_local}) intersects the
 * territory. A degraded record (COMMUNE, GRID, DEPARTEMENT) belongs to it when one of the areas of its
 * level's type that it intersects ({@code cor_area_synthese}, as GeoNature computes it) overlaps the
 * territory (interiors meet: an area that only shares a boundary with the territory, such as the
 * neighbouring département of a département territory, does not count): never because its precise
 * geometry does, so a tiny territory inside a grid cell selects all
 * the cell's GRID records or none. WITHHELD records are never returned ({@link #countWithheld} counts
 * them). The same rule drives {@link #count} and {@link #estimate}.
 *
 * <p>The territory is pushed down to PostGIS in EPSG:2154 and meets the GiST indexes of
 * {@code synthese.the_geom_local} and {@code l_areas.geom}; taxa are resolved once (INPN groups, or TAXREF
 * codes with all their descendants through {@code cd_sup}).
 */
public final class ExportQuery {

    private static final String NULL_CODE = "~";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<FieldDefinition> fields;
    private final List<FieldSql> fieldSql;
    private final SelectionPlan plan;
    private final Territory territory;
    private final TaxaFilter taxa;

    private ExportQuery(Territory territory, TaxaFilter taxa, List<FieldDefinition> fields, SelectionPlan plan) {
        if (!territory.isExportable()) {
            throw new IllegalArgumentException("the territory has neither a geometry nor areas");
        }
        this.territory = territory;
        this.taxa = taxa == null ? TaxaFilter.all() : taxa;
        this.fields = List.copyOf(fields);
        this.fieldSql = fields.stream().map(f -> FieldSql.require(f.code())).toList();
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    /**
     * The query of a territory and taxa for these fields (in this order, as the rows' values will be).
     *
     * @throws IllegalArgumentException if the territory cannot be exported or a field has no SQL
     */
    public static ExportQuery of(Territory territory, TaxaFilter taxa, List<FieldDefinition> fields, SelectionPlan plan) {
        return new ExportQuery(territory, taxa, fields, plan);
    }

    public List<FieldDefinition> fields() {
        return fields;
    }

    /**
     * Streams the rows. The connection is put out of autocommit for the cursor; closing the stream ends
     * the read-only transaction and restores it. Memory is bounded by {@code fetchSize} rows.
     */
    public RowStream stream(Connection connection, int fetchSize) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        PreparedStatement statement = null;
        try {
            statement = connection.prepareStatement(selectSql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(fetchSize);
            bind(connection, statement);
            ResultSet rows = statement.executeQuery();
            return new RowStream(connection, autoCommit, statement, rows, fields);
        } catch (SQLException | RuntimeException e) {
            if (statement != null) {
                statement.close();
            }
            connection.rollback();
            connection.setAutoCommit(autoCommit);
            throw e;
        }
    }

    /** The exact number of records the export returns. */
    public long count(Connection connection) throws SQLException {
        return single(connection, with() + "SELECT count(*) FROM selected");
    }

    /** The planner's estimate of the number of records (cheap, for size estimates of big territories). */
    public long estimate(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "EXPLAIN (FORMAT JSON) " + with() + "SELECT id_synthese FROM selected")) {
            bind(connection, statement);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                JsonNode plan = JSON.readTree(rs.getString(1)).get(0).get("Plan");
                return plan.get("Plan Rows").asLong();
            } catch (java.io.IOException e) {
                throw new SQLException("cannot read the query plan", e);
            }
        }
    }

    /**
     * The number of WITHHELD records of the flux's taxa whose département-level areas (the coarsest type
     * of the plan) intersect the territory: what a manifest reports as withheld without locating them.
     */
    public long countWithheld(Connection connection) throws SQLException {
        String sql = with() + "SELECT count(DISTINCT s.id_synthese) FROM terr"
                + " JOIN ref_geo.l_areas a ON ST_Intersects(a.geom, terr.geom) AND NOT ST_Touches(a.geom, terr.geom)"
                + " JOIN ref_geo.bib_areas_types bat ON bat.id_type = a.id_type AND bat.type_code = "
                + literal(plan.areaTypeCode(DiffusionLevel.DEPARTEMENT))
                + " JOIN gn_synthese.cor_area_synthese cas ON cas.id_area = a.id_area"
                + " JOIN gn_synthese.synthese s ON s.id_synthese = cas.id_synthese"
                + levelJoins()
                + " WHERE " + levelExpression() + " = 'WITHHELD'" + taxaCondition();
        return single(connection, sql);
    }

    /** The SELECT the rows are streamed from (for EXPLAIN and diagnostics). */
    public String selectSql() {
        StringBuilder sql = new StringBuilder(with());
        sql.append("SELECT s.id_synthese, ns.cd_nomenclature, nd.cd_nomenclature,")
                .append(" ST_AsBinary(s.the_geom_local), ST_AsBinary(s.the_geom_4326)");
        for (FieldSql f : fieldSql) {
            if (f.expression() != null) {
                sql.append(",\n  ").append(f.expression());
            }
        }
        sql.append("\nFROM selected sel JOIN gn_synthese.synthese s ON s.id_synthese = sel.id_synthese")
                .append("\n LEFT JOIN ref_nomenclatures.t_nomenclatures ns ON ns.id_nomenclature = s.id_nomenclature_sensitivity")
                .append("\n LEFT JOIN ref_nomenclatures.t_nomenclatures nd ON nd.id_nomenclature = s.id_nomenclature_diffusion_level");
        Set<FieldSql.Join> joins = EnumSet.noneOf(FieldSql.Join.class);
        Set<String> nomenclatureJoins = new LinkedHashSet<>();
        for (FieldSql f : fieldSql) {
            joins.addAll(f.joins());
            if (f.nomenclatureJoin() != null) {
                nomenclatureJoins.add(f.nomenclatureJoin());
            }
        }
        for (FieldSql.Join join : joins) {
            sql.append("\n ").append(join.sql());
        }
        for (String join : nomenclatureJoins) {
            sql.append("\n ").append(join);
        }
        return sql.toString();
    }

    /** The common table expressions: territory, plan, taxa and the selected record ids. */
    private String with() {
        StringBuilder sql = new StringBuilder("WITH RECURSIVE terr AS MATERIALIZED (SELECT ")
                .append(territoryExpression()).append(" AS geom),\n");
        sql.append("plan(s_code, d_code, lvl) AS (VALUES ");
        List<String> values = new ArrayList<>();
        for (LevelAssignment a : plan.assignments()) {
            values.add("(" + literal(codeOrSentinel(a.sensitivityCode())) + ", " + literal(codeOrSentinel(a.diffusionCode()))
                    + ", " + literal(a.level().name()) + ")");
        }
        sql.append(String.join(", ", values)).append("),\n");
        sql.append("level_types(lvl, id_type) AS (SELECT v.lvl, bat.id_type FROM (VALUES ");
        List<String> types = new ArrayList<>();
        for (DiffusionLevel level : DiffusionLevel.values()) {
            if (level.isDegraded()) {
                types.add("(" + literal(level.name()) + ", " + literal(plan.areaTypeCode(level)) + ")");
            }
        }
        sql.append(String.join(", ", types))
                .append(") v(lvl, type_code) JOIN ref_geo.bib_areas_types bat ON bat.type_code = v.type_code),\n");
        if (!taxa.isAll()) {
            sql.append("descendants(cd_nom) AS (SELECT tx.cd_nom FROM taxonomie.taxref tx WHERE tx.cd_nom = ANY(?)")
                    .append(" UNION SELECT child.cd_nom FROM taxonomie.taxref child JOIN descendants p ON child.cd_sup = p.cd_nom),\n")
                    .append("taxa_noms AS MATERIALIZED (SELECT tx.cd_nom FROM taxonomie.taxref tx WHERE")
                    .append(" tx.group1_inpn = ANY(?) OR tx.group2_inpn = ANY(?) OR tx.group3_inpn = ANY(?)")
                    .append(" OR tx.cd_ref IN (SELECT cd_nom FROM descendants)),\n");
        }
        sql.append("selected AS (\n")
                .append(" SELECT s.id_synthese FROM terr JOIN gn_synthese.synthese s ON ST_Intersects(s.the_geom_local, terr.geom)")
                .append(levelJoins())
                .append(" WHERE ").append(levelExpression()).append(" = 'PRECISE'").append(taxaCondition())
                .append("\n UNION ALL\n")
                .append(" SELECT DISTINCT s.id_synthese FROM terr JOIN ref_geo.l_areas a ON ST_Intersects(a.geom, terr.geom) AND NOT ST_Touches(a.geom, terr.geom)")
                .append(" JOIN level_types lt ON lt.id_type = a.id_type")
                .append(" JOIN gn_synthese.cor_area_synthese cas ON cas.id_area = a.id_area")
                .append(" JOIN gn_synthese.synthese s ON s.id_synthese = cas.id_synthese")
                .append(levelJoins())
                .append(" WHERE ").append(levelExpression()).append(" = lt.lvl").append(taxaCondition())
                .append(")\n");
        return sql.toString();
    }

    private static String levelJoins() {
        return " LEFT JOIN ref_nomenclatures.t_nomenclatures ls ON ls.id_nomenclature = s.id_nomenclature_sensitivity"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures ld ON ld.id_nomenclature = s.id_nomenclature_diffusion_level"
                + " LEFT JOIN plan p ON p.s_code = COALESCE(ls.cd_nomenclature, '" + NULL_CODE + "')"
                + " AND p.d_code = COALESCE(ld.cd_nomenclature, '" + NULL_CODE + "')";
    }

    private String levelExpression() {
        return "COALESCE(p.lvl, " + literal(plan.fallback().name()) + ")";
    }

    private String taxaCondition() {
        return taxa.isAll() ? "" : " AND s.cd_nom IN (SELECT cd_nom FROM taxa_noms)";
    }

    private String territoryExpression() {
        if (territory instanceof Territory.Wkt wkt) {
            Objects.requireNonNull(wkt.wkt());
            return "ST_Transform(ST_GeomFromText(?, 4326), 2154)";
        }
        if (territory instanceof Territory.Areas) {
            return "(SELECT ST_Union(a.geom) FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types bat ON bat.id_type = a.id_type"
                    + " JOIN unnest(?::text[], ?::text[]) AS wanted(type_code, area_code)"
                    + " ON wanted.type_code = bat.type_code AND wanted.area_code = a.area_code)";
        }
        throw new IllegalArgumentException("territory cannot be exported: " + territory);
    }

    /** Binds the parameters in the order {@link #with()} declares them. */
    private void bind(Connection connection, PreparedStatement statement) throws SQLException {
        int i = 1;
        if (territory instanceof Territory.Wkt wkt) {
            statement.setString(i++, wkt.wkt());
        } else if (territory instanceof Territory.Areas areas) {
            statement.setArray(i++, connection.createArrayOf("text", areas.areas().stream().map(AreaRef::type).toArray()));
            statement.setArray(i++, connection.createArrayOf("text", areas.areas().stream().map(AreaRef::code).toArray()));
        }
        if (!taxa.isAll()) {
            statement.setArray(i++, connection.createArrayOf("integer", taxa.cdRefs().toArray()));
            Array groups = connection.createArrayOf("text", taxa.groups().toArray());
            statement.setArray(i++, groups);
            statement.setArray(i++, groups);
            statement.setArray(i++, groups);
        }
    }

    private long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(connection, statement);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String codeOrSentinel(String code) {
        return code == null ? NULL_CODE : code;
    }

    /** A SQL string literal (codes and type names come from configuration, never from partners). */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
