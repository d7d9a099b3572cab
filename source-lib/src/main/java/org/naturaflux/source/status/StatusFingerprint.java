package org.naturaflux.source.status;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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

    /** Per taxon: a hash of every status row of its {@code cd_ref}, with its text's state and départements. */
    private static final String PER_TAXON = "WITH text AS (SELECT t.id_text, hashtext(t.id_text::text || ':' || t.cd_type_statut"
            + " || ':' || coalesce(t.enable::text, '-') || ':' || coalesce(t.lb_adm_tr, '-') || ':' || coalesce(t.full_citation, '-')"
            + " || ':' || coalesce((SELECT string_agg(ta.id_area::text, ',' ORDER BY ta.id_area)"
            + "   FROM taxonomie.bdc_statut_cor_text_area ta WHERE ta.id_text = t.id_text), '-')) AS h"
            + " FROM taxonomie.bdc_statut_text t)"
            + " SELECT s.cd_ref, sum(hashtext(s.id::text || ':' || v.code_statut || ':' || coalesce(v.label_statut, '-')"
            + "   || ':' || x.h))::bigint"
            + " FROM taxonomie.bdc_statut_taxons s"
            + " JOIN taxonomie.bdc_statut_cor_text_values c ON c.id_value_text = s.id_value_text"
            + " JOIN taxonomie.bdc_statut_values v ON v.id_value = c.id_value"
            + " JOIN text x ON x.id_text = c.id_text"
            + " GROUP BY s.cd_ref";

    private StatusFingerprint() {
    }

    /**
     * A hash of each taxon's statuses ({@code cd_ref} → hash of its status rows, their values, and their
     * texts' state and départements): what {@link #touched} compares after the fingerprint changed. One
     * pass over the BDC; a map of the taxa with statuses (some tens of thousands for a national BDC).
     */
    public static Map<Integer, Long> perTaxon(Connection connection) throws SQLException {
        Map<Integer, Long> hashes = new HashMap<>();
        try (Statement st = connection.createStatement()) {
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery(PER_TAXON)) {
                while (rs.next()) {
                    hashes.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return hashes;
    }

    /** The taxa ({@code cd_ref}) whose statuses differ between two {@link #perTaxon} readings. */
    public static Set<Integer> touched(Map<Integer, Long> before, Map<Integer, Long> after) {
        Set<Integer> touched = new HashSet<>();
        before.forEach((taxon, hash) -> {
            if (!hash.equals(after.get(taxon))) {
                touched.add(taxon);
            }
        });
        after.keySet().forEach(taxon -> {
            if (!before.containsKey(taxon)) {
                touched.add(taxon);
            }
        });
        return touched;
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
