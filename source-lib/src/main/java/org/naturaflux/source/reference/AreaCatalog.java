package org.naturaflux.source.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.naturaflux.model.spec.AreaRef;

/**
 * The area types and areas of {@code ref_geo} that a flux request may name as its territory; read-only,
 * for request validation.
 */
public final class AreaCatalog {

    /**
     * An area type of {@code ref_geo.bib_areas_types}.
     *
     * @param code  {@code type_code} (COM, DEP, M10, ZNIEFF1...)
     * @param name  {@code type_name}
     * @param areas the number of its areas, enabled or not
     */
    public record AreaType(String code, String name, long areas) {
        public AreaType {
            Objects.requireNonNull(code, "code");
        }
    }

    private AreaCatalog() {
    }

    /** Every area type, by code. */
    public static List<AreaType> areaTypes(Connection connection) throws SQLException {
        String sql = "SELECT bat.type_code, bat.type_name, count(a.id_area) FROM ref_geo.bib_areas_types bat"
                + " LEFT JOIN ref_geo.l_areas a ON a.id_type = bat.id_type"
                + " GROUP BY bat.id_type, bat.type_code, bat.type_name ORDER BY bat.type_code";
        List<AreaType> types = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                types.add(new AreaType(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return types;
    }

    /**
     * The references among {@code refs} that name no area (unknown type, or no area of that code in the
     * type), in their order; empty when all exist. Disabled areas exist.
     */
    public static List<AreaRef> missing(Connection connection, List<AreaRef> refs) throws SQLException {
        if (refs.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT w.type_code, w.area_code FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS w(type_code, area_code, n)"
                + " WHERE NOT EXISTS (SELECT 1 FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types bat ON bat.id_type = a.id_type"
                + " WHERE bat.type_code = w.type_code AND a.area_code = w.area_code) ORDER BY w.n";
        List<AreaRef> missing = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setArray(1, connection.createArrayOf("text", refs.stream().map(AreaRef::type).toArray()));
            st.setArray(2, connection.createArrayOf("text", refs.stream().map(AreaRef::code).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    missing.add(new AreaRef(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return missing;
    }
}
