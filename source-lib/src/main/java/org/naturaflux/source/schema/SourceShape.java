package org.naturaflux.source.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a GeoNature database is like, read from the database itself rather than assumed: its local
 * projection. GeoNature takes the local SRID at install ({@code MYLOCALSRID}: 2154 in metropolitan
 * France, others overseas or on platforms that keep a conic conformal zone such as EPSG:3949), so every
 * statement that meets {@code the_geom_local} or {@code l_areas.geom} asks here.
 */
public final class SourceShape {

    private SourceShape() {
    }

    /**
     * The SRID of {@code gn_synthese.synthese.the_geom_local}, as {@code Find_SRID} reads it from
     * {@code geometry_columns} (read here from the view itself so that a missing column is reported
     * rather than aborting the caller's transaction), checked against {@code ref_geo.l_areas.geom}: the
     * export compares the two directly, so they must share it.
     *
     * @throws SQLException when either column is missing, has no declared SRID, or they differ
     */
    public static int localSrid(Connection connection) throws SQLException {
        Integer observations = declaredSrid(connection, "gn_synthese", "synthese", "the_geom_local");
        Integer areas = declaredSrid(connection, "ref_geo", "l_areas", "geom");
        if (observations == null || areas == null) {
            throw new SQLException("the source has no " + (observations == null ? "gn_synthese.synthese.the_geom_local" : "ref_geo.l_areas.geom")
                    + " geometry column: it is not a GeoNature database Naturaflux can read");
        }
        if (observations == 0 || areas == 0) {
            throw new SQLException("the source does not declare the SRID of " + (observations == 0
                    ? "gn_synthese.synthese.the_geom_local" : "ref_geo.l_areas.geom")
                    + " (a geometry column without type modifier nor enforce_srid constraint): Find_SRID cannot tell it");
        }
        if (!observations.equals(areas)) {
            throw new SQLException("the source's local projections differ: gn_synthese.synthese.the_geom_local is EPSG:"
                    + observations + ", ref_geo.l_areas.geom is EPSG:" + areas);
        }
        return observations;
    }

    /** The SRID {@code geometry_columns} declares for a column; null when there is no such column. */
    private static Integer declaredSrid(Connection connection, String schema, String table, String column)
            throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT srid FROM geometry_columns"
                + " WHERE f_table_schema = ? AND f_table_name = ? AND f_geometry_column = ?")) {
            st.setString(1, schema);
            st.setString(2, table);
            st.setString(3, column);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }
}
