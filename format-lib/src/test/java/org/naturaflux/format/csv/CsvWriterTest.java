package org.naturaflux.format.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.format.support.Fixtures.FIELDS;
import static org.naturaflux.format.support.Fixtures.hardCases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.format.support.CsvReading;
import org.naturaflux.format.support.Decompress;
import org.naturaflux.format.support.ExternalTools;
import org.naturaflux.format.support.Writes;
import org.naturaflux.model.spec.Compression;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;

/** CSV files read back by Apache Commons CSV, a reader independent of the writer. */
class CsvWriterTest {

    /** {@code Double.MAX_VALUE} (1.7976931348623157E308) without exponent: its 17 digits, 292 zeros, ".0". */
    static final String DOUBLE_MAX_PLAIN = "17976931348623157" + "0".repeat(292) + ".0";
    /** {@code Double.MIN_VALUE} (4.9E-324) without exponent: 323 zeros after the point, then 49. */
    static final String DOUBLE_MIN_PLAIN = "0." + "0".repeat(323) + "49";

    /** The cells expected for {@code Fixtures.hardCases()}, null meaning an empty unquoted cell. */
    static final String[][] EXPECTED = {
            {"1", "Rougegorge familier", "3", "48.8566", "2024-05-01", "2024-05-01T10:15:30", "true",
                    "0b7c2c5e-8a1f-4c7e-9d3a-5f2e1c0a9b8d", "{\"protocole\": \"STOC\", \"passage\": 2}",
                    "POINT (2.3522 48.8566)"},
            {"2", "Il a dit \"bonjour\"; puis, à l'étang", "-5", "-0.5", "2024-02-29", "2024-02-29T23:59:59.123",
                    "false", "ffffffff-ffff-ffff-ffff-ffffffffffff", "[1, \"deux\", null, true, 2.5]",
                    "LINESTRING (2.1 48.1, 2.2 48.3, 2.4 48.2)"},
            {"3", "ligne 1\nligne 2\r\nligne 3 🦊 renard 🐦", "9223372036854775807", DOUBLE_MAX_PLAIN,
                    "0001-01-01", "1999-12-31T00:00:00.000001", "true", "00000000-0000-0000-0000-000000000000",
                    "\"texte seul\"",
                    "POLYGON ((2 48, 2 49, 3 49, 3 48, 2 48), (2.2 48.2, 2.4 48.2, 2.4 48.4, 2.2 48.4, 2.2 48.2))"},
            {"4", "  espaces autour  ", "-9223372036854775808", DOUBLE_MIN_PLAIN, "9999-12-31",
                    "2024-01-01T00:00:00.123456789", "false", "123e4567-e89b-12d3-a456-426614174000",
                    "{\"non fermé\": ", "MULTIPOINT ((1.5 47.5), (1.75 47.25))"},
            {"5", "", "0", "0.0000000001", "1970-01-01", "1970-01-01T00:00:00", "true",
                    "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "42",
                    "MULTILINESTRING ((3 45, 3.5 45.5), (4 46, 4.5 46.5, 5 46))"},
            {"6", null, null, null, null, null, null, null, null, null},
            {"7", "tabulation\tdedans; Łódź, Ærø, Ōsaka, 北京", "123", null, "2000-01-01", "2000-01-01T12:00:00.500",
                    null, "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "{}",
                    "MULTIPOLYGON (((6 44, 7 44, 7 45, 6 45, 6 44)), ((8 44, 8 45, 9 45, 9 44, 8 44)))"},
            {"8", "=SOMME(A1:A3)", "-1", null, "2023-12-31", "2023-12-31T23:59:59", "false",
                    "6ba7b811-9dad-11d1-80b4-00c04fd430c8", "{\"a\": {\"b\": [1, 2, {\"c\": null}]}}",
                    "GEOMETRYCOLLECTION (POINT (-1.5 43.5), LINESTRING (-1 43, -0.5 43.5))"},
            {"9", "négatif", "7", null, "2010-06-15", "2010-06-15T06:30:05.000000007", "true",
                    "6ba7b812-9dad-11d1-80b4-00c04fd430c8", "null", "POINT (-4.4861 48.3904)"},
    };

