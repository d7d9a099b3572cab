package org.naturaflux.source.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.naturaflux.model.spec.RecordFilters;

/**
 * A flux's {@link RecordFilters}, stated once in SQL over a synthese row (its
 * {@code id_nomenclature_observation_status}, {@code id_nomenclature_valid_status}, {@code date_min},
 * {@code date_max} and {@code id_dataset}, and its dataset's producers): the export's rows, its counts (withheld ones included: a record
 * a filter leaves out is not selected, so never counted as withheld) and its planner estimate apply it
 * through {@link ExportStatement}, and change routing applies it to a change's states ({@link #accepted}).
 *
 * <ul>
 *   <li>Statuses are matched by their SINP code ({@code cd_nomenclature}) within their nomenclature type
 *       ({@code bib_nomenclatures_types.mnemonique} {@code STATUT_OBS}, {@code STATUT_VALID}), read from the
 *       source, never by an assumed id; a record without a status matches no list.</li>
 *   <li>Dates as GeoNature's synthesis search reads them: {@code date_min} on or after {@code dateFrom}, and
 *       {@code date_max} before the end of {@code dateTo}; a rolling window {@code lastPeriod} is
 *       {@code date_min} on or after the source's current date less the period, when the query runs.</li>
 *   <li>Datasets by {@code gn_meta.t_datasets.unique_dataset_id}: the record's dataset among those included,
 *       and not among those excluded.</li>
 *   <li>Producers by {@code utilisateurs.bib_organismes.uuid_organisme}: a record's producers are the
 *       organisms its dataset names with the role "Producteur du jeu de données" ({@code ROLE_ACTEUR} 6,
 *       read by code) in {@code gn_meta.cor_dataset_actor}; one of them among those included, and none
 *       among those excluded. The organisms' datasets are found once per query (a hashed subplan over the
 *       actors, which GeoNature indexes by dataset), not per record.</li>
 * </ul>
 */
public final class RecordFilterSql {

    /**
     * A synthese row's state as change routing receives it: what the filters read of it.
     *
     * @param id                  any identifier of the state, returned when the filters take it
     * @param observationStatusId {@code id_nomenclature_observation_status}, or null
     * @param validationStatusId  {@code id_nomenclature_valid_status}, or null
     * @param dateMin             {@code date_min}, or null
     * @param dateMax             {@code date_max}, or null
     * @param datasetId           {@code id_dataset}, or null
     */
    public record State(long id, Integer observationStatusId, Integer validationStatusId, LocalDateTime dateMin,
                        LocalDateTime dateMax, Integer datasetId) {
    }

    private RecordFilterSql() {
    }

    /** Appends {@code " AND ..."} for each filter to {@code sql}, over synthese row {@code record}; nothing when none filters. */
    static void append(SqlText sql, String record, RecordFilters filters) {
        status(sql, record + ".id_nomenclature_observation_status", RecordFilters.OBSERVATION_STATUS_TYPE,
                filters.observationStatus());
        status(sql, record + ".id_nomenclature_valid_status", RecordFilters.VALIDATION_STATUS_TYPE,
                filters.validationStatus());
        if (filters.dateFrom() != null) {
            sql.add(" AND " + record + ".date_min >= CAST(").param(text(filters.dateFrom().toString())).add(" AS date)");
        }
        if (filters.dateTo() != null) {
            sql.add(" AND " + record + ".date_max < CAST(").param(text(filters.dateTo().toString())).add(" AS date) + 1");
        }
        if (filters.lastPeriod() != null) {
            sql.add(" AND " + record + ".date_min >= CURRENT_DATE - CAST(").param(text(filters.lastPeriod().toString()))
                    .add(" AS interval)");
        }
        if (!filters.datasets().include().isEmpty()) {
            sql.add(" AND " + record + ".id_dataset IN (SELECT fd.id_dataset FROM gn_meta.t_datasets fd"
                    + " WHERE fd.unique_dataset_id = ANY(").param(uuids(filters.datasets().include())).add("::uuid[]))");
        }
        if (!filters.datasets().exclude().isEmpty()) {
            sql.add(" AND NOT EXISTS (SELECT 1 FROM gn_meta.t_datasets fx WHERE fx.id_dataset = " + record + ".id_dataset"
                    + " AND fx.unique_dataset_id = ANY(").param(uuids(filters.datasets().exclude())).add("::uuid[]))");
        }
        if (!filters.producers().include().isEmpty()) {
            sql.add(" AND " + record + ".id_dataset IN (SELECT fa.id_dataset" + PRODUCERS)
                    .param(uuids(filters.producers().include())).add("::uuid[]))");
        }
        if (!filters.producers().exclude().isEmpty()) {
            sql.add(" AND NOT EXISTS (SELECT 1" + PRODUCERS).param(uuids(filters.producers().exclude()))
                    .add("::uuid[]) AND fa.id_dataset = " + record + ".id_dataset)");
        }
    }

