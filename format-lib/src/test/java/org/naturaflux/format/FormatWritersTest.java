package org.naturaflux.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.naturaflux.format.support.Fixtures.FIELDS;
import static org.naturaflux.format.support.Fixtures.hardCases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.naturaflux.format.support.ExternalTools;
import org.naturaflux.format.support.Fixtures;
import org.naturaflux.format.support.Writes;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.Compression;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;

/** The common contract of every writer: life cycle, row checks, file naming, size and checksum. */
class FormatWritersTest {

    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private FormatWriter open(ExportFormat format, ExportOptions options) throws IOException {
        return FormatWriters.open(format, dir.resolve("obs." + format.extension()), FIELDS, options,
                WriterSettings.defaults().withTempDirectory(dir));
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void closingWithoutFinishingDeletesThePartialFile(ExportFormat format) throws IOException {
        try (FormatWriter writer = open(format, ExportOptions.defaults())) {
            for (ObservationRow row : hardCases()) {
                writer.write(row);
            }
            assertThat(writer.rowCount()).isEqualTo(9);
        }
        assertThat(files()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void describesTheFinishedFileWithItsSizeAndSha256(ExportFormat format) throws IOException {
        WrittenFile file;
        try (FormatWriter writer = open(format, ExportOptions.defaults())) {
            for (ObservationRow row : hardCases()) {
                writer.write(row);
            }
            file = writer.finish();
        }
        assertThat(files()).containsExactly("obs." + format.extension());
        assertThat(file.format()).isEqualTo(format);
        assertThat(file.rows()).isEqualTo(9);
        assertThat(file.bytes()).isEqualTo(Files.size(file.path()));
        assertThat(file.sha256()).isEqualTo(ExternalTools.sha256sum(file.path()));
        assertThat(file.mediaType()).isEqualTo(format.mediaType());
        assertThat(file.toArtifact("fluxes/1/runs/2/obs." + format.extension()))
                .isEqualTo(new org.naturaflux.model.message.Artifact(format.code(),
                        "fluxes/1/runs/2/obs." + format.extension(), file.bytes(), file.sha256()));
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void rejectsARowThatDoesNotMatchTheFieldsAndStaysUsable(ExportFormat format) throws IOException {
        try (FormatWriter writer = open(format, ExportOptions.defaults())) {
            writer.write(hardCases().get(0));
            assertThatThrownBy(() -> writer.write(new ObservationRow(50, null, null, null, null, new Object[3])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 values for 10 fields");
            Object[] wrong = hardCases().get(1).values().clone();
            wrong[Fixtures.INTEGER] = "cinq";
            assertThatThrownBy(() -> writer.write(new ObservationRow(51, null, null, null, null, wrong)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("row 51: field 'nombre_min' (INTEGER) cannot hold a java.lang.String");
            writer.write(hardCases().get(2));
            assertThat(writer.finish().rows()).isEqualTo(2);
            assertThatThrownBy(() -> writer.write(hardCases().get(3))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class);
        }
        assertThat(files()).containsExactly("obs." + format.extension());
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void refusesInvalidOptionsBeforeCreatingAnything(ExportFormat format) throws IOException {
        ExportOptions pipe = Writes.options('|', null, null, null, null);
        ExportOptions noDecimals = Writes.precision(0);

        assertThatThrownBy(() -> open(format, pipe)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("csvDelimiter");
        assertThatThrownBy(() -> open(format, noDecimals)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coordinatePrecision");
        assertThat(files()).isEmpty();
    }

    @Test
    void refusesFieldListsThatCannotMakeColumns() {
        assertThatThrownBy(() -> FormatWriters.open(ExportFormat.CSV, dir.resolve("x.csv"), List.of(),
                ExportOptions.defaults())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FormatWriters.open(ExportFormat.CSV, dir.resolve("x.csv"),
                List.of(FIELDS.get(0), FIELDS.get(0)), ExportOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void fanOutWritesOnePassToEveryFormat() throws IOException {
        Map<ExportFormat, Path> targets = new EnumMap<>(ExportFormat.class);
        for (ExportFormat format : ExportFormat.values()) {
            targets.put(format, dir.resolve("obs." + format.extension()));
        }
        List<WrittenFile> files;
        try (FanOutWriter fanOut = FormatWriters.openAll(targets, FIELDS, Writes.compressed(Compression.GZIP),
                WriterSettings.defaults().withTempDirectory(dir))) {
            for (ObservationRow row : hardCases()) {
                fanOut.write(row);
            }
            assertThatThrownBy(() -> fanOut.write(new ObservationRow(1, null, null, null, null, new Object[1])))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(fanOut.rowCount()).isEqualTo(9);
            files = fanOut.finish();
        }
        assertThat(files).extracting(WrittenFile::format).containsExactly(ExportFormat.values());
        assertThat(files).allSatisfy(f -> {
            assertThat(f.rows()).isEqualTo(9);
            assertThat(f.fileName()).endsWith(".gz");
            assertThat(f.sha256()).isEqualTo(ExternalTools.sha256sum(f.path()));
        });
        assertThat(files()).containsExactly("obs.csv.gz", "obs.geojson.gz", "obs.gpkg.gz", "obs.json.gz");
    }

    @Test
    void fanOutClosedWithoutFinishingLeavesNothing() throws IOException {
        Map<ExportFormat, Path> targets = new EnumMap<>(ExportFormat.class);
        for (ExportFormat format : ExportFormat.values()) {
            targets.put(format, dir.resolve("obs." + format.extension()));
        }
        try (FanOutWriter fanOut = FormatWriters.openAll(targets, FIELDS, ExportOptions.defaults(),
                WriterSettings.defaults().withTempDirectory(dir))) {
            fanOut.write(hardCases().get(0));
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void replacesAnExistingFileOfTheSameName() throws IOException {
        Files.writeString(dir.resolve("obs.csv"), "ancien contenu plus long que le nouveau ".repeat(100));

        WrittenFile file = Writes.write(ExportFormat.CSV, dir.resolve("obs.csv"), List.of(FIELDS.get(0)),
                List.of(new ObservationRow(1, null, null, null, null, new Object[]{1L})), ExportOptions.defaults());

        assertThat(Files.readString(file.path())).isEqualTo("id_synthese\r\n1\r\n");
    }

    /** The file {@link FormatWriters#appendOnlyFile} names only grows: what was on disk is a prefix of the end. */
    @ParameterizedTest
    @EnumSource(Compression.class)
    void appendOnlyFilesOnlyGrowWhileRowsAreWritten(Compression compression) throws IOException {
        ExportOptions options = Writes.compressed(compression);
        assertThat(FormatWriters.appendOnlyFile(ExportFormat.GPKG, dir.resolve("obs.gpkg"), options)).isEmpty();
        for (ExportFormat format : List.of(ExportFormat.CSV, ExportFormat.JSON, ExportFormat.GEOJSON)) {
            Path target = dir.resolve("obs." + format.extension());
            Path growing = FormatWriters.appendOnlyFile(format, target, options).orElseThrow();
            List<byte[]> seen = new java.util.ArrayList<>();
            WrittenFile file;
            try (FormatWriter writer = open(format, options)) {
                java.util.Random random = new java.util.Random(7);
                for (int i = 0; i < 20_000; i++) {
                    // Random values: compressed files grow too.
                    writer.write(Fixtures.row(i, Long.toHexString(random.nextLong()), random.nextLong(), random.nextDouble(),
                            java.time.LocalDate.of(2024, 1, 1).plusDays(random.nextInt(300)), null, null, java.util.UUID.randomUUID(),
                            null, "POINT (" + random.nextDouble() + " " + random.nextDouble() + ")"));
                    if (i % 1000 == 999) {
                        seen.add(Files.readAllBytes(growing));
                    }
                }
                file = writer.finish();
            }
            assertThat(file.path()).isEqualTo(growing);
            byte[] end = Files.readAllBytes(growing);
            assertThat(seen.stream().filter(b -> b.length > 0).map(b -> b.length).distinct().count())
                    .as("%s %s: the file grew on disk while rows were written", format, compression).isGreaterThan(1);
            for (byte[] before : seen) {
                assertThat(java.util.Arrays.equals(before, 0, before.length, end, 0, before.length))
                        .as("%s %s: %d bytes on disk before the end are the end's first bytes", format, compression, before.length)
                        .isTrue();
            }
            Files.delete(growing);
        }
    }
}