    static final String[] HEADER = {"id_synthese", "nom_cite", "nombre_min", "mesure", "date_debut",
            "date_modification", "valide", "uuid_perm_sinp", "champs_additionnels", "geometrie_wkt_4326"};

    @TempDir
    Path dir;

    /** Parses with commons-csv ({@link CsvReading#parse}). */
    static List<String[]> parse(Path file, char delimiter, boolean bom) throws IOException {
        return CsvReading.parse(file, delimiter, bom);
    }

    private void assertHardCases(List<String[]> records) {
        assertThat(records).hasSize(1 + EXPECTED.length);
        assertThat(records.get(0)).containsExactly(HEADER);
        for (int i = 0; i < EXPECTED.length; i++) {
            assertThat(records.get(i + 1)).as("record of id %s", EXPECTED[i][0]).containsExactly(EXPECTED[i]);
        }
    }

    @Test
    void roundTripsHardCasesWithCommas() throws IOException {
        WrittenFile file = Writes.write(ExportFormat.CSV, dir.resolve("obs.csv"), FIELDS, hardCases(),
                ExportOptions.defaults());

        assertHardCases(parse(file.path(), ',', false));
        assertThat(file.rows()).isEqualTo(EXPECTED.length);
        assertThat(file.path()).isEqualTo(dir.resolve("obs.csv"));
    }

    @Test
    void roundTripsHardCasesWithSemicolonsAndBom() throws IOException {
        WrittenFile file = Writes.write(ExportFormat.CSV, dir.resolve("obs.csv"), FIELDS, hardCases(),
                Writes.csv(';', true));

        assertHardCases(parse(file.path(), ';', true));
    }

    @Test
    void quotesOnlyTheCellsThatNeedIt() throws IOException {
        Writes.write(ExportFormat.CSV, dir.resolve("comma.csv"), FIELDS, hardCases(), ExportOptions.defaults());
        Writes.write(ExportFormat.CSV, dir.resolve("semicolon.csv"), FIELDS, hardCases(), Writes.csv(';', false));

        String comma = Files.readString(dir.resolve("comma.csv"));
        String semicolon = Files.readString(dir.resolve("semicolon.csv"));
        assertThat(comma).startsWith(String.join(",", HEADER) + "\r\n1,Rougegorge familier,3,48.8566,2024-05-01,"
                + "2024-05-01T10:15:30,true,0b7c2c5e-8a1f-4c7e-9d3a-5f2e1c0a9b8d,"
                + "\"{\"\"protocole\"\": \"\"STOC\"\", \"\"passage\"\": 2}\",POINT (2.3522 48.8566)\r\n");
        assertThat(semicolon).contains("\r\n1;Rougegorge familier;3;48.8566;2024-05-01;2024-05-01T10:15:30;true;"
                + "0b7c2c5e-8a1f-4c7e-9d3a-5f2e1c0a9b8d;\"{\"\"protocole\"\": \"\"STOC\"\", \"\"passage\"\": 2}\";"
                + "POINT (2.3522 48.8566)\r\n");
        // a comma needs no quotes when the delimiter is a semicolon, and the reverse
        assertThat(semicolon).contains(";MULTIPOINT ((1.5 47.5), (1.75 47.25))\r\n");
        assertThat(comma).contains(",\"MULTIPOINT ((1.5 47.5), (1.75 47.25))\"\r\n");
        assertThat(comma).contains("\r\n6,,,,,,,,,\r\n");
        assertThat(comma).contains("\r\n5,\"\",0,0.0000000001,");
        assertThat(comma).contains("\"  espaces autour  \"");
        assertThat(comma).contains("\"ligne 1\nligne 2\r\nligne 3 🦊 renard 🐦\"");
        assertThat(semicolon).contains("\r\n8;=SOMME(A1:A3);-1;;");
    }

