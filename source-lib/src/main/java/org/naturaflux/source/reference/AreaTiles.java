package org.naturaflux.source.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.naturaflux.source.schema.SourceShape;

/**
 * Mapbox vector tiles (MVT) of the areas of one type of {@code ref_geo.l_areas}, made by PostGIS
 * ({@code ST_AsMVT}) in web mercator tiles ({@code ST_TileEnvelope}): the enabled areas with a geometry
 * that intersect the tile, simplified to about a pixel of the tile (extent {@value #EXTENT}) and clipped
 * with a buffer of {@value #BUFFER} pixels, their properties {@code id} ({@code id_area}, also the
 * feature's id), {@code type}, {@code code} and {@code name}. Candidates are found with the index of
 * {@code geom} in the source's own projection ({@link SourceShape#localSrid}), read from the source.
 */
public final class AreaTiles {

    /** The tile's extent, in pixels. */
    public static final int EXTENT = 4096;
    /** The pixels kept beyond each edge of a tile, so that shapes join across tiles. */
    public static final int BUFFER = 64;
    private static final double WEB_MERCATOR_WIDTH = 40_075_016.685_578_49;

    private AreaTiles() {
    }

    /**
     * The tile z/x/y of the areas of {@code typeCode} as layer {@code layer}; empty (no bytes) when no area
     * meets the tile. The caller bounds z, x and y.
     */
    public static byte[] tile(Connection connection, String layer, String typeCode, int z, int x, int y) throws SQLException {
        int srid = SourceShape.localSrid(connection);
        double pixel = WEB_MERCATOR_WIDTH / (1L << z) / EXTENT;
        String sql = "WITH env AS (SELECT ST_TileEnvelope(?, ?, ?) AS e),"
                + " candidate AS (SELECT ST_Transform(ST_Segmentize(env.e, ?), " + srid + ") AS local FROM env),"
                + " f AS (SELECT a.id_area AS fid, a.id_area AS id, t.type_code AS type, a.area_code AS code, a.area_name AS name,"
                + " ST_AsMVTGeom(ST_SimplifyPreserveTopology(ST_Transform(a.geom, 3857), ?), env.e, " + EXTENT + ", "
                + BUFFER + ", true) AS geom"
                + " FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type, env, candidate"
                + " WHERE t.type_code = ? AND a.enable AND a.geom IS NOT NULL AND a.area_code IS NOT NULL"
                + " AND a.geom && candidate.local AND ST_Intersects(ST_Transform(a.geom, 3857), env.e))"
                + " SELECT ST_AsMVT(f, ?, " + EXTENT + ", 'geom', 'fid') FROM f WHERE f.geom IS NOT NULL";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setInt(1, z);
            st.setInt(2, x);
            st.setInt(3, y);
            // the tile's edges, straight in web mercator, bend in the local projection: a vertex every 1/64 tile
            st.setDouble(4, pixel * EXTENT / 64);
            st.setDouble(5, pixel);
            st.setString(6, typeCode);
            st.setString(7, layer);
            try (ResultSet rs = st.executeQuery()) {
                byte[] tile = rs.next() ? rs.getBytes(1) : null;
                return tile == null ? new byte[0] : tile;
            }
        }
    }
}
