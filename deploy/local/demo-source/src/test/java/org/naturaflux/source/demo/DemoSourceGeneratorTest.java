package org.naturaflux.source.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.naturaflux.testkit.IsolatedDatabase;

/**
 * The demo source, checked in SQL against what it claims: geography, grids, taxonomy, proportions,
 * canaries, {@code cor_area_synthese} as GeoNature's triggers compute it, and determinism.
 */
class DemoSourceGeneratorTest {

    private static final int ROWS = 20_000;
    private static final String CANARY_COLUMNS = "place_name, comment_context, comment_description, additional_data::text,"
            + " digital_proof, non_digital_proof, validation_comment, entity_source_pk_value";
    private static IsolatedDatabase database;
    private static Connection connection;
    private static DemoSourceGenerator.Summary summary;

    @BeforeAll
    static void generate() throws SQLException {
        database = IsolatedDatabase.create(DemoSourceGeneratorTest.class);
        connection = database.connect();
        summary = new DemoSourceGenerator(connection, 42).regenerate(ROWS);
    }

    @AfterAll
    static void drop() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theSummaryTellsWhatWasGenerated() throws SQLException {
        assertThat(summary.observations()).isEqualTo(ROWS).isEqualTo(single("SELECT count(*) FROM gn_synthese.synthese"));
        assertThat(summary.areas()).containsEntry("DEP", 8L).containsEntry("COM", 1268L).containsKeys("M1", "M5", "M10", "ZNIEFF1");
        assertThat(summary.taxa()).isBetween(300L, 1000L).isEqualTo(single("SELECT count(*) FROM taxonomie.taxref"));
        assertThat(summary.areaLinks()).isEqualTo(single("SELECT count(*) FROM gn_synthese.cor_area_synthese"));
        assertThat(summary.stages()).containsKeys("observations", "cor_area_synthese", "keys and indexes");
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void theEightDepartementsAreTiledByTheirCommunes() throws SQLException {
        assertThat(strings("SELECT a.area_code || ' ' || a.area_name FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t"
                + " USING (id_type) WHERE t.type_code = 'DEP' ORDER BY 1")).containsExactly("75 Paris", "77 Seine-et-Marne",
                "78 Yvelines", "91 Essonne", "92 Hauts-de-Seine", "93 Seine-Saint-Denis", "94 Val-de-Marne", "95 Val-d'Oise");
        String communes = "SELECT d.area_code, d.geom, ST_Area(d.geom) AS dep_area, sum(ST_Area(c.geom)) AS sum_area,"
                + " ST_Area(ST_Union(c.geom)) AS union_area, count(*) AS n, bool_and(ST_CoveredBy(c.geom, ST_Buffer(d.geom, 0.01))) AS inside"
                + " FROM ref_geo.l_areas d JOIN ref_geo.bib_areas_types dt ON dt.id_type = d.id_type AND dt.type_code = 'DEP'"
                + " JOIN ref_geo.l_areas c ON left(c.area_code, 2) = d.area_code JOIN ref_geo.bib_areas_types ct"
                + " ON ct.id_type = c.id_type AND ct.type_code = 'COM' GROUP BY d.area_code, d.geom ORDER BY d.area_code";
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement st = connection.prepareStatement(communes); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                double area = rs.getDouble("dep_area");
                assertThat(rs.getDouble("sum_area")).as("communes of %s cover it once", rs.getString(1)).isCloseTo(area, within(area * 1e-6));
                assertThat(rs.getDouble("union_area")).as("communes of %s do not overlap", rs.getString(1)).isCloseTo(area, within(area * 1e-6));
                assertThat(rs.getBoolean("inside")).isTrue();
                counts.put(rs.getString(1), rs.getLong("n"));
            }
        }
        assertThat(counts).isEqualTo(Map.of("75", 1L, "77", 507L, "78", 259L, "91", 194L, "92", 36L, "93", 40L, "94", 47L,
                "95", 184L));
        assertThat(strings("SELECT area_code FROM ref_geo.l_areas WHERE area_name = 'Paris'")).contains("75056", "75");
        assertThat(single("SELECT count(DISTINCT area_name) FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t USING (id_type)"
                + " WHERE t.type_code = 'COM'")).isEqualTo(1268);
        // the region lies where Île-de-France lies, around Paris
        double[] paris = doubles("SELECT ST_X(ST_Centroid(geom_4326)), ST_Y(ST_Centroid(geom_4326)) FROM ref_geo.l_areas"
                + " WHERE area_code = '75056'");
        assertThat(paris[0]).isCloseTo(2.35, within(0.05));
        assertThat(paris[1]).isCloseTo(48.86, within(0.05));
    }

    @Test
    void taxonStatusesAreLinkedAsTaxHubLinksThem() throws SQLException {
        String textAreas = "SELECT count(*) FROM taxonomie.bdc_statut_cor_text_area ta"
                + " JOIN ref_geo.l_areas a ON a.id_area = ta.id_area JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type"
                + " JOIN taxonomie.bdc_statut_text x ON x.id_text = ta.id_text WHERE t.type_code = 'DEP' AND ";
        // national and regional texts in every demo département (all in Île-de-France), a departmental one in its own
        assertThat(single(textAreas + "x.niveau_admin IN ('État', 'Région')"))
                .isEqualTo(8 * single("SELECT count(*) FROM taxonomie.bdc_statut_text WHERE niveau_admin IN ('État', 'Région')"));
        assertThat(single(textAreas + "x.cd_st_text = 'PD_77' AND a.area_code = '77'")).isEqualTo(1);
        assertThat(single(textAreas + "x.cd_st_text = 'PD_77'")).isEqualTo(1);
        assertThat(single("SELECT count(*) FROM taxonomie.bdc_statut_cor_text_area")).isEqualTo(single(textAreas + "true"));
        // every status of a TAXREF name, under its accepted cd_ref; one listed under a synonym's name
        assertThat(single("SELECT count(*) FROM taxonomie.bdc_statut_taxons s JOIN taxonomie.taxref t ON t.cd_nom = s.cd_nom"
                + " AND t.cd_ref = s.cd_ref")).isEqualTo(single("SELECT count(*) FROM taxonomie.bdc_statut_taxons")).isGreaterThan(150);
        assertThat(single("SELECT count(*) FROM taxonomie.bdc_statut_taxons WHERE cd_nom <> cd_ref")).isEqualTo(1);
        assertThat(single("SELECT count(*) FROM taxonomie.bdc_statut_text WHERE NOT enable")).isEqualTo(1);
        assertThat(single("SELECT count(DISTINCT cd_type_statut) FROM taxonomie.bdc_statut_text")).isEqualTo(8);
        // the raw table holds the same statuses
        assertThat(single("SELECT count(*) FROM taxonomie.bdc_statut")).isEqualTo(single("SELECT count(*) FROM taxonomie.bdc_statut_taxons"));
    }

    @Test
    void gridCellsAreLambert93SquaresNamedAsTheInpnNamesThem() throws SQLException {
        for (String[] grid : new String[][]{{"M10", "10000", "'10kmL93E' || lpad((ST_XMin(geom) / 10000)::int::text, 3, '0')"
                + " || 'N' || lpad((ST_YMin(geom) / 10000)::int::text, 3, '0')"},
                {"M5", "5000", "'5kmL93E' || lpad((ST_XMin(geom) / 1000)::int::text, 4, '0') || 'N' || lpad((ST_YMin(geom) / 1000)::int::text, 4, '0')"},
                {"M1", "1000", "'1kmL93E' || lpad((ST_XMin(geom) / 1000)::int::text, 4, '0') || 'N' || lpad((ST_YMin(geom) / 1000)::int::text, 4, '0')"}}) {
            String cells = " FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t USING (id_type) WHERE t.type_code = '" + grid[0] + "'";
            assertThat(single("SELECT count(*)" + cells)).as(grid[0]).isPositive();
            assertThat(single("SELECT count(*)" + cells + " AND (area_code <> " + grid[2]
                    + " OR ST_XMin(geom)::numeric % " + grid[1] + " <> 0 OR ST_YMin(geom)::numeric % " + grid[1] + " <> 0"
                    + " OR abs(ST_Area(geom) - " + grid[1] + "::float8 * " + grid[1] + ") > 1e-3 OR ST_NPoints(geom) <> 5)")).as(grid[0]).isZero();
        }
        assertThat(strings("SELECT area_code FROM ref_geo.l_areas WHERE area_code = '10kmL93E065N686'")).hasSize(1);
        assertThat(strings("SELECT area_code FROM ref_geo.l_areas WHERE area_code = '5kmL93E0650N6860'")).hasSize(1);
        assertThat(strings("SELECT area_code FROM ref_geo.l_areas WHERE area_code = '1kmL93E0652N6861'")).hasSize(1);
        // every area in both projections, the same place
        assertThat(single("SELECT count(*) FROM ref_geo.l_areas WHERE geom_4326 IS NULL OR centroid IS NULL"
                + " OR ST_HausdorffDistance(ST_Transform(geom_4326, 2154), geom) > 0.01")).isZero();
        // the grids cover the region
        assertThat(single("SELECT count(*) FROM ref_geo.l_areas d JOIN ref_geo.bib_areas_types t USING (id_type)"
                + " WHERE t.type_code = 'DEP' AND NOT ST_CoveredBy(d.geom, (SELECT ST_Union(geom) FROM ref_geo.l_areas"
                + " JOIN ref_geo.bib_areas_types g USING (id_type) WHERE g.type_code = 'M10'))")).isZero();
    }

    @Test
    void theTaxonomyIsATreeWithSynonymsAndInpnGroups() throws SQLException {
        assertThat(single("WITH RECURSIVE up(start, cd_nom, cd_sup, depth) AS (SELECT cd_nom, cd_nom, cd_sup, 0 FROM taxonomie.taxref"
                + " UNION ALL SELECT up.start, t.cd_nom, t.cd_sup, up.depth + 1 FROM up JOIN taxonomie.taxref t ON t.cd_nom = up.cd_sup"
                + " WHERE up.depth < 20) SELECT count(*) FROM taxonomie.taxref x WHERE NOT EXISTS (SELECT 1 FROM up"
                + " JOIN taxonomie.taxref root ON root.cd_nom = up.cd_nom WHERE up.start = x.cd_nom AND up.cd_sup IS NULL"
                + " AND root.id_rang = 'KD')")).as("taxa whose cd_sup chain does not end at a kingdom").isZero();
        assertThat(strings("SELECT DISTINCT id_rang FROM taxonomie.taxref ORDER BY 1"))
                .containsExactly("CL", "ES", "FM", "GN", "KD", "OR", "PH", "SSES");
        assertThat(single("SELECT count(*) FROM taxonomie.taxref WHERE cd_nom <> cd_ref")).isGreaterThan(10);
        assertThat(single("SELECT count(*) FROM taxonomie.taxref s JOIN taxonomie.taxref v ON v.cd_nom = s.cd_ref"
                + " WHERE s.cd_nom <> s.cd_ref AND (v.cd_nom <> v.cd_ref OR v.nom_valide <> s.nom_valide)")).isZero();
        assertThat(strings("SELECT DISTINCT group2_inpn FROM taxonomie.taxref WHERE group2_inpn IS NOT NULL"))
                .contains("Oiseaux", "Mammifères", "Amphibiens", "Reptiles", "Insectes", "Angiospermes", "Fougères");
        assertThat(strings("SELECT DISTINCT group1_inpn FROM taxonomie.taxref WHERE group1_inpn IS NOT NULL"))
                .contains("Chordés", "Arthropodes", "Trachéophytes");
        assertThat(single("SELECT count(*) FROM taxonomie.taxref WHERE id_rang = 'ES' AND cd_nom = cd_ref AND nom_vern IS NULL")).isZero();
        // observers cite species, subspecies and synonyms
        assertThat(strings("SELECT DISTINCT t.id_rang || (t.cd_nom = t.cd_ref)::text FROM gn_synthese.synthese s"
                + " JOIN taxonomie.taxref t USING (cd_nom)")).containsExactlyInAnyOrder("EStrue", "SSEStrue", "ESfalse");
    }

    @Test
    void observationsLookLikeASynthesis() throws SQLException {
        Map<String, Long> sensitivity = counts("SELECT coalesce(n.cd_nomenclature, 'NULL'), count(*) FROM gn_synthese.synthese s"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures n ON n.id_nomenclature = s.id_nomenclature_sensitivity GROUP BY 1");
        assertThat(share(sensitivity, "0")).isBetween(0.70, 0.90);
        assertThat(share(sensitivity, "NULL")).isBetween(0.02, 0.07);
        for (String code : List.of("1", "2", "3")) {
            assertThat(share(sensitivity, code)).as("sensitivity %s", code).isBetween(0.015, 0.10);
        }
        assertThat(share(sensitivity, "4")).isBetween(0.005, 0.05);
        Map<String, Long> diffusion = counts("SELECT coalesce(n.cd_nomenclature, 'NULL'), count(*) FROM gn_synthese.synthese s"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures n ON n.id_nomenclature = s.id_nomenclature_diffusion_level GROUP BY 1");
        assertThat(diffusion.keySet()).containsExactlyInAnyOrder("NULL", "0", "1", "2", "3", "4", "5");
        Map<String, Long> shapes = counts("SELECT ST_GeometryType(the_geom_local), count(*) FROM gn_synthese.synthese GROUP BY 1");
        assertThat(share(shapes, "ST_Point")).isBetween(0.85, 0.95);
        assertThat(shapes.keySet()).containsExactlyInAnyOrder("ST_Point", "ST_LineString", "ST_Polygon");
        double[] years = doubles("SELECT min(extract(year FROM date_min)), max(extract(year FROM date_min)) FROM gn_synthese.synthese");
        assertThat(years[1] - years[0]).isGreaterThanOrEqualTo(28);
        assertThat(single("SELECT count(*) FROM gn_synthese.synthese WHERE date_max < date_min OR meta_update_date < meta_create_date"
                + " OR the_geom_4326 IS NULL OR the_geom_point IS NULL OR observers IS NULL OR unique_id_sinp IS NULL"
                + " OR ST_Distance(ST_Transform(the_geom_4326, 2154), the_geom_local) > 0.01")).isZero();
        // every observation lies in the region: in a département, linked to it
        assertThat(single("SELECT count(*) FROM gn_synthese.synthese s WHERE NOT EXISTS (SELECT 1 FROM gn_synthese.cor_area_synthese c"
                + " JOIN ref_geo.l_areas a ON a.id_area = c.id_area JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type"
                + " WHERE c.id_synthese = s.id_synthese AND t.type_code = 'DEP')")).isZero();
        assertThat(single("SELECT count(DISTINCT observers) FROM gn_synthese.synthese")).isGreaterThan(40);
        assertThat(single("SELECT count(*) FROM gn_synthese.synthese WHERE digital_proof LIKE 'https://%'")).isPositive();
    }

    @Test
    void exactlyTheRecordsThatMustNotComeOutPreciseCarryTheirCanaryEverywhere() throws SQLException {
        String mustNotBePrecise = "(ns.cd_nomenclature IS NULL OR ns.cd_nomenclature IN ('1', '2', '3', '4')"
                + " OR nd.cd_nomenclature IN ('1', '2', '3', '4'))";
        String from = " FROM gn_synthese.synthese s LEFT JOIN ref_nomenclatures.t_nomenclatures ns"
                + " ON ns.id_nomenclature = s.id_nomenclature_sensitivity LEFT JOIN ref_nomenclatures.t_nomenclatures nd"
                + " ON nd.id_nomenclature = s.id_nomenclature_diffusion_level";
        StringBuilder everyColumnHasIt = new StringBuilder("true");
        StringBuilder anyColumnHasOne = new StringBuilder("false");
        for (String column : CANARY_COLUMNS.split(", ")) {
            everyColumnHasIt.append(" AND position('").append(DemoSourceGenerator.CANARY_PREFIX).append("' || s.id_synthese IN coalesce(")
                    .append(column).append(", '')) > 0");
            anyColumnHasOne.append(" OR coalesce(").append(column).append(", '') LIKE '%").append(DemoSourceGenerator.CANARY_PREFIX).append("%'");
        }
        long sensitive = single("SELECT count(*)" + from + " WHERE " + mustNotBePrecise);
        assertThat(sensitive).isGreaterThan(ROWS / 10);
        assertThat(single("SELECT count(*)" + from + " WHERE " + mustNotBePrecise + " AND NOT (" + everyColumnHasIt + ")")).isZero();
        assertThat(single("SELECT count(*)" + from + " WHERE NOT " + mustNotBePrecise + " AND (" + anyColumnHasOne + ")")).isZero();
        assertThat(single("SELECT count(*) FROM gn_synthese.synthese WHERE place_name LIKE '%"
                + DemoSourceGenerator.canary(3) + "' AND id_synthese <> 3")).isZero();
    }

    @Test
    void areaLinksAreThoseGeoNaturesTriggersCompute() throws SQLException {
        String geonature = "SELECT s.id_synthese, a.id_area FROM gn_synthese.synthese s JOIN ref_geo.l_areas a"
                + " ON ST_Intersects(s.the_geom_local, a.geom) WHERE a.enable"
                + " AND (ST_GeometryType(s.the_geom_local) = 'ST_Point' OR NOT ST_Touches(s.the_geom_local, a.geom))";
        assertThat(single("SELECT count(*) FROM (" + geonature + " EXCEPT SELECT id_synthese, id_area FROM gn_synthese.cor_area_synthese) missing")).isZero();
        assertThat(single("SELECT count(*) FROM (SELECT id_synthese, id_area FROM gn_synthese.cor_area_synthese EXCEPT " + geonature + ") extra")).isZero();
        assertThat(single("SELECT count(DISTINCT t.type_code) FROM gn_synthese.cor_area_synthese c JOIN ref_geo.l_areas a USING (id_area)"
                + " JOIN ref_geo.bib_areas_types t USING (id_type)")).isEqualTo(6);
    }

    @Test
    void theSameSeedGivesTheSameSourceAndAnotherSeedAnother() throws SQLException {
        String checksum = "SELECT md5(string_agg(concat_ws('|', s.id_synthese, s.unique_id_sinp, s.cd_nom, s.nom_cite,"
                + " ST_AsEWKT(s.the_geom_local), s.date_min, s.observers, s.place_name, s.additional_data,"
                + " s.id_nomenclature_sensitivity, s.id_nomenclature_diffusion_level, s.id_nomenclature_valid_status,"
                + " s.id_dataset, s.cd_hab), ',' ORDER BY s.id_synthese))"
                + " || (SELECT md5(string_agg(area_code || ST_AsEWKT(geom), ',' ORDER BY area_code)) FROM ref_geo.l_areas)"
                + " || (SELECT md5(string_agg(id_synthese || ':' || id_area, ',' ORDER BY id_synthese, id_area))"
                + " FROM gn_synthese.cor_area_synthese) FROM gn_synthese.synthese s";
        String first = strings(checksum).get(0);
        try (IsolatedDatabase other = IsolatedDatabase.create(DemoSourceGeneratorTest.class);
             Connection otherConnection = other.connect()) {
            new DemoSourceGenerator(otherConnection, 42).regenerate(ROWS);
            assertThat(query(otherConnection, checksum)).isEqualTo(first);
            new DemoSourceGenerator(otherConnection, 43).regenerate(ROWS);
            assertThat(query(otherConnection, checksum)).isNotEqualTo(first);
        }
    }

    private static double share(Map<String, Long> counts, String key) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return counts.getOrDefault(key, 0L) / (double) total;
    }

    private static Map<String, Long> counts(String sql) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static long single(String sql) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }

    private static double[] doubles(String sql) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            assertThat(rs.next()).as(sql).isTrue();
            double[] values = new double[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getDouble(i + 1);
            }
            return values;
        }
    }
}
