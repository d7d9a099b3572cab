package org.naturaflux.source.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.degrade.Degradation;
import org.naturaflux.sensitivity.degrade.RecordDegrader;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.source.query.ExportQuery;
import org.naturaflux.source.query.RowStream;
import org.naturaflux.source.reference.AreaIndexCache;
import org.naturaflux.testkit.IsolatedDatabase;

/**
 * Statuses per record, resolved in memory from the départements of the exported extent, against an SQL
 * oracle written here: GeoNature's {@code v_bdc_status} joins (enabled texts), the extent's départements
 * found with PostGIS (the precise geometry's, or those sharing surface with the areas of the record's
 * level that its geometry intersects), and a status kept only when its text is linked to every one of
 * them. Four records are placed on purpose: a departmental species inside and outside its département,
 * the same species degraded to a 10 km cell across départements, a synonym, a taxon of a disabled text.
 */
class TaxonStatusesTest {

    private static final SensitivityRules RULES = SensitivityRules.standard();
    private static IsolatedDatabase database;
    private static Connection connection;
    private static Map<Long, Map<StatusType, String>> resolved;
    private static Map<Long, Map<StatusType, String>> oracle;

    @BeforeAll
    static void generate() throws SQLException {
        database = IsolatedDatabase.create(TaxonStatusesTest.class);
        connection = database.connect();
        new DemoSourceGenerator(connection, 11).regenerate(20_000);
        try (Statement st = connection.createStatement()) {
            place(st, 1, "Ophrys apifera", "'0'", "ST_PointOnSurface(" + dep("77") + ")");
            place(st, 2, "Ophrys apifera", "'0'", "ST_PointOnSurface(" + dep("75") + ")");
            place(st, 3, "Ophrys apifera", "'2'", "(SELECT ST_PointOnSurface(ST_Intersection(c.geom, " + dep("77") + "))"
                    + " FROM ref_geo.l_areas c JOIN ref_geo.bib_areas_types t USING (id_type), ref_geo.l_areas d"
                    + " JOIN ref_geo.bib_areas_types dt ON dt.id_type = d.id_type AND dt.type_code = 'DEP'"
                    + " WHERE t.type_code = 'M10' AND d.area_code <> '77' AND ST_Relate(c.geom, " + dep("77") + ", 'T********')"
                    + " AND ST_Relate(c.geom, d.geom, 'T********') ORDER BY d.area_code <> '91', c.area_code LIMIT 1)");
            place(st, 4, "Parus caeruleus", "'0'", "ST_PointOnSurface(" + dep("77") + ")");
            place(st, 5, "Carduelis carduelis", "'0'", "ST_PointOnSurface(" + dep("91") + ")");
        }
        resolve();
        oracle = oracle();
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
    void everyExportedRecordGetsTheStatusesTheOracleGives() {
        assertThat(resolved).hasSizeGreaterThan(15_000);
        Map<Long, Map<StatusType, String>> withStatus = new HashMap<>();
        resolved.forEach((id, values) -> {
            if (!values.isEmpty()) {
                withStatus.put(id, values);
            }
        });
        assertThat(withStatus).hasSizeGreaterThan(2_000).isEqualTo(oracle);
    }

    @Test
    void aDepartmentalStatusInsideItsDepartementOnly() {
        assertThat(resolved.get(1L)).containsEntry(StatusType.PD, "DV77 - Article 1")
                .containsEntry(StatusType.LRR, "LC - Préoccupation mineure");
        assertThat(resolved.get(2L)).doesNotContainKey(StatusType.PD)
                .containsEntry(StatusType.LRR, "LC - Préoccupation mineure");
    }

    @Test
    void aRecordDegradedToACellAcrossTwoDepartementsGetsNoDepartmentalStatus() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(DISTINCT d.area_code), bool_or(d.area_code = '77')"
                     + " FROM gn_synthese.synthese s"
                     + " JOIN ref_geo.l_areas c ON ST_Intersects(c.geom, s.the_geom_local)"
                     + " JOIN ref_geo.bib_areas_types t ON t.id_type = c.id_type AND t.type_code = 'M10'"
                     + " JOIN ref_geo.l_areas d ON ST_Relate(d.geom, c.geom, 'T********')"
                     + " JOIN ref_geo.bib_areas_types dt ON dt.id_type = d.id_type AND dt.type_code = 'DEP'"
                     + " WHERE s.id_synthese = 3")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(2);
            assertThat(rs.getBoolean(2)).isTrue();
        }
        // valid in 77 (and in 91) by one text each, none in every département of the cell: none applies
        assertThat(resolved.get(3L)).doesNotContainKey(StatusType.PD)
                .containsEntry(StatusType.LRR, "LC - Préoccupation mineure");
    }

    @Test
    void aSynonymGetsItsAcceptedTaxonsStatusesAndADisabledTextIsLeftOut() {
        assertThat(resolved.get(4L)).containsEntry(StatusType.PN, "NO3 - Article 3");
        assertThat(resolved.get(5L)).containsEntry(StatusType.LRN, "VU - Vulnérable")
                .containsEntry(StatusType.PN, "NO3 - Article 3");
    }

    /**
     * A run loads only the statuses of its taxa and of the texts linked to a département its territory
     * intersects, and resolves every record exactly as a load of the whole BDC does. The territory is
     * Seine-et-Marne (77), the taxa the flowering plants; the départements it intersects and covers are
     * checked against PostGIS, and the loaded row counts are printed (the measurement).
     */
    @Test
    void aRunLoadsOnlyItsTaxaAndTerritorysStatusesAndResolvesEveryRecordTheSame() throws SQLException {
        AreaIndex index = new AreaIndexCache(RULES).current(connection);
        List<String> codes = new ArrayList<>(List.of("id_synthese"));
        for (StatusType type : StatusType.values()) {
            codes.add(type.fieldCode());
        }
        List<FieldDefinition> fields = FieldCatalogue.standard().select(codes);
        ExportQuery query = ExportQuery.of(new Territory.Areas(List.of(new AreaRef("DEP", "77"))),
                new TaxaFilter(List.of("Angiospermes"), List.of()), fields, RULES.selectionPlan());
        TerritoryDepartements territory = TerritoryDepartements.of(connection, query);
        List<Long> intersecting = new ArrayList<>();
        List<Long> covered = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT d.id_area,"
                + " ST_Relate(d.geom, " + dep("77") + ", 'T********') FROM ref_geo.l_areas d"
                + " JOIN ref_geo.bib_areas_types t USING (id_type) WHERE t.type_code = 'DEP' AND d.enable"
                + " AND ST_Intersects(d.geom, " + dep("77") + ") ORDER BY d.id_area")) {
            while (rs.next()) {
                intersecting.add(rs.getLong(1));
                if (rs.getBoolean(2)) {
                    covered.add(rs.getLong(1));
                }
            }
        }
        assertThat(territory.intersecting()).isEqualTo(intersecting).hasSizeGreaterThan(2);
        assertThat(territory.covered()).isEqualTo(covered).hasSize(1);

        RecordStatuses scoped = RecordStatuses.load(connection, fields, RULES, index, query, territory).orElseThrow();
        TaxonStatuses whole = TaxonStatuses.load(connection, EnumSet.allOf(StatusType.class), List.of(), (List<Integer>) null);
        RecordStatuses unscoped = RecordStatuses.of(fields, whole, new ExtentDepartements(RULES, index));
        System.out.printf("BDC statuses loaded for the whole BDC: %d rows (%d taxa); for a run of the flowering plants"
                + " of Seine-et-Marne: %d rows (%d taxa)%n", whole.size(), whole.taxa().size(), scoped.statuses().size(),
                scoped.statuses().taxa().size());
        assertThat(scoped.statuses().size()).isPositive().isLessThan(whole.size() / 2);

        RecordDegrader degrader = new RecordDegrader(RULES, index, fields, ExportOptions.defaults());
        long compared = 0;
        long withStatus = 0;
        try (RowStream rows = query.stream(connection, 1000)) {
            for (ObservationRow row = rows.next(); row != null; row = rows.next()) {
                if (degrader.degrade(row) instanceof Degradation.Exported exported) {
                    Object[] expected = unscoped.apply(exported, row).values();
                    assertThat(scoped.apply(exported, row).values()).as("record " + row.id()).containsExactly(expected);
                    compared++;
                    if (java.util.Arrays.stream(expected, 1, expected.length).anyMatch(v -> v != null)) {
                        withStatus++;
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(500);
        assertThat(withStatus).isGreaterThan(20);
    }

    @Test
    void theFingerprintChangesWithTheContentNotWithAReloadOfTheSameContent() throws SQLException {
        String before = StatusFingerprint.of(connection);
        assertThat(StatusFingerprint.of(connection)).isEqualTo(before);
        Map<Integer, Long> original = StatusFingerprint.perTaxon(connection);
        assertThat(original).hasSizeGreaterThan(50);
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TEMP TABLE saved AS SELECT * FROM taxonomie.bdc_statut_taxons");
            st.execute("TRUNCATE taxonomie.bdc_statut_taxons");
            assertThat(StatusFingerprint.of(connection)).isNotEqualTo(before);
            st.execute("INSERT INTO taxonomie.bdc_statut_taxons SELECT * FROM saved ORDER BY id DESC");
            assertThat(StatusFingerprint.of(connection)).as("the same content reloaded").isEqualTo(before);
            assertThat(StatusFingerprint.touched(original, StatusFingerprint.perTaxon(connection))).isEmpty();
            Map<Integer, Long> taxaBefore = StatusFingerprint.perTaxon(connection);
            st.execute("UPDATE taxonomie.bdc_statut_text SET enable = false WHERE cd_st_text = 'PD_77'");
            String disabled = StatusFingerprint.of(connection);
            assertThat(disabled).isNotEqualTo(before);
            // the taxa of that text, and only them, are touched (oracle: the text's taxa in SQL)
            Set<Integer> ofText = new HashSet<>();
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT s.cd_ref FROM taxonomie.bdc_statut_taxons s"
                    + " JOIN taxonomie.bdc_statut_cor_text_values c ON c.id_value_text = s.id_value_text"
                    + " JOIN taxonomie.bdc_statut_text t ON t.id_text = c.id_text WHERE t.cd_st_text = 'PD_77'")) {
                while (rs.next()) {
                    ofText.add(rs.getInt(1));
                }
            }
            assertThat(ofText).hasSize(3);
            assertThat(StatusFingerprint.touched(taxaBefore, StatusFingerprint.perTaxon(connection))).isEqualTo(ofText);
            st.execute("UPDATE taxonomie.bdc_statut_text SET enable = true WHERE cd_st_text = 'PD_77'");
            st.execute("UPDATE taxonomie.bdc_statut_taxons SET cd_ref = cd_ref + 1 WHERE id = (SELECT min(id) FROM saved)");
            assertThat(StatusFingerprint.of(connection)).isNotEqualTo(before).isNotEqualTo(disabled);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        assertThat(StatusFingerprint.of(connection)).isEqualTo(before);
    }

    private static void resolve() throws SQLException {
        AreaIndex index = new AreaIndexCache(RULES).current(connection);
        List<String> codes = new ArrayList<>(List.of("id_synthese"));
        for (StatusType type : StatusType.values()) {
            codes.add(type.fieldCode());
        }
        List<FieldDefinition> fields = FieldCatalogue.standard().select(codes);
        List<AreaRef> departements = new ArrayList<>();
        index.areas("DEP").forEach(a -> departements.add(new AreaRef("DEP", a.code())));
        ExportQuery query = ExportQuery.of(new Territory.Areas(departements), TaxaFilter.all(), fields,
                RULES.selectionPlan());
        RecordDegrader degrader = new RecordDegrader(RULES, index, fields, ExportOptions.defaults());
        RecordStatuses statuses = RecordStatuses.load(connection, fields, RULES, index, query,
                TerritoryDepartements.of(connection, query)).orElseThrow();
        assertThat(RecordStatuses.types(fields)).isEqualTo(EnumSet.allOf(StatusType.class));
        resolved = new HashMap<>();
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TEMP TABLE exported (id bigint PRIMARY KEY, level_type text)");
        }
        Map<Long, String> levels = new HashMap<>();
        try (RowStream rows = query.stream(connection, 1000)) {
            for (ObservationRow row = rows.next(); row != null; row = rows.next()) {
                if (degrader.degrade(row) instanceof Degradation.Exported exported) {
                    Object[] values = statuses.apply(exported, row).values();
                    Map<StatusType, String> shown = new EnumMap<>(StatusType.class);
                    for (int i = 1; i < values.length; i++) {
                        if (values[i] != null) {
                            shown.put(StatusType.ofField(fields.get(i).code()).orElseThrow(), (String) values[i]);
                        }
                    }
                    resolved.put(row.id(), shown);
                    levels.put(row.id(), exported.level() == DiffusionLevel.PRECISE ? null
                            : RULES.areaTypeCode(exported.level()));
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO exported VALUES (?, ?)")) {
            for (Map.Entry<Long, String> level : levels.entrySet()) {
                insert.setLong(1, level.getKey());
                insert.setString(2, level.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Map<Long, Map<StatusType, String>> oracle() throws SQLException {
        String depType = "(SELECT id_type FROM ref_geo.bib_areas_types WHERE type_code = 'DEP')";
        String sql = "WITH extent AS ("
                + "  SELECT e.id, d.id_area FROM exported e JOIN gn_synthese.synthese s ON s.id_synthese = e.id"
                + "  JOIN ref_geo.l_areas d ON d.id_type = " + depType + " AND d.enable"
                + "   AND ST_Intersects(d.geom, s.the_geom_local) WHERE e.level_type IS NULL"
                + "  UNION"
                + "  SELECT e.id, d.id_area FROM exported e JOIN gn_synthese.synthese s ON s.id_synthese = e.id"
                + "  JOIN ref_geo.bib_areas_types lt ON lt.type_code = e.level_type"
                + "  JOIN ref_geo.l_areas a ON a.id_type = lt.id_type AND a.enable AND ST_Intersects(a.geom, s.the_geom_local)"
                + "  JOIN ref_geo.l_areas d ON d.id_type = " + depType + " AND d.enable"
                + "   AND (d.id_area = a.id_area OR ST_Relate(d.geom, a.geom, 'T********'))"
                + "  WHERE e.level_type IS NOT NULL),"
                + " v_bdc_status AS ("
                + "  SELECT s.cd_ref, t.id_text, t.cd_type_statut, v.code_statut, v.label_statut"
                + "  FROM taxonomie.bdc_statut_taxons s"
                + "  JOIN taxonomie.bdc_statut_cor_text_values c ON s.id_value_text = c.id_value_text"
                + "  JOIN taxonomie.bdc_statut_text t ON t.id_text = c.id_text"
                + "  JOIN taxonomie.bdc_statut_values v ON v.id_value = c.id_value"
                + "  JOIN taxonomie.bdc_statut_type ty ON ty.cd_type_statut = t.cd_type_statut"
                + "  WHERE t.enable = true)"
                + " SELECT e.id, b.cd_type_statut,"
                + "  string_agg(DISTINCT (b.code_statut || ' - ' || b.label_statut) COLLATE \"C\", ' ; '"
                + "   ORDER BY (b.code_statut || ' - ' || b.label_statut) COLLATE \"C\")"
                + " FROM exported e JOIN gn_synthese.synthese sy ON sy.id_synthese = e.id"
                + " JOIN taxonomie.taxref tx ON tx.cd_nom = sy.cd_nom"
                + " JOIN v_bdc_status b ON b.cd_ref = tx.cd_ref"
                + " WHERE EXISTS (SELECT 1 FROM extent x WHERE x.id = e.id)"
                + "  AND NOT EXISTS (SELECT 1 FROM extent x WHERE x.id = e.id AND NOT EXISTS ("
                + "   SELECT 1 FROM taxonomie.bdc_statut_cor_text_area ta WHERE ta.id_text = b.id_text AND ta.id_area = x.id_area))"
                + " GROUP BY e.id, b.cd_type_statut";
        Map<Long, Map<StatusType, String>> out = new HashMap<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(StatusType.class))
                        .put(StatusType.valueOf(rs.getString(2)), rs.getString(3));
            }
        }
        return out;
    }

    private static String dep(String code) {
        return "(SELECT d.geom FROM ref_geo.l_areas d JOIN ref_geo.bib_areas_types t USING (id_type)"
                + " WHERE t.type_code = 'DEP' AND d.area_code = '" + code + "')";
    }

    private static void place(Statement st, long id, String name, String sensitivity, String point) throws SQLException {
        int updated = st.executeUpdate("UPDATE gn_synthese.synthese s SET"
                + " cd_nom = (SELECT cd_nom FROM taxonomie.taxref WHERE lb_nom = '" + name + "' AND id_rang = 'ES'"
                + "  ORDER BY cd_nom <> cd_ref DESC LIMIT 1),"
                + " id_nomenclature_sensitivity = " + nomenclature("SENSIBILITE", sensitivity) + ","
                + " id_nomenclature_diffusion_level = " + nomenclature("NIV_PRECIS", "'5'") + ","
                + " the_geom_local = p.g, the_geom_4326 = ST_Transform(p.g, 4326), the_geom_point = ST_Transform(p.g, 4326)"
                + " FROM (SELECT ST_SetSRID(" + point + ", 2154) AS g) p WHERE s.id_synthese = " + id);
        assertThat(updated).isEqualTo(1);
    }

    private static String nomenclature(String type, String code) {
        return "(SELECT n.id_nomenclature FROM ref_nomenclatures.t_nomenclatures n"
                + " JOIN ref_nomenclatures.bib_nomenclatures_types t ON t.id_type = n.id_type"
                + " WHERE t.mnemonique = '" + type + "' AND n.cd_nomenclature = " + code + ")";
    }
}
