package org.naturaflux.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.sensitivity.rules.WithholdCause;

/**
 * Records the source query leaves out (withheld by the rules, or without a taxon or a dataset) are added to the
 * degrader's counts.
 */
class SelectionCountsTest {

    @Test
    void withheldBySelectionAddToTheWithheldLevelAndTheirCauses() {
        RunCounts degraded = new RunCounts(100, 30, 4,
                Map.of(DiffusionLevel.PRECISE, 70L, DiffusionLevel.COMMUNE, 10L, DiffusionLevel.GRID, 15L,
                        DiffusionLevel.DEPARTEMENT, 5L, DiffusionLevel.WITHHELD, 4L),
                Map.of("NO_AREA", 4L, "SENSITIVITY", 0L, "UNKNOWN_SENSITIVITY", 0L, "UNKNOWN_CODE", 0L));
        Map<WithholdCause, Long> bySelection = new EnumMap<>(Map.of(WithholdCause.SENSITIVITY, 7L,
                WithholdCause.UNKNOWN_SENSITIVITY, 3L, WithholdCause.UNKNOWN_CODE, 0L, WithholdCause.NO_TAXON_OR_DATASET, 2L));

        RunCounts counts = RunFilesWriter.withSelectionCounts(degraded, bySelection);

        assertThat(counts.exported()).isEqualTo(100);
        assertThat(counts.degraded()).isEqualTo(30);
        assertThat(counts.withheld()).isEqualTo(16);
        assertThat(counts.byLevel()).containsEntry(DiffusionLevel.WITHHELD, 16L).containsEntry(DiffusionLevel.PRECISE, 70L);
        assertThat(counts.withheldByCause()).containsEntry("NO_AREA", 4L).containsEntry("SENSITIVITY", 7L)
                .containsEntry("UNKNOWN_SENSITIVITY", 3L).containsEntry("UNKNOWN_CODE", 0L)
                .containsEntry("NO_TAXON_OR_DATASET", 2L);
    }
}