    @Test
    void writesUtf8AndEndsEveryRecordWithCrlf() throws IOException {
        Writes.write(ExportFormat.CSV, dir.resolve("obs.csv"), FIELDS, hardCases(), ExportOptions.defaults());

        byte[] bytes = Files.readAllBytes(dir.resolve("obs.csv"));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("Łódź, Ærø, Ōsaka, 北京");
        assertThat(bytes).containsSubsequence("🦊".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).endsWith("POINT (-4.4861 48.3904)\r\n");
    }

    @Test
    void zeroRowsGiveTheHeaderAlone() throws IOException {
        WrittenFile file = Writes.write(ExportFormat.CSV, dir.resolve("empty.csv"), FIELDS, List.of(),
                Writes.csv(';', true));

        assertThat(parse(file.path(), ';', true)).hasSize(1).first().isEqualTo(HEADER);
        assertThat(file.rows()).isZero();
    }

    @Test
    void gzipAppendsGzAndHoldsTheSameCsv() throws IOException {
        WrittenFile file = Writes.write(ExportFormat.CSV, dir.resolve("obs.csv"), FIELDS, hardCases(),
                Writes.options(';', true, null, null, Compression.GZIP));

        assertThat(file.path()).isEqualTo(dir.resolve("obs.csv.gz"));
        assertThat(dir.resolve("obs.csv")).doesNotExist();
        assertThat(file.mediaType()).isEqualTo("application/gzip");
        assertThat(file.sha256()).isEqualTo(ExternalTools.sha256sum(file.path()));
        assertHardCases(parse(Decompress.gunzip(file.path(), dir.resolve("plain.csv")), ';', true));
    }

    @Test
    void zipAppendsZipAndHoldsOneEntryNamedAfterTheFile() throws IOException {
        WrittenFile file = Writes.write(ExportFormat.CSV, dir.resolve("obs.csv"), FIELDS, hardCases(),
                Writes.compressed(Compression.ZIP));

        assertThat(file.path()).isEqualTo(dir.resolve("obs.csv.zip"));
        assertThat(file.mediaType()).isEqualTo("application/zip");
        assertThat(Decompress.zipEntries(file.path())).containsExactly("obs.csv");
        assertHardCases(parse(Decompress.unzip(file.path(), "obs.csv", dir.resolve("plain.csv")), ',', false));
    }

    /** Random texts made of the characters CSV must protect, read back exactly by commons-csv. */
    @Test
    void randomTextsRoundTripExactly() throws IOException {
        String alphabet = ",;\"\r\n \tabcÉéàçœ€🦊北'=-+\\";
        int[] codePoints = alphabet.codePoints().toArray();
        java.util.Random random = new java.util.Random(4180);
        List<org.naturaflux.model.field.FieldDefinition> fields = List.of(
                org.naturaflux.format.support.Fixtures.field("a", org.naturaflux.model.field.FieldType.TEXT),
                org.naturaflux.format.support.Fixtures.field("b", org.naturaflux.model.field.FieldType.TEXT),
                org.naturaflux.format.support.Fixtures.field("c", org.naturaflux.model.field.FieldType.JSON));
        List<org.naturaflux.model.row.ObservationRow> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Object[] values = new Object[3];
            for (int c = 0; c < 3; c++) {
                if (random.nextInt(8) == 0) {
                    continue;
                }
                StringBuilder text = new StringBuilder();
                for (int k = random.nextInt(12); k > 0; k--) {
                    text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
                }
                values[c] = text.toString();
            }
            rows.add(new org.naturaflux.model.row.ObservationRow(i, null, null, null, null, values));
        }
        for (char delimiter : new char[]{',', ';'}) {
            Path target = dir.resolve("random" + (int) delimiter + ".csv");
            Writes.write(ExportFormat.CSV, target, fields, rows, Writes.csv(delimiter, delimiter == ';'));

            List<String[]> records = parse(target, delimiter, delimiter == ';');
            assertThat(records).hasSize(rows.size() + 1);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(records.get(i + 1)).as("row %d", i).containsExactly(
                        (String) rows.get(i).values()[0], (String) rows.get(i).values()[1],
                        (String) rows.get(i).values()[2]);
            }
        }
    }
}
