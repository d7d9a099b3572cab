package org.naturaflux.format.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/** CSV files read back by Apache Commons CSV, a reader independent of the writer. */
public final class CsvReading {

    private CsvReading() {
    }

    /** Parses with commons-csv; a quoted empty value reads as "", an unquoted empty one as null. */
    public static List<String[]> parse(Path file, char delimiter, boolean bom) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        if (bom) {
            assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
            start = 3;
        } else {
            assertThat(bytes.length == 0 || (bytes[0] & 0xFF) != 0xEF).as("no BOM").isTrue();
        }
        String text = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setQuoteMode(QuoteMode.ALL_NON_NULL)
                .get();
        List<String[]> records = new ArrayList<>();
        try (Reader reader = new java.io.StringReader(text); CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord record : parser) {
                records.add(record.values());
            }
        }
        return records;
    }
}
