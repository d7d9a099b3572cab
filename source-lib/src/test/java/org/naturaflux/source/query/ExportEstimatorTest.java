package org.naturaflux.source.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.sensitivity.rules.SensitivitySettings;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.source.reference.AreaIndexCache;
import org.naturaflux.testkit.IsolatedDatabase;

/**
 * The estimate by level against an oracle written here in SQL on the demo source: each record's level from
 * its codes ({@link Plans#STANDARD}'s level rules), PRECISE records by their geometry, the others by an
 * enabled area of their level's type (WITHHELD ones by a département) that lies in the territory or shares
 * surface with it; a degraded line or polygon that its areas, widened by the 1 m tolerance, do not cover
 * is {@code NO_AREA}; withheld ones by cause from their codes; records without a taxon or a dataset under
 * their own cause. With the standard settings and with a configured 5 km grid (M5), and within its bounds.
 */
class ExportEstimatorTest {

    /** Bounds wide enough for the whole demo territory on a busy machine. */
    private static final EstimateBounds WIDE = new EstimateBounds(Duration.ofMinutes(2), 1_000_000);

    private static final String NOMENCLATURES = " LEFT JOIN ref_nomenclatures.t_nomenclatures ns"
            + " ON ns.id_nomenclature = s.id_nomenclature_sensitivity LEFT JOIN ref_nomenclatures.t_nomenclatures nd"
            + " ON nd.id_nomenclature = s.id_nomenclature_diffusion_level";

    private static IsolatedDatabase database;
    private static Connection connection;
    private static String wkt;

    @BeforeAll
    static void generate() throws SQLException {
        database = IsolatedDatabase.create(ExportEstimatorTest.class);
        connection = database.connect();
        new DemoSourceGenerator(connection, 13).regenerate(20_000);
        try (Statement st = connection.createStatement()) {
            // records without a taxon or a dataset; 3 km lines, some into a disabled commune (NO_AREA at that level)
            st.executeUpdate("UPDATE gn_synthese.synthese SET cd_nom = NULL WHERE id_synthese % 23 = 0");
            st.executeUpdate("UPDATE gn_synthese.synthese SET id_dataset = NULL WHERE id_synthese % 37 = 3");
            st.executeUpdate("UPDATE gn_synthese.synthese SET the_geom_local = ST_MakeLine(the_geom_local,"
                    + " ST_Translate(the_geom_local, 3000, 0)) WHERE id_synthese % 17 = 5"
                    + " AND ST_GeometryType(the_geom_local) = 'ST_Point'");
            st.executeUpdate("UPDATE ref_geo.l_areas a SET enable = false FROM ref_geo.bib_areas_types t"
                    + " WHERE t.id_type = a.id_type AND t.type_code = 'COM' AND a.id_area % 7 = 0");
        }
        wkt = text("SELECT ST_AsText(ST_Transform(ST_MakeEnvelope(625000, 6835000, 660000, 6862000, 2154), 4326))");
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
    void theStandardSettingsCountEveryLevelAndCauseAsTheOracle() throws SQLException {
        Map<String, Long> oracle = oracle("M10");
        assertThat(oracle.keySet()).as("the demo territory holds every level and the main causes")
                .contains("PRECISE", "COMMUNE", "GRID", "DEPARTEMENT", "SENSITIVITY", "UNKNOWN_SENSITIVITY",
                        "NO_TAXON_OR_DATASET", "NO_AREA");

        ExportEstimate estimate = estimator(SensitivityRules.standard(), WIDE)
                .estimate(connection, new Territory.Wkt(wkt), TaxaFilter.all());

        assertThat(estimate.exact()).isTrue();
        assertThat(estimate.stoppedBy()).isNull();
        assertThat(estimate.selectionCounted()).isTrue();
        assertAgrees(estimate.counts(), oracle);
        assertThat(estimate.total()).isEqualTo(oracle.values().stream().mapToLong(Long::longValue).sum());
        assertThat(connection.getAutoCommit()).as("the connection is left in autocommit mode").isTrue();
    }

    @Test
    void aConfiguredFiveKilometreGridCountsTheGridLevelByItsCells() throws SQLException {
        SensitivitySettings d = SensitivitySettings.defaults();
        SensitivityRules m5 = new SensitivitySettings(d.missingSensitivity(), d.producerStandard(), d.producerPrecise(),
                d.producerMissing(), d.communeAreaType(), "M5", d.departementAreaType(), d.coverageTolerance()).rules();
        Map<String, Long> oracle = oracle("M5");
        assertThat(oracle.get("GRID")).as("the 5 km cells meeting the territory place other GRID records than the 10 km ones")
                .isNotEqualTo(oracle("M10").get("GRID"));

        ExportEstimate estimate = estimator(m5, WIDE).estimate(connection, new Territory.Wkt(wkt),
                TaxaFilter.all());

        assertThat(estimate.exact()).isTrue();
        assertAgrees(estimate.counts(), oracle);
    }

    @Test
    void aMaximumOfRecordsStopsTheCountAndSaysSo() throws SQLException {
        Map<String, Long> oracle = oracle("M10");
        ExportEstimate estimate = estimator(SensitivityRules.standard(), new EstimateBounds(Duration.ofSeconds(30), 100))
                .estimate(connection, new Territory.Wkt(wkt), TaxaFilter.all());

        assertThat(estimate.exact()).isFalse();
        assertThat(estimate.stoppedBy()).isEqualTo(ExportEstimate.Stop.MAX_RECORDS);
        assertThat(estimate.examined()).isEqualTo(100);
        assertThat(estimate.selectionCounted()).as("time was left for the database's counts").isTrue();
        RunCounts counts = estimate.counts();
        long classified = counts.exported() + counts.withheldByCause().getOrDefault("NO_AREA", 0L);
        assertThat(classified).as("the records read, each counted once").isEqualTo(100);
        assertThat(counts.withheldByCause().get("SENSITIVITY")).isEqualTo(oracle.get("SENSITIVITY"));
        assertThat(counts.withheldByCause().get("NO_TAXON_OR_DATASET")).isEqualTo(oracle.get("NO_TAXON_OR_DATASET"));
    }

    @Test
    void aSpentTimeoutStopsTheCountWithoutAnError() throws SQLException {
        ExportEstimate estimate = estimator(SensitivityRules.standard(), new EstimateBounds(Duration.ofMillis(1), 1_000_000))
                .estimate(connection, new Territory.Wkt(wkt), TaxaFilter.all());

        assertThat(estimate.exact()).isFalse();
        assertThat(estimate.stoppedBy()).isEqualTo(ExportEstimate.Stop.TIMEOUT);
        assertThat(estimate.selectionCounted()).isFalse();
        assertThat(connection.getAutoCommit()).isTrue();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SHOW statement_timeout")) {
            rs.next();
            assertThat(rs.getString(1)).as("the timeout was local to the estimate's transaction").isEqualTo("0");
        }
    }

