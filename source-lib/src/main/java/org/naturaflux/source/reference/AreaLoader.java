package org.naturaflux.source.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.naturaflux.model.row.ReferenceArea;

/**
 * Loads the areas of {@code ref_geo.l_areas} that degradation uses (the one source of truth for communes,
 * grid cells and départements). Only enabled areas with a geometry are loaded.
 */
public final class AreaLoader {

    private AreaLoader() {
    }

    /** Every enabled area of these type codes, with both geometries. */
    public static List<ReferenceArea> load(Connection connection, Collection<String> typeCodes) throws SQLException {
        WKBReader local = new WKBReader(new GeometryFactory(new PrecisionModel(), 2154));
        WKBReader wgs84 = new WKBReader(new GeometryFactory(new PrecisionModel(), 4326));
        List<ReferenceArea> areas = new ArrayList<>();
        String sql = "SELECT a.id_area, bat.type_code, a.area_code, a.area_name, ST_AsBinary(a.geom),"
                + " ST_AsBinary(COALESCE(a.geom_4326, ST_Transform(a.geom, 4326)))"
                + " FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types bat ON bat.id_type = a.id_type"
                + " WHERE bat.type_code = ANY(?) AND a.enable AND a.geom IS NOT NULL ORDER BY a.id_area";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", typeCodes.toArray()));
            statement.setFetchSize(1000);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    areas.add(new ReferenceArea(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            local.read(rs.getBytes(5)), wgs84.read(rs.getBytes(6))));
                }
            }
        } catch (ParseException e) {
            throw new SQLException("invalid area geometry in ref_geo.l_areas", e);
        }
        return areas;
    }

    /**
     * A cheap fingerprint of the areas of these types (count and latest modification), to tell when an
     * index loaded earlier must be refreshed.
     */
    public static String fingerprint(Connection connection, Collection<String> typeCodes) throws SQLException {
        String sql = "SELECT count(*), max(a.meta_update_date), max(a.id_area) FROM ref_geo.l_areas a"
                + " JOIN ref_geo.bib_areas_types bat ON bat.id_type = a.id_type WHERE bat.type_code = ANY(?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", typeCodes.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) + "/" + rs.getString(2) + "/" + rs.getLong(3);
            }
        }
    }
}
