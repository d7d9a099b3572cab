package org.naturaflux.source.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.sensitivity.SelectionPlan;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.testkit.IsolatedDatabase;

/**
 * The export query against the real PostGIS, compared with an oracle written here in SQL: its own
 * statement of the level rules (a CASE over the nomenclature codes), its own spatial selection
 * (ST_Intersects against l_areas, not cor_area_synthese) and its own taxa resolution.
 */
class ExportQueryTest {

    private static final SelectionPlan PLAN = SensitivityRules.standard().selectionPlan();
    private static final List<FieldDefinition> ALL_FIELDS = FieldCatalogue.standard().fields();
    private static IsolatedDatabase database;
    private static Connection connection;

    @BeforeAll
    static void generate() throws SQLException {
        database = IsolatedDatabase.create(ExportQueryTest.class);
        connection = database.connect();
        new DemoSourceGenerator(connection, 7).regenerate(50_000);
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

    /** The oracle's effective level: 0 precise, 1 commune, 2 grid, 3 département, 4 withheld. */
    private static final String ORACLE_LEVEL = "GREATEST("
            + " CASE ns.cd_nomenclature WHEN '0' THEN 0 WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '3' THEN 3 ELSE 4 END,"
            + " CASE nd.cd_nomenclature WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '3' THEN 3 WHEN '4' THEN 4 ELSE 0 END)";

    private static TreeSet<Long> oracle(String territorySql, String taxaSql) throws SQLException {
        String sql = "WITH terr AS (SELECT " + territorySql + " AS g),"
                + " rec AS (SELECT s.id_synthese, s.the_geom_local, s.cd_nom, " + ORACLE_LEVEL + " AS lvl"
                + "  FROM gn_synthese.synthese s"
                + "  LEFT JOIN ref_nomenclatures.t_nomenclatures ns ON ns.id_nomenclature = s.id_nomenclature_sensitivity"
                + "  LEFT JOIN ref_nomenclatures.t_nomenclatures nd ON nd.id_nomenclature = s.id_nomenclature_diffusion_level)"
                + " SELECT r.id_synthese FROM rec r, terr JOIN LATERAL (SELECT 1) x ON true"
                + " LEFT JOIN taxonomie.taxref t ON true"
                + " WHERE t.cd_nom = r.cd_nom AND (" + taxaSql + ") AND ("
                + "  (r.lvl = 0 AND ST_Intersects(r.the_geom_local, terr.g))"
                + "  OR (r.lvl IN (1, 2, 3) AND EXISTS (SELECT 1 FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types bat"
                + "      ON bat.id_type = a.id_type WHERE bat.type_code = (ARRAY['COM', 'M10', 'DEP'])[r.lvl]"
                + "      AND ST_Intersects(a.geom, r.the_geom_local) AND ST_Relate(a.geom, terr.g, 'T********'))))";
        TreeSet<Long> ids = new TreeSet<>();
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static Map<Long, ObservationRow> export(Territory territory, TaxaFilter taxa) throws SQLException {
        Map<Long, ObservationRow> rows = new HashMap<>();
        try (RowStream stream = ExportQuery.of(territory, taxa, ALL_FIELDS, PLAN).stream(connection, 1000)) {
            for (ObservationRow row = stream.next(); row != null; row = stream.next()) {
                assertThat(rows.put(row.id(), row)).as("one row per record: %s", row.id()).isNull();
            }
        }
        return rows;
    }

    private static String wkt4326(String sql2154) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT ST_AsText(ST_Transform(" + sql2154 + ", 4326))");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void assertSame(Territory territory, TaxaFilter taxa, String oracleTerritory, String oracleTaxa)
            throws SQLException {
        TreeSet<Long> expected = oracle(oracleTerritory, oracleTaxa);
        Map<Long, ObservationRow> rows = export(territory, taxa);
        assertThat(new TreeSet<>(rows.keySet())).isEqualTo(expected);
        assertThat(expected).isNotEmpty();
        ExportQuery query = ExportQuery.of(territory, taxa, ALL_FIELDS, PLAN);
        assertThat(query.count(connection)).isEqualTo(expected.size());
        assertThat(query.estimate(connection)).isPositive();
    }

    @Test
    void polygonTerritoryWithAGroup() throws SQLException {
        String wkt = wkt4326("ST_MakeEnvelope(640000, 6840000, 668000, 6868000, 2154)");
        assertSame(new Territory.Wkt(wkt), new TaxaFilter(List.of("Oiseaux"), List.of()),
                "ST_Transform(ST_GeomFromText('" + wkt + "', 4326), 2154)",
                "t.group1_inpn = 'Oiseaux' OR t.group2_inpn = 'Oiseaux' OR t.group3_inpn = 'Oiseaux'");
    }

    @Test
    void multiPolygonTerritoryWithEveryTaxon() throws SQLException {
        String wkt = wkt4326("ST_Collect(ST_MakeEnvelope(600000, 6850000, 612000, 6861000, 2154),"
                + " ST_MakeEnvelope(700000, 6800000, 709000, 6812000, 2154))");
        assertThat(wkt).startsWith("MULTIPOLYGON");
        assertSame(new Territory.Wkt(wkt), TaxaFilter.all(), "ST_Transform(ST_GeomFromText('" + wkt + "', 4326), 2154)", "true");
    }

    @Test
    void communeCodesWithADescendantTaxon() throws SQLException {
        List<String> communes = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT a.area_code FROM ref_geo.l_areas a"
                + " JOIN ref_geo.bib_areas_types t USING (id_type) WHERE t.type_code = 'COM' AND a.area_code LIKE '91%'"
                + " ORDER BY a.area_code LIMIT 12"); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                communes.add(rs.getString(1));
            }
        }
        int aves;
        try (PreparedStatement st = connection.prepareStatement("SELECT cd_nom FROM taxonomie.taxref WHERE id_rang = 'CL'"
                + " AND classe = 'Aves'"); ResultSet rs = st.executeQuery()) {
            rs.next();
            aves = rs.getInt(1);
        }
        String inList = String.join("','", communes);
        assertSame(new Territory.Areas(communes.stream().map(c -> new AreaRef("COM", c)).toList()),
                new TaxaFilter(List.of(), List.of(aves)),
                "(SELECT ST_Union(geom) FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types bat USING (id_type)"
                        + " WHERE bat.type_code = 'COM' AND a.area_code IN ('" + inList + "'))",
                "t.classe = 'Aves'");
    }

    @Test
    void departementCodeWithTwoGroups() throws SQLException {
        assertSame(new Territory.Areas(List.of(new AreaRef("DEP", "94"))),
                new TaxaFilter(List.of("Mammifères", "Amphibiens"), List.of()),
                "(SELECT geom FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types bat USING (id_type)"
                        + " WHERE bat.type_code = 'DEP' AND a.area_code = '94')",
                "t.group2_inpn IN ('Mammifères', 'Amphibiens')");
    }

    @Test
    void aTinyTerritorySelectsAllOrNoneOfACellsGridRecords() throws SQLException {
        // the busiest 10 km cell with grid-level records, and a 100 m square in its middle
        long cell;
        double x;
        double y;
        try (PreparedStatement st = connection.prepareStatement("SELECT a.id_area, ST_X(ST_Centroid(a.geom)), ST_Y(ST_Centroid(a.geom))"
                + " FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t USING (id_type)"
                + " JOIN gn_synthese.cor_area_synthese c ON c.id_area = a.id_area WHERE t.type_code = 'M10'"
                + " GROUP BY a.id_area ORDER BY count(*) DESC LIMIT 1"); ResultSet rs = st.executeQuery()) {
            rs.next();
            cell = rs.getLong(1);
            x = rs.getDouble(2);
            y = rs.getDouble(3);
        }
        String wkt = wkt4326("ST_MakeEnvelope(" + (x - 50) + ", " + (y - 50) + ", " + (x + 50) + ", " + (y + 50) + ", 2154)");
        Map<Long, ObservationRow> rows = export(new Territory.Wkt(wkt), TaxaFilter.all());
        List<Long> gridRecordsOfTheCell = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT s.id_synthese FROM gn_synthese.synthese s"
                + " JOIN gn_synthese.cor_area_synthese c ON c.id_synthese = s.id_synthese AND c.id_area = ?"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures ns ON ns.id_nomenclature = s.id_nomenclature_sensitivity"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures nd ON nd.id_nomenclature = s.id_nomenclature_diffusion_level"
                + " WHERE " + ORACLE_LEVEL + " = 2")) {
            st.setLong(1, cell);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    gridRecordsOfTheCell.add(rs.getLong(1));
                }
            }
        }
        assertThat(gridRecordsOfTheCell).hasSizeGreaterThan(5);
        assertThat(rows.keySet()).containsAll(gridRecordsOfTheCell);
        assertThat(new TreeSet<>(rows.keySet())).isEqualTo(oracle("ST_Transform(ST_GeomFromText('" + wkt + "', 4326), 2154)", "true"));
    }

    @Test
    void valuesAndLabelsAreThoseOfTheSource() throws SQLException {
        Map<Long, ObservationRow> rows = export(new Territory.Areas(List.of(new AreaRef("DEP", "92"))), TaxaFilter.all());
        int checked = 0;
        String sql = "SELECT s.id_synthese, t.nom_valide, ns.label_default, nv.label_default, d.dataset_name, s.place_name,"
                + " (SELECT string_agg(a.area_name, ', ' ORDER BY a.area_name) FROM ref_geo.l_areas a"
                + "   JOIN ref_geo.bib_areas_types bat USING (id_type) WHERE bat.type_code = 'COM'"
                + "   AND ST_Intersects(a.geom, s.the_geom_local)), s.date_min::date, s.count_min, s.unique_id_sinp,"
                + " ST_AsText(s.the_geom_4326)"
                + " FROM gn_synthese.synthese s JOIN taxonomie.taxref t ON t.cd_nom = s.cd_nom"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures ns ON ns.id_nomenclature = s.id_nomenclature_sensitivity"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures nv ON nv.id_nomenclature = s.id_nomenclature_valid_status"
                + " JOIN gn_meta.t_datasets d ON d.id_dataset = s.id_dataset WHERE s.id_synthese = ANY(?)";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setArray(1, connection.createArrayOf("bigint", rows.keySet().toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ObservationRow row = rows.get(rs.getLong(1));
                    assertThat(value(row, "nom_valide")).isEqualTo(rs.getString(2));
                    assertThat(value(row, "niveau_sensibilite")).isEqualTo(rs.getString(3));
                    assertThat(value(row, "niveau_validation")).isEqualTo(rs.getString(4));
                    assertThat(value(row, "jdd_nom")).isEqualTo(rs.getString(5));
                    assertThat(value(row, "nom_lieu")).isEqualTo(rs.getString(6));
                    assertThat(value(row, "communes")).isEqualTo(rs.getString(7));
                    assertThat(value(row, "date_debut")).isEqualTo(rs.getObject(8, java.time.LocalDate.class));
                    assertThat(value(row, "nombre_min")).isEqualTo(rs.getLong(9));
                    assertThat(value(row, "uuid_perm_sinp")).isEqualTo(rs.getObject(10, java.util.UUID.class));
                    assertThat(row.geometry().equalsExact(new org.locationtech.jts.io.WKTReader().read(rs.getString(11)), 1e-12))
                            .as("geometry of %s", row.id()).isTrue();
                    assertThat(value(row, "codes_zones_diffusion")).isNull();
                    checked++;
                }
            } catch (org.locationtech.jts.io.ParseException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(checked).isEqualTo(rows.size()).isGreaterThan(100);
        assertThat(rows.values()).anyMatch(r -> "Sensible - Diffusion au département".equals(value(r, "niveau_sensibilite")));
    }

    @Test
    void withheldRecordsAreNeverReturnedButCounted() throws SQLException {
        Territory dep = new Territory.Areas(List.of(new AreaRef("DEP", "77")));
        Map<Long, ObservationRow> rows = export(dep, TaxaFilter.all());
        long withheld;
        try (PreparedStatement st = connection.prepareStatement("SELECT count(*) FROM gn_synthese.synthese s"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures ns ON ns.id_nomenclature = s.id_nomenclature_sensitivity"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures nd ON nd.id_nomenclature = s.id_nomenclature_diffusion_level"
                + " WHERE " + ORACLE_LEVEL + " = 4 AND EXISTS (SELECT 1 FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types b"
                + " USING (id_type) WHERE b.type_code = 'DEP' AND a.area_code = '77' AND ST_Intersects(a.geom, s.the_geom_local))");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            withheld = rs.getLong(1);
        }
        assertThat(withheld).isPositive();
        assertThat(ExportQuery.of(dep, TaxaFilter.all(), ALL_FIELDS, PLAN).countWithheld(connection)).isEqualTo(withheld);
        assertThat(rows.values()).noneMatch(r -> r.sensitivityCode() == null || "4".equals(r.sensitivityCode())
                || "4".equals(r.diffusionCode()));
    }

    @Test
    void explainShowsTheSpatialIndexesUsed() throws SQLException {
        String wkt = wkt4326("ST_MakeEnvelope(645000, 6845000, 655000, 6855000, 2154)");
        ExportQuery query = ExportQuery.of(new Territory.Wkt(wkt), TaxaFilter.all(), ALL_FIELDS, PLAN);
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement st = connection.prepareStatement("EXPLAIN " + query.selectSql())) {
            st.setString(1, wkt);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        assertThat(plan.toString()).contains("i_synthese_the_geom_local").contains("index_l_areas_geom");
    }

    private static Object value(ObservationRow row, String code) {
        for (int i = 0; i < ALL_FIELDS.size(); i++) {
            if (ALL_FIELDS.get(i).code().equals(code)) {
                return row.values()[i];
            }
        }
        throw new IllegalArgumentException(code);
    }
}
