package org.naturaflux.format.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.format.support.Fixtures.FIELDS;
import static org.naturaflux.format.support.Fixtures.hardCases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.format.support.Decompress;
import org.naturaflux.format.support.ExpectedJson;
import org.naturaflux.format.support.PythonJson;
import org.naturaflux.format.support.Writes;
import org.naturaflux.model.spec.Compression;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.JsonLayout;

/** JSON files read back by Python's json module (not Jackson, which wrote them). */
class JsonWriterTest {

    @TempDir
    Path dir;

    static void assertHardCases(List<List<Object[]>> records) {
        assertThat(records).hasSize(ExpectedJson.VALUES.length);
        for (int i = 0; i < ExpectedJson.VALUES.length; i++) {
            PythonJson.assertRecord(records.get(i), ExpectedJson.KEYS, ExpectedJson.VALUES[i]);
        }
    }

    @Test
    void arrayLayoutRoundTripsTypedValues() throws IOException {
        WrittenFile file = Writes.write(ExportFormat.JSON, dir.resolve("obs.json"), FIELDS, hardCases(),
                ExportOptions.defaults());

        assertHardCases(PythonJson.read(file.path(), "array"));
        assertThat(file.rows()).isEqualTo(9);
    }

    @Test
    void ndjsonLayoutRoundTripsTypedValues() throws IOException {
        WrittenFile file = Writes.write(ExportFormat.JSON, dir.resolve("obs.ndjson"), FIELDS, hardCases(),
                Writes.json(JsonLayout.NDJSON));

        assertHardCases(PythonJson.read(file.path(), "ndjson"));
    }

    @Test
    void arrayLayoutPutsOneObjectPerLine() throws IOException {
        Writes.write(ExportFormat.JSON, dir.resolve("obs.json"), FIELDS, hardCases(), ExportOptions.defaults());

        List<String> lines = Files.readAllLines(dir.resolve("obs.json"));
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).isEqualTo("[");
        assertThat(lines.get(1)).isEqualTo("{\"id_synthese\":1,\"nom_cite\":\"Rougegorge familier\",\"nombre_min\":3,"
                + "\"mesure\":48.8566,\"date_debut\":\"2024-05-01\",\"date_modification\":\"2024-05-01T10:15:30\","
                + "\"valide\":true,\"uuid_perm_sinp\":\"0b7c2c5e-8a1f-4c7e-9d3a-5f2e1c0a9b8d\","
                + "\"champs_additionnels\":{\"protocole\":\"STOC\",\"passage\":2},"
                + "\"geometrie_wkt_4326\":\"POINT (2.3522 48.8566)\"},");
        assertThat(lines.get(9)).startsWith("{\"id_synthese\":9,").endsWith("}");
        assertThat(lines.get(10)).isEqualTo("]");
        assertThat(Files.readString(dir.resolve("obs.json"))).endsWith("}\n]\n");
    }

    @Test
    void ndjsonEndsEveryObjectWithALineFeed() throws IOException {
        Writes.write(ExportFormat.JSON, dir.resolve("obs.ndjson"), FIELDS, hardCases(),
                Writes.json(JsonLayout.NDJSON));

        String content = Files.readString(dir.resolve("obs.ndjson"));
        assertThat(content.split("\n", -1)).hasSize(10);
        assertThat(content).startsWith("{\"id_synthese\":1,").endsWith("\"POINT (-4.4861 48.3904)\"}\n");
    }

    @Test
    void zeroRowsGiveAnEmptyArrayOrAnEmptyFile() throws IOException {
        WrittenFile array = Writes.write(ExportFormat.JSON, dir.resolve("a.json"), FIELDS, List.of(),
                ExportOptions.defaults());
        WrittenFile ndjson = Writes.write(ExportFormat.JSON, dir.resolve("n.json"), FIELDS, List.of(),
                Writes.json(JsonLayout.NDJSON));

        assertThat(Files.readString(array.path())).isEqualTo("[]\n");
        assertThat(PythonJson.read(array.path(), "array")).isEmpty();
        assertThat(ndjson.bytes()).isZero();
        assertThat(PythonJson.read(ndjson.path(), "ndjson")).isEmpty();
    }

    @Test
    void gzipAndZipHoldTheSameJson() throws IOException {
        WrittenFile gz = Writes.write(ExportFormat.JSON, dir.resolve("g.json"), FIELDS, hardCases(),
                Writes.options(null, null, JsonLayout.NDJSON, null, Compression.GZIP));
        WrittenFile zip = Writes.write(ExportFormat.JSON, dir.resolve("z.json"), FIELDS, hardCases(),
                Writes.compressed(Compression.ZIP));

        assertThat(gz.path().getFileName().toString()).isEqualTo("g.json.gz");
        assertHardCases(PythonJson.read(Decompress.gunzip(gz.path(), dir.resolve("g.plain")), "ndjson"));
        assertThat(Decompress.zipEntries(zip.path())).containsExactly("z.json");
        assertHardCases(PythonJson.read(Decompress.unzip(zip.path(), "z.json", dir.resolve("z.plain")), "array"));
    }
}
