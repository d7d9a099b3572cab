package org.naturaflux.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.naturaflux.format.csv.CsvWriter;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.ExportOptions;

/**
 * Writes a {@link CompanionTable} as a CSV file, exactly as the flux's CSV is written ({@link CsvWriter}:
 * the same delimiter, byte order mark, preset, date format and compression), so that a partner reads it
 * with the same settings. Written whatever formats the flux asks for: a flux of JSON or GeoJSON only gets
 * its companion tables as CSV (those formats hold records, not side tables).
 */
public final class CompanionCsv {

    private CompanionCsv() {
    }

    /**
     * Writes the table into {@code target} (its uncompressed path; {@code .gz} or {@code .zip} is appended
     * when the options compress).
     */
    public static WrittenFile write(CompanionTable table, Path target, ExportOptions options) throws IOException {
        Objects.requireNonNull(table, "table");
        try (CsvWriter csv = CsvWriter.open(target, table.layout(), options)) {
            for (ObservationRow row : table.asRows()) {
                csv.write(row);
            }
            return csv.finish();
        }
    }
}
