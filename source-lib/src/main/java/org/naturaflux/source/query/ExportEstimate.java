package org.naturaflux.source.query;

import java.time.Instant;
import org.naturaflux.model.message.RunCounts;

/**
 * What a flux would export now, by the level each record would leave at, as a manifest counts it
 * ({@link ExportEstimator}).
 *
 * @param counts          records per level (PRECISE, COMMUNE, GRID, DEPARTEMENT, WITHHELD) and withheld ones per
 *                        cause, with the manifest's keys; when not {@code exact}, what was counted before the stop
 *                        (each number then a lower bound)
 * @param exact           whether every record was counted: the counts are those a run on the same snapshot would
 *                        put in its manifest
 * @param examined        records read from the export's rows and classified
 * @param stoppedBy       why counting stopped early; null when {@code exact}
 * @param selectionCounted whether the records the selection leaves out (withheld by the rules, without a taxon or
 *                        a dataset, of a level no area type places) were counted: false only when the time ran out
 *                        before they were
 * @param computedAt      the time of the source snapshot counted
 */
public record ExportEstimate(RunCounts counts, boolean exact, long examined, Stop stoppedBy, boolean selectionCounted,
                             Instant computedAt) {

    /** Why an estimate stopped before counting every record. */
    public enum Stop {
        /** The export's rows hold more records than {@link EstimateBounds#maxRecords()}. */
        MAX_RECORDS,
        /** {@link EstimateBounds#timeout()} was spent. */
        TIMEOUT
    }

    public ExportEstimate {
        if (exact != (stoppedBy == null)) {
            throw new IllegalArgumentException("an estimate is exact exactly when nothing stopped it");
        }
        if (exact && !selectionCounted) {
            throw new IllegalArgumentException("an exact estimate has counted what the selection leaves out");
        }
    }

    /** Every record accounted for: exported and withheld, as in a manifest. */
    public long total() {
        return counts.exported() + counts.withheld();
    }
}
