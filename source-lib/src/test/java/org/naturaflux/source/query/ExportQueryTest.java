package org.naturaflux.source.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.testkit.IsolatedDatabase;

/**
 * The export query against the real PostGIS, on an analyzed demo source of 50,000 records, compared with
 * oracles written here in SQL: their own statement of the level rules (a CASE over the nomenclature
 * codes, {@link Plans}), their own spatial rule (every area that meets the territory, one by one, where
 * the query uses their union), their own taxa (from the classification columns, where the query walks
 * {@code cd_sup}) and their own reading of every field.
 */
class ExportQueryTest {

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

    @Test
    void polygonTerritoryWithAGroup() throws SQLException {
        String wkt = wkt4326("ST_MakeEnvelope(640000, 6845000, 668000, 6868000, 2154)");
        assertSameAsOracle(new Territory.Wkt(wkt), new TaxaFilter(List.of("Oiseaux"), List.of()), Plans.STANDARD,
                fromWkt(wkt), "t.group1_inpn = 'Oiseaux' OR t.group2_inpn = 'Oiseaux' OR t.group3_inpn = 'Oiseaux'");
    }

    @Test
    void multiPolygonTerritoryWithEveryTaxon() throws SQLException {
        String wkt = wkt4326("ST_Collect(ST_MakeEnvelope(605000, 6850000, 617000, 6861000, 2154),"
                + " ST_MakeEnvelope(700000, 6820000, 709000, 6832000, 2154))");
        assertThat(wkt).startsWith("MULTIPOLYGON");
        assertSameAsOracle(new Territory.Wkt(wkt), TaxaFilter.all(), Plans.STANDARD, fromWkt(wkt), "true");
    }

    @Test
    void communeCodesWithTheDescendantsOfAClass() throws SQLException {
        List<String> communes = strings("SELECT a.area_code FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t USING (id_type)"
                + " WHERE t.type_code = 'COM' AND a.area_code LIKE '91%' ORDER BY a.area_code LIMIT 12");
        int aves = (int) single("SELECT cd_nom FROM taxonomie.taxref WHERE id_rang = 'CL' AND lb_nom = 'Aves'");
        assertSameAsOracle(new Territory.Areas(communes.stream().map(c -> new AreaRef("COM", c)).toList()),
                new TaxaFilter(List.of(), List.of(aves)), Plans.STANDARD,
                "(SELECT ST_Union(geom) FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types bat USING (id_type)"
                        + " WHERE bat.type_code = 'COM' AND a.area_code IN ('" + String.join("', '", communes) + "'))",
                "t.classe = 'Aves'");
    }

    @Test
    void departementCodeWithTwoGroups() throws SQLException {
        assertSameAsOracle(new Territory.Areas(List.of(new AreaRef("DEP", "94"))),
                new TaxaFilter(List.of("Mammifères", "Amphibiens"), List.of()), Plans.STANDARD, areaSql("DEP", "94"),
                "t.group2_inpn IN ('Mammifères', 'Amphibiens')");
    }

    @Test
    void aGroupAndTheDescendantsOfAFamilyTogether() throws SQLException {
        int paridae = (int) single("SELECT cd_nom FROM taxonomie.taxref WHERE id_rang = 'FM' AND lb_nom = 'Paridae'");
        assertSameAsOracle(new Territory.Areas(List.of(new AreaRef("DEP", "77"))),
                new TaxaFilter(List.of("Reptiles"), List.of(paridae)), Plans.STANDARD, areaSql("DEP", "77"),
                "t.group2_inpn = 'Reptiles' OR t.famille = 'Paridae'");
    }

