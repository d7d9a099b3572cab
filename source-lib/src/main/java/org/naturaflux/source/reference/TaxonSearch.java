package org.naturaflux.source.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds TAXREF names ({@code taxonomie.taxref}) by scientific name ({@code lb_nom}, {@code nom_complet})
 * or vernacular name ({@code nom_vern}), case- and accent-insensitive, any part of them. A flux request
 * names taxa by {@code cd_ref} (the reference name's code): each name found carries its own
 * {@code cd_nom} and its reference's {@code cd_ref}.
 */
public final class TaxonSearch {

    private static final String SCIENTIFIC = TextFolding.sql("t.lb_nom");
    private static final String FULL = TextFolding.sql("t.nom_complet");
    private static final String VERNACULAR = TextFolding.sql("t.nom_vern");
    private static final String WHERE = " WHERE (" + SCIENTIFIC + " LIKE '%' || " + TextFolding.sql("?") + " || '%' ESCAPE '\\'"
            + " OR " + FULL + " LIKE '%' || " + TextFolding.sql("?") + " || '%' ESCAPE '\\'"
            + " OR " + VERNACULAR + " LIKE '%' || " + TextFolding.sql("?") + " || '%' ESCAPE '\\')";

    /**
     * A TAXREF name.
     *
     * @param cdNom          its code
     * @param cdRef          the code of its reference name (itself when valid)
     * @param scientificName {@code lb_nom}
     * @param fullName       {@code nom_complet} (with the author)
     * @param validName      {@code nom_valide}, the reference name
     * @param vernacularName {@code nom_vern}, or null
     * @param rank           {@code id_rang} (ES, SSES, GN, FM...)
     * @param group1         {@code group1_inpn}, or null
     * @param group2         {@code group2_inpn}, or null
     * @param group3         {@code group3_inpn}, or null
     */
    public record Taxon(int cdNom, Integer cdRef, String scientificName, String fullName, String validName,
                        String vernacularName, String rank, String group1, String group2, String group3) {
    }

    private TaxonSearch() {
    }

    /**
     * A page of the names matching {@code text}: reference names before synonyms, then names starting with
     * the text before the others, each by scientific name and {@code cd_nom}.
     */
    public static List<Taxon> find(Connection connection, String text, long offset, int limit) throws SQLException {
        String sql = "SELECT t.cd_nom, t.cd_ref, t.lb_nom, t.nom_complet, t.nom_valide, t.nom_vern, t.id_rang, t.group1_inpn,"
                + " t.group2_inpn, t.group3_inpn FROM taxonomie.taxref t" + WHERE
                + " ORDER BY (t.cd_nom = t.cd_ref) DESC, (" + SCIENTIFIC + " LIKE " + TextFolding.sql("?") + " || '%' ESCAPE '\\' OR "
                + VERNACULAR + " LIKE " + TextFolding.sql("?") + " || '%' ESCAPE '\\') DESC, t.lb_nom, t.cd_nom OFFSET ? LIMIT ?";
        List<Taxon> taxa = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            String pattern = TextFolding.likeLiteral(text);
            for (int i = 1; i <= 5; i++) {
                st.setString(i, pattern);
            }
            st.setLong(6, offset);
            st.setInt(7, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    taxa.add(new Taxon(rs.getInt(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)));
                }
            }
        }
        return taxa;
    }

    /** How many names match {@code text}. */
    public static long count(Connection connection, String text) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT count(*) FROM taxonomie.taxref t" + WHERE)) {
            String pattern = TextFolding.likeLiteral(text);
            for (int i = 1; i <= 3; i++) {
                st.setString(i, pattern);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