    /**
     * {@code FROM} a dataset's actors {@code fa} who are producers (ROLE_ACTEUR 6), organisms {@code fo}, {@code WHERE}
     * their UUID is in an array whose parameter and closing parenthesis follow.
     */
    private static final String PRODUCERS = " FROM gn_meta.cor_dataset_actor fa"
            + " JOIN utilisateurs.bib_organismes fo ON fo.id_organisme = fa.id_organism"
            + " JOIN ref_nomenclatures.t_nomenclatures fr ON fr.id_nomenclature = fa.id_nomenclature_actor_role"
            + " JOIN ref_nomenclatures.bib_nomenclatures_types frt ON frt.id_type = fr.id_type"
            + " WHERE frt.mnemonique = " + ExportStatement.literal(RecordFilters.ACTOR_ROLE_TYPE)
            + " AND fr.cd_nomenclature = " + ExportStatement.literal(RecordFilters.PRODUCER_ROLE)
            + " AND fo.uuid_organisme = ANY(";

    private static void status(SqlText sql, String column, String type, List<String> codes) {
        if (codes.isEmpty()) {
            return;
        }
        sql.add(" AND " + column + " IN (SELECT fn.id_nomenclature FROM ref_nomenclatures.t_nomenclatures fn"
                + " JOIN ref_nomenclatures.bib_nomenclatures_types ft ON ft.id_type = fn.id_type"
                + " WHERE ft.mnemonique = " + ExportStatement.literal(type) + " AND fn.cd_nomenclature = ANY(")
                .param(texts(codes)).add("))");
    }

    /**
     * The states these filters take, by {@link State#id}, evaluated by the source in the caller's
     * transaction (the nomenclatures and datasets as it stands now; a rolling window from its current date).
     */
    public static Set<Long> accepted(Connection connection, RecordFilters filters, Collection<State> states)
            throws SQLException {
        Set<Long> accepted = new LinkedHashSet<>();
        if (states.isEmpty()) {
            return accepted;
        }
        if (filters.isNone()) {
            states.forEach(s -> accepted.add(s.id()));
            return accepted;
        }
        SqlText sql = new SqlText().add("SELECT r.id FROM unnest(").param(array("bigint", states, State::id)).add("::bigint[], ")
                .param(array("integer", states, State::observationStatusId)).add("::integer[], ")
                .param(array("integer", states, State::validationStatusId)).add("::integer[], ")
                .param(array("text", states, s -> s.dateMin() == null ? null : s.dateMin().toString())).add("::timestamp[], ")
                .param(array("text", states, s -> s.dateMax() == null ? null : s.dateMax().toString())).add("::timestamp[], ")
                .param(array("integer", states, State::datasetId)).add("::integer[]) AS r(id, id_nomenclature_observation_status,"
                        + " id_nomenclature_valid_status, date_min, date_max, id_dataset) WHERE true");
        append(sql, "r", filters);
        try (PreparedStatement st = sql.prepare(connection); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                accepted.add(rs.getLong(1));
            }
        }
        return accepted;
    }

    private static SqlText.Binder array(String type, Collection<State> states, Function<State, Object> value) {
        return (st, i) -> st.setArray(i, st.getConnection().createArrayOf(type, states.stream().map(value).toArray()));
    }

    private static SqlText.Binder text(String value) {
        return (st, i) -> st.setString(i, value);
    }

    private static SqlText.Binder texts(List<String> values) {
        return (st, i) -> st.setArray(i, st.getConnection().createArrayOf("text", values.toArray()));
    }

    private static SqlText.Binder uuids(List<UUID> values) {
        return (st, i) -> st.setArray(i, st.getConnection().createArrayOf("text", values.stream().map(UUID::toString).toArray()));
    }
}
