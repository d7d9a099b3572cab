package org.naturaflux.source.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.naturaflux.model.row.ReferenceArea;
import org.naturaflux.source.schema.SourceShape;

/**
 * Loads the areas of {@code ref_geo.l_areas} that degradation uses (the one source of truth for
 * communes, grid cells and départements): the enabled areas of the given type codes that have a
 * geometry, with {@code geom} (the source's local projection, {@link SourceShape#localSrid}) and its WGS84
 * form, both transferred as WKB. The WGS84 form is computed here from {@code geom} with a vertex every
 * {@value #STEP_METRES} m at most, rather than read from {@code geom_4326}: a straight edge of the local
 * projection bends in WGS84, and {@code geom_4326} (RefGeo's, from GeoNature 2.14, transformed vertex by
 * vertex) strays from it by up to 2 m on a 10 km grid cell, so that a record near the edge would stick
 * out of the area it is published as.
 */
public final class AreaLoader {

    private static final int FETCH_SIZE = 500;
    /** Longest segment, in metres of the local projection, of an area transformed to WGS84. */
    public static final int STEP_METRES = 100;

    private AreaLoader() {
    }

    /**
     * Streams the areas of these types, in {@code id_area} order, to {@code consumer}, from a
     * server-side cursor (bounded memory whatever their number). If the connection is in autocommit mode
     * the read runs in a transaction of its own; otherwise in the caller's, left open.
     */
    public static void stream(Connection connection, Collection<String> typeCodes, Consumer<ReferenceArea> consumer)
            throws SQLException {
        WKBReader local = new WKBReader(new GeometryFactory(new PrecisionModel(), SourceShape.localSrid(connection)));
        WKBReader wgs84 = new WKBReader(new GeometryFactory(new PrecisionModel(), 4326));
        String sql = "SELECT a.id_area, bat.type_code, a.area_code, a.area_name, ST_AsBinary(a.geom),"
                + " ST_AsBinary(ST_Transform(ST_Segmentize(a.geom, " + STEP_METRES + "), 4326))"
                + " FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types bat ON bat.id_type = a.id_type"
                + " WHERE bat.type_code = ANY(?) AND a.enable AND a.geom IS NOT NULL AND a.area_code IS NOT NULL"
                + " ORDER BY a.id_area";
        boolean ownsTransaction = connection.getAutoCommit();
        if (ownsTransaction) {
            connection.setAutoCommit(false);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", typeCodes.toArray()));
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(new ReferenceArea(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            local.read(rs.getBytes(5)), wgs84.read(rs.getBytes(6))));
                }
            }
        } catch (ParseException e) {
            throw new SQLException("invalid area geometry in ref_geo.l_areas", e);
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

    /** The areas of these types, in {@code id_area} order (see {@link #stream}). */
    public static List<ReferenceArea> load(Connection connection, Collection<String> typeCodes) throws SQLException {
        List<ReferenceArea> areas = new ArrayList<>();
        stream(connection, typeCodes, areas::add);
        return areas;
    }

    /**
     * A cheap fingerprint of the areas of these types (count, latest modification, highest id), to tell
     * when an index loaded earlier must be reloaded.
     */
    public static String fingerprint(Connection connection, Collection<String> typeCodes) throws SQLException {
        String sql = "SELECT count(*), max(a.meta_update_date), max(a.id_area),"
                + " count(*) FILTER (WHERE a.enable) FROM ref_geo.l_areas a"
                + " JOIN ref_geo.bib_areas_types bat ON bat.id_type = a.id_type WHERE bat.type_code = ANY(?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", typeCodes.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) + "/" + rs.getString(2) + "/" + rs.getLong(3) + "/" + rs.getLong(4);
            }
        }
    }
}
