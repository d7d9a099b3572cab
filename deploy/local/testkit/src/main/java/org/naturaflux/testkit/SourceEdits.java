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
     * Inserts, in one statement of the caller's transaction, one copy of the source's first bird
     * observation (INPN group "Oiseaux") seen present (observation status "Pr", which fluxes take by default)
     * per point given (WGS84 lon, lat), precise and not sensitive (code 0). Returns the new ids.
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
        // One statement: the copies land together, as one bulk change.
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < lonLats.size(); i++) {
            points.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "(%d, ST_SetSRID(ST_MakePoint(%f, %f), 4326))",
                    i + 1, lonLats.get(i)[0], lonLats.get(i)[1]));
        }
        List<Long> ids = new ArrayList<>();
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(
                "INSERT INTO gn_synthese.synthese (id_synthese, unique_id_sinp, the_geom_4326, the_geom_point, the_geom_local,"
                        + " id_nomenclature_sensitivity, id_nomenclature_diffusion_level, " + columns + ")"
                        + " SELECT (SELECT max(id_synthese) FROM gn_synthese.synthese) + p.nf_n, gen_random_uuid(), p.nf_geom, p.nf_geom,"
                        + " ST_Transform(p.nf_geom, 2154), " + sensitivity("0") + ", NULL, " + columns
                        + " FROM (SELECT s.* FROM gn_synthese.synthese s JOIN taxonomie.taxref t ON t.cd_nom = s.cd_nom"
                        + " JOIN ref_nomenclatures.t_nomenclatures o ON o.id_nomenclature = s.id_nomenclature_observation_status"
                        + " AND o.cd_nomenclature = 'Pr'"
                        + " WHERE t.group2_inpn = 'Oiseaux' ORDER BY s.id_synthese LIMIT 1) template,"
                        + " (VALUES " + points + ") AS p(nf_n, nf_geom) ORDER BY p.nf_n RETURNING id_synthese")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
