package org.naturaflux.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Changes the tests make to a GeoNature source (the demo's, or any with the same schema), in plain SQL
 * as an administrator would: what change capture and change-driven exports must notice.
 */
public final class SourceEdits {

    private SourceEdits() {
    }

    /** SQL for the id of the SENSIBILITE nomenclature of a code ({@code '0'} to {@code '4'}). */
    public static String sensitivity(String code) {
        return "(SELECT n.id_nomenclature FROM ref_nomenclatures.t_nomenclatures n JOIN ref_nomenclatures.bib_nomenclatures_types t"
                + " ON t.id_type = n.id_type WHERE t.mnemonique = 'SENSIBILITE' AND n.cd_nomenclature = '" + code + "')";
    }

    /**
     * Inserts, in the caller's transaction, one copy of the source's first bird observation (INPN group
     * "Oiseaux") per point given (WGS84 lon, lat), precise and not sensitive (code 0). Returns the new ids.
     */
    public static List<Long> insertBirdCopies(Connection db, List<double[]> lonLats) throws SQLException {
        String columns;
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(
                "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns"
                        + " WHERE table_schema = 'gn_synthese' AND table_name = 'synthese' AND is_generated = 'NEVER'"
                        + " AND column_name NOT IN ('id_synthese', 'unique_id_sinp', 'the_geom_4326', 'the_geom_point',"
                        + " 'the_geom_local', 'id_nomenclature_sensitivity', 'id_nomenclature_diffusion_level')")) {
            rs.next();
            columns = rs.getString(1);
        }
        List<Long> ids = new ArrayList<>();
        for (double[] lonLat : lonLats) {
            String point = String.format(Locale.ROOT, "ST_SetSRID(ST_MakePoint(%f, %f), 4326)", lonLat[0], lonLat[1]);
            try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(
                    "INSERT INTO gn_synthese.synthese (id_synthese, unique_id_sinp, the_geom_4326, the_geom_point, the_geom_local,"
                            + " id_nomenclature_sensitivity, id_nomenclature_diffusion_level, " + columns + ")"
                            + " SELECT (SELECT max(id_synthese) + 1 FROM gn_synthese.synthese), gen_random_uuid(), " + point + ", "
                            + point + ", ST_Transform(" + point + ", 2154), " + sensitivity("0") + ", NULL, " + columns
                            + " FROM gn_synthese.synthese s WHERE s.id_synthese = (SELECT min(s2.id_synthese) FROM gn_synthese.synthese s2"
                            + " JOIN taxonomie.taxref t ON t.cd_nom = s2.cd_nom WHERE t.group2_inpn = 'Oiseaux') RETURNING id_synthese")) {
                rs.next();
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
