package org.naturaflux.source.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.naturaflux.model.spec.RecordFilters;

/**
 * What a flux's record filters pick from, searchable by name (the pickers of a request): the source's
 * datasets ({@code gn_meta.t_datasets} with their acquisition framework) and its producers (the organisms
 * of {@code utilisateurs.bib_organismes} that produce at least one dataset: "Producteur du jeu de données",
 * {@code ROLE_ACTEUR} 6, in {@code gn_meta.cor_dataset_actor}, as the producers filter reads them). A text
 * matches a name or short name holding it, case- and accent-insensitively ({@link TextFolding}); names
 * starting with it come first, then by name and id.
 */
public final class FilterChoices {

    /**
     * A dataset.
     *
     * @param uuid      its {@code unique_dataset_id}, as the datasets filter names it
     * @param name      its {@code dataset_name}
     * @param shortname its {@code dataset_shortname}
     * @param framework its acquisition framework's name
     * @param active    whether GeoNature marks it active
     */
    public record Dataset(UUID uuid, String name, String shortname, String framework, boolean active) {
    }

    /**
     * A producer.
     *
     * @param uuid     its {@code uuid_organisme}, as the producers filter names it
     * @param name     its {@code nom_organisme}
     * @param town     its {@code ville_organisme}, or null
     * @param datasets the number of datasets it produces
     */
    public record Producer(UUID uuid, String name, String town, long datasets) {
    }

    private static final String DATASET_NAME = TextFolding.sql("d.dataset_name");
    private static final String DATASET_SHORTNAME = TextFolding.sql("d.dataset_shortname");
    private static final String ORGANISM_NAME = TextFolding.sql("o.nom_organisme");
    private static final String PRODUCED = "(SELECT count(DISTINCT a.id_dataset) FROM gn_meta.cor_dataset_actor a"
            + " JOIN ref_nomenclatures.t_nomenclatures r ON r.id_nomenclature = a.id_nomenclature_actor_role"
            + " JOIN ref_nomenclatures.bib_nomenclatures_types rt ON rt.id_type = r.id_type"
            + " WHERE a.id_organism = o.id_organisme AND rt.mnemonique = '" + RecordFilters.ACTOR_ROLE_TYPE + "'"
            + " AND r.cd_nomenclature = '" + RecordFilters.PRODUCER_ROLE + "')";

    private FilterChoices() {
    }

    /** A page of the datasets whose name or short name holds {@code text} (null: every dataset). */
    public static List<Dataset> datasets(Connection connection, String text, long offset, int limit) throws SQLException {
        String sql = "SELECT d.unique_dataset_id, d.dataset_name, d.dataset_shortname, f.acquisition_framework_name, d.active"
                + " FROM gn_meta.t_datasets d JOIN gn_meta.t_acquisition_frameworks f"
                + " ON f.id_acquisition_framework = d.id_acquisition_framework" + datasetWhere(text)
                + " ORDER BY " + (text == null ? "" : "CASE WHEN " + DATASET_NAME + " LIKE " + TextFolding.sql("?")
                + " || '%' ESCAPE '\\' THEN 0 ELSE 1 END, ") + "d.dataset_name, d.id_dataset OFFSET ? LIMIT ?";
        List<Dataset> datasets = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            int i = bindText(st, text, 1, 2);
            i = bindText(st, text, i, 1);
            st.setLong(i++, offset);
            st.setInt(i, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    datasets.add(new Dataset(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getBoolean(5)));
                }
            }
        }
        return datasets;
    }

    /** How many datasets {@link #datasets} finds for {@code text}. */
    public static long countDatasets(Connection connection, String text) throws SQLException {
        return count(connection, "SELECT count(*) FROM gn_meta.t_datasets d" + datasetWhere(text), text, 2);
    }

    /** A page of the producers whose name holds {@code text} (null: every producer). */
    public static List<Producer> producers(Connection connection, String text, long offset, int limit) throws SQLException {
        String sql = "SELECT o.uuid_organisme, o.nom_organisme, o.ville_organisme, p.datasets FROM utilisateurs.bib_organismes o"
                + " CROSS JOIN LATERAL (SELECT " + PRODUCED + " AS datasets) p WHERE p.datasets > 0" + producerWhere(text)
                + " ORDER BY " + (text == null ? "" : "CASE WHEN " + ORGANISM_NAME + " LIKE " + TextFolding.sql("?")
                + " || '%' ESCAPE '\\' THEN 0 ELSE 1 END, ") + "o.nom_organisme, o.id_organisme OFFSET ? LIMIT ?";
        List<Producer> producers = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            int i = bindText(st, text, 1, 1);
            i = bindText(st, text, i, 1);
            st.setLong(i++, offset);
            st.setInt(i, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    producers.add(new Producer(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getString(3),
                            rs.getLong(4)));
                }
            }
        }
        return producers;
    }

    /** How many producers {@link #producers} finds for {@code text}. */
    public static long countProducers(Connection connection, String text) throws SQLException {
        return count(connection, "SELECT count(*) FROM utilisateurs.bib_organismes o WHERE " + PRODUCED + " > 0"
                + producerWhere(text), text, 1);
    }

    private static String datasetWhere(String text) {
        return text == null ? "" : " WHERE (" + DATASET_NAME + " LIKE '%' || " + TextFolding.sql("?") + " || '%' ESCAPE '\\' OR "
                + DATASET_SHORTNAME + " LIKE '%' || " + TextFolding.sql("?") + " || '%' ESCAPE '\\')";
    }

    private static String producerWhere(String text) {
        return text == null ? "" : " AND " + ORGANISM_NAME + " LIKE '%' || " + TextFolding.sql("?") + " || '%' ESCAPE '\\'";
    }

    /** Binds {@code times} copies of the text's LIKE literal from parameter {@code index} (none without text); the next index. */
    private static int bindText(PreparedStatement st, String text, int index, int times) throws SQLException {
        if (text == null) {
            return index;
        }
        for (int k = 0; k < times; k++) {
            st.setString(index++, TextFolding.likeLiteral(text));
        }
        return index;
    }

    private static long count(Connection connection, String sql, String text, int times) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            bindText(st, text, 1, times);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
