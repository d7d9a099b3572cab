package org.naturaflux.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.naturaflux.format.support.CsvReading;
import org.naturaflux.format.support.Fixtures;
import org.naturaflux.format.support.PythonJson;
import org.naturaflux.format.support.Writes;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.CsvPreset;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.JsonLayout;

/**
 * Property: no number is written in exponent form, in any format written as text (CSV presets, JSON, GeoJSON
 * properties and coordinates, WKT), and every decimal reads back as the same double: random bit patterns
 * (every magnitude, subnormals included), powers of ten from 1e-320 to 1e308, the edges of
 * {@link Double#toString}'s plain range, read back by the JDK's parser and by Python's {@code json}.
 */
class NoExponentTest {

    /** A digit followed by an exponent: what must never appear in a number written as text. */
    private static final Pattern EXPONENT = Pattern.compile("[0-9.][eE][-+]?[0-9]");
    private static final Pattern PLAIN = Pattern.compile("-?[0-9]+\\.[0-9]+");

    @TempDir
    Path dir;

    static List<Double> doubles() {
        List<Double> values = new ArrayList<>();
        Random random = new Random(20_261_207);
        while (values.size() < 1_500) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d)) {
                values.add(d);
            }
        }
        for (int exponent = -320; exponent <= 308; exponent++) {
            values.add(Double.parseDouble("1e" + exponent));
            values.add(-Double.parseDouble("1.2345e" + exponent));
        }
        for (double edge : new double[]{1e-3, 1e7, 0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
                1e-7, 1.2e7, 123456789.125, 0.1 + 0.2, 48.8566, -4.4861}) {
            values.add(edge);
            values.add(Math.nextUp(edge));
            values.add(Math.nextDown(edge));
        }
        values.removeIf(d -> !Double.isFinite(d));       // nextUp(MAX_VALUE)
        return values;
    }

    @Test
    void valueFormatterTextIsPlainAndExact() {
        for (double d : doubles()) {
            String text = ValueFormatter.decimal(d);
            assertThat(text).as("text of %s", d).matches(PLAIN);
            assertThat(Double.doubleToLongBits(Double.parseDouble(text))).as("%s read back", text)
                    .isEqualTo(Double.doubleToLongBits(d));
            StringBuilder appended = new StringBuilder("x");
            ValueFormatter.appendDecimal(appended, d);
            assertThat(appended.substring(1)).isEqualTo(text);
        }
    }

    @Test
    void csvCellsArePlainAndExactInBothPresets() throws IOException {
        List<Double> doubles = doubles();
        List<FieldDefinition> fields = List.of(Fixtures.field("id_synthese", FieldType.INTEGER),
                Fixtures.field("mesure", FieldType.DECIMAL));
        List<ObservationRow> rows = rows(doubles);
        for (CsvPreset preset : CsvPreset.values()) {
            ExportOptions options = new ExportOptions(null, null, null, null, null, null, null, null, null, null,
                    preset, null);
            Path file = Writes.write(ExportFormat.CSV, dir.resolve(preset.code() + ".csv"), fields, rows, options)
                    .path();
            char decimalSeparator = preset == CsvPreset.EXCEL_FR ? ',' : '.';
            List<String[]> records = CsvReading.parse(file, options.csvDelimiter(), options.csvBom());
            assertThat(records).hasSize(doubles.size() + 1);
            for (int i = 0; i < doubles.size(); i++) {
                String cell = records.get(i + 1)[1];
                assertThat(cell).as("%s cell of %s", preset, doubles.get(i))
                        .matches("-?[0-9]+\\" + decimalSeparator + "[0-9]+");
                assertThat(Double.parseDouble(cell.replace(decimalSeparator, '.'))).isEqualTo(doubles.get(i));
            }
        }
    }

    @Test
    void jsonAndGeoJsonNumbersArePlainAndPythonReadsTheSameDoubles() throws IOException {
        List<Double> doubles = doubles();
        List<FieldDefinition> fields = List.of(Fixtures.field("id_synthese", FieldType.INTEGER),
                Fixtures.field("mesure", FieldType.DECIMAL), Fixtures.field("geometrie_wkt_4326", FieldType.GEOMETRY));
        List<ObservationRow> rows = new ArrayList<>();
        for (int i = 0; i < doubles.size(); i++) {
            // tiny coordinates too: GeoJSON rounds them, the WKT keeps every digit
            var point = Fixtures.wkt("POINT (" + ValueFormatter.decimal(1e-9 * i) + " -"
                    + ValueFormatter.decimal(Math.scalb(1.0, -20 - i % 30)) + ")");
            rows.add(new ObservationRow(i + 1, null, null, null, point, new Object[]{(long) i + 1, doubles.get(i), point}));
        }
        Path json = Writes.write(ExportFormat.JSON, dir.resolve("numbers.ndjson"), fields, rows,
                Writes.json(JsonLayout.NDJSON)).path();
        Path geojson = Writes.write(ExportFormat.GEOJSON, dir.resolve("numbers.geojson"), fields, rows,
                Writes.precision(15)).path();

        for (Path file : List.of(json, geojson)) {
            Matcher exponent = EXPONENT.matcher(Files.readString(file, StandardCharsets.UTF_8));
            assertThat(exponent.find()).as("exponent in %s at %s", file.getFileName(),
                    exponent.find(0) ? exponent.group() : "").isFalse();
        }
        List<List<Object[]>> records = PythonJson.read(json, "ndjson");
        List<List<Object[]>> features = PythonJson.read(geojson, "geojson");
        assertThat(records).hasSize(doubles.size());
        for (int i = 0; i < doubles.size(); i++) {
            PythonJson.Typed value = (PythonJson.Typed) records.get(i).get(1)[1];
            assertThat(value.type()).isEqualTo("float");
            assertThat(Double.parseDouble(value.text())).as("JSON of %s", doubles.get(i)).isEqualTo(doubles.get(i));
            PythonJson.Typed property = (PythonJson.Typed) features.get(i).get(3)[1];
            assertThat(Double.parseDouble(property.text())).as("GeoJSON of %s", doubles.get(i)).isEqualTo(doubles.get(i));
        }
    }

    private static List<ObservationRow> rows(List<Double> doubles) {
        List<ObservationRow> rows = new ArrayList<>();
        for (int i = 0; i < doubles.size(); i++) {
            rows.add(new ObservationRow(i + 1, null, null, null, null, new Object[]{(long) i + 1, doubles.get(i)}));
        }
        return rows;
    }
}
