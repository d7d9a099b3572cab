package org.naturaflux.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.naturaflux.format.support.ExternalTools;

/**
 * Constant memory: a JVM limited to 64 MiB of heap writes 300,000 rows of 30 fields (about a gigabyte of
 * files) to the four formats in one pass. A writer holding rows, features or an index in the heap would
 * die of {@link OutOfMemoryError}; the files are then counted by independent readers.
 */
class FlatMemoryTest {

    static final int ROWS = 300_000;

    @TempDir
    Path dir;

    @Test
    void writes300000RowsToEveryFormatWithA64MiBHeap() throws Exception {
        ExternalTools.requireGdal();
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(javaBin.toString(), "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
                FlatMemoryMain.class.getName(), Integer.toString(ROWS), dir.toString());
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = child.waitFor(8, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(ended).as("child ended: %s", output).isTrue();
        assertThat(child.exitValue()).as("child exit status, output:%n%s", output).isZero();
        assertThat(output).contains("csv " + ROWS + " ", "json " + ROWS + " ", "geojson " + ROWS + " ",
                "gpkg " + ROWS + " ");

        assertThat(csvRecords(dir.resolve("observations.csv"))).isEqualTo(ROWS + 1);
        assertThat(ndjsonObjects(dir.resolve("observations.json"))).isEqualTo(ROWS);
        assertThat(ExternalTools.runOk(List.of("ogrinfo", "-ro", "-so", "-al", dir.resolve("observations.gpkg")
                .toString())).stdout()).contains("Feature Count: " + ROWS);
        assertThat(ExternalTools.runOk(List.of("ogrinfo", "-ro", "-so", "-al", dir.resolve("observations.geojson")
                .toString())).stdout()).contains("Feature Count: " + ROWS);
        assertThat(ExternalTools.validateGeoPackage(dir.resolve("observations.gpkg")).exitCode()).isZero();
    }

    private static long csvRecords(Path file) throws IOException {
        long count = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, CSVFormat.RFC4180.builder().setDelimiter(';').get())) {
            for (CSVRecord record : parser) {
                assertThat(record.size()).isEqualTo(30);
                count++;
            }
        }
        return count;
    }

    private static long ndjsonObjects(Path file) {
        List<String> command = new ArrayList<>(List.of(ExternalTools.PYTHON, "-c",
                "import json,sys\nn=0\nfor line in open(sys.argv[1], encoding='utf-8'):\n"
                        + "    assert len(json.loads(line)) == 30\n    n+=1\nprint(n)", file.toString()));
        return Long.parseLong(ExternalTools.runOk(command).stdout().strip());
    }
}
