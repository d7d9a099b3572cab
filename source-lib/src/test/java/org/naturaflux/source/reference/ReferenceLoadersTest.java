package org.naturaflux.source.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;
import org.naturaflux.model.row.ReferenceArea;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.testkit.IsolatedDatabase;

/** The loaders and catalogues of reference data, against the demo source's referentials. */
class ReferenceLoadersTest {

    private static IsolatedDatabase database;
    private static Connection connection;

    @BeforeAll
    static void generate() throws SQLException {
        database = IsolatedDatabase.create(ReferenceLoadersTest.class);
        connection = database.connect();
        new DemoSourceGenerator(connection, 5).regenerate(0);
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
    void loadsTheEnabledAreasOfTheRequestedTypesWithBothGeometries() throws Exception {
        List<ReferenceArea> areas = AreaLoader.load(connection, List.of("COM", "DEP", "M10"));
        Map<String, Long> byType = new HashMap<>();
        areas.forEach(a -> byType.merge(a.typeCode(), 1L, Long::sum));
        assertThat(byType).isEqualTo(Map.of("COM", 1268L, "DEP", 8L,
                "M10", single("SELECT count(*) FROM ref_geo.l_areas JOIN ref_geo.bib_areas_types USING (id_type) WHERE type_code = 'M10'")));
        WKTReader wkt = new WKTReader();
        Map<Long, ReferenceArea> byId = new HashMap<>();
        areas.forEach(a -> byId.put(a.id(), a));
        try (PreparedStatement st = connection.prepareStatement("SELECT id_area, area_code, area_name, ST_AsText(geom),"
                + " ST_AsText(geom_4326) FROM ref_geo.l_areas WHERE area_code IN ('75056', '91', '10kmL93E065N686')");
             ResultSet rs = st.executeQuery()) {
            int seen = 0;
            while (rs.next()) {
                ReferenceArea area = byId.get(rs.getLong(1));
                assertThat(area.code()).isEqualTo(rs.getString(2));
                assertThat(area.name()).isEqualTo(rs.getString(3));
                assertThat(area.localGeometry().getSRID()).isEqualTo(2154);
                assertThat(area.geometry().getSRID()).isEqualTo(4326);
                assertThat(area.localGeometry().equalsExact(wkt.read(rs.getString(4)), 1e-6)).isTrue();
                Geometry wgs84 = wkt.read(rs.getString(5));
                assertThat(area.geometry().equalsExact(wgs84, 1e-9)).isTrue();
                seen++;
            }
            assertThat(seen).isEqualTo(3);
        }
        List<Long> ids = new ArrayList<>();
        AreaLoader.stream(connection, List.of("DEP"), a -> ids.add(a.id()));
        assertThat(ids).hasSize(8).isSorted();
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void aDisabledAreaIsNotLoadedAndChangesTheFingerprint() throws Exception {
        String before = AreaLoader.fingerprint(connection, List.of("DEP"));
        assertThat(AreaLoader.fingerprint(connection, List.of("DEP"))).isEqualTo(before);
        execute("UPDATE ref_geo.l_areas SET enable = false WHERE area_code = '93'");
        try {
            assertThat(AreaLoader.load(connection, List.of("DEP"))).extracting(ReferenceArea::code).hasSize(7).doesNotContain("93");
            assertThat(AreaLoader.fingerprint(connection, List.of("DEP"))).isNotEqualTo(before);
        } finally {
            execute("UPDATE ref_geo.l_areas SET enable = true WHERE area_code = '93'");
        }
        assertThat(AreaLoader.load(connection, List.of("ZNIEFF2"))).isEmpty();
    }

    @Test
    void theAreaCatalogListsTypesAndNamesTheMissingAreas() throws SQLException {
        assertThat(AreaCatalog.areaTypes(connection)).extracting(AreaCatalog.AreaType::code)
                .containsExactly("COM", "DEP", "M1", "M10", "M5", "ZNIEFF1");
        assertThat(AreaCatalog.areaTypes(connection)).filteredOn(t -> t.code().equals("COM"))
                .extracting(AreaCatalog.AreaType::areas).containsExactly(1268L);
        List<AreaRef> refs = List.of(new AreaRef("COM", "75056"), new AreaRef("COM", "99999"), new AreaRef("DEP", "94"),
                new AreaRef("XYZ", "94"), new AreaRef("DEP", "75056"), new AreaRef("M10", "10kmL93E065N686"));
        assertThat(AreaCatalog.missing(connection, refs))
                .containsExactly(new AreaRef("COM", "99999"), new AreaRef("XYZ", "94"), new AreaRef("DEP", "75056"));
        assertThat(AreaCatalog.missing(connection, List.of())).isEmpty();
    }

    @Test
    void theTaxonGroupsAreThoseOfTaxrefAndCodesMustBeReferenceCodes() throws SQLException {
        List<TaxonGroupLoader.TaxonGroup> groups = TaxonGroupLoader.groups(connection);
        assertThat(groups).extracting(g -> g.level() + ":" + g.name())
                .contains("1:Chordés", "1:Trachéophytes", "2:Oiseaux", "2:Mammifères", "2:Angiospermes", "3:Lépidoptères");
        assertThat(groups).allMatch(g -> g.taxa() > 0);
        assertThat(groups).filteredOn(g -> g.level() == 2 && g.name().equals("Oiseaux")).extracting(TaxonGroupLoader.TaxonGroup::taxa)
                .containsExactly(single("SELECT count(*) FROM taxonomie.taxref WHERE group2_inpn = 'Oiseaux'"));
        assertThat(TaxonGroupLoader.unknownGroups(connection, List.of("Oiseaux", "Dragons", "Odonates", "oiseaux")))
                .containsExactly("Dragons", "oiseaux");
        int valid = (int) single("SELECT cd_nom FROM taxonomie.taxref WHERE lb_nom = 'Parus major' AND cd_nom = cd_ref");
        int synonym = (int) single("SELECT cd_nom FROM taxonomie.taxref WHERE lb_nom = 'Parus caeruleus'");
        assertThat(TaxonGroupLoader.missingCdRefs(connection, List.of(valid, synonym, 1))).containsExactly(synonym, 1);
        assertThat(TaxonGroupLoader.missingCdRefs(connection, List.of())).isEmpty();
    }

    private static void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private static long single(String sql) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
