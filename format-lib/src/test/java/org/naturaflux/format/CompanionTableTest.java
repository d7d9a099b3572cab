package org.naturaflux.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.naturaflux.format.support.ExternalTools;
import org.naturaflux.format.support.Fixtures;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.CsvDateFormat;
import org.naturaflux.model.spec.CsvPreset;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;

/**
 * Companion tables: the CSV file beside the records (written as the flux's CSV is, read back as text),
 * the non-spatial table inside the GeoPackage (read back by GDAL and its validator, never by the library
 * that wrote it).
 */
class CompanionTableTest {

    private static final UUID FIRST = UUID.fromString("0b6c6f39-2d9f-4a1e-9d3a-5a0f6f0f7a11");

    @TempDir
    Path dir;

    private static CompanionTable datasets() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {1L, FIRST, "Oiseaux nicheurs; Seine-et-Marne", 12.5, 42L});
        rows.add(new Object[] {7L, null, "=Flore \"régionale\"", null, 3L});
        return new CompanionTable("jeux_de_donnees", List.of(Fixtures.field("id_jdd", FieldType.INTEGER),
                Fixtures.field("uuid_jdd", FieldType.UUID), Fixtures.field("nom_jdd", FieldType.TEXT),
                Fixtures.field("part", FieldType.DECIMAL), Fixtures.field("nombre_observations", FieldType.INTEGER)), rows);
    }

    @Test
    void theCsvFileIsWrittenWithTheFluxsCsvOptions() throws Exception {
        WrittenFile standard = CompanionCsv.write(datasets(), dir.resolve("standard.csv"), ExportOptions.defaults());
        assertThat(standard.rows()).isEqualTo(2);
        assertThat(Files.readString(standard.path(), StandardCharsets.UTF_8)).isEqualTo(
                "id_jdd,uuid_jdd,nom_jdd,part,nombre_observations\r\n"
                        + "1," + FIRST + ",Oiseaux nicheurs; Seine-et-Marne,12.5,42\r\n"
                        + "7,,\"=Flore \"\"régionale\"\"\",,3\r\n");
        assertThat(standard.sha256()).isEqualTo(ExternalTools.sha256sum(standard.path()));

        ExportOptions excel = new ExportOptions(null, null, null, null, null, null, null, null, null, null,
                CsvPreset.EXCEL_FR, CsvDateFormat.FRENCH);
        WrittenFile french = CompanionCsv.write(datasets(), dir.resolve("excel.csv"), excel);
        assertThat(Files.readString(french.path(), StandardCharsets.UTF_8)).isEqualTo(
                "\uFEFFid_jdd;uuid_jdd;nom_jdd;part;nombre_observations\r\n"
                        + "1;" + FIRST + ";\"Oiseaux nicheurs; Seine-et-Marne\";12,5;42\r\n"
                        + "7;;\"'=Flore \"\"régionale\"\"\";;3\r\n");
    }

    @Test
    void theGeoPackageHoldsTheTableAsAttributesBesideTheFeatures() throws Exception {
        ExternalTools.requireGdal();
        Path target = dir.resolve("observations.gpkg");
        WrittenFile file;
        try (FanOutWriter writer = FormatWriters.openAll(Map.of(ExportFormat.GPKG, target), Fixtures.FIELDS,
                ExportOptions.defaults(), WriterSettings.defaults().withTempDirectory(dir))) {
            for (ObservationRow row : Fixtures.hardCases()) {
                writer.write(row);
            }
            assertThat(writer.addTable(datasets())).isTrue();
            file = writer.finish().get(0);
        }
        ExternalTools.Layer table = ExternalTools.readLayer(file.path(), "jeux_de_donnees");
        assertThat(table.meta().path("geometryType").asText()).isEqualTo("None");
        assertThat(table.meta().path("featureCount").asLong()).isEqualTo(2);
        assertThat(table.meta().path("fields").findValuesAsText("name"))
                .containsExactly("id_jdd", "uuid_jdd", "nom_jdd", "part", "nombre_observations");
        JsonNode first = table.features().get(0).path("properties");
        assertThat(first.path("id_jdd").asLong()).isEqualTo(1);
        assertThat(first.path("uuid_jdd").asText()).isEqualTo(FIRST.toString());
        assertThat(first.path("nom_jdd").asText()).isEqualTo("Oiseaux nicheurs; Seine-et-Marne");
        assertThat(first.path("part").asDouble()).isEqualTo(12.5);
        assertThat(first.path("nombre_observations").asLong()).isEqualTo(42);
        JsonNode second = table.features().get(1).path("properties");
        assertThat(second.path("uuid_jdd").isNull()).isTrue();
        assertThat(second.path("nom_jdd").asText()).isEqualTo("=Flore \"régionale\"");
        assertThat(second.path("nombre_observations").asLong()).isEqualTo(3);
        // the features are still there, and the file is a valid GeoPackage for GDAL's validator
        assertThat(ExternalTools.readLayer(file.path(), "observations").meta().path("featureCount").asLong())
                .isEqualTo(Fixtures.hardCases().size());
        ExternalTools.Result validation = ExternalTools.validateGeoPackage(file.path());
        assertThat(validation.exitCode()).as("validate_gpkg: %s%s", validation.stdout(), validation.stderr()).isZero();
        assertThat(validation.stdout() + validation.stderr()).as("validator messages").isBlank();
        List<JsonNode> contents = ExternalTools.script("gpkg_sql.py", file.path().toString(),
                "SELECT data_type FROM gpkg_contents WHERE table_name = ?", "jeux_de_donnees");
        assertThat(contents).hasSize(1);
        assertThat(contents.get(0).toString()).contains("attributes");
    }

    @Test
    void recordOnlyFormatsHoldNoTableAndTheGeoPackageRefusesANameItUses() throws Exception {
        try (FanOutWriter writer = FormatWriters.openAll(Map.of(ExportFormat.CSV, dir.resolve("o.csv"),
                ExportFormat.JSON, dir.resolve("o.json"), ExportFormat.GEOJSON, dir.resolve("o.geojson")), Fixtures.FIELDS,
                ExportOptions.defaults(), WriterSettings.defaults().withTempDirectory(dir))) {
            assertThat(writer.addTable(datasets())).isFalse();
        }
        try (FormatWriter gpkg = FormatWriters.open(ExportFormat.GPKG, dir.resolve("p.gpkg"), Fixtures.FIELDS,
                ExportOptions.defaults(), WriterSettings.defaults().withTempDirectory(dir))) {
            CompanionTable clash = new CompanionTable("observations", datasets().columns(), datasets().rows());
            assertThatThrownBy(() -> gpkg.addTable(clash)).isInstanceOf(IllegalArgumentException.class);
            assertThat(gpkg.addTable(datasets())).isTrue();
            assertThatThrownBy(() -> gpkg.addTable(datasets())).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aTableIsCheckedAgainstItsColumns() {
        List<Object[]> wrong = new ArrayList<>();
        wrong.add(new Object[] {"one", null, null, null, 1L});
        assertThatThrownBy(() -> new CompanionTable("jeux_de_donnees", datasets().columns(), wrong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id_jdd");
        assertThatThrownBy(() -> new CompanionTable("Jeux", datasets().columns(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
