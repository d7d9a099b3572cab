package org.naturaflux.worker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A run's companion tables read back by independent readers: Commons CSV, and GDAL for a GeoPackage's table. */
public final class CompanionFiles {

    private CompanionFiles() {
    }

    /** The rows of a CSV file with a header line (a leading BOM skipped), by column name. */
    public static List<Map<String, String>> csv(Path file, char delimiter) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (Reader reader = new StringReader(text);
             CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                     .get().parse(reader)) {
            return parser.getRecords().stream().map(CSVRecord::toMap).toList();
        }
    }

    /** One table of a GeoPackage converted to CSV by GDAL's ogr2ogr (into {@code workDirectory}). */
    public static List<Map<String, String>> gdalTable(Path gpkg, String layer, Path workDirectory) throws Exception {
        Path csv = workDirectory.resolve(layer + "-" + UUID.randomUUID() + ".csv");
        Process process = new ProcessBuilder("ogr2ogr", "-f", "CSV", csv.toString(), gpkg.toString(), layer)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return csv(csv, ',');
    }
}
