package org.naturaflux.source.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.source.reference.AreaLoader;
import org.naturaflux.testkit.IsolatedDatabase;

/**
 * The source's shape as {@link SourceShape#inspect} reports it, on the demo source and on variants of it
 * made in a transaction rolled back afterwards: an older GeoNature without a column, one without
 * {@code l_areas.geom_4326} (before 2.14), one without the 10 km grid.
 */
class SourceShapeTest {

    private static final List<String> AREA_TYPES = List.of("COM", "M10", "DEP");
    private static IsolatedDatabase database;
    private static Connection connection;

    @BeforeAll
    static void generate() throws SQLException {
        database = IsolatedDatabase.create(SourceShapeTest.class);
        connection = database.connect();
        new DemoSourceGenerator(connection, 3).regenerate(0);
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
    void theDemoSourceHasEverythingTheExportsRead() throws SQLException {
        SourceShape.Report report = SourceShape.inspect(connection, AREA_TYPES);
        assertThat(report.missing()).isEmpty();
        assertThat(report.sridProblem()).isNull();
        assertThat(report.missingAreaTypes()).isEmpty();
        assertThat(report.readable()).isTrue();
        assertThat(SourceShape.inspect(connection, List.of("COM", "M2")).missingAreaTypes()).containsExactly("M2");
    }

    @Test
    void aMissingColumnIsNamed() throws SQLException {
        inRolledBackTransaction("ALTER TABLE taxonomie.taxref DROP COLUMN group3_inpn;"
                + " DROP TABLE gn_synthese.cor_area_synthese", () -> {
            SourceShape.Report report = SourceShape.inspect(connection, AREA_TYPES);
            assertThat(report.missing()).containsExactly("gn_synthese.cor_area_synthese", "taxonomie.taxref.group3_inpn");
            assertThat(report.readable()).isFalse();
            assertThat(report.describe()).contains("taxonomie.taxref.group3_inpn", SourceShape.SUPPORTED_VERSIONS);
        });
    }

    @Test
    void aSourceWithoutGeom4326IsReadAsOneWithIt() throws SQLException {
        var before = AreaLoader.load(connection, List.of("DEP"));
        inRolledBackTransaction("ALTER TABLE ref_geo.l_areas DROP COLUMN geom_4326", () -> {
            assertThat(SourceShape.inspect(connection, AREA_TYPES).readable()).isTrue();
            var after = AreaLoader.load(connection, List.of("DEP"));
            assertThat(after).hasSameSizeAs(before);
            for (int i = 0; i < after.size(); i++) {
                assertThat(after.get(i).geometry().equalsExact(before.get(i).geometry())).isTrue();
            }
        });
    }

    @Test
    void aSourceWithoutTheTenKilometreGridIsReported() throws SQLException {
        inRolledBackTransaction("DELETE FROM ref_geo.l_areas a USING ref_geo.bib_areas_types t"
                + " WHERE t.id_type = a.id_type AND t.type_code = 'M10'", () -> {
            SourceShape.Report report = SourceShape.inspect(connection, AREA_TYPES);
            assertThat(report.readable()).isTrue();
            assertThat(report.missingAreaTypes()).containsExactly("M10");
            assertThat(report.describe()).contains("M10", "not exported");
        });
    }

    @Test
    void areasInAnotherProjectionAreReported() throws SQLException {
        inRolledBackTransaction("ALTER TABLE ref_geo.l_areas DROP CONSTRAINT enforce_srid_l_areas_geom,"
                + " DROP CONSTRAINT enforce_srid_l_areas_centroid,"
                + " ALTER COLUMN geom TYPE geometry(MultiPolygon, 3949) USING ST_Transform(geom, 3949)", () -> {
            SourceShape.Report report = SourceShape.inspect(connection, AREA_TYPES);
            assertThat(report.readable()).isFalse();
            assertThat(report.sridProblem()).contains("EPSG:2154", "EPSG:3949");
        });
    }

    /** GeoNature keeps the primary key as replica identity; the demo sets FULL, as the local stack does. */
    @Test
    void capturedTablesWithoutReplicaIdentityFullAreNamedWithTheStatementToRun() throws SQLException {
        assertThat(SourceShape.replicaIdentityStatements(connection)).isEmpty();
        inRolledBackTransaction("ALTER TABLE gn_synthese.synthese REPLICA IDENTITY DEFAULT", () ->
                assertThat(SourceShape.replicaIdentityStatements(connection)).containsExactly(
                        "ALTER TABLE gn_synthese.synthese REPLICA IDENTITY FULL;   -- now DEFAULT (the primary key)"));
        inRolledBackTransaction("ALTER TABLE gn_synthese.synthese REPLICA IDENTITY DEFAULT;"
                + " ALTER TABLE ref_geo.l_areas REPLICA IDENTITY NOTHING", () ->
                assertThat(SourceShape.replicaIdentityStatements(connection)).containsExactly(
                        "ALTER TABLE gn_synthese.synthese REPLICA IDENTITY FULL;   -- now DEFAULT (the primary key)",
                        "ALTER TABLE ref_geo.l_areas REPLICA IDENTITY FULL;   -- now NOTHING"));
    }

    private interface Check {
        void run() throws SQLException;
    }

    private static void inRolledBackTransaction(String sql, Check check) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
            check.run();
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }
}
