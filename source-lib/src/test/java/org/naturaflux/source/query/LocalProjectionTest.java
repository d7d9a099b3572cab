package org.naturaflux.source.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.degrade.Degradation;
import org.naturaflux.sensitivity.degrade.RecordDegrader;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.source.reference.AreaLoader;
import org.naturaflux.source.schema.SourceShape;
import org.naturaflux.testkit.IsolatedDatabase;

/**
 * The same demo source stored in Lambert-93 (EPSG:2154) and in RGF93 / CC49 (EPSG:3949), as two GeoNature
 * installs with different local SRIDs: the local SRID is read from each source, and both export the same
 * records, degraded to the same WGS84 geometries, with the same counts. The Lambert-93 source is the
 * oracle of the other.
 */
class LocalProjectionTest {

    private static final List<FieldDefinition> FIELDS = FieldCatalogue.standard().fields();
    private static final SensitivityRules RULES = SensitivityRules.standard();
    /** A centimetre, in degrees (less than that of latitude or longitude). */
    private static final double CENTIMETRE_DEGREES = 1e-7;
    private static IsolatedDatabase lambertDb;
    private static IsolatedDatabase cc49Db;
    private static Connection lambert;
    private static Connection cc49;

    @BeforeAll
    static void generate() throws SQLException {
        lambertDb = IsolatedDatabase.create(LocalProjectionTest.class);
        cc49Db = IsolatedDatabase.create(LocalProjectionTest.class);
        lambert = lambertDb.connect();
        cc49 = cc49Db.connect();
        new DemoSourceGenerator(lambert, 11).regenerate(20_000);
        new DemoSourceGenerator(cc49, 11).withLocalSrid(3949).regenerate(20_000);
    }

