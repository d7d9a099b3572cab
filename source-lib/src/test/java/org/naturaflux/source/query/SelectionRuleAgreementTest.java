package org.naturaflux.source.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.sensitivity.rules.SensitivitySettings;
import org.naturaflux.sensitivity.select.SelectionRule;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.source.reference.AreaLoader;
import org.naturaflux.testkit.IsolatedDatabase;

/**
 * The selection rule stated in SQL (source-lib's {@link SelectionSql}, through {@link ExportQuery})
 * against the same rule stated in Java (sensitivity-lib's {@link SelectionRule}, the oracle), record by
 * record, on a demo source: polygons, areas, a tiny territory inside a 10 km cell, under the standard
 * settings and under settings with a 5 km grid and a lenient producer's "Standard".
 */
class SelectionRuleAgreementTest {

    private static final SensitivityRules STANDARD = SensitivitySettings.defaults().rules();
    private static final SensitivityRules FIVE_KM = new SensitivitySettings(DiffusionLevel.DEPARTEMENT,
            DiffusionLevel.COMMUNE, DiffusionLevel.PRECISE, DiffusionLevel.PRECISE, "COM", "M5", "DEP", 1.0).rules();
    private static IsolatedDatabase database;
    private static Connection connection;
    private static final List<Row> ROWS = new ArrayList<>();

    private record Row(long id, String sensitivity, String diffusion, Geometry local) {
    }

    @BeforeAll
    static void generate() throws SQLException, ParseException {
        database = IsolatedDatabase.create(SelectionRuleAgreementTest.class);
        connection = database.connect();
        new DemoSourceGenerator(connection, 13).regenerate(20_000);
        WKBReader wkb = new WKBReader();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT s.id_synthese,"
                + " ns.cd_nomenclature, nd.cd_nomenclature, ST_AsBinary(s.the_geom_local) FROM gn_synthese.synthese s"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures ns ON ns.id_nomenclature = s.id_nomenclature_sensitivity"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures nd ON nd.id_nomenclature = s.id_nomenclature_diffusion_level")) {
            while (rs.next()) {
                ROWS.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), wkb.read(rs.getBytes(4))));
            }
        }
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
    void polygonsAgree() throws SQLException, ParseException {
        for (SensitivityRules rules : List.of(STANDARD, FIVE_KM)) {
            assertAgree(rules, new Territory.Wkt("POLYGON((2.05 48.6, 2.6 48.62, 2.55 48.95, 2.1 48.9, 2.05 48.6))"));
            assertAgree(rules, new Territory.Wkt("POLYGON((1.9 48.3, 2.3 48.35, 2.0 48.6, 1.9 48.3))"));
        }
    }

    @Test
    void areasAgree() throws SQLException, ParseException {
        List<AreaRef> communes = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT a.area_code FROM ref_geo.l_areas a"
                + " JOIN ref_geo.bib_areas_types t USING (id_type) WHERE t.type_code = 'COM' AND a.area_code LIKE '95%'"
                + " ORDER BY a.area_code LIMIT 20")) {
            while (rs.next()) {
                communes.add(new AreaRef("COM", rs.getString(1)));
            }
        }
        for (SensitivityRules rules : List.of(STANDARD, FIVE_KM)) {
            assertAgree(rules, new Territory.Areas(List.of(new AreaRef("DEP", "91"))));
            assertAgree(rules, new Territory.Areas(communes));
        }
    }

    @Test
    void aTinyTerritoryInsideACellAgrees() throws SQLException, ParseException {
        for (SensitivityRules rules : List.of(STANDARD, FIVE_KM)) {
            assertAgree(rules, new Territory.Wkt("POLYGON((2.301 48.701, 2.3012 48.701, 2.3012 48.7012, 2.301 48.7012, 2.301 48.701))"));
        }
    }

    private static void assertAgree(SensitivityRules rules, Territory territory) throws SQLException, ParseException {
        ExportQuery query = ExportQuery.of(territory, TaxaFilter.all(), List.of(), rules.selectionPlan());
        Set<Long> sql = new TreeSet<>();
        try (RowStream rows = query.stream(connection, 1000)) {
            for (var row = rows.next(); row != null; row = rows.next()) {
                sql.add(row.id());
            }
        }
        Geometry local = new WKBReader().read(query.territoryEwkb(connection));
        SelectionRule oracle = new SelectionRule(rules, AreaIndex.of(AreaLoader.load(connection,
                List.of(rules.areaTypeCode(DiffusionLevel.COMMUNE), rules.areaTypeCode(DiffusionLevel.GRID),
                        rules.areaTypeCode(DiffusionLevel.DEPARTEMENT)))));
        Set<Long> java = new TreeSet<>();
        Set<Long> degraded = new TreeSet<>();
        for (Row row : ROWS) {
            if (oracle.selects(row.sensitivity(), row.diffusion(), row.local(), local)) {
                java.add(row.id());
                if (rules.levelOf(row.sensitivity(), row.diffusion()).isDegraded()) {
                    degraded.add(row.id());
                }
            }
        }
        assertThat(degraded).as("degraded records selected in %s", territory).isNotEmpty();
        assertThat(sql).as("SQL selection against the Java rule in %s", territory).isEqualTo(java);
        assertThat(query.count(connection)).isEqualTo(java.size());
    }
}
