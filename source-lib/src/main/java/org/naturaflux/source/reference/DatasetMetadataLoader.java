package org.naturaflux.source.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the metadata of given datasets from {@code gn_meta} (datasets, their acquisition frameworks,
 * the actors of both with their ROLE_ACTEUR role, named from UsersHub's {@code utilisateurs} organisms
 * and roles, and DS_PUBLIQUE's label of the dataset's origin): three statements, whatever the number of
 * datasets, in the caller's transaction (the worker's export snapshot, so that the attribution describes
 * the datasets as the records were read).
 */
public final class DatasetMetadataLoader {

    private static final String ACTOR_NAME = "coalesce(o.nom_organisme,"
            + " nullif(btrim(concat_ws(' ', r.prenom_role, upper(r.nom_role))), ''))";

    private DatasetMetadataLoader() {
    }

    /** The metadata of those of {@code ids} that exist, by id in ascending order. */
    public static Map<Integer, DatasetMetadata> load(Connection connection, Collection<Integer> ids) throws SQLException {
        Map<Integer, DatasetMetadata> datasets = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return datasets;
        }
        Object[] wanted = ids.toArray();
        Map<Integer, List<DatasetMetadata.Actor>> actors = actors(connection, "SELECT a.id_dataset, " + ACTOR_NAME
                + ", n.cd_nomenclature, coalesce(n.label_fr, n.label_default) FROM gn_meta.cor_dataset_actor a"
                + " JOIN ref_nomenclatures.t_nomenclatures n ON n.id_nomenclature = a.id_nomenclature_actor_role"
                + " LEFT JOIN utilisateurs.bib_organismes o ON o.id_organisme = a.id_organism"
                + " LEFT JOIN utilisateurs.t_roles r ON r.id_role = a.id_role"
                + " WHERE a.id_dataset = ANY(?) ORDER BY 1, 3, 2", wanted);
        Map<Integer, List<DatasetMetadata.Actor>> frameworkActors = actors(connection, "SELECT d.id_dataset, " + ACTOR_NAME
                + ", n.cd_nomenclature, coalesce(n.label_fr, n.label_default) FROM gn_meta.t_datasets d"
                + " JOIN gn_meta.cor_acquisition_framework_actor a ON a.id_acquisition_framework = d.id_acquisition_framework"
                + " JOIN ref_nomenclatures.t_nomenclatures n ON n.id_nomenclature = a.id_nomenclature_actor_role"
                + " LEFT JOIN utilisateurs.bib_organismes o ON o.id_organisme = a.id_organism"
                + " LEFT JOIN utilisateurs.t_roles r ON r.id_role = a.id_role"
                + " WHERE d.id_dataset = ANY(?) ORDER BY 1, 3, 2", wanted);
        String sql = "SELECT d.id_dataset, d.unique_dataset_id, d.dataset_name, d.dataset_shortname,"
                + " af.id_acquisition_framework, af.unique_acquisition_framework_id, af.acquisition_framework_name,"
                + " coalesce(origin.label_fr, origin.label_default)"
                + " FROM gn_meta.t_datasets d"
                + " JOIN gn_meta.t_acquisition_frameworks af ON af.id_acquisition_framework = d.id_acquisition_framework"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures origin ON origin.id_nomenclature = d.id_nomenclature_data_origin"
                + " WHERE d.id_dataset = ANY(?) ORDER BY d.id_dataset";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setArray(1, connection.createArrayOf("integer", wanted));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int id = rs.getInt(1);
                    datasets.put(id, new DatasetMetadata(id, rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getObject(6, UUID.class), rs.getString(7), rs.getString(8),
                            actors.getOrDefault(id, List.of()), frameworkActors.getOrDefault(id, List.of())));
                }
            }
        }
        return datasets;
    }

    private static Map<Integer, List<DatasetMetadata.Actor>> actors(Connection connection, String sql, Object[] ids)
            throws SQLException {
        Map<Integer, List<DatasetMetadata.Actor>> actors = new LinkedHashMap<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setArray(1, connection.createArrayOf("integer", ids));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(2);
                    if (name != null) {
                        actors.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                                .add(new DatasetMetadata.Actor(name, rs.getString(3), rs.getString(4)));
                    }
                }
            }
        }
        return actors;
    }
}
