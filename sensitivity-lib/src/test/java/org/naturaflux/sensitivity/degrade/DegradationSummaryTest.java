package org.naturaflux.sensitivity.degrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.sensitivity.testing.Geo.wkt;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.sensitivity.rules.WithholdCause;
import org.naturaflux.sensitivity.testing.ExampleTerritory;
import org.naturaflux.sensitivity.testing.Rows;

class DegradationSummaryTest {

    private static final List<FieldDefinition> FIELDS = FieldCatalogue.standard().basic();

    @Test
    void countsEveryRecordOnceByLevelAndWithheldByCause() {
        RecordDegrader degrader = RecordDegrader.standard(ExampleTerritory.index(), FIELDS);
        String[][] records = {
                {"0", null, "POINT (652000 6861000)"},
                {"0", "5", "POINT (700000 6900000)"},
                {"1", null, "POINT (645000 6855000)"},
                {"2", null, "POINT (652000 6861000)"},
                {"0", "2", "POINT (652000 6861000)"},
                {"3", null, "POINT (645000 6855000)"},
                {"4", null, "POINT (645000 6855000)"},
                {"0", "4", "POINT (645000 6855000)"},
                {null, null, "POINT (645000 6855000)"},
                {null, "1", "POINT (645000 6855000)"},
                {"x", null, "POINT (645000 6855000)"},
                {"2", null, "POINT (700000 6900000)"},
        };
        DegradationSummary first = new DegradationSummary();
        DegradationSummary second = new DegradationSummary();
        for (int i = 0; i < records.length; i++) {
            String[] r = records[i];
            (i % 2 == 0 ? first : second).record(degrader.degrade(
                    Rows.row(i, r[0], r[1], wkt(r[2]), ExampleTerritory.TO_4326, FIELDS)));
        }
        first.add(second);

        RunCounts counts = first.toRunCounts();
        assertThat(counts.exported()).isEqualTo(6);
        assertThat(counts.degraded()).isEqualTo(4);
        assertThat(counts.withheld()).isEqualTo(6);
        assertThat(counts.byLevel()).isEqualTo(Map.of(DiffusionLevel.PRECISE, 2L, DiffusionLevel.COMMUNE, 1L,
                DiffusionLevel.GRID, 2L, DiffusionLevel.DEPARTEMENT, 1L, DiffusionLevel.WITHHELD, 6L));
        assertThat(counts.withheldByCause()).isEqualTo(Map.of("SENSITIVITY", 2L, "UNKNOWN_SENSITIVITY", 2L,
                "UNKNOWN_CODE", 1L, "NO_AREA", 1L, "NO_TAXON_OR_DATASET", 0L));
        assertThat(first.missingSensitivity()).isEqualTo(2);
        assertThat(first.total()).isEqualTo(12);
        assertThat(first.withheld(WithholdCause.NO_AREA)).isEqualTo(1);
        assertThat(first.count(DiffusionLevel.GRID)).isEqualTo(2);
    }

    @Test
    void emptySummaryCountsZeroEverywhere() {
        RunCounts counts = new DegradationSummary().toRunCounts();
        assertThat(counts.exported()).isZero();
        assertThat(counts.withheld()).isZero();
        assertThat(counts.byLevel().values()).containsOnly(0L);
        assertThat(counts.withheldByCause()).containsOnlyKeys("SENSITIVITY", "UNKNOWN_SENSITIVITY", "UNKNOWN_CODE", "NO_AREA",
                "NO_TAXON_OR_DATASET");
    }
    /** The records the selection leaves out are added to the degrader's counts: WITHHELD and their causes. */
    @Test
    void withheldBySelectionAddToTheWithheldLevelAndTheirCauses() {
        RecordDegrader degrader = RecordDegrader.standard(ExampleTerritory.index(), FIELDS);
        DegradationSummary summary = new DegradationSummary();
        String[][] records = {
                {"0", null, "POINT (652000 6861000)"},
                {"1", null, "POINT (645000 6855000)"},
                {"2", null, "POINT (700000 6900000)"},
        };
        for (int i = 0; i < records.length; i++) {
            summary.record(degrader.degrade(Rows.row(i + 1, records[i][0], records[i][1], wkt(records[i][2]), ExampleTerritory.TO_4326, FIELDS)));
        }
        Map<WithholdCause, Long> bySelection = new java.util.EnumMap<>(Map.of(WithholdCause.SENSITIVITY, 7L,
                WithholdCause.UNKNOWN_SENSITIVITY, 3L, WithholdCause.UNKNOWN_CODE, 0L,
                WithholdCause.NO_TAXON_OR_DATASET, 2L, WithholdCause.NO_AREA, 5L));

        RunCounts counts = summary.toRunCounts(bySelection);

        assertThat(counts.exported()).isEqualTo(2);
        assertThat(counts.degraded()).isEqualTo(1);
        assertThat(counts.withheld()).isEqualTo(1 + 17);
        assertThat(counts.byLevel()).containsEntry(DiffusionLevel.WITHHELD, 18L).containsEntry(DiffusionLevel.PRECISE, 1L)
                .containsEntry(DiffusionLevel.COMMUNE, 1L).containsEntry(DiffusionLevel.GRID, 0L);
        assertThat(counts.withheldByCause()).containsEntry("NO_AREA", 1L + 5L).containsEntry("SENSITIVITY", 7L)
                .containsEntry("UNKNOWN_SENSITIVITY", 3L).containsEntry("UNKNOWN_CODE", 0L)
                .containsEntry("NO_TAXON_OR_DATASET", 2L);
    }
}
