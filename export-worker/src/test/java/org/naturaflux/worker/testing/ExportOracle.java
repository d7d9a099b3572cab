package org.naturaflux.worker.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an export of the demo source must contain, computed in PostGIS by SQL written here, from the
 * platform's documented rules (DOMAIN.md, sensitivity-lib's README), independently of the worker and
 * its libraries:
 * <ul>
 *   <li>only present records (observation status {@code STATUT_OBS} "Pr"), a flux's default record filter: the
 *       others are neither selected nor counted as withheld;</li>
 *   <li>level = the coarsest of SENSIBILITE (0 precise, 1 commune, 2 10 km cell, 3 département, 4 or
 *       NULL withheld) and NIV_PRECIS (1, 2, 3, 4 restrict; 0, 5 and NULL do not);</li>
 *   <li>a precise record is selected when its geometry meets the territory; a degraded one when one of
 *       the areas of its level's type (COM, M10, DEP) that it touches shares surface with the territory:
 *       more than a millionth of the smaller of the two (source-lib's README states the rule; sharing a boundary is not
 *       enough, nor the slivers a union of adjacent areas leaves along their common borders);</li>
 *   <li>a degraded record's geometry is the union of those areas; a record they do not cover (beyond
 *       1 m) is withheld, cause NO_AREA;</li>
 *   <li>its scrubbed fields are empty, its precision at least its areas' envelope diagonal, its
 *       communes those sharing area with its degraded geometry, its label says the level applied.</li>
 * </ul>
 */
public final class ExportOracle {

    /** What one selected record must look like in the files. */
    public record Expected(long id, int level, String label, String geometryWkt, Set<String> areaCodes,
                           boolean covered, Set<String> communesAtLeast, Set<String> communesAtMost, Integer precision,
                           Double centroidX, Double centroidY, Map<String, String> source) {
        public boolean exported() {
            return level == 0 || covered;
        }
    }

    /** Withheld records per cause, as the manifest reports them. */
    public record Withheld(long sensitivity, long unknownSensitivity, long noArea) {
    }

    private static final String LEVELS = """
            coded AS (
              SELECT s.*, ns.cd_nomenclature AS s_code, nd.cd_nomenclature AS d_code,
                CASE ns.cd_nomenclature WHEN '0' THEN 0 WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '3' THEN 3 ELSE 4 END AS by_s,
                CASE nd.cd_nomenclature WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '3' THEN 3 WHEN '4' THEN 4 ELSE 0 END AS by_d
              FROM gn_synthese.synthese s
              LEFT JOIN ref_nomenclatures.t_nomenclatures ns ON ns.id_nomenclature = s.id_nomenclature_sensitivity
              LEFT JOIN ref_nomenclatures.t_nomenclatures nd ON nd.id_nomenclature = s.id_nomenclature_diffusion_level
              WHERE s.id_nomenclature_observation_status IN (SELECT o.id_nomenclature FROM ref_nomenclatures.t_nomenclatures o
                JOIN ref_nomenclatures.bib_nomenclatures_types ot ON ot.id_type = o.id_type
                WHERE ot.mnemonique = 'STATUT_OBS' AND o.cd_nomenclature = 'Pr')),
            typed AS (
              SELECT c.*, GREATEST(c.by_s, c.by_d) AS lvl,
                CASE GREATEST(c.by_s, c.by_d) WHEN 1 THEN 'COM' WHEN 2 THEN 'M10' WHEN 3 THEN 'DEP' END AS area_type
              FROM coded c)
            """;

    private final Connection connection;

    public ExportOracle(Connection connection) {
        this.connection = connection;
    }

    /**
     * A territory given as WKT in EPSG:4326, as SQL over the parameter: its edges straight in WGS84
     * (RFC 7946), so cut into steps of 1e-4° (about 10 m) before it is transformed.
     */
    public static String wktTerritory() {
        return "ST_Transform(ST_Segmentize(ST_GeomFromText(?, 4326), 1e-4), 2154)";
    }

    /** A territory given as areas (type code, area code pairs), as SQL over two text-array parameters. */
    public static String areasTerritory() {
        return "(SELECT ST_Union(a.geom) FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type"
                + " JOIN unnest(?::text[], ?::text[]) w(type_code, area_code) ON w.type_code = t.type_code AND w.area_code = a.area_code)";
    }

