package org.naturaflux.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.MessageCodec;

class ExportOptionsTest {

    private static ExportOptions csv(Character delimiter, Boolean bom, CsvPreset preset, CsvDateFormat dates) {
        return new ExportOptions(delimiter, bom, null, null, null, null, null, null, null, null, preset, dates);
    }

    @Test
    void theStandardPresetKeepsTheFormerDefaults() {
        ExportOptions options = ExportOptions.defaults();
        assertThat(options.csvPreset()).isEqualTo(CsvPreset.STANDARD);
        assertThat(options.csvDateFormat()).isEqualTo(CsvDateFormat.ISO);
        assertThat(options.csvDelimiter()).isEqualTo(',');
        assertThat(options.csvBom()).isFalse();
        assertThat(options.violations("/options")).isEmpty();
    }

    @Test
    void excelFrDefaultsToSemicolonAndBom() {
        ExportOptions options = csv(null, null, CsvPreset.EXCEL_FR, null);
        assertThat(options.csvDelimiter()).isEqualTo(';');
        assertThat(options.csvBom()).isTrue();
        assertThat(options.csvDateFormat()).isEqualTo(CsvDateFormat.ISO);
        assertThat(csv(';', true, CsvPreset.EXCEL_FR, CsvDateFormat.FRENCH).violations("/options")).isEmpty();
    }

    @Test
    void contradictionsAreViolationsWithTheirPath() {
        assertThat(csv(',', null, CsvPreset.EXCEL_FR, null).violations("/options"))
                .extracting(Violation::path).containsExactly("/options/csvDelimiter");
        assertThat(csv(null, false, CsvPreset.EXCEL_FR, null).violations("/options"))
                .extracting(Violation::path).containsExactly("/options/csvBom");
        assertThat(csv(';', true, CsvPreset.STANDARD, CsvDateFormat.FRENCH).violations("/options"))
                .extracting(Violation::path).containsExactly("/options/csvDateFormat");
        assertThat(csv(null, null, null, CsvDateFormat.FRENCH).violations("/options"))
                .extracting(Violation::message).singleElement().asString().contains("excel-fr");
    }

    @Test
    void codesAreTheApiVocabulary() {
        assertThat(CsvPreset.fromCode("Excel-FR")).isEqualTo(CsvPreset.EXCEL_FR);
        assertThat(CsvDateFormat.fromCode("jj/mm/aaaa")).isEqualTo(CsvDateFormat.FRENCH);
        assertThatThrownBy(() -> CsvPreset.fromCode("excel")).hasMessageContaining("standard, excel-fr");
        assertThatThrownBy(() -> CsvDateFormat.fromCode("dd/mm/yyyy")).hasMessageContaining("iso, jj/mm/aaaa");
        String json = MessageCodec.encodeToString(csv(null, null, CsvPreset.EXCEL_FR, CsvDateFormat.FRENCH));
        assertThat(json).contains("\"csvPreset\":\"excel-fr\"", "\"csvDateFormat\":\"jj/mm/aaaa\"",
                "\"csvDelimiter\":\";\"", "\"csvBom\":true");
    }

    @Test
    void theStatusesCompanionIsOffUnlessAskedAndTravelsInTheSpec() throws Exception {
        var mapper = MessageCodec.mapper();
        assertThat(ExportOptions.defaults().statuses()).isFalse();
        assertThat(mapper.readValue("{\"delta\":true}", ExportOptions.class).statuses()).isFalse();
        ExportOptions asked = mapper.readValue("{\"statuses\":true}", ExportOptions.class);
        assertThat(asked.statuses()).isTrue();
        assertThat(asked.violations("/options")).isEmpty();
        String json = MessageCodec.encodeToString(asked);
        assertThat(json).contains("\"statuses\":true");
        assertThat(mapper.readValue(json, ExportOptions.class)).isEqualTo(asked);
        assertThat(MessageCodec.encodeToString(ExportOptions.defaults())).contains("\"statuses\":false");
    }
}
