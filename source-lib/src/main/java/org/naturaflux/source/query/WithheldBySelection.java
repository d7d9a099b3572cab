package org.naturaflux.source.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.sensitivity.rules.WithholdCause;

/**
 * The records an {@link ExportQuery} leaves out of its rows but a manifest accounts for, per cause: the one
 * statement of what the worker adds to the degrader's counts in a manifest, and what an estimate by level
 * ({@link ExportEstimator}) adds to its own.
 *
 * <p>The query never returns WITHHELD records (selection must not locate them), so no degrader can count
 * them: they are counted in one pass per pair of (SENSIBILITE, NIV_PRECIS) codes
 * ({@link ExportQuery#countWithheldByCodes}) and the rules say which cause each pair is (a pair the rules
 * do not know is {@link WithholdCause#UNKNOWN_CODE}). The records without a taxon or a dataset, which the
 * query drops as GeoNature's export view does, count under {@link WithholdCause#NO_TAXON_OR_DATASET}
 * ({@link ExportQuery#countWithoutTaxonOrDataset}); those of a level whose area type the source lacks under
 * {@link WithholdCause#NO_AREA} ({@link ExportQuery#countWithoutAreaType}), beside the degrader's own.
 */
public final class WithheldBySelection {

    private WithheldBySelection() {
    }

    /**
     * The counts, every cause of the selection present (zeros included), in the caller's transaction when
     * the connection is not in autocommit mode.
     *
     * @param query the export's query, built with {@code rules.selectionPlan()}
     * @param rules the rules the query's plan comes from
     */
    public static Map<WithholdCause, Long> count(Connection connection, ExportQuery query, SensitivityRules rules)
            throws SQLException {
        Map<WithholdCause, Long> counts = new EnumMap<>(WithholdCause.class);
        for (WithholdCause cause : List.of(WithholdCause.SENSITIVITY, WithholdCause.UNKNOWN_SENSITIVITY,
                WithholdCause.UNKNOWN_CODE)) {
            counts.put(cause, 0L);
        }
        query.countWithheldByCodes(connection).forEach((pair, n) -> {
            WithholdCause cause = rules.decide(pair.get(0), pair.get(1)).withholdCause();
            counts.merge(cause == null ? WithholdCause.UNKNOWN_CODE : cause, n, Long::sum);
        });
        counts.put(WithholdCause.NO_TAXON_OR_DATASET, query.countWithoutTaxonOrDataset(connection));
        counts.put(WithholdCause.NO_AREA, query.countWithoutAreaType(connection));
        return counts;
    }
}
