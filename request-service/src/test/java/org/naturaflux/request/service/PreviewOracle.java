package org.naturaflux.request.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.naturaflux.request.SourceAccess;

/**
 * The preview's oracle, SQL written here on the test source: for each previewed record, its level from its codes
 * under the standard rules (as {@link EstimateOracle} states them: 0 PRECISE ... 4 WITHHELD), its taxon's valid name
 * and first day, and how far (Hausdorff distance, degrees) the previewed geometry lies from what its level allows:
 * the record's own WGS84 geometry when PRECISE, otherwise the union of the enabled areas of its level's type that
 * its precise geometry intersects, transformed by PostGIS.
 */
public final class PreviewOracle {

    /** The levels by their number in the oracle. */
    static final List<String> LEVELS = List.of("PRECISE", "COMMUNE", "GRID", "DEPARTEMENT", "WITHHELD");

    private PreviewOracle() {
    }

    /** What the source says of one previewed record. */
    public record Truth(String level, String nomValide, LocalDate dateDebut, double distance) {
    }

    /**
     * @param geoJson  each record's previewed geometry (GeoJSON) by its id
     * @param gridType the area type of the GRID level
     */
    public static Map<Long, Truth> of(Map<Long, String> geoJson, String gridType) throws SQLException {
        String sql = "WITH f(id, gj) AS (SELECT * FROM unnest(?::bigint[], ?::text[])),"
                + " r AS (SELECT f.id, ST_SetSRID(ST_GeomFromGeoJSON(f.gj), 4326) AS fg, s.the_geom_local AS loc,"
                + "  s.the_geom_4326 AS wgs, t.nom_valide, s.date_min::date AS d,"
                + "  GREATEST(CASE ns.cd_nomenclature WHEN '0' THEN 0 WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '3' THEN 3 ELSE 4 END,"
                + "   CASE WHEN nd.cd_nomenclature IS NULL OR nd.cd_nomenclature IN ('0', '5') THEN 0"
                + "   WHEN nd.cd_nomenclature = '1' THEN 1 WHEN nd.cd_nomenclature = '2' THEN 2"
                + "   WHEN nd.cd_nomenclature = '3' THEN 3 ELSE 4 END) AS lvl"
                + "  FROM f JOIN gn_synthese.synthese s ON s.id_synthese = f.id"
                + "  LEFT JOIN taxonomie.taxref t ON t.cd_nom = s.cd_nom"
                + "  LEFT JOIN ref_nomenclatures.t_nomenclatures ns ON ns.id_nomenclature = s.id_nomenclature_sensitivity"
                + "  LEFT JOIN ref_nomenclatures.t_nomenclatures nd ON nd.id_nomenclature = s.id_nomenclature_diffusion_level)"
                + " SELECT r.id, r.lvl, r.nom_valide, r.d, CASE WHEN r.lvl = 0 THEN ST_HausdorffDistance(r.fg, r.wgs)"
                + "  WHEN r.lvl = 4 THEN NULL"
                + "  ELSE ST_HausdorffDistance(r.fg, (SELECT ST_Transform(ST_Union(a.geom), 4326) FROM ref_geo.l_areas a"
                + "   JOIN ref_geo.bib_areas_types b ON b.id_type = a.id_type"
                + "   WHERE a.enable AND b.type_code = (ARRAY['COM', ?, 'DEP'])[r.lvl] AND ST_Intersects(a.geom, r.loc))) END"
                + " FROM r";
        Map<Long, Truth> truths = new HashMap<>();
        try (Connection db = SourceAccess.connect(); PreparedStatement st = db.prepareStatement(sql)) {
            st.setArray(1, db.createArrayOf("bigint", geoJson.keySet().toArray()));
            st.setArray(2, db.createArrayOf("text", geoJson.keySet().stream().map(geoJson::get).toArray()));
            st.setString(3, gridType);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    double distance = rs.getDouble(5);
                    truths.put(rs.getLong(1), new Truth(LEVELS.get(rs.getInt(2)), rs.getString(3),
                            rs.getObject(4, LocalDate.class), rs.wasNull() ? Double.NaN : distance));
                }
            }
        }
        return truths;
    }
}
