package org.naturaflux.source.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.source.query.ExportQuery;
import org.naturaflux.source.query.RowStream;
import org.naturaflux.testkit.IsolatedDatabase;

/**
 * The datasets' metadata as {@code gn_meta} holds it, compared with SQL written here (names and roles
 * aggregated by PostgreSQL); and the export's rows carry their record's dataset.
 */
class DatasetMetadataLoaderTest {

    private static IsolatedDatabase database;
    private static Connection connection;

    @BeforeAll
    static void generate() throws SQLException {
        database = IsolatedDatabase.create(DatasetMetadataLoaderTest.class);
        connection = database.connect();
        new DemoSourceGenerator(connection, 11).regenerate(3_000);
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
    void everyDatasetIsDescribedAsGnMetaHoldsIt() throws Exception {
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT id_dataset FROM gn_meta.t_datasets ORDER BY 1");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(10);
        ids.add(999_999);
        Map<Integer, DatasetMetadata> loaded = DatasetMetadataLoader.load(connection, ids);
        assertThat(loaded.keySet()).containsExactlyElementsOf(ids.subList(0, ids.size() - 1));

        Map<Integer, List<String>> expected = new HashMap<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT d.id_dataset, d.unique_dataset_id::text, d.dataset_name,"
                + " af.acquisition_framework_name, o.label_default,"
                + " (SELECT string_agg(coalesce(org.nom_organisme, r.prenom_role || ' ' || upper(r.nom_role)), ' | '"
                + "    ORDER BY coalesce(org.nom_organisme, r.prenom_role || ' ' || upper(r.nom_role)))"
                + "  FROM gn_meta.cor_dataset_actor a JOIN ref_nomenclatures.t_nomenclatures n ON n.id_nomenclature = a.id_nomenclature_actor_role"
                + "  LEFT JOIN utilisateurs.bib_organismes org ON org.id_organisme = a.id_organism"
                + "  LEFT JOIN utilisateurs.t_roles r ON r.id_role = a.id_role"
                + "  WHERE a.id_dataset = d.id_dataset AND n.mnemonique = 'Producteur du jeu de données'),"
                + " (SELECT count(*) FROM gn_meta.cor_dataset_actor a WHERE a.id_dataset = d.id_dataset),"
                + " (SELECT count(*) FROM gn_meta.cor_acquisition_framework_actor a"
                + "  WHERE a.id_acquisition_framework = d.id_acquisition_framework)"
                + " FROM gn_meta.t_datasets d JOIN gn_meta.t_acquisition_frameworks af USING (id_acquisition_framework)"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures o ON o.id_nomenclature = d.id_nomenclature_data_origin");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                expected.put(rs.getInt(1), List.of(rs.getString(2), rs.getString(3), rs.getString(4),
                        String.valueOf(rs.getString(5)), String.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8)));
            }
        }
        for (DatasetMetadata d : loaded.values()) {
            List<String> e = expected.get(d.id());
            String where = "dataset " + d.id();
            assertThat(d.uuid().toString()).as(where).isEqualTo(e.get(0));
            assertThat(d.name()).as(where).isEqualTo(e.get(1));
            assertThat(d.frameworkName()).as(where).isEqualTo(e.get(2));
            assertThat(d.dataOrigin()).as(where + " origin").isEqualTo(e.get(3)).isNotEqualTo("null");
            assertThat(d.producers().stream().sorted().collect(Collectors.joining(" | "))).as(where + " producers")
                    .isEqualTo(e.get(4)).isNotEqualTo("null");
            assertThat(String.valueOf(d.actors().size())).as(where + " actors").isEqualTo(e.get(5));
            assertThat(String.valueOf(d.frameworkActors().size())).as(where + " framework actors").isEqualTo(e.get(6));
        }
        // the demo holds a producer who is a person without organism, and datasets with several actors
        assertThat(loaded.values().stream().flatMap(d -> d.producers().stream())).contains("Julien MARTIN");
        assertThat(loaded.values().stream().filter(d -> d.actors().size() > 1)).isNotEmpty();
        assertThat(loaded.values().stream().map(DatasetMetadata::dataOrigin).collect(Collectors.toSet()))
                .contains("Publique", "Privée");
        assertThat(DatasetMetadataLoader.load(connection, List.of())).isEmpty();
    }

    @Test
    void theExportsRowsCarryTheirRecordsDataset() throws Exception {
        ExportQuery query = ExportQuery.of(new Territory.Wkt(
                        "POLYGON((1.4 48.1, 3.6 48.1, 3.6 49.3, 1.4 49.3, 1.4 48.1))"), TaxaFilter.all(),
                FieldCatalogue.standard().select(List.of("id_synthese")), SensitivityRules.standard().selectionPlan());
        Map<Long, Integer> streamed = new TreeMap<>();
        try (RowStream rows = query.stream(connection, 500)) {
            for (ObservationRow row = rows.next(); row != null; row = rows.next()) {
                streamed.put(row.id(), row.datasetId());
            }
        }
        assertThat(streamed).hasSizeGreaterThan(100);
        Map<Long, Integer> source = new TreeMap<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT id_synthese, id_dataset FROM gn_synthese.synthese"
                + " WHERE id_synthese = ANY(?)")) {
            st.setArray(1, connection.createArrayOf("bigint", streamed.keySet().toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    source.put(rs.getLong(1), rs.getInt(2));
                }
            }
        }
        assertThat(streamed).isEqualTo(source);
        assertThat(Set.copyOf(streamed.values())).hasSizeGreaterThan(3);
    }
}
