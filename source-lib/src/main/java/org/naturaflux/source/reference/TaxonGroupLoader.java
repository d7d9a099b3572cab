package org.naturaflux.source.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The taxonomic vocabulary a flux request may use, as {@code taxonomie.taxref} holds it: INPN groups
 * and TAXREF codes; read-only, for request validation.
 */
public final class TaxonGroupLoader {

    /**
     * An INPN group present in TAXREF.
     *
     * @param level 1, 2 or 3 ({@code group1_inpn}, {@code group2_inpn}, {@code group3_inpn})
     * @param name  the group's name, as TAXREF spells it ("Oiseaux", "Angiospermes"...)
     * @param taxa  the number of TAXREF names in the group
     */
    public record TaxonGroup(int level, String name, long taxa) {
        public TaxonGroup {
            Objects.requireNonNull(name, "name");
        }
    }

    private TaxonGroupLoader() {
    }

    /** Every INPN group present, by level then name. A name may appear at several levels. */
    public static List<TaxonGroup> groups(Connection connection) throws SQLException {
        String sql = "SELECT level, name, count(*) FROM (SELECT 1 AS level, group1_inpn AS name FROM taxonomie.taxref"
                + " UNION ALL SELECT 2, group2_inpn FROM taxonomie.taxref UNION ALL SELECT 3, group3_inpn FROM taxonomie.taxref) g"
                + " WHERE name IS NOT NULL GROUP BY level, name ORDER BY level, name";
        List<TaxonGroup> groups = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                groups.add(new TaxonGroup(rs.getInt(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return groups;
    }

    /** The names among {@code names} that are no INPN group of any level, in their order. */
    public static List<String> unknownGroups(Connection connection, List<String> names) throws SQLException {
        if (names.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT w.name FROM unnest(?::text[]) WITH ORDINALITY AS w(name, n) WHERE NOT EXISTS"
                + " (SELECT 1 FROM taxonomie.taxref t WHERE t.group1_inpn = w.name OR t.group2_inpn = w.name"
                + " OR t.group3_inpn = w.name) ORDER BY w.n";
        List<String> unknown = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setArray(1, connection.createArrayOf("text", names.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    unknown.add(rs.getString(1));
                }
            }
        }
        return unknown;
    }

    /**
     * The codes among {@code cdRefs} that are not the reference code of a TAXREF taxon
     * ({@code cd_nom = cd_ref}: a synonym's code, or no name at all), in their order; empty when all
     * are valid.
     */
    public static List<Integer> missingCdRefs(Connection connection, Collection<Integer> cdRefs) throws SQLException {
        if (cdRefs.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT w.c FROM unnest(?::integer[]) WITH ORDINALITY AS w(c, n) WHERE NOT EXISTS"
                + " (SELECT 1 FROM taxonomie.taxref t WHERE t.cd_nom = w.c AND t.cd_ref = w.c) ORDER BY w.n";
        List<Integer> missing = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setArray(1, connection.createArrayOf("integer", cdRefs.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    missing.add(rs.getInt(1));
                }
            }
        }
        return missing;
    }
}
