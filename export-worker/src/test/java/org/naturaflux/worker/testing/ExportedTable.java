package org.naturaflux.worker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.naturaflux.format.WriterSettings;

/**
 * An exported file read back by a reader independent of format-lib: Apache Commons CSV for CSV, Jackson's
 * tree parser for JSON, GDAL ({@code ogr2ogr} to CSV with WKT geometry) for GeoJSON and GeoPackage. Each
 * row is its values as text (null when empty or null) plus its geometry as WKT.
 *
 * @param rows by {@code id_synthese}
 */
public record ExportedTable(Map<Long, Row> rows) {

    /** One record: its values by column, its geometry's WKT (null when none). */
    public record Row(Map<String, String> values, String geometryWkt) {
        public String get(String column) {
            return values.get(column);
        }
    }

    /** A CSV file (gzip-compressed when its name ends with .gz). */
    public static ExportedTable csv(Path file, char delimiter) {
        try (Reader reader = new InputStreamReader(open(file), StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                     .get().parse(skipBom(reader))) {
            Map<Long, Row> rows = new LinkedHashMap<>();
            for (CSVRecord record : parser) {
                Map<String, String> values = new HashMap<>();
                for (String column : parser.getHeaderNames()) {
                    String value = record.get(column);
                    values.put(column, value.isEmpty() ? null : value);
                }
                put(rows, new Row(values, values.get("geometrie_wkt_4326")));
            }
            return new ExportedTable(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON file: an array of objects, or one object per line. */
    public static ExportedTable json(Path file) {
        ObjectMapper mapper = new ObjectMapper();
        Map<Long, Row> rows = new LinkedHashMap<>();
        try (InputStream in = open(file)) {
            byte[] bytes = in.readAllBytes();
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            List<JsonNode> objects = new ArrayList<>();
            if (text.startsWith("[")) {
                mapper.readTree(text).forEach(objects::add);
            } else {
                try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (!line.isBlank()) {
                            objects.add(mapper.readTree(line));
                        }
                    }
                }
            }
            for (JsonNode object : objects) {
                Map<String, String> values = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    JsonNode value = field.getValue();
                    values.put(field.getKey(), value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString());
                }
                put(rows, new Row(values, values.get("geometrie_wkt_4326")));
            }
            return new ExportedTable(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GeoJSON or GeoPackage file, read by GDAL. */
    public static ExportedTable gdal(Path file) {
        Path source = file;
        try {
            if (file.getFileName().toString().endsWith(".gz")) {
                String name = file.getFileName().toString();
                source = file.resolveSibling("gunzipped-" + name.substring(0, name.length() - 3));
                try (InputStream in = open(file)) {
                    Files.copy(in, source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path csv = Files.createTempFile(file.getParent(), "gdal-", ".csv");
            Files.delete(csv);
            List<String> command = new ArrayList<>(List.of("ogr2ogr", "-f", "CSV", csv.toString(), source.toString(),
                    "-lco", "GEOMETRY=AS_WKT"));
            if (source.getFileName().toString().endsWith(".gpkg")) {
                // the observations' layer only: a GeoPackage also holds the companion tables (jeux_de_donnees...)
                command.add(WriterSettings.DEFAULT_LAYER_NAME);
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("ogr2ogr failed on " + source + ": " + output);
            }
            try (Reader reader = Files.newBufferedReader(csv);
                 CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                Map<Long, Row> rows = new LinkedHashMap<>();
                for (CSVRecord record : parser) {
                    Map<String, String> values = new HashMap<>();
                    for (String column : parser.getHeaderNames()) {
                        String value = record.get(column);
                        values.put(column, value.isEmpty() ? null : value);
                    }
                    put(rows, new Row(values, values.get("WKT")));
                }
                return new ExportedTable(rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The file's bytes, decompressed when it is gzip or zip. */
    public static byte[] contentBytes(Path file) {
        try {
            String name = file.getFileName().toString();
            if (name.endsWith(".zip")) {
                try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
                    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                    while (zip.getNextEntry() != null) {
                        zip.transferTo(all);
                    }
                    return all.toByteArray();
                }
            }
            try (InputStream in = open(file)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    private static Reader skipBom(Reader reader) throws IOException {
        java.io.PushbackReader pushback = new java.io.PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    private static void put(Map<Long, Row> rows, Row row) {
        long id = Long.parseLong(row.get("id_synthese"));
        if (rows.put(id, row) != null) {
            throw new AssertionError("record " + id + " appears twice");
        }
    }
}