    @Test
    void taxaAmongTellsWhichNamesBelongToTheFluxTaxa() throws SQLException {
        int paridae = (int) single("SELECT cd_nom FROM taxonomie.taxref WHERE id_rang = 'FM' AND lb_nom = 'Paridae'");
        ExportQuery query = ExportQuery.of(new Territory.Areas(List.of(new AreaRef("DEP", "77"))),
                new TaxaFilter(List.of("Reptiles"), List.of(paridae)), ALL_FIELDS, Plans.STANDARD.plan());
        List<Integer> all = strings("SELECT cd_nom::text FROM taxonomie.taxref ORDER BY cd_nom").stream().map(Integer::valueOf).toList();
        Set<Integer> expected = strings("SELECT cd_nom::text FROM taxonomie.taxref t WHERE t.group2_inpn = 'Reptiles'"
                + " OR t.famille = 'Paridae'").stream().map(Integer::valueOf).collect(Collectors.toSet());
        assertThat(expected).hasSizeGreaterThan(3).hasSizeLessThan(all.size() / 2);
        assertThat(query.taxaAmong(connection, all)).containsExactlyInAnyOrderElementsOf(expected);
        ExportQuery everything = ExportQuery.of(new Territory.Areas(List.of(new AreaRef("DEP", "77"))), TaxaFilter.all(),
                ALL_FIELDS, Plans.STANDARD.plan());
        assertThat(everything.taxaAmong(connection, all)).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void aSpeciesCodeBringsItsSubspeciesAndSynonyms() throws SQLException {
        int species = (int) single("SELECT cd_nom FROM taxonomie.taxref WHERE id_rang = 'ES' AND lb_nom = 'Cyanistes caeruleus'");
        Set<Long> ids = assertSameAsOracle(new Territory.Areas(List.of(new AreaRef("DEP", "75"), new AreaRef("DEP", "92"))),
                new TaxaFilter(List.of(), List.of(species)), Plans.STANDARD,
                "(SELECT ST_Union(geom) FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types bat USING (id_type)"
                        + " WHERE bat.type_code = 'DEP' AND a.area_code IN ('75', '92'))",
                "t.nom_valide LIKE 'Cyanistes caeruleus %'");
        List<String> cited = strings("SELECT DISTINCT nom_cite FROM gn_synthese.synthese WHERE id_synthese IN ("
                + ids.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ") ORDER BY 1");
        assertThat(cited).contains("Cyanistes caeruleus", "Cyanistes caeruleus caeruleus", "Parus caeruleus");
    }

    @Test
    void theQueryFollowsThePlanItIsGiven() throws SQLException {
        Territory dep = new Territory.Areas(List.of(new AreaRef("DEP", "91")));
        Set<Long> lenient = assertSameAsOracle(dep, TaxaFilter.all(), Plans.LENIENT, areaSql("DEP", "91"), "true");
        Set<Long> standard = export(ExportQuery.of(dep, TaxaFilter.all(), ALL_FIELDS, Plans.STANDARD.plan())).keySet();
        assertThat(lenient).isNotEqualTo(standard);
    }

    @Test
    void aTinyTerritoryInsideACellSelectsAllTheCellsGridRecordsWhereverTheyLie() throws SQLException {
        // the 10 km cell with the most GRID-level records, and its grid records
        String gridLevel = "(" + Plans.STANDARD.levelSql() + ") = 2";
        long cell = single("SELECT a.id_area FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t USING (id_type)"
                + " JOIN gn_synthese.synthese s ON ST_Intersects(s.the_geom_local, a.geom)" + NOMENCLATURES
                + " WHERE t.type_code = 'M10' AND " + gridLevel + " GROUP BY a.id_area ORDER BY count(*) DESC, a.id_area LIMIT 1");
        TreeSet<Long> gridRecords = ids("SELECT s.id_synthese FROM gn_synthese.synthese s JOIN ref_geo.l_areas a"
                + " ON a.id_area = " + cell + " AND ST_Intersects(s.the_geom_local, a.geom)" + NOMENCLATURES + " WHERE " + gridLevel);
        assertThat(gridRecords).hasSizeGreaterThan(10);
        double[] box = doubles("SELECT ST_XMin(geom), ST_YMin(geom) FROM ref_geo.l_areas WHERE id_area = " + cell);

        // two 20 m squares at opposite corners of the cell, 1 km inside it
        for (double[] corner : new double[][]{{box[0] + 1000, box[1] + 1000}, {box[0] + 8980, box[1] + 8980}}) {
            String square = "ST_MakeEnvelope(" + corner[0] + ", " + corner[1] + ", " + (corner[0] + 20) + ", "
                    + (corner[1] + 20) + ", 2154)";
            String wkt = wkt4326(square);
            Set<Long> selected = assertSameAsOracle(new Territory.Wkt(wkt), TaxaFilter.all(), Plans.STANDARD, fromWkt(wkt), "true");
            assertThat(selected).containsAll(gridRecords);
            long inside = single("SELECT count(*) FROM gn_synthese.synthese WHERE id_synthese = ANY(ARRAY"
                    + gridRecords + "::integer[]) AND ST_Intersects(the_geom_local, " + fromWkt(wkt) + ")");
            assertThat(inside).as("grid records lying in the tiny square itself").isLessThan(gridRecords.size());
        }
    }

    @Test
    void aTinyTerritoryInADepartementSelectsItsDepartementRecordsButNotItsNeighbours() throws SQLException {
        String dep91 = areaSql("DEP", "91");
        double[] inside = doubles("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(ST_Buffer(" + dep91 + ", -3000)) p) x");
        String wkt = wkt4326("ST_MakeEnvelope(" + inside[0] + ", " + inside[1] + ", " + (inside[0] + 50) + ", "
                + (inside[1] + 50) + ", 2154)");
        Set<Long> selected = assertSameAsOracle(new Territory.Wkt(wkt), TaxaFilter.all(), Plans.STANDARD, fromWkt(wkt), "true");
        String depLevel = "(" + Plans.STANDARD.levelSql() + ") = 3";
        TreeSet<Long> of91 = ids("SELECT s.id_synthese FROM gn_synthese.synthese s" + NOMENCLATURES
                + " WHERE " + depLevel + " AND ST_Intersects(s.the_geom_local, " + dep91 + ")");
        TreeSet<Long> elsewhere = ids("SELECT s.id_synthese FROM gn_synthese.synthese s" + NOMENCLATURES
                + " WHERE " + depLevel + " AND NOT ST_Intersects(s.the_geom_local, " + dep91 + ")");
        assertThat(of91).hasSizeGreaterThan(20);
        assertThat(selected).containsAll(of91).doesNotContainAnyElementsOf(elsewhere);
    }

    @Test
    void withheldRecordsAreNeverReturnedButCountedByTheirDepartement() throws SQLException {
        Territory dep = new Territory.Areas(List.of(new AreaRef("DEP", "77")));
        ExportQuery query = ExportQuery.of(dep, TaxaFilter.all(), ALL_FIELDS, Plans.STANDARD.plan());
        Map<Long, ObservationRow> rows = export(query);
        TreeSet<Long> withheld = ids("SELECT s.id_synthese FROM gn_synthese.synthese s" + NOMENCLATURES
                + " WHERE (" + Plans.STANDARD.levelSql() + ") = 4 AND ST_Intersects(s.the_geom_local, " + areaSql("DEP", "77") + ")");
        assertThat(withheld).hasSizeGreaterThan(100);
        assertThat(rows.keySet()).doesNotContainAnyElementsOf(withheld);
        assertThat(query.countWithheld(connection)).isEqualTo(withheld.size());
        // The same records per pair of codes, against SQL grouping them here.
        Map<List<String>, Long> byCodes = new java.util.HashMap<>();
        try (java.sql.Statement st = connection.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                "SELECT ns.cd_nomenclature, nd.cd_nomenclature, count(*) FROM gn_synthese.synthese s" + NOMENCLATURES
                        + " WHERE (" + Plans.STANDARD.levelSql() + ") = 4 AND ST_Intersects(s.the_geom_local, " + areaSql("DEP", "77")
                        + ") GROUP BY 1, 2")) {
            while (rs.next()) {
                byCodes.put(java.util.Arrays.asList(rs.getString(1), rs.getString(2)), rs.getLong(3));
            }
        }
        assertThat(byCodes.keySet()).as("several pairs, a null sensitivity among them").hasSizeGreaterThan(2)
                .anyMatch(pair -> pair.get(0) == null);
        assertThat(query.countWithheldByCodes(connection)).isEqualTo(byCodes);
        assertThat(rows.values()).noneMatch(r -> r.sensitivityCode() == null || "4".equals(r.sensitivityCode())
                || "4".equals(r.diffusionCode()));
    }

