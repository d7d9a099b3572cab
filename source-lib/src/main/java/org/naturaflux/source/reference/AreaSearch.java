package org.naturaflux.source.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the areas of {@code ref_geo.l_areas} a person picks as a territory: the enabled areas with a
 * geometry and a code (those exports can use), by type, and by name (case- and accent-insensitive, any
 * part of it) or code (its start, case-insensitive). An area is named in a flux request by its type code
 * and area code ({@code {type, code}}); its {@code id_area} addresses it here.
 */
public final class AreaSearch {

    private static final String NAME = TextFolding.sql("a.area_name");
    private static final String ENABLED = "a.enable AND a.geom IS NOT NULL AND a.area_code IS NOT NULL";

    /**
     * An area as a search finds it.
     *
     * @param id   {@code id_area}
     * @param type {@code type_code} of its type
     * @param code {@code area_code}
     * @param name {@code area_name}
     * @param bbox its bounds in WGS84: west, south, east, north (PostGIS's single-precision box)
     */
    public record Area(long id, String type, String code, String name, List<Double> bbox) {
        public Area {
            Objects.requireNonNull(type, "type");
            bbox = List.copyOf(bbox);
        }
    }

    /**
     * An area with its shape.
     *
     * @param area     the area
     * @param geoJson  its geometry in WGS84 as GeoJSON, simplified to at most the vertices asked for
     * @param vertices the vertices of that geometry
     */
    public record Shape(Area area, String geoJson, int vertices) {
    }

    /**
     * What to find.
     *
     * @param type a type code, or null for every type
     * @param text a part of the name or the start of the code, or null for every area
     */
    public record Criteria(String type, String text) {
    }

    private AreaSearch() {
    }

    /**
     * A page of the areas meeting the criteria: those whose code is the text first, then those whose
     * name starts with it, then the others, each by name, type and id.
     */
    public static List<Area> find(Connection connection, Criteria criteria, long offset, int limit) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String where = where(criteria, parameters);
        String order = "a.area_name, t.type_code, a.id_area";
        if (criteria.text() != null) {
            order = "CASE WHEN lower(a.area_code) = lower(?) THEN 0 WHEN " + NAME + " LIKE " + TextFolding.sql("?")
                    + " || '%' ESCAPE '\\' THEN 1 ELSE 2 END, " + order;
            parameters.add(criteria.text());
            parameters.add(TextFolding.likeLiteral(criteria.text()));
        }
        String sql = "SELECT a.id_area, t.type_code, a.area_code, a.area_name, ST_XMin(b.box), ST_YMin(b.box), ST_XMax(b.box),"
                + " ST_YMax(b.box) FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type"
                + " CROSS JOIN LATERAL (SELECT box2d(ST_Transform(a.geom, 4326)) AS box) b"
                + " WHERE " + where + " ORDER BY " + order + " OFFSET ? LIMIT ?";
        parameters.add(offset);
        parameters.add(limit);
        List<Area> areas = new ArrayList<>();
        try (PreparedStatement st = prepare(connection, sql, parameters); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                areas.add(area(rs));
            }
        }
        return areas;
    }

    /** How many areas meet the criteria. */
    public static long count(Connection connection, Criteria criteria) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT count(*) FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type WHERE "
                + where(criteria, parameters);
        try (PreparedStatement st = prepare(connection, sql, parameters); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * An enabled area by its id, its geometry in WGS84 simplified in the source's projection (tolerance
     * 1/2000 of its bounds' diagonal, then four times more until it has at most {@code maxVertices}).
     */
    public static Optional<Shape> shape(Connection connection, long id, int maxVertices) throws SQLException {
        String sql = "SELECT a.id_area, t.type_code, a.area_code, a.area_name, ST_XMin(b.box), ST_YMin(b.box), ST_XMax(b.box),"
                + " ST_YMax(b.box), s.geojson, s.vertices FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type"
                + " CROSS JOIN LATERAL (SELECT box2d(ST_Transform(a.geom, 4326)) AS box) b"
                + " CROSS JOIN LATERAL (SELECT ST_AsGeoJSON(ST_Transform(g.simple, 4326), 7) AS geojson, ST_NPoints(g.simple) AS vertices"
                + " FROM generate_series(0, 8) AS k CROSS JOIN LATERAL (SELECT ST_SimplifyPreserveTopology(a.geom,"
                + " sqrt(power(ST_XMax(a.geom) - ST_XMin(a.geom), 2) + power(ST_YMax(a.geom) - ST_YMin(a.geom), 2)) / 2000"
                + " * power(4, k)) AS simple) g WHERE ST_NPoints(g.simple) <= ? OR k = 8 ORDER BY k LIMIT 1) s"
                + " WHERE a.id_area = ? AND " + ENABLED;
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setInt(1, maxVertices);
            st.setLong(2, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Shape(area(rs), rs.getString(9), rs.getInt(10)));
            }
        }
    }

    private static String where(Criteria criteria, List<Object> parameters) {
        StringBuilder where = new StringBuilder(ENABLED);
        if (criteria.type() != null) {
            where.append(" AND t.type_code = ?");
            parameters.add(criteria.type());
        }
        if (criteria.text() != null) {
            where.append(" AND (").append(NAME).append(" LIKE '%' || ").append(TextFolding.sql("?"))
                    .append(" || '%' ESCAPE '\\' OR lower(a.area_code) LIKE lower(?) || '%' ESCAPE '\\')");
            parameters.add(TextFolding.likeLiteral(criteria.text()));
            parameters.add(TextFolding.likeLiteral(criteria.text()));
        }
        return where.toString();
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters) throws SQLException {
        PreparedStatement st = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                st.setObject(i + 1, parameters.get(i));
            }
            return st;
        } catch (SQLException e) {
            st.close();
            throw e;
        }
    }

    private static Area area(ResultSet rs) throws SQLException {
        return new Area(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                List.of(rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8)));
    }
}
