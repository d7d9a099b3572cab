package org.naturaflux.source.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.naturaflux.source.query.ExportQuery;

/**
 * The départements (enabled DEP areas, by {@code id_area}) a flux's territory reaches, read once per run
 * in the export's snapshot, in the source's local projection (the territory exactly as the export query
 * resolves it, {@link ExportQuery#territoryEwkb}):
 * <ul>
 *   <li>{@link #intersecting}: those it intersects, boundary included. Every record of the run has at
 *       least one département of its exported extent among them (its precise point is in the territory,
 *       or its degraded area meets it), so a status that applies to a record has its text linked to one
 *       of them: loading only those texts' statuses loses none ({@link RecordStatuses#load}).</li>
 *   <li>{@link #covered}: those it shares some surface with: where a text is "applicable in the flux's
 *       territory" for the statuses companion (a territory of département 77 does not reach the
 *       départements it only borders).</li>
 * </ul>
 *
 * @param intersecting the départements the territory intersects, sorted ids
 * @param covered      the départements the territory shares surface with, sorted ids (a subset)
 * @param coveredCodes their {@code area_code}s, sorted
 */
public record TerritoryDepartements(List<Long> intersecting, List<Long> covered, List<String> coveredCodes) {

    private static final String SQL = "SELECT a.id_area, ST_Relate(a.geom, t.g, 'T********'), a.area_code"
            + " FROM ref_geo.l_areas a"
            + " JOIN ref_geo.bib_areas_types ty ON ty.id_type = a.id_type AND ty.type_code = '"
            + TaxonStatuses.DEPARTEMENT_TYPE + "',"
            + " (SELECT ST_GeomFromEWKB(?) AS g) t"
            + " WHERE a.enable AND ST_Intersects(a.geom, t.g) ORDER BY a.id_area";

    public TerritoryDepartements {
        intersecting = List.copyOf(intersecting);
        covered = List.copyOf(covered);
        coveredCodes = coveredCodes.stream().sorted().toList();
    }

    /** The territory's départements, in the caller's transaction; none when none of its areas exists. */
    public static TerritoryDepartements of(Connection connection, ExportQuery query) throws SQLException {
        byte[] territory = query.territoryEwkb(connection);
        List<Long> intersecting = new ArrayList<>();
        List<Long> covered = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        if (territory != null) {
            try (PreparedStatement st = connection.prepareStatement(SQL)) {
                st.setBytes(1, territory);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        intersecting.add(rs.getLong(1));
                        if (rs.getBoolean(2)) {
                            covered.add(rs.getLong(1));
                            codes.add(rs.getString(3));
                        }
                    }
                }
            }
        }
        return new TerritoryDepartements(intersecting, covered, codes);
    }
}
