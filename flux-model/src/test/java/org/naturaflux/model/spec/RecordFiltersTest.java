package org.naturaflux.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.message.MessageCodec;

class RecordFiltersTest {

    private static final UUID A = UUID.fromString("4d331cae-65e4-4948-b0b2-a11bc5bb46c2");
    private static final UUID B = UUID.fromString("9f86d081-884c-4d63-9f9e-3a7b8c6d5e4f");

    @Test
    void absentFiltersReadAsPresentRecordsOnly() throws Exception {
        FluxSpec old = MessageCodec.mapper().readValue("{\"territory\":{\"wkt\":\"POLYGON((0 0,1 0,1 1,0 0))\"},"
                + "\"fields\":[\"id_synthese\"],\"formats\":[\"CSV\"]}", FluxSpec.class);
        assertThat(old.filters()).isEqualTo(RecordFilters.defaults());
        assertThat(old.filters().observationStatus()).containsExactly("Pr");
        assertThat(old.filters().validationStatus()).isEmpty();
        assertThat(old.filters().isNone()).isFalse();
        assertThat(RecordFilters.none().isNone()).isTrue();
    }

    @Test
    void filtersSurviveTheCommandsJson() throws Exception {
        RecordFilters filters = new RecordFilters(List.of("Pr", "No"), List.of("1", "2"), LocalDate.of(2001, 2, 3),
                LocalDate.of(2020, 12, 31), null, new RecordFilters.IdList(List.of(A), List.of(B)));
        FluxSpec spec = new FluxSpec(new Territory.Wkt("POLYGON((0 0,1 0,1 1,0 0))"), null, List.of("id_synthese"),
                List.of(ExportFormat.CSV), null, filters);
        String json = MessageCodec.encodeToString(spec);
        assertThat(json).contains("\"dateFrom\":\"2001-02-03\"").contains("\"validationStatus\":[\"1\",\"2\"]");
        assertThat(MessageCodec.mapper().readValue(json, FluxSpec.class)).isEqualTo(spec);
        RecordFilters rolling = new RecordFilters(null, null, null, null, Period.ofYears(10), null);
        assertThat(MessageCodec.mapper().readValue(MessageCodec.encodeToString(rolling), RecordFilters.class))
                .isEqualTo(rolling);
        RecordFilters producers = new RecordFilters(null, null, null, null, null, null,
                new RecordFilters.IdList(List.of(A), List.of(B)));
        String producersJson = MessageCodec.encodeToString(producers);
        assertThat(producersJson).contains("\"producers\":{\"include\":[\"" + A + "\"],\"exclude\":[\"" + B + "\"]}");
        assertThat(MessageCodec.mapper().readValue(producersJson, RecordFilters.class)).isEqualTo(producers);
        assertThat(producers.isNone()).isFalse();
        assertThat(MessageCodec.mapper().readValue("{\"observationStatus\":[]}", RecordFilters.class).producers().isAll())
                .as("a filter written before producers existed takes every producer").isTrue();
    }

    @Test
    void producersAreCheckedAsDatasetsAre() {
        RecordFilters bad = new RecordFilters(null, null, null, null, null, null,
                new RecordFilters.IdList(List.of(B, A, A), List.of(A)));
        assertThat(bad.violations("/filters")).extracting(Violation::path, Violation::message).containsExactlyInAnyOrder(
                tuple("/filters/producers/include/2", "producer " + A + " is named twice"),
                tuple("/filters/producers/exclude/0", "producer " + A
                        + " is both included and excluded"));
    }

    @Test
    void everyViolationIsReportedAtItsPath() {
        RecordFilters bad = new RecordFilters(List.of("Pr", " ", "Pr"), List.of("1", "1"), LocalDate.of(2020, 1, 1),
                LocalDate.of(2010, 1, 1), Period.ofYears(10), new RecordFilters.IdList(List.of(A, A), List.of(A)));
        assertThat(bad.violations("/filters")).extracting(Violation::path).containsExactlyInAnyOrder(
                "/filters/observationStatus/1", "/filters/observationStatus/2", "/filters/validationStatus/1",
                "/filters/dateFrom", "/filters/lastPeriod", "/filters/datasets/include/1", "/filters/datasets/exclude/0");
    }

    @Test
    void spansAreBounded() {
        assertThat(new RecordFilters(null, null, LocalDate.of(1700, 1, 1), LocalDate.of(2000, 1, 1), null, null)
                .violations("/f")).isEmpty();
        assertThat(new RecordFilters(null, null, LocalDate.of(1699, 12, 31), LocalDate.of(2000, 1, 1), null, null)
                .violations("/f")).extracting(Violation::path).containsExactly("/f/dateTo");
        assertThat(new RecordFilters(null, null, LocalDate.of(1400, 1, 1), null, null, null).violations("/f"))
                .extracting(Violation::path).containsExactly("/f/dateFrom");
        assertThat(new RecordFilters(null, null, null, null, Period.ofYears(300), null).violations("/f")).isEmpty();
        for (Period tooLong : List.of(Period.ofYears(301), Period.ofMonths(3601), Period.ofDays(110_000),
                Period.ofYears(Integer.MAX_VALUE))) {
            assertThat(new RecordFilters(null, null, null, null, tooLong, null).violations("/f"))
                    .extracting(Violation::path).containsExactly("/f/lastPeriod");
        }
        assertThat(new RecordFilters(null, null, null, null, Period.ofDays(-1), null).violations("/f"))
                .extracting(Violation::message).containsExactly("must be a positive ISO-8601 period (e.g. P10Y)");
    }

    @Test
    void aSpecWithBadFiltersCannotBeExported() {
        FluxSpec spec = new FluxSpec(new Territory.Wkt("POLYGON((0 0,1 0,1 1,0 0))"), null,
                FieldCatalogue.standard().resolve(List.of("basic"), "/fields").stream().map(FieldDefinition::code).toList(),
                List.of(ExportFormat.CSV), null, new RecordFilters(List.of(), null, LocalDate.of(2020, 1, 1),
                LocalDate.of(2019, 1, 1), null, null));
        assertThatThrownBy(() -> spec.validateForExport(FieldCatalogue.standard()))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.violations())
                        .extracting(Violation::path).containsExactly("/filters/dateFrom"));
    }
}
