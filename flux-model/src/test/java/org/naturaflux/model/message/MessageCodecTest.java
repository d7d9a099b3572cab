package org.naturaflux.model.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.Compression;
import org.naturaflux.model.spec.CsvDateFormat;
import org.naturaflux.model.spec.CsvPreset;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.model.spec.JsonLayout;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;

class MessageCodecTest {

    private static FluxSpec spec(Territory territory) {
        List<String> fields = FieldCatalogue.standard().resolve(List.of("basic"), "/fields").stream()
                .map(FieldDefinition::code).toList();
        ExportOptions options = new ExportOptions(';', true, JsonLayout.NDJSON, 6, Compression.GZIP, null, null,
                true, true, Duration.ofHours(6));
        return new FluxSpec(territory, new TaxaFilter(List.of("Oiseaux"), List.of(60612)), fields,
                List.of(ExportFormat.CSV, ExportFormat.GPKG), options);
    }

    @Test
    void commandRoundTripsWithEveryTerritoryForm() {
        for (Territory territory : List.of(new Territory.Wkt("POLYGON((2 48,3 48,3 49,2 49,2 48))"),
                new Territory.Areas(List.of(new AreaRef("DEP", "77"), new AreaRef("COM", "75056"))),
                new Territory.Described("la réserve de la Bassée"))) {
            ExportCommand command = ExportCommand.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 2,
                    spec(territory), null, Instant.parse("2026-11-28T10:15:30Z"));
            String json = MessageCodec.encodeToString(command);
            assertThat(MessageCodec.decode(json, ExportCommand.class)).isEqualTo(command);
        }
    }

    @Test
    void jsonUsesTheApiVocabulary() {
        String json = MessageCodec.encodeToString(ExportCommand.of(UUID.randomUUID(), UUID.randomUUID(), null, 1,
                spec(new Territory.Wkt("POINT(1 1)")), null, Instant.EPOCH));
        assertThat(json).contains("\"formats\":[\"csv\",\"gpkg\"]", "\"jsonLayout\":\"ndjson\"",
                "\"compression\":\"gzip\"", "\"minInterval\":\"PT6H\"", "\"version\":1", "\"wkt\":");
    }

    @Test
    void csvPresetRoundTripsAndOldCommandsReadAsTheStandardPreset() {
        FluxSpec base = spec(new Territory.Wkt("POINT(1 1)"));
        ExportOptions excel = new ExportOptions(null, null, null, null, null, null, null, null, null, null,
                CsvPreset.EXCEL_FR, CsvDateFormat.FRENCH);
        ExportCommand command = ExportCommand.of(UUID.randomUUID(), UUID.randomUUID(), null, 1,
                new FluxSpec(base.territory(), base.taxa(), base.fields(), base.formats(), excel), null, Instant.EPOCH);
        assertThat(MessageCodec.decode(MessageCodec.encode(command), ExportCommand.class)).isEqualTo(command);

        // a command as the code before the presets wrote it: no csvPreset, no csvDateFormat
        String old = "{\"version\":1,\"runId\":\"" + UUID.randomUUID() + "\",\"fluxId\":\"" + UUID.randomUUID()
                + "\",\"attempt\":1,\"spec\":{\"territory\":{\"wkt\":\"POINT(1 1)\"},\"fields\":[\"id_synthese\"],"
                + "\"formats\":[\"csv\"],\"options\":{\"csvDelimiter\":\";\",\"csvBom\":false}},"
                + "\"issuedAt\":\"2026-11-28T10:15:30Z\"}";
        ExportOptions read = MessageCodec.decode(old, ExportCommand.class).spec().options();
        assertThat(read.csvPreset()).isEqualTo(CsvPreset.STANDARD);
        assertThat(read.csvDateFormat()).isEqualTo(CsvDateFormat.ISO);
        assertThat(read.csvDelimiter()).isEqualTo(';');
        assertThat(read.csvBom()).isFalse();
    }

    @Test
    void eventRoundTrips() {
        ExportCommand command = ExportCommand.of(UUID.randomUUID(), UUID.randomUUID(), null, 1,
                spec(new Territory.Wkt("POINT(1 1)")), null, Instant.EPOCH);
        RunCounts counts = new RunCounts(10, 3, 2, Map.of(DiffusionLevel.PRECISE, 7L, DiffusionLevel.GRID, 3L,
                DiffusionLevel.WITHHELD, 2L), Map.of("SENSITIVITY", 2L));
        RunEvent event = RunEvent.succeeded(command, "w1", Instant.EPOCH, counts,
                List.of(new Artifact("csv", "fluxes/x/runs/y/export.csv", 120, "ab")));
        assertThat(MessageCodec.decode(MessageCodec.encode(event), RunEvent.class)).isEqualTo(event);
    }

    @Test
    void refusesNewerVersionsAndGarbage() {
        assertThatThrownBy(() -> MessageCodec.decode("{\"version\":2}", RunEvent.class))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> MessageCodec.decode("not json", RunEvent.class))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> MessageCodec.decode("{\"version\":1,\"runId\":\"x\"}", RunEvent.class))
                .isInstanceOf(MalformedMessageException.class);
    }
}