    private static ExportEstimator estimator(SensitivityRules rules, EstimateBounds bounds) {
        return new ExportEstimator(rules, new AreaIndexCache(rules), bounds);
    }

    private static void assertAgrees(RunCounts counts, Map<String, Long> oracle) {
        for (DiffusionLevel level : DiffusionLevel.values()) {
            if (level != DiffusionLevel.WITHHELD) {
                assertThat(counts.byLevel().get(level)).as(level.name()).isEqualTo(oracle.getOrDefault(level.name(), 0L));
            }
        }
        long withheld = 0;
        for (String cause : new String[]{"SENSITIVITY", "UNKNOWN_SENSITIVITY", "UNKNOWN_CODE", "NO_AREA",
                "NO_TAXON_OR_DATASET"}) {
            assertThat(counts.withheldByCause().get(cause)).as(cause).isEqualTo(oracle.getOrDefault(cause, 0L));
            withheld += oracle.getOrDefault(cause, 0L);
        }
        assertThat(counts.byLevel().get(DiffusionLevel.WITHHELD)).isEqualTo(withheld);
        assertThat(counts.withheld()).isEqualTo(withheld);
    }

    /** Each record of the territory by what becomes of it: its level's name, or its withheld cause. */
    private static Map<String, Long> oracle(String gridType) throws SQLException {
        String territory = "ST_Transform(ST_Segmentize(ST_GeomFromText('" + wkt + "', 4326), "
                + ExportTerritory.STEP_DEGREES + "), 2154)";
        String sql = "WITH terr AS MATERIALIZED (SELECT " + territory + " AS g),"
                + " rec AS MATERIALIZED (SELECT s.the_geom_local AS geom, (" + Plans.STANDARD.levelSql() + ") AS lvl,"
                + "  ns.cd_nomenclature AS sc, nd.cd_nomenclature AS dc,"
                + "  EXISTS (SELECT 1 FROM taxonomie.taxref t WHERE t.cd_nom = s.cd_nom)"
                + "  AND EXISTS (SELECT 1 FROM gn_meta.t_datasets ds WHERE ds.id_dataset = s.id_dataset) AS referenced"
                + "  FROM gn_synthese.synthese s" + NOMENCLATURES + " WHERE s.the_geom_local IS NOT NULL),"
                + " typ(lvl, code) AS (VALUES (1, 'COM'), (2, '" + gridType + "'), (3, 'DEP'), (4, 'DEP')),"
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
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static String text(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
