package org.naturaflux.source.status;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.degrade.Degradation;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.query.ExportQuery;

/**
 * The status fields of an export's rows ({@link StatusType#fieldCode()}): the export query reads the
 * taxon's {@code cd_ref} into each of them ({@link org.naturaflux.source.query.FieldSql}); once a record is
 * degraded, {@link #apply} replaces it by the statuses that apply to the record's exported extent
 * ({@link TaxonStatuses#values}, {@link ExtentDepartements}), or null when none. An export whose fields
 * hold no status field needs none of this ({@link #load} gives empty). Thread-safe.
 */
public final class RecordStatuses {

    private final TaxonStatuses statuses;
    private final ExtentDepartements extents;
    private final int[] indexes;
    private final StatusType[] types;

    private RecordStatuses(TaxonStatuses statuses, ExtentDepartements extents, int[] indexes, StatusType[] types) {
        this.statuses = statuses;
        this.extents = extents;
        this.indexes = indexes;
        this.types = types;
    }

    /** The status types these fields show. */
    public static Set<StatusType> types(List<FieldDefinition> fields) {
        Set<StatusType> types = EnumSet.noneOf(StatusType.class);
        fields.forEach(f -> StatusType.ofField(f.code()).ifPresent(types::add));
        return types;
    }

    /**
     * For an export with status fields: the statuses its records can get, loaded in the caller's
     * transaction (the export's snapshot), scoped to the run: the texts linked to a département its
     * territory intersects ({@link TerritoryDepartements#intersecting}: every record's extent has one of
     * them, so nothing applicable is left out) and the taxa its taxa filter takes; empty when the fields
     * show no status.
     */
    public static Optional<RecordStatuses> load(Connection connection, List<FieldDefinition> fields,
                                                SensitivityRules rules, AreaIndex index, ExportQuery query,
                                                TerritoryDepartements territory) throws SQLException {
        Set<StatusType> types = types(fields);
        if (types.isEmpty()) {
            return Optional.empty();
        }
        ExtentDepartements extents = new ExtentDepartements(rules, index);
        TaxonStatuses statuses = territory.intersecting().isEmpty() ? TaxonStatuses.none()
                : TaxonStatuses.load(connection, types, territory.intersecting(), TaxonStatuses.TaxaScope.of(query));
        return Optional.of(of(fields, statuses, extents));
    }

    /** Over statuses already loaded. */
    public static RecordStatuses of(List<FieldDefinition> fields, TaxonStatuses statuses, ExtentDepartements extents) {
        List<Integer> at = new ArrayList<>();
        List<StatusType> shown = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            int index = i;
            StatusType.ofField(fields.get(i).code()).ifPresent(type -> {
                at.add(index);
                shown.add(type);
            });
        }
        return new RecordStatuses(Objects.requireNonNull(statuses, "statuses"), Objects.requireNonNull(extents, "extents"),
                at.stream().mapToInt(Integer::intValue).toArray(), shown.toArray(StatusType[]::new));
    }

    /** The statuses loaded. */
    public TaxonStatuses statuses() {
        return statuses;
    }

    /**
     * The exported row with its status fields set.
     *
     * @param exported what the degrader made of the record
     * @param source   the record as read (its precise local geometry places a PRECISE record)
     */
    public ObservationRow apply(Degradation.Exported exported, ObservationRow source) {
        ObservationRow out = exported.row();
        if (indexes.length == 0) {
            return out;
        }
        Object[] values = out.values().clone();
        Object taxon = values[indexes[0]];
        Map<StatusType, String> resolved = taxon == null ? Map.of()
                : statuses.values(Integer.parseInt(taxon.toString()), extents.of(exported, source.localGeometry()));
        for (int i = 0; i < indexes.length; i++) {
            values[indexes[i]] = resolved.get(types[i]);
        }
        return out.with(out.localGeometry(), out.geometry(), values);
    }
}
