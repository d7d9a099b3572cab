package org.naturaflux.source.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.model.spec.RecordFilters.IdList;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.source.reference.AreaIndexCache;
import org.naturaflux.source.reference.RecordFilterCatalog;
import org.naturaflux.testkit.IsolatedDatabase;

/**
 * A flux's record filters (observation status, validation status, dates or a rolling window, datasets included
 * or excluded), each alone and combined, on the demo source of one département: the rows are the id_synthese
 * set of an oracle written here in SQL (the selection rule area by area, as in {@link ExportQueryTest}, then
 * each filter on the record's codes read through their nomenclature type, its dates, its dataset's UUID and the
 * UUIDs of the organisms its dataset's actors name "Producteur du jeu de données");
 * the exact count, the withheld count (a record the filters leave out is not withheld) and the estimate by
 * level agree with it; change routing's evaluation of states takes what the export takes.
 */
class RecordFiltersQueryTest {

    private static final String NOMENCLATURES = " LEFT JOIN ref_nomenclatures.t_nomenclatures ns"
            + " ON ns.id_nomenclature = s.id_nomenclature_sensitivity LEFT JOIN ref_nomenclatures.t_nomenclatures nd"
            + " ON nd.id_nomenclature = s.id_nomenclature_diffusion_level";
    private static final List<FieldDefinition> FIELDS = Stream.of("id_synthese").map(FieldCatalogue.standard()::require).toList();
    private static final Territory TERRITORY = new Territory.Areas(List.of(new AreaRef("DEP", "77")));
    private static final String TERRITORY_SQL = "(SELECT ST_Union(a.geom) FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types b"
            + " USING (id_type) WHERE b.type_code = 'DEP' AND a.area_code = '77')";
    private static final SensitivityRules RULES = SensitivityRules.standard();

    private static IsolatedDatabase database;
    private static Connection connection;
    private static List<UUID> datasets;
    /** The producer organisms of the demo, by their records (most first), found by joining gn_meta here. */
    private static List<UUID> producers;

