package org.naturaflux.source.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.naturaflux.model.sensitivity.SelectionPlan;

/**
 * The selection rule of degraded records, stated once in SQL for everything that reads the source: the
 * export query and its counts ({@link ExportQuery}), hence the request-service's estimates, and the
 * request-service's change routing ({@link #degradedExtent}). sensitivity-lib's {@code SelectionRule}
 * states the same rule in Java, and serves as the tests' oracle.
 *
 * <p>A degraded record (COMMUNE, GRID, DEPARTEMENT) is placed by the <em>areas of its level</em>: the
 * enabled areas of its level's type ({@link SelectionPlan#areaTypeCode}) that its precise geometry
 * intersects; their union is its <em>degraded extent</em>, what it is published as. It belongs to a
 * territory when one of those areas <em>meets</em> the territory: the area lies in it, or they share
 * more than {@link SelectionPlan#MEETS_SHARE} of the smaller of the two (so that the neighbour of a commune or
 * département named as territory, which only touches it, does not, even where the shared boundary is
 * not the same line in both).
 *
 * <p>Whatever its level, a record is exported only when it is <em>referenced</em>: its {@code cd_nom} is
 * a TAXREF name and its {@code id_dataset} a dataset ({@link #referenced(String)}), as GeoNature's export
 * view {@code v_synthese_for_export} requires with inner joins. The export query and its counts state it
 * in their statements, change routing asks {@link #referencedAmong} for the states of a change.
 */
public final class SelectionSql {

    /** A record's TAXREF name and dataset, either null when the record has none. */
    public record Reference(Integer cdNom, Integer datasetId) {
    }

    /** {@link SelectionPlan#MEETS_SHARE}, as SQL. */
    private static final String MEETS_SHARE = String.valueOf(SelectionPlan.MEETS_SHARE);

    private SelectionSql() {
    }

    /** The condition on {@code ref_geo.l_areas} row {@code a} for it to place a degraded record: enabled. */
    static String placing(String area) {
        return area + ".enable";
    }

    /**
     * The condition for synthese row {@code record} (its {@code cd_nom} and {@code id_dataset}) to be
     * referenced: a TAXREF name and an existing dataset, null never being either.
     */
    static String referenced(String record) {
        return "EXISTS (SELECT 1 FROM taxonomie.taxref rt WHERE rt.cd_nom = " + record + ".cd_nom)"
                + " AND EXISTS (SELECT 1 FROM gn_meta.t_datasets rd WHERE rd.id_dataset = " + record + ".id_dataset)";
    }

    /**
     * Which of these (taxon, dataset) pairs are referenced ({@link #referenced(String)}), as the source
     * stands now: the records that carry the others are not exported, whatever their place and level.
     */
    public static Set<Reference> referencedAmong(Connection connection, Collection<Reference> references)
            throws SQLException {
        Set<Reference> referenced = new LinkedHashSet<>();
        if (references.isEmpty()) {
            return referenced;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT r.cd_nom, r.id_dataset"
                + " FROM unnest(?::integer[], ?::integer[]) AS r(cd_nom, id_dataset) WHERE " + referenced("r"))) {
            statement.setArray(1, connection.createArrayOf("integer", references.stream().map(Reference::cdNom).toArray()));
            statement.setArray(2, connection.createArrayOf("integer", references.stream().map(Reference::datasetId).toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    referenced.add(new Reference(rs.getInt(1), rs.getInt(2)));
                }
            }
        }
        return referenced;
    }

    /** The condition for a record's precise geometry to lie in an area (or a union of areas) of its level. */
    static String inArea(String record, String area) {
        return "ST_Intersects(" + record + ", " + area + ")";
    }

    /** What binds the territory where the condition names it. */
    @FunctionalInterface
    interface TerritoryParam {
        void add(SqlText sql) throws SQLException;
    }

    /** The condition for area geometry {@code area} to meet the territory. */
    static void meets(SqlText sql, String area, TerritoryParam territory) throws SQLException {
        sql.add("ST_Intersects(" + area + ", ");
        territory.add(sql);
        sql.add(") AND (ST_Covers(");
        territory.add(sql);
        sql.add(", " + area + ") OR ST_Area(ST_Intersection(" + area + ", ");
        territory.add(sql);
        sql.add(")) > " + MEETS_SHARE + " * LEAST(ST_Area(" + area + "), ST_Area(");
        territory.add(sql);
        sql.add(")))");
    }

    /**
     * The degraded extent of a record: the union of the areas of type {@code areaTypeCode} that place a
     * record whose precise geometry is {@code localWkb} (WKB in the source's local SRID {@code srid}), as
     * EWKB; null when no area places it.
     */
    public static byte[] degradedExtent(Connection connection, String areaTypeCode, byte[] localWkb, int srid)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT ST_AsEWKB(ST_Union(a.geom))"
                + " FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type"
                + " WHERE t.type_code = ? AND " + placing("a") + " AND "
                + inArea("ST_SetSRID(ST_GeomFromWKB(?), " + srid + ")", "a.geom"))) {
            statement.setString(1, areaTypeCode);
            statement.setBytes(2, localWkb);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }
}
