package org.naturaflux.source.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the source holds that a flux's record filters name (request validation): the codes of a
 * nomenclature type ({@code ref_nomenclatures}, by {@code bib_nomenclatures_types.mnemonique}), the
 * datasets ({@code gn_meta.t_datasets.unique_dataset_id}) and the organisms
 * ({@code utilisateurs.bib_organismes.uuid_organisme}).
 */
public final class RecordFilterCatalog {

    private RecordFilterCatalog() {
    }

    /**
     * The codes ({@code cd_nomenclature}) of the nomenclature type {@code mnemonique} ({@code STATUT_OBS},
     * {@code STATUT_VALID}) with their French label ({@code label_fr}, else {@code label_default}), in code
     * order; empty when the source lacks the type.
     */
    public static Map<String, String> codes(Connection connection, String mnemonique) throws SQLException {
        Map<String, String> codes = new LinkedHashMap<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT n.cd_nomenclature, coalesce(n.label_fr, n.label_default)"
                + " FROM ref_nomenclatures.t_nomenclatures n JOIN ref_nomenclatures.bib_nomenclatures_types t"
                + " ON t.id_type = n.id_type WHERE t.mnemonique = ? ORDER BY n.cd_nomenclature")) {
            st.setString(1, mnemonique);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    codes.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return codes;
    }

    /** The dataset UUIDs among {@code ids} that name no dataset of the source, in their order; empty when all exist. */
    public static List<UUID> missingDatasets(Connection connection, List<UUID> ids) throws SQLException {
        return missing(connection, ids, "SELECT 1 FROM gn_meta.t_datasets d WHERE d.unique_dataset_id = w.id");
    }

    /** The organism UUIDs among {@code ids} that name no organism of the source, in their order; empty when all exist. */
    public static List<UUID> missingOrganisms(Connection connection, List<UUID> ids) throws SQLException {
        return missing(connection, ids, "SELECT 1 FROM utilisateurs.bib_organismes o WHERE o.uuid_organisme = w.id");
    }

    private static List<UUID> missing(Connection connection, List<UUID> ids, String existing) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<UUID> missing = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT w.id FROM unnest(?::uuid[]) WITH ORDINALITY AS w(id, n)"
                + " WHERE NOT EXISTS (" + existing + ") ORDER BY w.n")) {
            st.setArray(1, connection.createArrayOf("text", ids.stream().map(UUID::toString).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    missing.add(UUID.fromString(rs.getString(1)));
                }
            }
        }
        return missing;
    }
}
