package org.naturaflux.worker.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.naturaflux.format.CompanionTable;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.source.reference.DatasetMetadata;
import org.naturaflux.source.reference.DatasetMetadataLoader;

/**
 * The attribution of a run: the datasets its records come from, with their acquisition frameworks,
 * producers, actors, origin, licence, how to cite each, and the records each contributes to the run.
 *
 * <p>Counts the records <b>written</b> ({@link #count}, called for each exported record only): a dataset
 * whose records in the territory were all withheld is not named, since naming it would reveal that it
 * holds sensitive records there. Memory: one counter per dataset met, whatever the number of records.
 * The metadata is read once, at the end of the pass, in the export's snapshot
 * ({@link DatasetMetadataLoader}), and becomes the companion table {@value #TABLE} (a CSV file beside
 * the records, a table in the GeoPackage) and the manifest's citation.
 */
final class DatasetAttribution {

    /** The companion table's name, and the CSV file's base name. */
    static final String TABLE = "jeux_de_donnees";
    /** The artifact format of its CSV file. */
    static final String FORMAT = TABLE + "-csv";

    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final String SEPARATOR = " | ";

    /** The columns partners see, in French. */
    static final List<FieldDefinition> COLUMNS = List.of(
            column("id_jdd", "Identifiant du jeu de données", FieldType.INTEGER, "gn_meta.t_datasets.id_dataset"),
            column("uuid_jdd", "Identifiant SINP du jeu de données", FieldType.UUID, "t_datasets.unique_dataset_id"),
            column("nom_jdd", "Nom du jeu de données", FieldType.TEXT, "t_datasets.dataset_name"),
            column("nom_court_jdd", "Nom court du jeu de données", FieldType.TEXT, "t_datasets.dataset_shortname"),
            column("id_ca", "Identifiant du cadre d'acquisition", FieldType.INTEGER,
                    "gn_meta.t_acquisition_frameworks.id_acquisition_framework"),
            column("uuid_ca", "Identifiant SINP du cadre d'acquisition", FieldType.UUID,
                    "t_acquisition_frameworks.unique_acquisition_framework_id"),
            column("nom_ca", "Nom du cadre d'acquisition", FieldType.TEXT, "t_acquisition_frameworks.acquisition_framework_name"),
            column("producteurs", "Producteurs du jeu de données", FieldType.TEXT,
                    "the dataset's actors whose ROLE_ACTEUR is 6 (Producteur du jeu de données), separated by ' | '"),
            column("acteurs_jdd", "Acteurs du jeu de données", FieldType.TEXT,
                    "every actor of the dataset (gn_meta.cor_dataset_actor) as 'name : role'"),
            column("acteurs_ca", "Acteurs du cadre d'acquisition", FieldType.TEXT,
                    "every actor of the framework (gn_meta.cor_acquisition_framework_actor) as 'name : role'"),
            column("origine_donnees", "Origine des données", FieldType.TEXT,
                    "the label of t_datasets.id_nomenclature_data_origin (DS_PUBLIQUE)"),
            column("licence", "Licence", FieldType.TEXT, "the platform's licence (GeoNature holds none per dataset)"),
            column("citation", "Comment citer ce jeu de données", FieldType.TEXT,
                    "producers, extraction year, name, SINP identifier, framework and platform"),
            column("nombre_observations", "Nombre d'observations de ce jeu dans l'export", FieldType.INTEGER,
                    "the records of this dataset written in this run (withheld records not counted)"));

    private final Map<Integer, long[]> counts = new TreeMap<>();

    /** Counts one exported record to its dataset (a record without one is counted nowhere). */
    void count(ObservationRow row) {
        Integer dataset = row.datasetId();
        if (dataset != null) {
            counts.computeIfAbsent(dataset, k -> new long[1])[0]++;
        }
    }

    /** The datasets counted, and how many records each. */
    Map<Integer, Long> counts() {
        Map<Integer, Long> copy = new TreeMap<>();
        counts.forEach((id, n) -> copy.put(id, n[0]));
        return copy;
    }

    /**
     * Reads the counted datasets' metadata in {@code connection}'s transaction and builds the table and
     * the citation.
     *
     * @param licence          the platform's licence
     * @param platformCitation how to cite the platform
     * @param extractedOn      the day of the export's snapshot
     */
    Attribution complete(Connection connection, String licence, String platformCitation, LocalDate extractedOn)
            throws SQLException {
        Map<Integer, DatasetMetadata> metadata = DatasetMetadataLoader.load(connection, counts.keySet());
        List<Object[]> rows = new ArrayList<>(counts.size());
        List<String> cited = new ArrayList<>(counts.size());
        for (Map.Entry<Integer, long[]> entry : counts.entrySet()) {
            DatasetMetadata d = metadata.get(entry.getKey());
            long records = entry.getValue()[0];
            if (d == null) {
                // the export query keeps only records whose dataset exists in the same snapshot
                throw new IllegalStateException("dataset " + entry.getKey() + " of exported records has no metadata");
            }
            String producers = String.join(SEPARATOR, d.producers());
            String citation = citation(d, platformCitation, extractedOn);
            rows.add(new Object[] {(long) d.id(), d.uuid(), d.name(), d.shortName(), (long) d.frameworkId(),
                    d.frameworkUuid(), d.frameworkName(), producers.isEmpty() ? null : producers, actors(d.actors()),
                    actors(d.frameworkActors()), d.dataOrigin(), licence, citation, records});
            cited.add(d.name() + (producers.isEmpty() ? "" : " (" + String.join(", ", d.producers()) + ")"));
        }
        String runCitation = cited.isEmpty() ? platformCitation
                : platformCitation + ". Jeux de données : " + String.join(" ; ", cited) + ".";
        return new Attribution(new CompanionTable(TABLE, COLUMNS, rows), runCitation, counts().keySet());
    }

    /**
     * How to cite a dataset: its producers (or its framework's actors when it declares none), the
     * extraction year, its name and SINP identifier, its framework, the platform and the extraction day.
     */
    static String citation(DatasetMetadata d, String platformCitation, LocalDate extractedOn) {
        List<String> authors = d.producers();
        if (authors.isEmpty()) {
            authors = d.frameworkActors().stream().map(DatasetMetadata.Actor::name).distinct().toList();
        }
        String who = authors.isEmpty() ? "Producteur non renseigné" : String.join(", ", authors);
        return who + " (" + extractedOn.getYear() + "). " + d.name() + ". Jeu de données SINP " + d.uuid()
                + ", cadre d'acquisition « " + d.frameworkName() + " ». " + platformCitation + ", extraction du "
                + FRENCH_DATE.format(extractedOn) + ".";
    }

    private static String actors(List<DatasetMetadata.Actor> actors) {
        return actors.isEmpty() ? null
                : actors.stream().map(a -> a.name() + " : " + a.roleLabel()).collect(Collectors.joining(SEPARATOR));
    }

    private static FieldDefinition column(String code, String label, FieldType type, String description) {
        return new FieldDefinition(code, label, type, description, false, false, Set.of());
    }

    /**
     * @param table     the companion table
     * @param citation  the run's citation: the platform's, then the datasets by name and producers
     * @param datasets  the ids of the datasets named
     */
    record Attribution(CompanionTable table, String citation, Set<Integer> datasets) {
    }
}
