package org.naturaflux.request.rest;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.request.service.FluxEstimates.FluxEstimate;
import org.naturaflux.source.query.ExportEstimate;

/** The body of an estimate by level. */
final class EstimateBodies {

    private EstimateBodies() {
    }

    /**
     * What a flux would export now, counted as a run's manifest counts it (the same keys as a run's
     * {@code counts}).
     */
    @Schema(description = "What a flux would export now, counted record by record as a run's manifest counts it: "
            + "byLevel and withheldByCause have the keys of a run's counts. When exact is false, a bound was reached "
            + "(stoppedBy) and every number is what was counted before it, a lower bound.")
    record EstimateView(
            @Schema(description = "Every record accounted for: exported + withheld") long total,
            @Schema(description = "Records that would be written") long exported,
            @Schema(description = "Records that would be written with a degraded location") long degraded,
            @Schema(description = "Records that would be withheld (counted, not written)") long withheld,
            @Schema(description = "Records per level they would leave at: PRECISE, COMMUNE, GRID, DEPARTEMENT, WITHHELD")
            Map<DiffusionLevel, Long> byLevel,
            @Schema(description = "Withheld records per cause: SENSITIVITY, UNKNOWN_SENSITIVITY, UNKNOWN_CODE, NO_AREA, "
                    + "NO_TAXON_OR_DATASET") Map<String, Long> withheldByCause,
            @Schema(description = "Each exported level's wording as partners read it in niveau_sensibilite (French; "
                    + "the configured grid's size included, e.g. \"Diffusion à la maille 10km\")")
            Map<DiffusionLevel, String> labels,
            @Schema(description = "Whether every record was counted: the counts a run would report now") boolean exact,
            @Schema(description = "Records read from the export's rows and classified") long examined,
            @Schema(description = "Why counting stopped early (null when exact): MAX_RECORDS or TIMEOUT", nullable = true)
            ExportEstimate.Stop stoppedBy,
            @Schema(description = "Whether the records the selection leaves out (withheld by their codes, without a "
                    + "taxon or a dataset, of a level no area type places) were counted; false only after a TIMEOUT")
            boolean selectionCounted,
            @Schema(description = "The time of the source snapshot counted") Instant computedAt,
            @Schema(description = "The bounds it was counted within") Bounds bounds) {

        static EstimateView of(FluxEstimate fluxEstimate) {
            ExportEstimate estimate = fluxEstimate.estimate();
            RunCounts counts = estimate.counts();
            return new EstimateView(estimate.total(), counts.exported(), counts.degraded(), counts.withheld(),
                    counts.byLevel(), counts.withheldByCause(), fluxEstimate.labels(), estimate.exact(), estimate.examined(),
                    estimate.stoppedBy(), estimate.selectionCounted(), estimate.computedAt(),
                    new Bounds(fluxEstimate.bounds().timeout().toString(), fluxEstimate.bounds().maxRecords()));
        }
    }

    /**
     * @param timeout    {@code naturaflux.estimate.timeout}, ISO-8601
     * @param maxRecords {@code naturaflux.estimate.max-records}
     */
    @Schema(description = "The platform's bounds of an estimate")
    record Bounds(@Schema(description = "The longest an estimate may take (ISO-8601 duration)") String timeout,
                  @Schema(description = "The most records an estimate reads") long maxRecords) {
    }
}
