package org.naturaflux.source.status;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fingerprint of the BDC statuts as the status fields read them ({@code bdc_statut_taxons},
 * {@code bdc_statut_cor_text_values}, {@code bdc_statut_text} with its {@code enable} flag,
 * {@code bdc_statut_values}, {@code bdc_statut_cor_text_area}): per table, its row count and the sum of a
 * hash of each row's columns read, so that it does not depend on the order rows were loaded in. A BDC
 * reload (truncate and a million inserts) with other content changes it, one with the same content does
 * not; these tables are not captured by change capture (a reload would flood it), this is how a process
 * learns that the statuses changed, as {@link org.naturaflux.source.reference.AreaIndexCache} learns that the
 * areas did. One scan of each table (about a second for a national BDC).
 */
public final class StatusFingerprint {

    private static final String SQL = "SELECT"
            + part("taxonomie.bdc_statut_taxons", "id::text || ':' || id_value_text || ':' || cd_ref") + " || '/' ||"
            + part("taxonomie.bdc_statut_cor_text_values", "id_value_text::text || ':' || id_value || ':' || id_text")
            + " || '/' ||"
            + part("taxonomie.bdc_statut_text", "id_text::text || ':' || cd_type_statut || ':' || coalesce(enable::text, '-')"
                    + " || ':' || coalesce(lb_adm_tr, '-') || ':' || coalesce(full_citation, '-')") + " || '/' ||"
            + part("taxonomie.bdc_statut_values", "id_value::text || ':' || code_statut || ':' || coalesce(label_statut, '-')")
            + " || '/' ||"
            + part("taxonomie.bdc_statut_cor_text_area", "id_text::text || ':' || id_area");

    private StatusFingerprint() {
    }

    private static String part(String table, String row) {
        return " (SELECT count(*) || ':' || coalesce(sum(hashtext(" + row + ")::bigint), 0) FROM " + table + ")";
    }

    /** The BDC statuts' fingerprint now (in the caller's transaction, or one of its own). */
    public static String of(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(SQL)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