    @AfterAll
    static void drop() throws SQLException {
        for (AutoCloseable c : new AutoCloseable[]{lambert, cc49, lambertDb, cc49Db}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new SQLException(e);
            }
        }
    }

    @Test
    void theLocalSridIsReadFromTheSource() throws SQLException {
        assertThat(SourceShape.localSrid(lambert)).isEqualTo(2154);
        assertThat(SourceShape.localSrid(cc49)).isEqualTo(3949);
        assertThat(AreaLoader.load(cc49, List.of("DEP")).get(0).localGeometry().getSRID()).isEqualTo(3949);
    }

    @Test
    void areasInAnotherProjectionThanTheObservationsAreRefused() throws SQLException {
        cc49.setAutoCommit(false);
        try (Statement st = cc49.createStatement()) {
            st.execute("ALTER TABLE ref_geo.l_areas DROP CONSTRAINT enforce_srid_l_areas_geom,"
                    + " DROP CONSTRAINT enforce_srid_l_areas_centroid,"
                    + " ALTER COLUMN geom TYPE geometry(MultiPolygon, 2154) USING ST_Transform(geom, 2154)");
            assertThatThrownBy(() -> SourceShape.localSrid(cc49)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("the_geom_local is EPSG:3949, ref_geo.l_areas.geom is EPSG:2154");
        } finally {
            cc49.rollback();
            cc49.setAutoCommit(true);
        }
    }

    @Test
    void aPolygonTerritoryExportsTheSameAsInLambert93() throws SQLException {
        String wkt = single(lambert, "SELECT ST_AsText(ST_Transform(ST_MakeEnvelope(628000, 6835000, 672000, 6872000, 2154), 4326))");
        assertSameExport(new Territory.Wkt(wkt));
    }

    @Test
    void areaTerritoriesExportTheSameAsInLambert93() throws SQLException {
        assertSameExport(new Territory.Areas(List.of(new AreaRef("DEP", "91"))));
        List<AreaRef> communes = List.of(single(lambert, "SELECT string_agg(area_code, ',' ORDER BY area_code) FROM"
                + " (SELECT a.area_code FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t USING (id_type)"
                + " WHERE t.type_code = 'COM' AND a.area_code LIKE '77%' ORDER BY a.area_code LIMIT 25) c").split(","))
                .stream().map(code -> new AreaRef("COM", code)).toList();
        assertSameExport(new Territory.Areas(communes));
    }

    /**
     * Both sources export the same records, at the same levels, degraded to the same areas and to the
     * same WGS84 geometries (each within a centimetre of the other: each source's areas are brought to
     * WGS84 from its own projection, with vertices every 100 m of it), and count them alike.
     */
    private static void assertSameExport(Territory territory) throws SQLException {
        Map<Long, Outcome> expected = degraded(lambert, territory, 2154);
        Map<Long, Outcome> actual = degraded(cc49, territory, 3949);
        assertThat(expected).hasSizeGreaterThan(500);
        assertThat(expected.values()).extracting(Outcome::what).anyMatch(v -> v.startsWith("GRID"))
                .anyMatch(v -> v.startsWith("COMMUNE")).anyMatch(v -> v.startsWith("DEPARTEMENT"))
                .anyMatch(v -> v.startsWith("PRECISE"));
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        Set<String> comparedAreas = new HashSet<>();
        for (Map.Entry<Long, Outcome> e : expected.entrySet()) {
            Outcome other = actual.get(e.getKey());
            assertThat(other.what()).as("record %d", e.getKey()).isEqualTo(e.getValue().what());
            // a degraded record's geometry is its areas' union: compared once per set of areas
            boolean degraded = !e.getValue().what().startsWith("PRECISE");
            if (e.getValue().geometry() != null && (!degraded || comparedAreas.add(e.getValue().what()))) {
                assertThat(withinACentimetre(e.getValue().geometry(), other.geometry()))
                        .as("record %d: %s", e.getKey(), e.getValue().what()).isTrue();
            }
        }
        ExportQuery lambertQuery = ExportQuery.of(territory, TaxaFilter.all(), FIELDS, RULES.selectionPlan());
        ExportQuery cc49Query = ExportQuery.of(territory, TaxaFilter.all(), FIELDS, RULES.selectionPlan());
        assertThat(cc49Query.count(cc49)).isEqualTo(lambertQuery.count(lambert)).isEqualTo(expected.size());
        assertThat(cc49Query.countWithheldByCodes(cc49)).isEqualTo(lambertQuery.countWithheldByCodes(lambert));
    }

    /** Whether each geometry lies within a centimetre of the other (in both directions). */
    private static boolean withinACentimetre(Geometry a, Geometry b) {
        return a.buffer(CENTIMETRE_DEGREES).covers(b) && b.buffer(CENTIMETRE_DEGREES).covers(a);
    }

    /** What became of a record: its level and areas, or its withholding cause; its published WGS84 geometry. */
    private record Outcome(String what, Geometry geometry) {
    }

    /** Each exported record as the worker degrades it. */
    private static Map<Long, Outcome> degraded(Connection connection, Territory territory, int srid) throws SQLException {
        AreaIndex index = AreaIndex.of(AreaLoader.load(connection, List.of("COM", "M10", "DEP")));
        RecordDegrader degrader = new RecordDegrader(RULES, index, FIELDS,
                ExportOptions.defaults());
        int geometry = FIELDS.indexOf(FIELDS.stream().filter(FieldDefinition::isGeometry).findFirst().orElseThrow());
        Map<Long, Outcome> out = new TreeMap<>();
        ExportQuery query = ExportQuery.of(territory, TaxaFilter.all(), FIELDS, RULES.selectionPlan());
        try (RowStream rows = query.stream(connection, 1000)) {
            for (ObservationRow row = rows.next(); row != null; row = rows.next()) {
                assertThat(row.localGeometry().getSRID()).isEqualTo(srid);
                Degradation d = degrader.degrade(row);
                out.put(row.id(), d instanceof Degradation.Exported e
                        ? new Outcome(e.level() + " " + e.areaCodes(), (Geometry) e.row().values()[geometry])
                        : new Outcome("WITHHELD " + ((Degradation.Withheld) d).cause(), null));
            }
        }
        return out;
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
