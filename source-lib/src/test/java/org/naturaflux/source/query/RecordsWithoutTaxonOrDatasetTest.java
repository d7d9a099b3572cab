package org.naturaflux.source.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.testkit.IsolatedDatabase;

/**
 * Records without a taxon or a dataset, on a demo source where some records lose theirs (null, or a code
 * that {@code taxonomie.taxref} / {@code gn_meta.t_datasets} do not hold): the query drops them as
 * GeoNature's {@code v_synthese_for_export} does (inner joins), and counts them apart, so that rows,
 * withheld records and these account together for every record the selection rule takes. The oracle is
 * SQL written here: the selection rule area by area (as in {@link ExportQueryTest}), then the export view's
 * inner joins.
 */
class RecordsWithoutTaxonOrDatasetTest {

    private static final String NOMENCLATURES = " LEFT JOIN ref_nomenclatures.t_nomenclatures ns"
            + " ON ns.id_nomenclature = s.id_nomenclature_sensitivity LEFT JOIN ref_nomenclatures.t_nomenclatures nd"
            + " ON nd.id_nomenclature = s.id_nomenclature_diffusion_level";
    /** The record's id, its taxon and its dataset's name, in this order. */
    private static final List<FieldDefinition> FIELDS = Stream.of("id_synthese", "cd_nom", "jdd_nom")
            .map(FieldCatalogue.standard()::require).toList();

    private static IsolatedDatabase database;
    private static Connection connection;

    @BeforeAll
    static void generate() throws SQLException {
        database = IsolatedDatabase.create(RecordsWithoutTaxonOrDatasetTest.class);
        connection = database.connect();
        new DemoSourceGenerator(connection, 11).regenerate(20_000);
        try (Statement st = connection.createStatement()) {
            // Four ways to lose the taxon or the dataset, on records of every level. GeoNature's foreign keys allow
            // only nulls; codes absent from the referentials are those of a source whose keys were dropped or
            // deferred (a referential being reloaded), which the export view's inner joins drop all the same.
            st.execute("ALTER TABLE gn_synthese.synthese DROP CONSTRAINT fk_synthese_cd_nom,"
                    + " DROP CONSTRAINT fk_synthese_id_dataset");
            st.executeUpdate("UPDATE gn_synthese.synthese SET cd_nom = NULL WHERE id_synthese % 23 = 0");
            st.executeUpdate("UPDATE gn_synthese.synthese SET cd_nom = 999999999 WHERE id_synthese % 29 = 1");
            st.executeUpdate("UPDATE gn_synthese.synthese SET id_dataset = NULL WHERE id_synthese % 31 = 2");
            st.executeUpdate("UPDATE gn_synthese.synthese SET id_dataset = -7 WHERE id_synthese % 37 = 3");
            st.execute("ANALYZE gn_synthese.synthese");
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
    void recordsWithoutTaxonOrDatasetAreNotExportedButCountedInADepartement() throws SQLException {
        String territorySql = "(SELECT ST_Union(a.geom) FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types b USING (id_type)"
                + " WHERE b.type_code = 'DEP' AND a.area_code = '91')";
        assertAccountsForEveryRecord(new Territory.Areas(List.of(new AreaRef("DEP", "91"))), TaxaFilter.all(),
                territorySql, "true");
    }

    @Test
    void aTaxaFilterKeepsTheRecordsWithoutDatasetOfItsTaxaButNoRecordWithoutTaxon() throws SQLException {
        String wkt = single("SELECT ST_AsText(ST_Transform(ST_MakeEnvelope(600000, 6830000, 680000, 6880000, 2154), 4326))");
        String territorySql = "ST_Transform(ST_Segmentize(ST_GeomFromText('" + wkt + "', 4326), "
                + ExportTerritory.STEP_DEGREES + "), 2154)";
        assertAccountsForEveryRecord(new Territory.Wkt(wkt), new TaxaFilter(List.of("Oiseaux"), List.of()), territorySql,
                "t.group1_inpn = 'Oiseaux' OR t.group2_inpn = 'Oiseaux' OR t.group3_inpn = 'Oiseaux'");
    }

    /** What change routing asks of a change's states: the same inner joins, on pairs rather than rows. */
    @Test
    void referencedPairsAreThoseOfTheRecordsTheExportViewKeeps() throws SQLException {
        java.util.Set<SelectionSql.Reference> all = new java.util.HashSet<>();
        java.util.Set<SelectionSql.Reference> kept = new java.util.HashSet<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT DISTINCT s.cd_nom, s.id_dataset,"
                + " t.cd_nom IS NOT NULL AND d.id_dataset IS NOT NULL FROM gn_synthese.synthese s"
                + " LEFT JOIN taxonomie.taxref t ON t.cd_nom = s.cd_nom LEFT JOIN gn_meta.t_datasets d ON d.id_dataset = s.id_dataset")) {
            while (rs.next()) {
                SelectionSql.Reference pair = new SelectionSql.Reference((Integer) rs.getObject(1), (Integer) rs.getObject(2));
                all.add(pair);
                if (rs.getBoolean(3)) {
                    kept.add(pair);
                }
            }
        }
        assertThat(all.size() - kept.size()).as("pairs without a taxon or a dataset").isGreaterThan(20);
        assertThat(kept).as("pairs the export view keeps").isNotEmpty();
        assertThat(SelectionSql.referencedAmong(connection, all)).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(SelectionSql.referencedAmong(connection, List.of())).isEmpty();
    }