    /**
     * Every record the export of this territory (SQL over {@code parameters}) and these INPN groups
     * (null: all taxa) selects, by id.
     */
    public Map<Long, Expected> expected(String territorySql, Object[] parameters, String[] groups) throws SQLException {
        // Degraded records are grouped by the set of areas they touch: the union, codes and communes of
        // each distinct set are computed once.
        String sql = "WITH terr AS MATERIALIZED (SELECT " + territorySql + " AS geom),\n" + LEVELS + """
                , per_record AS MATERIALIZED (
                  SELECT t.id_synthese, array_agg(a.id_area ORDER BY a.id_area) AS area_ids
                  FROM typed t JOIN ref_geo.l_areas a ON ST_Intersects(a.geom, t.the_geom_local)
                  JOIN ref_geo.bib_areas_types bat ON bat.id_type = a.id_type AND bat.type_code = t.area_type
                  WHERE t.lvl BETWEEN 1 AND 3 GROUP BY t.id_synthese),
                meeting AS MATERIALIZED (
                  SELECT DISTINCT p.area_ids FROM per_record p WHERE EXISTS (SELECT 1 FROM ref_geo.l_areas a
                    WHERE a.id_area = ANY(p.area_ids) AND ST_Intersects(a.geom, (SELECT geom FROM terr))
                      AND ST_Area(ST_Intersection(a.geom, (SELECT geom FROM terr)))
                          > 1e-6 * LEAST(ST_Area(a.geom), ST_Area((SELECT geom FROM terr))))),
                footprint AS MATERIALIZED (
                  SELECT m.area_ids, ST_Union(a.geom) AS u_local, ST_Union(a.geom_4326) AS u_4326, array_agg(a.area_code) AS codes
                  FROM meeting m JOIN ref_geo.l_areas a ON a.id_area = ANY(m.area_ids) GROUP BY m.area_ids),
                communes AS MATERIALIZED (
                  SELECT f.area_ids,
                    array_agg(c.area_name) FILTER (WHERE ST_Area(ST_Intersection(c.geom, f.u_local)) > 1.0) AS at_least,
                    array_agg(c.area_name) AS at_most
                  FROM footprint f JOIN ref_geo.l_areas c ON ST_Intersects(c.geom, f.u_local)
                  JOIN ref_geo.bib_areas_types ct ON ct.id_type = c.id_type AND ct.type_code = 'COM'
                  GROUP BY f.area_ids),
                selected AS (
                  SELECT t.*, f.u_local, f.u_4326, f.codes, cm.at_least, cm.at_most
                  FROM typed t LEFT JOIN per_record p USING (id_synthese)
                  LEFT JOIN footprint f ON f.area_ids = p.area_ids
                  LEFT JOIN communes cm ON cm.area_ids = p.area_ids
                  LEFT JOIN taxonomie.taxref tx ON tx.cd_nom = t.cd_nom
                  WHERE ((t.lvl = 0 AND ST_Intersects(t.the_geom_local, (SELECT geom FROM terr)))
                     OR (t.lvl BETWEEN 1 AND 3 AND f.area_ids IS NOT NULL))
                    AND (?::text[] IS NULL OR tx.group1_inpn = ANY(?::text[]) OR tx.group2_inpn = ANY(?::text[])
                         OR tx.group3_inpn = ANY(?::text[])))
                SELECT sel.id_synthese, sel.lvl, sel.s_code, sel.by_s, sel.by_d,
                  ST_AsText(CASE WHEN sel.lvl = 0 THEN sel.the_geom_4326 ELSE sel.u_4326 END),
                  sel.codes,
                  sel.lvl = 0 OR ST_Covers(ST_Buffer(sel.u_local, 1.0), sel.the_geom_local),
                  CASE WHEN sel.lvl > 0 THEN sel.at_least
                    ELSE (SELECT array_agg(c.area_name) FROM gn_synthese.cor_area_synthese cas
                       JOIN ref_geo.l_areas c ON c.id_area = cas.id_area
                       JOIN ref_geo.bib_areas_types ct ON ct.id_type = c.id_type AND ct.type_code = 'COM'
                       WHERE cas.id_synthese = sel.id_synthese) END,
                  sel.at_most,
                  CASE WHEN sel.lvl = 0 THEN sel.precision
                    ELSE GREATEST(sel.precision, ceil(sqrt(power(ST_XMax(sel.u_local) - ST_XMin(sel.u_local), 2)
                         + power(ST_YMax(sel.u_local) - ST_YMin(sel.u_local), 2)))::int) END,
                  ST_X(ST_Centroid(CASE WHEN sel.lvl = 0 THEN sel.the_geom_4326 ELSE sel.u_4326 END)),
                  ST_Y(ST_Centroid(CASE WHEN sel.lvl = 0 THEN sel.the_geom_4326 ELSE sel.u_4326 END)),
                  sel.place_name, sel.comment_context, sel.comment_description, sel.validation_comment,
                  sel.digital_proof, sel.non_digital_proof, sel.grp_method, sel.reference_biblio,
                  sel.entity_source_pk_value, sel.unique_id_sinp::text, sel.unique_id_sinp_grp::text,
                  sel.altitude_min::text, sel.additional_data::text, sel.date_min::date::text,
                  (SELECT tx.nom_valide FROM taxonomie.taxref tx WHERE tx.cd_nom = sel.cd_nom), sel.observers
                FROM selected sel
                """;
        Map<Long, Expected> expected = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            for (Object parameter : parameters) {
                if (parameter instanceof String[] array) {
                    statement.setArray(i++, connection.createArrayOf("text", array));
                } else {
                    statement.setObject(i++, parameter);
                }
            }
            for (int g = 0; g < 4; g++) {
                statement.setArray(i++, groups == null ? null : connection.createArrayOf("text", groups));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    int level = rs.getInt(2);
                    String sCode = rs.getString(3);
                    boolean producer = rs.getInt(5) > rs.getInt(4);
                    Map<String, String> source = new HashMap<>();
                    String[] columns = {"nom_lieu", "comment_releve", "comment_occurrence", "comment_validation",
                            "preuve_numerique_url", "preuve_non_numerique", "methode_regroupement", "reference_biblio",
                            "id_origine", "uuid_perm_sinp", "uuid_perm_grp_sinp", "alti_min", "champs_additionnels",
                            "date_debut", "nom_valide", "observateurs"};
                    for (int c = 0; c < columns.length; c++) {
                        source.put(columns[c], rs.getString(14 + c));
                    }
                    Integer precision = (Integer) rs.getObject(11);
                    expected.put(id, new Expected(id, level, label(sCode, level, producer), rs.getString(6),
                            strings(rs.getArray(7)), rs.getBoolean(8), strings(rs.getArray(9)),
                            level == 0 ? strings(rs.getArray(9)) : strings(rs.getArray(10)), precision,
                            rs.getDouble(12), rs.getDouble(13), source));
                }
            }
        }
        return expected;
    }

    /**
     * The records the rules withhold (level 4) whose département meets the territory, per cause
     * (NULL sensitivity under the default policy, or SENSIBILITE / NIV_PRECIS 4), plus {@code noArea}.
     */
    public Withheld withheld(String territorySql, Object[] parameters, long noArea) throws SQLException {
        String sql = "WITH terr AS MATERIALIZED (SELECT " + territorySql + " AS geom),\n" + LEVELS + """
                SELECT count(*) FILTER (WHERE t.s_code IS NOT NULL), count(*) FILTER (WHERE t.s_code IS NULL)
                FROM typed t WHERE t.lvl = 4 AND EXISTS (SELECT 1 FROM ref_geo.l_areas a
                  JOIN ref_geo.bib_areas_types bat ON bat.id_type = a.id_type AND bat.type_code = 'DEP'
                  WHERE ST_Intersects(a.geom, t.the_geom_local) AND ST_Intersects(a.geom, (SELECT geom FROM terr))
                    AND ST_Area(ST_Intersection(a.geom, (SELECT geom FROM terr)))
                        > 1e-6 * LEAST(ST_Area(a.geom), ST_Area((SELECT geom FROM terr))))
                """;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            for (Object parameter : parameters) {
                if (parameter instanceof String[] array) {
                    statement.setArray(i++, connection.createArrayOf("text", array));
                } else {
                    statement.setObject(i++, parameter);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new Withheld(rs.getLong(1), rs.getLong(2), noArea);
            }
        }
    }

    /** The {@code niveau_sensibilite} label of what is applied (sensitivity-lib's README, SINP wordings). */
    static String label(String sensitivityCode, int level, boolean producerRestricted) {
        String who = "0".equals(sensitivityCode) ? "Non sensible" : "Sensible";
        String wording = switch (level) {
            case 0 -> "Diffusion précise";
            case 1 -> "Diffusion à la Commune ou Znieff";
            case 2 -> "Diffusion à la maille 10km";
            case 3 -> "Diffusion au département";
            default -> null;
        };
        return wording == null ? null : who + " - " + wording + (producerRestricted ? " (restriction du producteur)" : "");
    }

    private static Set<String> strings(java.sql.Array array) throws SQLException {
        Set<String> values = new TreeSet<>();
        if (array != null) {
            values.addAll(Arrays.asList((String[]) array.getArray()));
        }
        return values;
    }
}
