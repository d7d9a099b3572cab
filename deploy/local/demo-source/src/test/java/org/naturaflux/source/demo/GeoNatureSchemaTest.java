package org.naturaflux.source.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.naturaflux.testkit.IsolatedDatabase;
import org.naturaflux.testkit.TestStack;

/** The GeoNature subset on the real PostgreSQL: names, types, indexes, nomenclatures, read-only grant. */
class GeoNatureSchemaTest {

    private static IsolatedDatabase database;
    private static Connection connection;

    @BeforeAll
    static void create() throws SQLException {
        database = IsolatedDatabase.create(GeoNatureSchemaTest.class);
        connection = database.connect();
        GeoNatureSchema.create(connection);
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
    void creatingTwiceChangesNothing() throws SQLException {
        String before = catalogue();
        long values = single("SELECT count(*) FROM ref_nomenclatures.t_nomenclatures");
        GeoNatureSchema.create(connection);
        assertThat(catalogue()).isEqualTo(before);
        assertThat(single("SELECT count(*) FROM ref_nomenclatures.t_nomenclatures")).isEqualTo(values);
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void theColumnsTheExportReadsHaveGeoNaturesNamesAndTypes() throws SQLException {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("gn_synthese.synthese.id_synthese", "integer");
        expected.put("gn_synthese.synthese.unique_id_sinp", "uuid");
        expected.put("gn_synthese.synthese.entity_source_pk_value", "character varying");
        expected.put("gn_synthese.synthese.nom_cite", "character varying");
        expected.put("gn_synthese.synthese.the_geom_4326", "geometry");
        expected.put("gn_synthese.synthese.the_geom_point", "geometry");
        expected.put("gn_synthese.synthese.the_geom_local", "geometry");
        expected.put("gn_synthese.synthese.date_min", "timestamp without time zone");
        expected.put("gn_synthese.synthese.additional_data", "jsonb");
        expected.put("gn_synthese.synthese.cd_hab", "integer");
        expected.put("gn_synthese.synthese.grp_method", "character varying");
        expected.put("gn_synthese.synthese.digital_proof", "text");
        expected.put("gn_synthese.synthese.non_digital_proof", "text");
        expected.put("gn_synthese.synthese.reference_biblio", "character varying");
        expected.put("gn_synthese.synthese.meta_validation_date", "timestamp without time zone");
        expected.put("gn_synthese.synthese.id_nomenclature_sensitivity", "integer");
        expected.put("gn_synthese.synthese.id_nomenclature_diffusion_level", "integer");
        expected.put("gn_synthese.synthese.last_action", "character");
        expected.put("gn_synthese.cor_area_synthese.id_area", "integer");
        expected.put("ref_geo.l_areas.geom", "geometry");
        expected.put("ref_geo.l_areas.geom_4326", "geometry");
        expected.put("ref_geo.l_areas.centroid", "geometry");
        expected.put("ref_geo.bib_areas_types.type_code", "character varying");
        expected.put("taxonomie.taxref.cd_sup", "integer");
        expected.put("taxonomie.taxref.group3_inpn", "character varying");
        expected.put("ref_nomenclatures.t_nomenclatures.label_default", "character varying");
        expected.put("ref_nomenclatures.bib_nomenclatures_types.mnemonique", "character varying");
        expected.put("gn_meta.t_datasets.unique_dataset_id", "uuid");
        expected.put("gn_meta.t_acquisition_frameworks.unique_acquisition_framework_id", "uuid");
        expected.put("ref_habitats.habref.lb_hab_fr", "character varying");
        Map<String, String> actual = new LinkedHashMap<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT table_schema || '.' || table_name || '.' || column_name,"
                + " data_type, udt_name FROM information_schema.columns WHERE table_schema = ANY(?)")) {
            st.setArray(1, connection.createArrayOf("text", GeoNatureSchema.SCHEMAS.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    actual.put(rs.getString(1), "USER-DEFINED".equals(rs.getString(2)) ? rs.getString(3) : rs.getString(2));
                }
            }
        }
        assertThat(actual).containsAllEntriesOf(expected);
        assertThat(strings("SELECT type FROM geometry_columns WHERE f_table_name = 'synthese' AND f_geometry_column = 'the_geom_point'"))
                .containsExactly("POINT");
        assertThat(strings("SELECT srid::text FROM geometry_columns WHERE f_table_name = 'l_areas' AND f_geometry_column = 'geom'"))
                .containsExactly("2154");
    }

