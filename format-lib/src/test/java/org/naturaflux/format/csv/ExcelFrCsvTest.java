package org.naturaflux.format.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.format.support.Fixtures.FIELDS;
import static org.naturaflux.format.support.Fixtures.hardCases;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.naturaflux.format.support.ExternalTools;
import org.naturaflux.format.support.Fixtures;
import org.naturaflux.format.support.SyntheticRows;
import org.naturaflux.format.support.Writes;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.CsvDateFormat;
import org.naturaflux.model.spec.CsvPreset;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;

/**
 * The {@code excel-fr} preset, read back by Apache Commons CSV (cells) and GDAL's CSV driver (a reader that
 * takes a decimal comma after a {@code ;} delimiter), never by the writer's code.
 */
class ExcelFrCsvTest {

    private static final int NOM_CITE = 1;
    private static final int NOMBRE_MIN = 2;
    private static final int MESURE = 3;
    private static final int DATE_DEBUT = 4;
    private static final int DATE_MODIFICATION = 5;

    /** The hard cases' mesure column with a decimal comma (NaN and infinities are empty cells). */
    private static final String[] DECIMALS = {"48,8566", "-0,5", "17976931348623157" + "0".repeat(292) + ",0",
            "0," + "0".repeat(323) + "49", "0,0000000001", null, null, null, null};
    private static final String[] FRENCH_DATES = {"01/05/2024", "29/02/2024", "01/01/0001", "31/12/9999",
            "01/01/1970", null, "01/01/2000", "31/12/2023", "15/06/2010"};
    private static final String[] FRENCH_TIMESTAMPS = {"01/05/2024 10:15:30", "29/02/2024 23:59:59,123",
            "31/12/1999 00:00:00,000001", "01/01/2024 00:00:00,123456789", "01/01/1970 00:00:00", null,
            "01/01/2000 12:00:00,500", "31/12/2023 23:59:59", "15/06/2010 06:30:05,000000007"};

    @TempDir
    Path dir;

    static ExportOptions excelFr(CsvDateFormat dates) {
        return new ExportOptions(null, null, null, null, null, null, null, null, null, null, CsvPreset.EXCEL_FR, dates);
    }

