package org.naturaflux.source.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The accepted taxa of TAXREF names: for each {@code cd_nom} its {@code cd_ref} (what statuses are
 * resolved by: a synonym's record gets its accepted taxon's statuses) with the accepted taxon's
 * {@code nom_valide}, read in the caller's transaction (the export's snapshot).
 */
public final class AcceptedTaxa {

    private static final String SQL = "SELECT DISTINCT t.cd_ref, coalesce(r.nom_valide, t.nom_valide)"
            + " FROM taxonomie.taxref t LEFT JOIN taxonomie.taxref r ON r.cd_nom = t.cd_ref"
            + " WHERE t.cd_nom = ANY (?)";

    private AcceptedTaxa() {
    }

    /** The accepted taxa ({@code cd_ref} → {@code nom_valide}, sorted by {@code cd_ref}) of these names. */
    public static Map<Integer, String> of(Connection connection, Collection<Integer> cdNoms) throws SQLException {
        Map<Integer, String> taxa = new TreeMap<>();
        if (cdNoms.isEmpty()) {
            return taxa;
        }
        try (PreparedStatement st = connection.prepareStatement(SQL)) {
            st.setArray(1, connection.createArrayOf("integer", cdNoms.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    taxa.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return taxa;
    }
}