    @Test
    void theGeometriesHaveGistIndexesAndTheRecordsTheBtreeIndexesOfGeoNature() throws SQLException {
        List<String> gist = strings("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING gist%'"
                + " AND schemaname IN ('gn_synthese', 'ref_geo') ORDER BY 1");
        assertThat(gist).contains("i_synthese_the_geom_4326", "i_synthese_the_geom_point", "i_synthese_the_geom_local",
                "index_l_areas_geom");
        assertThat(strings("SELECT indexname FROM pg_indexes WHERE tablename = 'synthese'"))
                .contains("pk_synthese", "i_synthese_cd_nom", "i_synthese_date_min", "i_synthese_id_dataset");
        assertThat(strings("SELECT relname || ':' || relreplident::text FROM pg_class WHERE oid IN"
                + " ('gn_synthese.synthese'::regclass, 'ref_geo.l_areas'::regclass) ORDER BY 1"))
                .containsExactly("l_areas:f", "synthese:f");
    }

    @Test
    void sensitivityAndDiffusionPrecisionHaveTheirSinpCodesAndLabels() throws SQLException {
        assertThat(labels("SENSIBILITE")).containsExactly(
                "0=Non sensible - Diffusion précise",
                "1=Sensible - Diffusion à la Commune ou Znieff",
                "2=Sensible - Diffusion à la maille 10km",
                "3=Sensible - Diffusion au département",
                "4=Sensible - Aucune diffusion");
        assertThat(labels("NIV_PRECIS")).containsExactly("0=Standard", "1=Commune", "2=Maille", "3=Département", "4=Aucune",
                "5=Précise");
        assertThat(labels("STATUT_OBS")).contains("Pr=Présent", "No=Non observé");
        assertThat(labels("METH_OBS")).contains("0=Vu", "1=Entendu");
    }

    @Test
    void everyNomenclatureAnExportFieldShowsIsThere() throws SQLException {
        for (String type : List.of("STATUT_VALID", "NAT_OBJ_GEO", "TYP_GRP", "METH_OBS", "STATUT_BIO", "ETA_BIO", "STAT_BIOGEO",
                "NATURALITE", "PREUVE_EXIST", "STADE_VIE", "SEXE", "OBJ_DENBR", "TYP_DENBR", "STATUT_OBS", "DEE_FLOU",
                "STATUT_SOURCE", "TYP_INF_GEO", "METH_DETERMIN", "OCC_COMPORTEMENT")) {
            assertThat(labels(type)).as(type).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aReadRoleCanReadButNotWrite() throws SQLException {
        TestStack stack = TestStack.fromEnvironment();
        GeoNatureSchema.grantRead(connection, stack.sourceDbUser());
        try (Connection reader = DriverManager.getConnection(database.jdbcUrl(), stack.sourceDbUser(), stack.sourceDbPassword());
             Statement st = reader.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM ref_nomenclatures.t_nomenclatures")) {
                rs.next();
                assertThat(rs.getLong(1)).isPositive();
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM gn_synthese.synthese")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            assertThatThrownBy(() -> st.execute("DELETE FROM ref_nomenclatures.t_nomenclatures"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            // UsersHub: organisms and people's names, never their passwords or e-mails
            st.executeQuery("SELECT nom_organisme FROM utilisateurs.bib_organismes").close();
            st.executeQuery("SELECT id_role, nom_role, prenom_role, id_organisme FROM utilisateurs.t_roles").close();
            assertThatThrownBy(() -> st.executeQuery("SELECT pass FROM utilisateurs.t_roles"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.executeQuery("SELECT email FROM utilisateurs.t_roles"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
        assertThatThrownBy(() -> GeoNatureSchema.grantRead(connection, "x; DROP SCHEMA gn_synthese"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> labels(String type) throws SQLException {
        return strings("SELECT n.cd_nomenclature || '=' || n.label_default FROM ref_nomenclatures.t_nomenclatures n"
                + " JOIN ref_nomenclatures.bib_nomenclatures_types t ON t.id_type = n.id_type WHERE t.mnemonique = '" + type + "'"
                + " ORDER BY length(n.cd_nomenclature), n.cd_nomenclature");
    }

    /** Tables, columns, constraints and indexes of the subset, as one text. */
    private static String catalogue() throws SQLException {
        return String.join("\n", strings("SELECT table_schema || '.' || table_name || '.' || column_name FROM information_schema.columns"
                + " WHERE table_schema IN ('gn_synthese', 'ref_geo', 'taxonomie', 'ref_nomenclatures', 'gn_meta', 'ref_habitats')"
                + " UNION ALL SELECT conname FROM pg_constraint WHERE connamespace::regnamespace::text IN ('gn_synthese', 'ref_geo',"
                + " 'taxonomie', 'ref_nomenclatures', 'gn_meta', 'ref_habitats')"
                + " UNION ALL SELECT indexname FROM pg_indexes WHERE schemaname IN ('gn_synthese', 'ref_geo', 'taxonomie',"
                + " 'ref_nomenclatures', 'gn_meta', 'ref_habitats') ORDER BY 1"));
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
            rs.next();
            return rs.getLong(1);
        }
    }
}
