package org.naturaflux.source.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.sensitivity.SelectionPlan;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.testkit.IsolatedDatabase;

/**
 * A level whose area type the source lacks (the 10 km grid not loaded, or a configured type absent from
 * {@code bib_areas_types}): its records are never selected, and counted as withheld ones are, by the
 * enabled départements meeting the territory. The oracle is SQL written here: the GRID-level records (the
 * level rules of {@link Plans}) in a département that shares surface with the territory, one by one.
 */
class MissingAreaTypeTest {

    private static final String NOMENCLATURES = " LEFT JOIN ref_nomenclatures.t_nomenclatures ns"
            + " ON ns.id_nomenclature = s.id_nomenclature_sensitivity LEFT JOIN ref_nomenclatures.t_nomenclatures nd"
            + " ON nd.id_nomenclature = s.id_nomenclature_diffusion_level";

    private static IsolatedDatabase database;
    private static Connection connection;

    @BeforeAll
    static void generate() throws SQLException {
        database = IsolatedDatabase.create(MissingAreaTypeTest.class);
        connection = database.connect();
        new DemoSourceGenerator(connection, 13).regenerate(20_000);
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
    void theRecordsOfALevelWhoseAreaTypeIsMissingAreCountedByTheirDepartement() throws SQLException {
        String wkt = text("SELECT ST_AsText(ST_Transform(ST_MakeEnvelope(625000, 6835000, 660000, 6862000, 2154), 4326))");
        String territorySql = "ST_Transform(ST_Segmentize(ST_GeomFromText('" + wkt + "', 4326), "
                + ExportTerritory.STEP_DEGREES + "), 2154)";
        long gridRecords = count(oracle(territorySql));
        assertThat(gridRecords).as("GRID-level records in the territory's départements").isGreaterThan(20);
        SelectionPlan standard = Plans.STANDARD.plan();
        SelectionPlan absentType = new SelectionPlan(standard.assignments(), standard.fallback(), Map.of(
                DiffusionLevel.COMMUNE, "COM", DiffusionLevel.GRID, "M7", DiffusionLevel.DEPARTEMENT, "DEP"));

        assertThat(query(wkt, standard).countWithoutAreaType(connection)).as("every type has areas").isZero();
        ExportQuery configuredTypeAbsent = query(wkt, absentType);
        assertThat(configuredTypeAbsent.countWithoutAreaType(connection)).as("GRID type M7 absent").isEqualTo(gridRecords);
        assertThat(configuredTypeAbsent.count(connection)).isEqualTo(query(wkt, standard).count(connection) - gridSelected(wkt));

        connection.setAutoCommit(false);
        try {
            try (Statement st = connection.createStatement()) {
                st.executeUpdate("DELETE FROM ref_geo.l_areas a USING ref_geo.bib_areas_types t"
                        + " WHERE t.id_type = a.id_type AND t.type_code = 'M10'");
            }
            assertThat(query(wkt, standard).countWithoutAreaType(connection)).as("no 10 km grid loaded").isEqualTo(gridRecords);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static ExportQuery query(String wkt, SelectionPlan plan) {
        return ExportQuery.of(new Territory.Wkt(wkt), TaxaFilter.all(), FieldCatalogue.standard().select(List.of("id_synthese")),
                plan);
    }

    /** The GRID records the standard plan exports in the territory (those the absent type loses). */
    private static long gridSelected(String wkt) throws SQLException {
        java.util.Set<Long> grid = new java.util.HashSet<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT s.id_synthese"
                + " FROM gn_synthese.synthese s" + NOMENCLATURES + " WHERE (" + Plans.STANDARD.levelSql() + ") = 2")) {
            while (rs.next()) {
                grid.add(rs.getLong(1));
            }
        }
        long[] n = {0};
        query(wkt, Plans.STANDARD.plan()).forEach(connection, 1000, row -> {
            if (grid.contains(row.id())) {
                n[0]++;
            }
        });
        return n[0];
    }

    /** GRID-level records with a taxon and a dataset in an enabled département sharing surface with the territory. */
    private static String oracle(String territorySql) {
        return "WITH terr AS MATERIALIZED (SELECT " + territorySql + " AS g),"
                + " dep AS MATERIALIZED (SELECT a.geom FROM terr, ref_geo.l_areas a JOIN ref_geo.bib_areas_types b"
                + "  ON b.id_type = a.id_type WHERE a.enable AND b.type_code = 'DEP' AND ST_Intersects(a.geom, terr.g)"
                + "  AND ST_Area(ST_Intersection(a.geom, terr.g)) > 1e-6 * LEAST(ST_Area(a.geom), ST_Area(terr.g)))"
                + " SELECT count(DISTINCT s.id_synthese) FROM dep JOIN gn_synthese.synthese s ON ST_Intersects(s.the_geom_local, dep.geom)"
                + NOMENCLATURES + " JOIN taxonomie.taxref t ON t.cd_nom = s.cd_nom JOIN gn_meta.t_datasets d ON d.id_dataset = s.id_dataset"
                + " WHERE (" + Plans.STANDARD.levelSql() + ") = 2";
    }

    private static long count(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
