package org.naturaflux.request.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.naturaflux.request.SourceAccess;

/**
 * The estimate's oracle, SQL written here on the test source: present records only (observation status
 * {@code STATUT_OBS} "Pr", a flux's default record filter: the others are not selected at all); each record's level from its codes under the
 * standard rules (0 PRECISE ... 4 WITHHELD: the coarsest of SENSIBILITE and NIV_PRECIS, a NULL sensitivity
 * withheld), PRECISE records by their geometry in the territory (its WGS84 edges cut in 0.009° steps), the
 * others by an enabled area of their level's type (WITHHELD ones by a département) that lies in the territory
 * or shares surface with it; a degraded line or polygon that its areas, widened by 1 m, do not cover is
 * {@code NO_AREA}; withheld ones by cause; records without a taxon or a dataset under their own cause.
 */
public final class EstimateOracle {

    private EstimateOracle() {
    }

    /** Records of the territory by what becomes of them: a level's name or a withheld cause. */
    public static Map<String, Long> counts(String wkt, String gridType) throws SQLException {
        return counts(wkt, gridType, "true");
    }

    /** The same, of the present records of synthese rows {@code s} that also meet {@code condition} (SQL over {@code s}). */
    public static Map<String, Long> counts(String wkt, String gridType, String condition) throws SQLException {
        String sql = "WITH terr AS MATERIALIZED (SELECT ST_Transform(ST_Segmentize(ST_GeomFromText(?, 4326), 0.009),"
                + "  Find_SRID('gn_synthese', 'synthese', 'the_geom_local')) AS g),"
                + " rec AS MATERIALIZED (SELECT s.the_geom_local AS geom, ns.cd_nomenclature AS sc, nd.cd_nomenclature AS dc,"
                + "  GREATEST(CASE ns.cd_nomenclature WHEN '0' THEN 0 WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '3' THEN 3 ELSE 4 END,"
                + "   CASE WHEN nd.cd_nomenclature IS NULL OR nd.cd_nomenclature IN ('0', '5') THEN 0"
                + "   WHEN nd.cd_nomenclature = '1' THEN 1 WHEN nd.cd_nomenclature = '2' THEN 2"
                + "   WHEN nd.cd_nomenclature = '3' THEN 3 ELSE 4 END) AS lvl,"
                + "  EXISTS (SELECT 1 FROM taxonomie.taxref t WHERE t.cd_nom = s.cd_nom)"
                + "  AND EXISTS (SELECT 1 FROM gn_meta.t_datasets ds WHERE ds.id_dataset = s.id_dataset) AS referenced"
                + "  FROM gn_synthese.synthese s LEFT JOIN ref_nomenclatures.t_nomenclatures ns"
                + "  ON ns.id_nomenclature = s.id_nomenclature_sensitivity LEFT JOIN ref_nomenclatures.t_nomenclatures nd"
                + "  ON nd.id_nomenclature = s.id_nomenclature_diffusion_level WHERE s.the_geom_local IS NOT NULL"
                + "  AND s.id_nomenclature_observation_status IN (SELECT o.id_nomenclature FROM ref_nomenclatures.t_nomenclatures o"
                + "  JOIN ref_nomenclatures.bib_nomenclatures_types ot ON ot.id_type = o.id_type"
                + "  WHERE ot.mnemonique = 'STATUT_OBS' AND o.cd_nomenclature = 'Pr') AND (" + condition + ")),"
                + " typ(lvl, code) AS (VALUES (1, 'COM'), (2, ?), (3, 'DEP'), (4, 'DEP')),"
                + " meeting AS MATERIALIZED (SELECT typ.lvl, a.geom FROM terr, typ"
                + "  JOIN ref_geo.bib_areas_types b ON b.type_code = typ.code JOIN ref_geo.l_areas a ON a.id_type = b.id_type"
                + "  WHERE a.enable AND ST_Intersects(a.geom, terr.g) AND (ST_Covers(terr.g, a.geom)"
                + "  OR ST_Area(ST_Intersection(a.geom, terr.g)) > 1e-6 * LEAST(ST_Area(a.geom), ST_Area(terr.g)))),"
                + " chosen AS (SELECT r.* FROM rec r, terr WHERE r.lvl = 0 AND ST_Intersects(r.geom, terr.g)"
                + "  UNION ALL SELECT r.* FROM rec r WHERE r.lvl > 0"
                + "  AND EXISTS (SELECT 1 FROM meeting m WHERE m.lvl = r.lvl AND ST_Intersects(r.geom, m.geom)))"
                + " SELECT CASE WHEN NOT c.referenced THEN 'NO_TAXON_OR_DATASET'"
                + "  WHEN c.lvl = 4 THEN CASE WHEN (c.sc IS NOT NULL AND c.sc NOT IN ('0', '1', '2', '3', '4'))"
                + "   OR (c.dc IS NOT NULL AND c.dc NOT IN ('0', '1', '2', '3', '4', '5')) THEN 'UNKNOWN_CODE'"
                + "   WHEN c.sc IS NULL THEN 'UNKNOWN_SENSITIVITY' ELSE 'SENSITIVITY' END"
                + "  WHEN c.lvl = 0 THEN 'PRECISE'"
                + "  WHEN ST_GeometryType(c.geom) = 'ST_Point' OR ST_Covers(ST_Buffer((SELECT ST_Union(a.geom)"
                + "   FROM typ JOIN ref_geo.bib_areas_types b ON b.type_code = typ.code"
                + "   JOIN ref_geo.l_areas a ON a.id_type = b.id_type"
                + "   WHERE typ.lvl = c.lvl AND a.enable AND ST_Intersects(a.geom, c.geom)), 1.0), c.geom)"
                + "  THEN (ARRAY['COMMUNE', 'GRID', 'DEPARTEMENT'])[c.lvl] ELSE 'NO_AREA' END, count(*)"
                + " FROM chosen c GROUP BY 1";
        Map<String, Long> counts = new HashMap<>();
        try (Connection db = SourceAccess.connect(); PreparedStatement st = db.prepareStatement(sql)) {
            st.setString(1, wkt);
            st.setString(2, gridType);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }
}