    @Test
    void everyFieldCarriesTheSourcesValueAndLabel() throws SQLException, ParseException {
        Map<String, String> oracle = fieldOracle();
        assertThat(oracle.keySet()).as("an oracle for every catalogue field")
                .containsExactlyInAnyOrderElementsOf(ALL_FIELDS.stream().map(FieldDefinition::code).toList());
        Map<Long, ObservationRow> rows = export(ExportQuery.of(new Territory.Areas(List.of(new AreaRef("DEP", "92"))),
                TaxaFilter.all(), ALL_FIELDS, Plans.STANDARD.plan()));
        assertThat(rows).hasSizeGreaterThan(500);
        StringBuilder sql = new StringBuilder("SELECT x.id_synthese AS row_id, ns.cd_nomenclature AS row_s, nd.cd_nomenclature"
                + " AS row_d, ST_AsText(x.the_geom_local) AS row_local, ST_AsText(x.the_geom_4326) AS row_wgs84");
        oracle.forEach((code, expression) -> sql.append(",\n ").append(expression).append(" AS ").append(code));
        sql.append("\nFROM gn_synthese.synthese x LEFT JOIN ref_nomenclatures.t_nomenclatures ns")
                .append(" ON ns.id_nomenclature = x.id_nomenclature_sensitivity LEFT JOIN ref_nomenclatures.t_nomenclatures nd")
                .append(" ON nd.id_nomenclature = x.id_nomenclature_diffusion_level WHERE x.id_synthese = ANY(?)");
        WKTReader wkt = new WKTReader();
        int checked = 0;
        Set<String> labelsSeen = new TreeSet<>();
        try (PreparedStatement st = connection.prepareStatement(sql.toString())) {
            st.setArray(1, connection.createArrayOf("bigint", rows.keySet().toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ObservationRow row = rows.get(rs.getLong("row_id"));
                    assertThat(row.sensitivityCode()).isEqualTo(rs.getString("row_s"));
                    assertThat(row.diffusionCode()).isEqualTo(rs.getString("row_d"));
                    assertThat(row.localGeometry().equalsExact(wkt.read(rs.getString("row_local")), 1e-6)).isTrue();
                    assertThat(row.localGeometry().getSRID()).isEqualTo(2154);
                    assertThat(row.geometry().getSRID()).isEqualTo(4326);
                    for (int i = 0; i < ALL_FIELDS.size(); i++) {
                        FieldDefinition field = ALL_FIELDS.get(i);
                        Object actual = row.values()[i];
                        String as = "field %s of record %d".formatted(field.code(), row.id());
                        if (actual != null) {
                            assertThat(actual).as(as).isInstanceOf(FieldSql.javaType(field.type()));
                        }
                        switch (field.type()) {
                            case GEOMETRY -> {
                                assertThat(actual).as(as).isSameAs(row.geometry());
                                assertThat(((Geometry) actual).equalsExact(wkt.read(rs.getString("row_wgs84")), 1e-9)).as(as).isTrue();
                            }
                            case DECIMAL -> {
                                double expected = rs.getDouble(field.code());
                                assertThat((Double) actual).as(as).isCloseTo(expected, within(1e-6));
                            }
                            case INTEGER -> {
                                Object expected = rs.getObject(field.code());
                                assertThat(actual).as(as).isEqualTo(expected == null ? null : ((Number) expected).longValue());
                            }
                            case DATE -> assertThat(actual).as(as).isEqualTo(rs.getObject(field.code(), LocalDate.class));
                            case TIMESTAMP -> assertThat(actual).as(as).isEqualTo(rs.getObject(field.code(), LocalDateTime.class));
                            case UUID -> assertThat(actual).as(as).isEqualTo(rs.getObject(field.code(), UUID.class));
                            default -> assertThat(actual).as(as).isEqualTo(rs.getString(field.code()));
                        }
                    }
                    labelsSeen.add(String.valueOf(row.values()[index("niveau_sensibilite")]));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(rows.size());
        assertThat(labelsSeen).contains("Non sensible - Diffusion précise", "Sensible - Diffusion à la Commune ou Znieff",
                "Sensible - Diffusion à la maille 10km", "Sensible - Diffusion au département");
        assertThat(rows.values()).anyMatch(r -> r.values()[index("communes")] != null
                && ((String) r.values()[index("communes")]).contains(", "));
    }

    @Test
    void rowsFollowTheSpecsFieldsInTheirOrder() throws SQLException {
        FluxSpec spec = new FluxSpec(new Territory.Areas(List.of(new AreaRef("DEP", "93"))), TaxaFilter.all(),
                List.of("nom_valide", "id_synthese", "geometrie_wkt_4326", "niveau_sensibilite"), List.of(ExportFormat.CSV), null);
        ExportQuery query = ExportQuery.of(spec, FieldCatalogue.standard(), Plans.STANDARD.plan());
        assertThat(query.fields()).extracting(FieldDefinition::code)
                .containsExactly("nom_valide", "id_synthese", "geometrie_wkt_4326", "niveau_sensibilite");
        Map<Long, ObservationRow> rows = export(query);
        assertThat(rows).isNotEmpty();
        for (ObservationRow row : rows.values()) {
            assertThat(row.values()).hasSize(4);
            assertThat(row.values()[0]).isInstanceOf(String.class);
            assertThat(row.values()[1]).isEqualTo(row.id());
            assertThat(row.values()[2]).isSameAs(row.geometry());
            assertThat(row.localGeometry()).isNotNull();
        }
        // only the fields' joins are made (the dataset is only checked for existence, as the export view's join does)
        assertThat(query.selectSql(connection)).doesNotContain("JOIN gn_meta").doesNotContain("ref_habitats").doesNotContain("n_sex");
    }

    @Test
    void countIsTheNumberOfRowsAndTheEstimateIsOfTheSameOrder() throws SQLException {
        ExportQuery query = ExportQuery.of(new Territory.Areas(List.of(new AreaRef("DEP", "77"))), TaxaFilter.all(),
                FieldCatalogue.standard().select(List.of("id_synthese")), Plans.STANDARD.plan());
        long count = query.count(connection);
        assertThat(export(query)).hasSize((int) count);
        assertThat(query.estimate(connection)).isBetween(count / 4, count * 4);
        ExportQuery birds = ExportQuery.of(new Territory.Areas(List.of(new AreaRef("DEP", "77"))),
                new TaxaFilter(List.of("Oiseaux"), List.of()), FieldCatalogue.standard().select(List.of("id_synthese")),
                Plans.STANDARD.plan());
        assertThat(birds.estimate(connection)).isBetween(birds.count(connection) / 4, birds.count(connection) * 4);
    }

    @Test
    void explainShowsTheSpatialIndexesAtWork() throws SQLException {
        String wkt = wkt4326("ST_MakeEnvelope(645000, 6845000, 655000, 6855000, 2154)");
        List<String> plan = ExportQuery.of(new Territory.Wkt(wkt), TaxaFilter.all(), ALL_FIELDS, Plans.STANDARD.plan())
                .explain(connection);
        String text = String.join("\n", plan);
        assertThat(text).as(text).contains("Index Scan using i_synthese_the_geom_local on synthese")
                .contains("index_l_areas_geom").doesNotContain("Seq Scan on synthese");
    }

    @Test
    void aStreamInTheCallersTransactionLeavesItOpen() throws SQLException {
        ExportQuery query = ExportQuery.of(new Territory.Areas(List.of(new AreaRef("DEP", "75"))), TaxaFilter.all(),
                FieldCatalogue.standard().select(List.of("id_synthese")), Plans.STANDARD.plan());
        connection.setAutoCommit(false);
        try {
            long count = query.count(connection);
            long read;
            try (RowStream rows = query.stream(connection, 100)) {
                while (rows.next() != null) {
                    assertThat(rows.rowsRead()).isPositive();
                }
                read = rows.rowsRead();
            }
            assertThat(read).isEqualTo(count);
            assertThat(connection.getAutoCommit()).isFalse();
            assertThat(strings("SELECT current_setting('jit')")).containsExactly("off");
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        List<Long> ids = new ArrayList<>();
        query.forEach(connection, 500, row -> ids.add(row.id()));
        assertThat(ids).hasSize((int) query.count(connection));
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void unknownAreasSelectNothingAndBadArgumentsAreRefused() throws SQLException {
        ExportQuery nowhere = ExportQuery.of(new Territory.Areas(List.of(new AreaRef("COM", "99999"))), TaxaFilter.all(),
                ALL_FIELDS, Plans.STANDARD.plan());
        assertThat(nowhere.count(connection)).isZero();
        assertThat(nowhere.countWithheld(connection)).isZero();
        assertThat(export(nowhere)).isEmpty();
        assertThatThrownBy(() -> ExportQuery.of(new Territory.Described("la vallée"), TaxaFilter.all(), ALL_FIELDS,
                Plans.STANDARD.plan())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> nowhere.stream(connection, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Random polygons, taxa and rules, each compared with the oracle (the seed is in the failure message). */
    @Test
    void randomTerritoriesTaxaAndRulesMatchTheOracle() throws SQLException {
        long seed = Long.getLong("naturaflux.test.seed", 20_260_314L);
        Random random = new Random(seed);
        double[] extent = doubles("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) e"
                + " FROM ref_geo.l_areas WHERE id_type = (SELECT id_type FROM ref_geo.bib_areas_types WHERE type_code = 'DEP')) x");
        List<String> groups = strings("SELECT DISTINCT group2_inpn FROM taxonomie.taxref WHERE group2_inpn IS NOT NULL ORDER BY 1");
        List<String> families = strings("SELECT lb_nom FROM taxonomie.taxref WHERE id_rang = 'FM' ORDER BY lb_nom");
        for (int i = 0; i < 12; i++) {
            double x = extent[0] + random.nextDouble() * (extent[2] - extent[0]);
            double y = extent[1] + random.nextDouble() * (extent[3] - extent[1]);
            double radius = Math.exp(Math.log(30) + random.nextDouble() * (Math.log(20_000) - Math.log(30)));
            int vertices = 3 + random.nextInt(6);
            StringBuilder ring = new StringBuilder();
            String first = null;
            for (int v = 0; v < vertices; v++) {
                double angle = 2 * Math.PI * (v + random.nextDouble() * 0.8) / vertices;
                double r = radius * (0.5 + random.nextDouble() * 0.5);
                String point = String.format(Locale.ROOT, "%.3f %.3f", x + r * Math.cos(angle), y + r * Math.sin(angle));
                ring.append(point).append(", ");
                first = first == null ? point : first;
            }
            String wkt = wkt4326("ST_GeomFromText('POLYGON((" + ring + first + "))', 2154)");
            TaxaFilter taxa;
            String taxaSql;
            switch (random.nextInt(3)) {
                case 0 -> {
                    taxa = TaxaFilter.all();
                    taxaSql = "true";
                }
                case 1 -> {
                    String group = groups.get(random.nextInt(groups.size()));
                    taxa = new TaxaFilter(List.of(group), List.of());
                    taxaSql = "t.group2_inpn = '" + group.replace("'", "''") + "'";
                }
                default -> {
                    String family = families.get(random.nextInt(families.size()));
                    taxa = new TaxaFilter(List.of(), List.of((int) single("SELECT cd_nom FROM taxonomie.taxref"
                            + " WHERE id_rang = 'FM' AND lb_nom = '" + family + "'")));
                    taxaSql = "t.famille = '" + family + "'";
                }
            }
            Plans.Rules rules = random.nextBoolean() ? Plans.STANDARD : Plans.LENIENT;
            String as = "seed %d, case %d: %s, %s, %s".formatted(seed, i, wkt, taxaSql, rules == Plans.STANDARD ? "standard" : "lenient");
            TreeSet<Long> expected = oracle(rules, fromWkt(wkt), taxaSql);
            ExportQuery query = ExportQuery.of(new Territory.Wkt(wkt), taxa, FieldCatalogue.standard().select(List.of("id_synthese")),
                    rules.plan());
            assertThat(new TreeSet<>(export(query).keySet())).as(as).isEqualTo(expected);
            assertThat(query.count(connection)).as(as).isEqualTo(expected.size());
        }
    }

    // ------------------------------------------------------------------------------------------------
    // oracles

    private static final String NOMENCLATURES = " LEFT JOIN ref_nomenclatures.t_nomenclatures ns"
            + " ON ns.id_nomenclature = s.id_nomenclature_sensitivity LEFT JOIN ref_nomenclatures.t_nomenclatures nd"
            + " ON nd.id_nomenclature = s.id_nomenclature_diffusion_level";

    /**
     * The records a flux selects, stated independently: PRECISE ones (level 0) whose geometry meets the
     * territory; for each area of a degraded level's type that shares surface with the territory (more
     * than a millionth of the smaller), the records of that level whose geometry meets the area.
     */
    private static TreeSet<Long> oracle(Plans.Rules rules, String territorySql, String taxaSql) throws SQLException {
        String level = "(" + rules.levelSql() + ")";
        String sql = "WITH terr AS MATERIALIZED (SELECT " + territorySql + " AS g),"
                + " meeting AS MATERIALIZED (SELECT a.geom, array_position(" + rules.areaTypesSql() + ", b.type_code::text) AS lvl"
                + "  FROM terr, ref_geo.l_areas a JOIN ref_geo.bib_areas_types b ON b.id_type = a.id_type"
                + "  WHERE a.enable AND b.type_code = ANY(" + rules.areaTypesSql() + ") AND ST_Intersects(a.geom, terr.g)"
                + "  AND ST_Area(ST_Intersection(a.geom, terr.g)) > 1e-6 * LEAST(ST_Area(a.geom), ST_Area(terr.g))),"
                + " chosen AS (SELECT s.id_synthese, s.cd_nom FROM terr, gn_synthese.synthese s" + NOMENCLATURES
                + "  WHERE ST_Intersects(s.the_geom_local, terr.g) AND " + level + " = 0"
                + "  UNION SELECT s.id_synthese, s.cd_nom FROM meeting m JOIN gn_synthese.synthese s ON ST_Intersects(s.the_geom_local, m.geom)"
                + NOMENCLATURES + "  WHERE " + level + " = m.lvl)"
                + " SELECT c.id_synthese FROM chosen c JOIN taxonomie.taxref t ON t.cd_nom = c.cd_nom WHERE " + taxaSql;
        return ids(sql);
    }

    /** Every catalogue field read again from the source, after GeoNature's export view. */
    private static Map<String, String> fieldOracle() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("id_synthese", "x.id_synthese");
        m.put("date_debut", "x.date_min::date");
        m.put("date_fin", "x.date_max::date");
        m.put("heure_debut", "x.date_min::time::text");
        m.put("heure_fin", "x.date_max::time::text");
        m.put("cd_nom", "x.cd_nom");
        for (String[] t : new String[][]{{"cd_ref", "cd_ref"}, {"nom_valide", "nom_valide"}, {"nom_vernaculaire", "nom_vern"},
                {"regne", "regne"}, {"group1_inpn", "group1_inpn"}, {"group2_inpn", "group2_inpn"}, {"group3_inpn", "group3_inpn"},
                {"classe", "classe"}, {"ordre", "ordre"}, {"famille", "famille"}, {"rang_taxo", "id_rang"}}) {
            m.put(t[0], "(SELECT tx." + t[1] + " FROM taxonomie.taxref tx WHERE tx.cd_nom = x.cd_nom)");
        }
        // a status field reads the taxon's cd_ref, which status.RecordStatuses replaces by the taxon's statuses
        for (String status : new String[]{"protection_nationale", "protection_regionale", "protection_departementale",
                "liste_rouge_nationale", "liste_rouge_regionale", "directive_oiseaux", "directive_habitats",
                "znieff_determinante"}) {
            m.put(status, "(SELECT tx.cd_ref::text FROM taxonomie.taxref tx WHERE tx.cd_nom = x.cd_nom)");
        }
        m.put("nom_cite", "x.nom_cite");
        m.put("nombre_min", "x.count_min");
        m.put("nombre_max", "x.count_max");
        m.put("alti_min", "x.altitude_min");
        m.put("alti_max", "x.altitude_max");
        m.put("prof_min", "x.depth_min");
        m.put("prof_max", "x.depth_max");
        m.put("observateurs", "x.observers");
        m.put("determinateur", "x.determiner");
        m.put("communes", "(SELECT string_agg(n, ', ' ORDER BY n) FROM (SELECT DISTINCT l.area_name AS n"
                + " FROM gn_synthese.cor_area_synthese c JOIN ref_geo.l_areas l ON l.id_area = c.id_area"
                + " WHERE c.id_synthese = x.id_synthese AND l.id_type = (SELECT id_type FROM ref_geo.bib_areas_types"
                + " WHERE type_code = 'COM')) names)");
        m.put("geometrie_wkt_4326", "NULL");
        m.put("x_centroid_4326", "ST_X(ST_Centroid(ST_Transform(x.the_geom_local, 4326)))");
        m.put("y_centroid_4326", "ST_Y(ST_Centroid(ST_Transform(x.the_geom_local, 4326)))");
        m.put("nom_lieu", "x.place_name");
        m.put("comment_releve", "x.comment_context");
        m.put("comment_occurrence", "x.comment_description");
        m.put("validateur", "x.validator");
        m.put("niveau_validation", label("valid_status", "STATUT_VALID"));
        m.put("date_validation", "x.meta_validation_date");
        m.put("comment_validation", "x.validation_comment");
        m.put("preuve_numerique_url", "x.digital_proof");
        m.put("preuve_non_numerique", "x.non_digital_proof");
        m.put("jdd_nom", "(SELECT j.dataset_name FROM gn_meta.t_datasets j WHERE j.id_dataset = x.id_dataset)");
        m.put("jdd_uuid", "(SELECT j.unique_dataset_id FROM gn_meta.t_datasets j WHERE j.id_dataset = x.id_dataset)");
        m.put("jdd_id", "x.id_dataset");
        m.put("ca_nom", "(SELECT f.acquisition_framework_name FROM gn_meta.t_datasets j JOIN gn_meta.t_acquisition_frameworks f"
                + " USING (id_acquisition_framework) WHERE j.id_dataset = x.id_dataset)");
        m.put("ca_uuid", "(SELECT f.unique_acquisition_framework_id FROM gn_meta.t_datasets j"
                + " JOIN gn_meta.t_acquisition_frameworks f USING (id_acquisition_framework) WHERE j.id_dataset = x.id_dataset)");
        m.put("ca_id", "(SELECT j.id_acquisition_framework FROM gn_meta.t_datasets j WHERE j.id_dataset = x.id_dataset)");
        m.put("cd_habref", "x.cd_hab");
        m.put("cd_habitat", "(SELECT hb.lb_code FROM ref_habitats.habref hb WHERE hb.cd_hab = x.cd_hab)");
        m.put("nom_habitat", "(SELECT hb.lb_hab_fr FROM ref_habitats.habref hb WHERE hb.cd_hab = x.cd_hab)");
        m.put("precision_geographique", "x.\"precision\"");
        m.put("nature_objet_geo", label("geo_object_nature", "NAT_OBJ_GEO"));
        m.put("type_regroupement", label("grp_typ", "TYP_GRP"));
        m.put("methode_regroupement", "x.grp_method");
        m.put("technique_observation", label("obs_technique", "METH_OBS"));
        m.put("biologique_statut", label("bio_status", "STATUT_BIO"));
        m.put("etat_biologique", label("bio_condition", "ETA_BIO"));
        m.put("biogeographique_statut", label("biogeo_status", "STAT_BIOGEO"));
        m.put("naturalite", label("naturalness", "NATURALITE"));
        m.put("preuve_existante", label("exist_proof", "PREUVE_EXIST"));
        m.put("niveau_precision_diffusion", label("diffusion_level", "NIV_PRECIS"));
        m.put("stade_vie", label("life_stage", "STADE_VIE"));
        m.put("sexe", label("sex", "SEXE"));
        m.put("objet_denombrement", label("obj_count", "OBJ_DENBR"));
        m.put("type_denombrement", label("type_count", "TYP_DENBR"));
        m.put("niveau_sensibilite", label("sensitivity", "SENSIBILITE"));
        m.put("codes_zones_diffusion", "NULL");
        m.put("statut_observation", label("observation_status", "STATUT_OBS"));
        m.put("floutage_dee", label("blurring", "DEE_FLOU"));
        m.put("statut_source", label("source_status", "STATUT_SOURCE"));
        m.put("type_info_geo", label("info_geo_type", "TYP_INF_GEO"));
        m.put("methode_determination", label("determination_method", "METH_DETERMIN"));
        m.put("comportement", label("behaviour", "OCC_COMPORTEMENT"));
        m.put("reference_biblio", "x.reference_biblio");
        m.put("id_origine", "x.entity_source_pk_value");
        m.put("uuid_perm_sinp", "x.unique_id_sinp");
        m.put("uuid_perm_grp_sinp", "x.unique_id_sinp_grp");
        m.put("date_creation", "x.meta_create_date");
        m.put("date_modification", "x.meta_update_date");
        m.put("champs_additionnels", "x.additional_data::text");
        return m;
    }

    private static String label(String column, String type) {
        return "(SELECT n.label_default FROM ref_nomenclatures.t_nomenclatures n JOIN ref_nomenclatures.bib_nomenclatures_types b"
                + " ON b.id_type = n.id_type WHERE n.id_nomenclature = x.id_nomenclature_" + column + " AND b.mnemonique = '" + type + "')";
    }

    // ------------------------------------------------------------------------------------------------
    // helpers

    private static Set<Long> assertSameAsOracle(Territory territory, TaxaFilter taxa, Plans.Rules rules, String oracleTerritory,
                                               String oracleTaxa) throws SQLException {
        TreeSet<Long> expected = oracle(rules, oracleTerritory, oracleTaxa);
        ExportQuery query = ExportQuery.of(territory, taxa, ALL_FIELDS, rules.plan());
        Map<Long, ObservationRow> rows = export(query);
        assertThat(new TreeSet<>(rows.keySet())).isEqualTo(expected);
        assertThat(expected).isNotEmpty();
        assertThat(query.count(connection)).isEqualTo(expected.size());
        return rows.keySet();
    }

    private static Map<Long, ObservationRow> export(ExportQuery query) throws SQLException {
        Map<Long, ObservationRow> rows = new HashMap<>();
        try (RowStream stream = query.stream(connection, 1000)) {
            for (ObservationRow row = stream.next(); row != null; row = stream.next()) {
                assertThat(rows.put(row.id(), row)).as("one row per record: %s", row.id()).isNull();
                assertThat(row.values()).hasSize(query.fields().size());
            }
        }
        return rows;
    }

    private static int index(String code) {
        for (int i = 0; i < ALL_FIELDS.size(); i++) {
            if (ALL_FIELDS.get(i).code().equals(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException(code);
    }

    /** A WGS84 territory in EPSG:2154, its edges straight in WGS84 (RFC 7946): cut into steps of about 10 m first. */
    private static String fromWkt(String wkt) {
        return "ST_Transform(ST_Segmentize(ST_GeomFromText('" + wkt + "', 4326), 1e-4), 2154)";
    }

    private static String areaSql(String type, String code) {
        return "(SELECT a.geom FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types bat USING (id_type)"
                + " WHERE bat.type_code = '" + type + "' AND a.area_code = '" + code + "')";
    }

    private static String wkt4326(String sql2154) throws SQLException {
        return strings("SELECT ST_AsText(ST_Transform(" + sql2154 + ", 4326))").get(0);
    }

    private static TreeSet<Long> ids(String sql) throws SQLException {
        TreeSet<Long> ids = new TreeSet<>();
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
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
