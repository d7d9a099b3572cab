package org.naturaflux.format.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.naturaflux.format.FormatWriter;
import org.naturaflux.format.FormatWriters;
import org.naturaflux.format.WriterSettings;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.format.support.SyntheticRows;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.spec.CsvPreset;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;

/**
 * Benchmark (not a test): writes N synthetic rows of 30 fields to each format in turn and prints one
 * line per format: {@code format rows seconds rows/s bytes path}. Run by {@code format-lib/bench.sh}, which
 * compares it with {@code ogr2ogr} converting the same rows.
 *
 * <p>When it writes CSV it also writes {@code naturaflux.csvt}, the sidecar that gives GDAL's CSV reader
 * the column types, so that {@code ogr2ogr} reads the same typed rows.
 *
 * <p>Arguments: {@code rows outputDirectory [format...]} (default: every format). The system property
 * {@code bench.csvPreset} ({@code standard} by default, or {@code excel-fr}) chooses the CSV preset.
 */
public final class WriteBenchmark {

    private WriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        Path directory = Path.of(args[1]);
        Files.createDirectories(directory);
        List<ExportFormat> formats = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            formats.add(ExportFormat.fromCode(args[i]));
        }
        if (formats.isEmpty()) {
            formats.addAll(List.of(ExportFormat.values()));
        }
        CsvPreset preset = CsvPreset.fromCode(System.getProperty("bench.csvPreset", CsvPreset.STANDARD.code()));
        ExportOptions options = new ExportOptions(null, null, null, null, null, null, null, null, null, null, preset,
                null);
        SyntheticRows synthetic = new SyntheticRows();
        WriterSettings settings = WriterSettings.defaults().withTempDirectory(directory);
        for (ExportFormat format : formats) {
            Path target = directory.resolve("naturaflux." + format.extension());
            long start = System.nanoTime();
            WrittenFile file;
            try (FormatWriter writer = FormatWriters.open(format, target, synthetic.fields(),
                    options, settings)) {
                for (long i = 0; i < rows; i++) {
                    writer.write(synthetic.row(i));
                }
                file = writer.finish();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%s %d %.2f %.0f %d %s%n", format.code(), file.rows(), seconds,
                    file.rows() / seconds, file.bytes(), file.path());
            if (format == ExportFormat.CSV) {
                Files.writeString(directory.resolve("naturaflux.csvt"), csvt(synthetic.fields()));
            }
        }
    }

    /** GDAL's column types for the CSV ({@code .csvt}); the WKT column stays a string here. */
    private static String csvt(List<FieldDefinition> fields) {
        StringBuilder types = new StringBuilder();
        for (FieldDefinition field : fields) {
            if (types.length() > 0) {
                types.append(',');
            }
            types.append('"').append(switch (field.type()) {
                case INTEGER -> "Integer64";
                case DECIMAL -> "Real";
                case DATE -> "Date";
                case TIMESTAMP -> "DateTime";
                case BOOLEAN -> "Integer(Boolean)";
                case TEXT, JSON, UUID, GEOMETRY -> "String";
            }).append('"');
        }
        return types.append('\n').toString();
    }
}