    private static void assertAccountsForEveryRecord(Territory territory, TaxaFilter taxa, String territorySql, String taxaSql)
            throws SQLException {
        ExportQuery query = ExportQuery.of(territory, taxa, FIELDS, Plans.STANDARD.plan());
        String chosen = chosen(territorySql, taxaSql);
        String referenced = " EXISTS (SELECT 1 FROM taxonomie.taxref t WHERE t.cd_nom = c.cd_nom)"
                + " AND EXISTS (SELECT 1 FROM gn_meta.t_datasets d WHERE d.id_dataset = c.id_dataset)";
        TreeSet<Long> exported = ids(chosen + " SELECT c.id_synthese FROM chosen c WHERE c.lvl < 4 AND" + referenced);
        long withheld = count(chosen + " SELECT count(*) FROM chosen c WHERE c.lvl = 4 AND" + referenced);
        long withoutTaxon = count(chosen + " SELECT count(*) FROM chosen c"
                + " WHERE NOT EXISTS (SELECT 1 FROM taxonomie.taxref t WHERE t.cd_nom = c.cd_nom)");
        long withoutDataset = count(chosen + " SELECT count(*) FROM chosen c"
                + " WHERE NOT EXISTS (SELECT 1 FROM gn_meta.t_datasets d WHERE d.id_dataset = c.id_dataset)");
        long unreferenced = count(chosen + " SELECT count(*) FROM chosen c WHERE NOT (" + referenced + ")");
        long all = count(chosen + " SELECT count(*) FROM chosen c");

        assertThat(withoutDataset).as("records without a dataset in the territory").isGreaterThan(20);
        if (taxa.isAll()) {
            assertThat(withoutTaxon).as("records without a taxon in the territory").isGreaterThan(20);
        } else {
            assertThat(withoutTaxon).as("no record without a taxon belongs to a group").isZero();
        }
        TreeSet<Long> rows = new TreeSet<>();
        query.forEach(connection, 500, row -> {
            rows.add(row.id());
            assertThat(row.values()[1]).as("cd_nom of %d", row.id()).isNotNull();
            assertThat(row.values()[2]).as("dataset of %d", row.id()).isNotNull();
        });
        assertThat(rows).isEqualTo(exported);
        assertThat(query.count(connection)).isEqualTo(exported.size());
        assertThat(query.countWithheld(connection)).isEqualTo(withheld);
        assertThat(query.countWithheldByCodes(connection).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(withheld);
        assertThat(query.countWithoutTaxonOrDataset(connection)).isEqualTo(unreferenced);
        assertThat(exported.size() + withheld + unreferenced).as("every record the rule takes is accounted for").isEqualTo(all);
    }

    /**
     * {@code chosen}: the records the selection rule takes, whatever their taxon and dataset, with their level
     * (0 precise .. 4 withheld): PRECISE ones meeting the territory; a degraded one meeting an enabled area of
     * its level's type (a withheld one: of the département's) that shares more than a millionth of the smaller
     * with the territory. The flux's taxa through the left-joined taxon.
     */
    private static String chosen(String territorySql, String taxaSql) {
        String types = Plans.STANDARD.areaTypesSql();
        String level = "(" + Plans.STANDARD.levelSql() + ")";
        return "WITH terr AS MATERIALIZED (SELECT " + territorySql + " AS g),"
                + " meeting AS MATERIALIZED (SELECT a.geom, array_position(" + types + ", b.type_code::text) AS lvl"
                + "  FROM terr, ref_geo.l_areas a JOIN ref_geo.bib_areas_types b ON b.id_type = a.id_type"
                + "  WHERE a.enable AND b.type_code = ANY(" + types + ") AND ST_Intersects(a.geom, terr.g)"
                + "  AND ST_Area(ST_Intersection(a.geom, terr.g)) > 1e-6 * LEAST(ST_Area(a.geom), ST_Area(terr.g))),"
                + " located AS (SELECT s.id_synthese, s.cd_nom, s.id_dataset, 0 AS lvl FROM terr, gn_synthese.synthese s"
                + NOMENCLATURES + "  WHERE ST_Intersects(s.the_geom_local, terr.g) AND " + level + " = 0"
                + "  UNION SELECT s.id_synthese, s.cd_nom, s.id_dataset, " + level + " FROM meeting m"
                + "  JOIN gn_synthese.synthese s ON ST_Intersects(s.the_geom_local, m.geom)" + NOMENCLATURES
                + "  WHERE LEAST(" + level + ", 3) = m.lvl),"
                + " chosen AS (SELECT l.* FROM located l LEFT JOIN taxonomie.taxref t ON t.cd_nom = l.cd_nom WHERE "
                + (taxaSql.equals("true") ? "true" : "t.cd_nom IS NOT NULL AND (" + taxaSql + ")") + ")";
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

    private static String single(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