    @BeforeAll
    static void generate() throws SQLException {
        database = IsolatedDatabase.create(RecordFiltersQueryTest.class);
        connection = database.connect();
        new DemoSourceGenerator(connection, 17).regenerate(20_000);
        datasets = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT d.unique_dataset_id"
                + " FROM gn_meta.t_datasets d JOIN gn_synthese.synthese s ON s.id_dataset = d.id_dataset"
                + " GROUP BY d.unique_dataset_id ORDER BY count(*) DESC")) {
            while (rs.next()) {
                datasets.add(UUID.fromString(rs.getString(1)));
            }
        }
        producers = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT o.uuid_organisme"
                + " FROM utilisateurs.bib_organismes o JOIN gn_meta.cor_dataset_actor a ON a.id_organism = o.id_organisme"
                + " JOIN ref_nomenclatures.t_nomenclatures r ON r.id_nomenclature = a.id_nomenclature_actor_role"
                + " AND r.label_default = 'Producteur du jeu de données'"
                + " JOIN gn_synthese.synthese s ON s.id_dataset = a.id_dataset GROUP BY o.uuid_organisme ORDER BY count(*) DESC")) {
            while (rs.next()) {
                producers.add(UUID.fromString(rs.getString(1)));
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
    void theDemoHasWhatTheFiltersTellApart() throws SQLException {
        assertThat(count("SELECT count(*) FROM gn_synthese.synthese s JOIN ref_nomenclatures.t_nomenclatures n"
                + " ON n.id_nomenclature = s.id_nomenclature_observation_status WHERE n.cd_nomenclature = 'No'"))
                .as("absences").isGreaterThan(100);
        assertThat(count("SELECT count(DISTINCT id_nomenclature_valid_status) FROM gn_synthese.synthese"))
                .as("validation statuses").isGreaterThanOrEqualTo(5);
        assertThat(count("SELECT count(*) FROM gn_synthese.synthese WHERE date_min < '2000-01-01'")).as("old records")
                .isGreaterThan(100);
        assertThat(datasets).as("datasets with records").hasSizeGreaterThan(3);
        assertThat(RecordFilterCatalog.codes(connection, "STATUT_OBS")).containsKeys("Pr", "No");
        assertThat(RecordFilterCatalog.codes(connection, "STATUT_VALID")).containsKeys("0", "1", "2", "3", "4", "5", "6");
        assertThat(RecordFilterCatalog.missingDatasets(connection, List.of(datasets.get(0), new UUID(0, 7))))
                .containsExactly(new UUID(0, 7));
    }

    @Test
    void presentRecordsOnlyByDefault() throws SQLException {
        assertFiltered(RecordFilters.defaults(), "c.obs = 'Pr'");
        // and without filters the absences come back: the default is a filter, not the selection rule
        assertFiltered(RecordFilters.none(), "true");
    }

    @Test
    void absencesOnlyWhenAsked() throws SQLException {
        assertFiltered(new RecordFilters(List.of("No"), null, null, null, null, null), "c.obs = 'No'");
        // the demo's records are all present or absent: both statuses take every record, as no filter does
        assertFiltered(new RecordFilters(List.of("Pr", "No"), null, null, null, null, null), "c.obs IN ('Pr', 'No')", false);
    }

    @Test
    void validationStatuses() throws SQLException {
        assertFiltered(new RecordFilters(null, List.of("1", "2"), null, null, null, null), "c.obs = 'Pr' AND c.valid IN ('1', '2')");
        assertFiltered(new RecordFilters(null, List.of("4"), null, null, null, null), "c.obs = 'Pr' AND c.valid = '4'");
    }

    @Test
    void datesFromTo() throws SQLException {
        assertFiltered(new RecordFilters(null, null, LocalDate.of(2005, 3, 1), LocalDate.of(2012, 6, 30), null, null),
                "c.obs = 'Pr' AND c.date_min >= '2005-03-01 00:00' AND c.date_max <= '2012-06-30 23:59:59.999999'");
        assertFiltered(new RecordFilters(null, null, null, LocalDate.of(1999, 12, 31), null, null),
                "c.obs = 'Pr' AND c.date_max <= '1999-12-31 23:59:59.999999'");
    }

    @Test
    void aRollingWindowFromTheSourcesCurrentDate() throws SQLException {
        LocalDate today;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT current_date")) {
            rs.next();
            today = rs.getObject(1, LocalDate.class);
        }
        LocalDate since = today.minusYears(15);
        assertFiltered(new RecordFilters(null, null, null, null, Period.ofYears(15), null),
                "c.obs = 'Pr' AND c.date_min >= '" + since + " 00:00'");
    }

    @Test
    void datasetsIncludedOrExcluded() throws SQLException {
        UUID a = datasets.get(0);
        UUID b = datasets.get(1);
        assertFiltered(new RecordFilters(null, null, null, null, null, new IdList(List.of(a, b), null)),
                "c.obs = 'Pr' AND c.uuid IN ('" + a + "', '" + b + "')");
        assertFiltered(new RecordFilters(null, null, null, null, null, new IdList(null, List.of(a))),
                "c.obs = 'Pr' AND c.uuid <> '" + a + "'");
    }

    @Test
    void producersIncludedOrExcluded() throws SQLException {
        assertThat(producers).as("producers with records").hasSizeGreaterThan(3);
        UUID a = producers.get(0);
        UUID b = producers.get(1);
        assertFiltered(new RecordFilters(null, null, null, null, null, null, new IdList(List.of(a), null)),
                "c.obs = 'Pr' AND '" + a + "' = ANY(c.producers)");
        assertFiltered(new RecordFilters(null, null, null, null, null, null, new IdList(List.of(a, b), null)),
                "c.obs = 'Pr' AND c.producers && ARRAY['" + a + "', '" + b + "']");
        assertFiltered(new RecordFilters(null, null, null, null, null, null, new IdList(null, List.of(a))),
                "c.obs = 'Pr' AND NOT '" + a + "' = ANY(c.producers)");
    }

    /** A dataset with two producers: excluding either leaves its records out; including either takes them. */
    @Test
    void aDatasetWithTwoProducers() throws SQLException {
        List<UUID> pair = new ArrayList<>();
        UUID shared;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("WITH " + CODED
                + " SELECT c.uuid, c.producers[1], c.producers[2] FROM coded c WHERE cardinality(c.producers) = 2"
                + " GROUP BY 1, 2, 3 ORDER BY count(*) DESC LIMIT 1")) {
            assertThat(rs.next()).as("the demo has a dataset with two producers").isTrue();
            shared = UUID.fromString(rs.getString(1));
            pair.add(UUID.fromString(rs.getString(2)));
            pair.add(UUID.fromString(rs.getString(3)));
        }
        for (UUID producer : pair) {
            RecordFilters without = new RecordFilters(null, null, null, null, null, null, new IdList(null, List.of(producer)));
            assertFiltered(without, "c.obs = 'Pr' AND NOT '" + producer + "' = ANY(c.producers)");
            ExportQuery query = ExportQuery.of(TERRITORY, TaxaFilter.all(), without, FIELDS, RULES.selectionPlan());
            List<RecordFilterSql.State> states = states("s.id_dataset = (SELECT id_dataset FROM gn_meta.t_datasets"
                    + " WHERE unique_dataset_id = '" + shared + "') AND s.id_nomenclature_observation_status IN (SELECT n.id_nomenclature"
                    + " FROM ref_nomenclatures.t_nomenclatures n WHERE n.cd_nomenclature = 'Pr')");
            assertThat(states).isNotEmpty();
            RecordFilters with = new RecordFilters(null, null, null, null, null, null, new IdList(List.of(producer), null));
            assertThat(RecordFilterSql.accepted(connection, with, states)).as("change routing: the shared dataset's records")
                    .hasSize(states.size());
            assertThat(query.filtersAccept(connection, states)).as("change routing: the shared dataset's records").isEmpty();
        }
    }

    /**
     * The producers filter costs no per-record scan of the actors: the planner finds the produced datasets once
     * (a hashed subplan, or a hash join) or looks each record's dataset up by the actors' unique index
     * (id_dataset, id_organism, role), never a plain subplan re-run per record.
     */
    @Test
    void theProducersFilterIsFoundOncePerQuery() throws SQLException {
        for (IdList producerList : List.of(new IdList(List.of(producers.get(0)), null), new IdList(null, List.of(producers.get(0))))) {
            RecordFilters filters = new RecordFilters(null, null, null, null, null, null, producerList);
            List<String> plan = ExportQuery.of(TERRITORY, TaxaFilter.all(), filters, FIELDS, RULES.selectionPlan()).explain(connection);
            System.out.println("EXPLAIN with producers " + producerList + ":\n" + String.join("\n", plan));
            assertThat(String.join("\n", plan)).as("the plan reads the actors").contains("cor_dataset_actor");
            for (String line : plan) {
                if (line.contains("SubPlan")) {
                    assertThat(line).as("a subplan of the plan").contains("hashed");
                }
                if (line.contains("on cor_dataset_actor")) {
                    assertThat(line).as("the actors' scan").containsAnyOf("Seq Scan", "Index Scan using check_is_unique",
                            "Index Only Scan using check_is_unique", "Bitmap");
                }
            }
        }
    }

    @Test
    void everyFilterCombined() throws SQLException {
        UUID a = datasets.get(0);
        assertFiltered(new RecordFilters(List.of("Pr", "No"), List.of("1", "2", "0"), LocalDate.of(2000, 1, 1),
                LocalDate.of(2020, 12, 31), null, new IdList(null, List.of(a))),
                "c.obs IN ('Pr', 'No') AND c.valid IN ('1', '2', '0') AND c.date_min >= '2000-01-01'"
                        + " AND c.date_max < '2021-01-01' AND c.uuid <> '" + a + "'");
        UUID p = producers.get(0);
        UUID q = producers.get(1);
        assertFiltered(new RecordFilters(null, List.of("1", "2"), LocalDate.of(2000, 1, 1), null, null,
                new IdList(null, List.of(a)), new IdList(List.of(p, q), List.of(producers.get(2)))),
                "c.obs = 'Pr' AND c.valid IN ('1', '2') AND c.date_min >= '2000-01-01' AND c.uuid <> '" + a + "'"
                        + " AND c.producers && ARRAY['" + p + "', '" + q + "'] AND NOT '" + producers.get(2) + "' = ANY(c.producers)");
    }

    /** What change routing asks: the filters' verdict on states equals the export's on the same records. */
    @Test
    void statesAreTakenAsTheExportTakesTheirRecords() throws SQLException {
        RecordFilters filters = new RecordFilters(List.of("Pr"), List.of("1", "2"), LocalDate.of(2003, 1, 1), null, null,
                new IdList(null, List.of(datasets.get(0))), new IdList(null, List.of(producers.get(1))));
        List<RecordFilterSql.State> states = states("s.id_synthese % 10 = 0");
        TreeSet<Long> oracle = ids(filteredSql("SELECT c.id_synthese FROM coded c WHERE c.id_synthese % 10 = 0 AND",
                "c.obs = 'Pr' AND c.valid IN ('1', '2') AND c.date_min >= '2003-01-01' AND c.uuid <> '" + datasets.get(0) + "'"
                        + " AND NOT '" + producers.get(1) + "' = ANY(c.producers)"));
        assertThat(oracle).hasSizeGreaterThan(100);
        ExportQuery query = ExportQuery.of(TERRITORY, TaxaFilter.all(), filters, FIELDS, RULES.selectionPlan());
        assertThat(new TreeSet<>(query.filtersAccept(connection, states))).isEqualTo(oracle);
        assertThat(RecordFilterSql.accepted(connection, RecordFilters.none(), states)).hasSize(states.size());
        // a state without any status, date or dataset is taken by no filter but "none"
        RecordFilterSql.State bare = new RecordFilterSql.State(-1, null, null, null, null, null);
        assertThat(query.filtersAccept(connection, List.of(bare))).isEmpty();
        assertThat(RecordFilterSql.accepted(connection, RecordFilters.none(), List.of(bare))).containsExactly(-1L);
    }

    /** The states of the synthese rows {@code s} meeting {@code condition}, as change routing receives them. */
    private static List<RecordFilterSql.State> states(String condition) throws SQLException {
        List<RecordFilterSql.State> states = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT s.id_synthese,"
                + " s.id_nomenclature_observation_status, s.id_nomenclature_valid_status, s.date_min, s.date_max, s.id_dataset"
                + " FROM gn_synthese.synthese s WHERE " + condition)) {
            while (rs.next()) {
                states.add(new RecordFilterSql.State(rs.getLong(1), (Integer) rs.getObject(2), (Integer) rs.getObject(3),
                        rs.getObject(4, LocalDateTime.class), rs.getObject(5, LocalDateTime.class), (Integer) rs.getObject(6)));
            }
        }
        return states;
    }

    /**
     * The export's rows, count, withheld count and estimate for {@code filters}, against the oracle's records of the
     * département (the selection rule) meeting {@code condition} (over {@code coded c}: its codes {@code obs},
     * {@code valid}, dates and dataset {@code uuid}).
     */
    private static void assertFiltered(RecordFilters filters, String condition) throws SQLException {
        assertFiltered(filters, condition, !filters.isNone());
    }

    private static void assertFiltered(RecordFilters filters, String condition, boolean leavesOut) throws SQLException {
        TreeSet<Long> exported = ids(chosen() + " SELECT c.id_synthese FROM chosen c WHERE c.lvl < 4 AND " + condition);
        long withheld = count(chosen() + " SELECT count(*) FROM chosen c WHERE c.lvl = 4 AND " + condition);
        long all = count(chosen() + " SELECT count(*) FROM chosen c");
        assertThat(exported).as("oracle: records for " + condition).hasSizeGreaterThan(20);
        if (leavesOut) {
            assertThat(exported.size() + withheld).as("oracle: the filter leaves records out").isLessThan(all);
        } else {
            assertThat(exported.size() + withheld).as("oracle: the filter takes every record").isEqualTo(all);
        }

        ExportQuery query = ExportQuery.of(TERRITORY, TaxaFilter.all(), filters, FIELDS, RULES.selectionPlan());
        TreeSet<Long> rows = new TreeSet<>();
        query.forEach(connection, 500, row -> rows.add(row.id()));
        assertThat(rows).as("rows for " + condition).isEqualTo(exported);
        assertThat(query.count(connection)).isEqualTo(exported.size());
        assertThat(query.countWithheld(connection)).as("withheld for " + condition).isEqualTo(withheld);
        assertThat(query.countWithoutTaxonOrDataset(connection)).isZero();
        assertThat(query.estimate(connection)).as("planner estimate").isPositive();

        ExportEstimate estimate = new ExportEstimator(RULES, new AreaIndexCache(RULES),
                new EstimateBounds(Duration.ofMinutes(2), 1_000_000)).estimate(connection, TERRITORY, TaxaFilter.all(), filters);
        assertThat(estimate.exact()).isTrue();
        assertThat(estimate.examined()).as("estimate's records").isEqualTo(exported.size());
        assertThat(estimate.total()).as("estimate's total: exported and withheld").isEqualTo(exported.size() + withheld);
    }

    /**
     * {@code coded}: every record with its codes read through their nomenclature type, its dates and its dataset's
     * UUID; {@code chosen}: those the selection rule takes in the département, with their level (0 precise .. 4
     * withheld, a withheld one by the département it lies in), as {@link RecordsWithoutTaxonOrDatasetTest} states it.
     */
    private static String chosen() {
        String types = Plans.STANDARD.areaTypesSql();
        String level = "(" + Plans.STANDARD.levelSql() + ")";
        return "WITH terr AS MATERIALIZED (SELECT " + TERRITORY_SQL + " AS g),"
                + " meeting AS MATERIALIZED (SELECT a.geom, array_position(" + types + ", b.type_code::text) AS lvl"
                + "  FROM terr, ref_geo.l_areas a JOIN ref_geo.bib_areas_types b ON b.id_type = a.id_type"
                + "  WHERE a.enable AND b.type_code = ANY(" + types + ") AND ST_Intersects(a.geom, terr.g)"
                + "  AND ST_Area(ST_Intersection(a.geom, terr.g)) > 1e-6 * LEAST(ST_Area(a.geom), ST_Area(terr.g))),"
                + " located AS (SELECT s.id_synthese, 0 AS lvl FROM terr, gn_synthese.synthese s"
                + NOMENCLATURES + "  WHERE ST_Intersects(s.the_geom_local, terr.g) AND " + level + " = 0"
                + "  UNION SELECT s.id_synthese, " + level + " FROM meeting m"
                + "  JOIN gn_synthese.synthese s ON ST_Intersects(s.the_geom_local, m.geom)" + NOMENCLATURES
                + "  WHERE LEAST(" + level + ", 3) = m.lvl),"
                + " " + CODED + ","
                + " chosen AS (SELECT c.*, l.lvl FROM located l JOIN coded c USING (id_synthese))";
    }

    private static final String CODED = "coded AS (SELECT s.id_synthese, o.cd_nomenclature AS obs, v.cd_nomenclature AS valid,"
            + " s.date_min, s.date_max, d.unique_dataset_id::text AS uuid,"
            + " array(SELECT org.uuid_organisme::text FROM gn_meta.cor_dataset_actor act"
            + "  JOIN utilisateurs.bib_organismes org ON org.id_organisme = act.id_organism"
            + "  JOIN ref_nomenclatures.t_nomenclatures rol ON rol.id_nomenclature = act.id_nomenclature_actor_role"
            + "  WHERE act.id_dataset = s.id_dataset AND rol.label_default = 'Producteur du jeu de données'"
            + "  ORDER BY org.uuid_organisme) AS producers FROM gn_synthese.synthese s"
            + " LEFT JOIN (ref_nomenclatures.t_nomenclatures o JOIN ref_nomenclatures.bib_nomenclatures_types ot"
            + "  ON ot.id_type = o.id_type AND ot.mnemonique = 'STATUT_OBS') ON o.id_nomenclature = s.id_nomenclature_observation_status"
            + " LEFT JOIN (ref_nomenclatures.t_nomenclatures v JOIN ref_nomenclatures.bib_nomenclatures_types vt"
            + "  ON vt.id_type = v.id_type AND vt.mnemonique = 'STATUT_VALID') ON v.id_nomenclature = s.id_nomenclature_valid_status"
            + " JOIN gn_meta.t_datasets d ON d.id_dataset = s.id_dataset)";

    private static String filteredSql(String select, String condition) {
        return "WITH " + CODED + " " + select + " " + condition;
    }

    private static TreeSet<Long> ids(String sql) throws SQLException {
        TreeSet<Long> ids = new TreeSet<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static long count(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
