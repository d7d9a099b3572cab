package org.naturaflux.source.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.naturaflux.model.spec.AreaRef;

/**
 * What a request may name, as the source knows it: area types and areas of {@code ref_geo}, INPN
 * groups and TAXREF codes of {@code taxonomie.taxref}. Read-only.
 */
public final class ReferenceChecks {

    private ReferenceChecks() {
    }

    /** The area type codes present in {@code ref_geo.bib_areas_types}. */
    public static Set<String> areaTypes(Connection connection) throws SQLException {
        return strings(connection, "SELECT type_code FROM ref_geo.bib_areas_types ORDER BY type_code");
    }

    /** The areas among {@code refs} that the source does not have (empty when all exist). */
    public static List<AreaRef> missingAreas(Connection connection, List<AreaRef> refs) throws SQLException {
        String sql = "SELECT w.type_code, w.area_code FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS w(type_code, area_code, n)"
                + " WHERE NOT EXISTS (SELECT 1 FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types bat ON bat.id_type = a.id_type"
                + " WHERE bat.type_code = w.type_code AND a.area_code = w.area_code) ORDER BY w.n";
        List<AreaRef> missing = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", refs.stream().map(AreaRef::type).toArray()));
            statement.setArray(2, connection.createArrayOf("text", refs.stream().map(AreaRef::code).toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    missing.add(new AreaRef(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return missing;
    }

    /** The INPN group names (levels 1 to 3) present in TAXREF. */
    public static Set<String> taxonGroups(Connection connection) throws SQLException {
        return strings(connection, "SELECT g FROM (SELECT group1_inpn AS g FROM taxonomie.taxref UNION SELECT group2_inpn"
                + " FROM taxonomie.taxref UNION SELECT group3_inpn FROM taxonomie.taxref) x WHERE g IS NOT NULL ORDER BY g");
    }

    /** The codes among {@code cdRefs} that are not a valid taxon ({@code cd_nom = cd_ref}) of TAXREF. */
    public static List<Integer> missingTaxa(Connection connection, Collection<Integer> cdRefs) throws SQLException {
        String sql = "SELECT c FROM unnest(?::integer[]) WITH ORDINALITY AS w(c, n) WHERE NOT EXISTS"
                + " (SELECT 1 FROM taxonomie.taxref t WHERE t.cd_nom = w.c AND t.cd_ref = w.c) ORDER BY n";
        List<Integer> missing = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("integer", cdRefs.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    missing.add(rs.getInt(1));
                }
            }
        }
        return missing;
    }

    private static Set<String> strings(Connection connection, String sql) throws SQLException {
        Set<String> values = new LinkedHashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