    @Test
    void semicolonsBomDecimalCommasOnlyInDecimalColumnsAndIsoDates() throws IOException {
        Path file = Writes.write(ExportFormat.CSV, dir.resolve("excel.csv"), FIELDS, hardCases(), excelFr(null)).path();

        List<String[]> records = CsvWriterTest.parse(file, ';', true);
        assertThat(records).hasSize(1 + CsvWriterTest.EXPECTED.length);
        assertThat(records.get(0)).containsExactly(CsvWriterTest.HEADER);
        for (int i = 0; i < CsvWriterTest.EXPECTED.length; i++) {
            String[] expected = CsvWriterTest.EXPECTED[i].clone();
            expected[MESURE] = DECIMALS[i];
            if ("8".equals(expected[0])) {
                expected[NOM_CITE] = "'=SOMME(A1:A3)";
            }
            // everything else as the standard preset writes it: negative integers (-5, -1, MIN_VALUE),
            // ISO dates, the JSON document and the WKT with its decimal points
            assertThat(records.get(i + 1)).as("record of id %s", expected[0]).containsExactly(expected);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains("\r\n1;Rougegorge familier;3;48,8566;2024-05-01;2024-05-01T10:15:30;true;")
                .contains(";\"'=SOMME(A1:A3)\";-1;;")
                .contains("POINT (2.3522 48.8566)\r\n")
                .contains(";POLYGON ((2 48, 2 49, 3 49, 3 48, 2 48), (2.2 48.2, 2.4 48.2, 2.4 48.4, 2.2 48.4, 2.2 48.2))\r\n");
    }

    @Test
    void frenchDatesWhenChosen() throws IOException {
        Path file = Writes.write(ExportFormat.CSV, dir.resolve("dates.csv"), FIELDS, hardCases(),
                excelFr(CsvDateFormat.FRENCH)).path();

        List<String[]> records = CsvWriterTest.parse(file, ';', true);
        for (int i = 0; i < FRENCH_DATES.length; i++) {
            assertThat(records.get(i + 1)[DATE_DEBUT]).as("date of row %d", i + 1).isEqualTo(FRENCH_DATES[i]);
            assertThat(records.get(i + 1)[DATE_MODIFICATION]).as("timestamp of row %d", i + 1)
                    .isEqualTo(FRENCH_TIMESTAMPS[i]);
            assertThat(records.get(i + 1)[MESURE]).isEqualTo(DECIMALS[i]);
        }
    }

    @Test
    void neutralisesFormulaStartsInTextColumnsOnly() throws IOException {
        List<FieldDefinition> fields = List.of(Fixtures.field("texte", FieldType.TEXT),
                Fixtures.field("entier", FieldType.INTEGER), Fixtures.field("mesure", FieldType.DECIMAL),
                Fixtures.field("champs_additionnels", FieldType.JSON));
        // text -> the cell a spreadsheet must receive
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        texts.put("=1+1", "'=1+1");
        texts.put("+33 6 12 34 56 78", "'+33 6 12 34 56 78");
        texts.put("-moins", "'-moins");
        texts.put("-12", "'-12");
        texts.put("@SOMME(A1:A2)", "'@SOMME(A1:A2)");
        texts.put("\tcmd", "'\tcmd");
        texts.put("\r=2", "'\r=2");
        texts.put("=\"cité\";x", "'=\"cité\";x");
        texts.put("a=b", "a=b");
        texts.put(" =espace", " =espace");
        texts.put("'déjà", "'déjà");
        texts.put("", "");
        List<ObservationRow> rows = new ArrayList<>();
        long id = 0;
        for (String text : texts.keySet()) {
            rows.add(new ObservationRow(++id, null, null, null, null, new Object[]{text, -id, -id - 0.5, "-1"}));
        }

        Path file = Writes.write(ExportFormat.CSV, dir.resolve("formulas.csv"), fields, rows, excelFr(null)).path();

        List<String[]> records = CsvWriterTest.parse(file, ';', true);
        id = 0;
        for (Map.Entry<String, String> text : texts.entrySet()) {
            id++;
            assertThat(records.get((int) id)).as("text %s", text.getKey())
                    .containsExactly(text.getValue(), "-" + id, "-" + id + ",5", "-1");
        }
        // OWASP's form: the neutralised cell is quoted
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("\r\n\"'=1+1\";-1;-1,5;-1\r\n");

        Path standard = Writes.write(ExportFormat.CSV, dir.resolve("standard.csv"), fields, rows,
                ExportOptions.defaults()).path();
        List<String[]> verbatim = CsvWriterTest.parse(standard, ',', false);
        id = 0;
        for (String text : texts.keySet()) {
            id++;
            assertThat(verbatim.get((int) id)).containsExactly(text, "-" + id, "-" + id + ".5", "-1");
        }
    }

    @Test
    void gdalReadsDecimalCommasAsRealsAndTheWktAsGeometry() throws IOException {
        SyntheticRows synthetic = new SyntheticRows();
        List<ObservationRow> rows = new ArrayList<>();
        for (long i = 0; i < 200; i++) {
            rows.add(synthetic.row(i));
        }
        Path file = Writes.write(ExportFormat.CSV, dir.resolve("excel.csv"), synthetic.fields(), rows,
                excelFr(null)).path();

        ExternalTools.Layer layer = ExternalTools.readLayerWithOptions(file, "AUTODETECT_TYPE=YES",
                "GEOM_POSSIBLE_NAMES=geometrie_wkt_4326", "KEEP_GEOM_COLUMNS=NO");

        Map<String, String> types = new java.util.HashMap<>();
        layer.meta().get("fields").forEach(f -> types.put(f.get("name").asText(), f.get("type").asText()));
        assertThat(types).containsEntry("x_centroid_4326", "Real").containsEntry("y_centroid_4326", "Real")
                .containsEntry("date_debut", "Date").containsEntry("nombre_min", "Integer");
        assertThat(layer.features()).hasSize(rows.size());
        int x = column(synthetic, "x_centroid_4326");
        int y = column(synthetic, "y_centroid_4326");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode properties = layer.features().get(i).get("properties");
            Object[] values = rows.get(i).values();
            assertThat(properties.get("x_centroid_4326").asDouble()).as("x of row %d", i).isEqualTo(values[x]);
            assertThat(properties.get("y_centroid_4326").asDouble()).as("y of row %d", i).isEqualTo(values[y]);
            assertThat(properties.get("nom_valide").asText()).isEqualTo(values[column(synthetic, "nom_valide")]);
            assertThat(layer.features().get(i).get("wkb").isNull()).isFalse();
        }
        JsonNode extent = layer.meta().get("extent");
        assertThat(extent.get(0).asDouble()).isGreaterThanOrEqualTo(1.5).isLessThan(3);
        assertThat(extent.get(2).asDouble()).isGreaterThanOrEqualTo(48).isLessThan(49.2);
    }

    private static int column(SyntheticRows synthetic, String code) {
        List<FieldDefinition> fields = synthetic.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).code().equals(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException(code);
    }
}
