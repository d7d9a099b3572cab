package org.naturaflux.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunEvent;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.model.message.Topics;
import org.naturaflux.model.spec.CsvDateFormat;
import org.naturaflux.model.spec.CsvPreset;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.testkit.IsolatedBucketPrefix;
import org.naturaflux.testkit.IsolatedDatabase;
import org.naturaflux.testkit.IsolatedTopics;
import org.naturaflux.testkit.ServiceProcess;
import org.naturaflux.testkit.TestStack;
import org.naturaflux.worker.testing.BucketProbe;
import org.naturaflux.worker.testing.CommandProducer;
import org.naturaflux.worker.testing.ExportOracle;
import org.naturaflux.worker.testing.Specs;
import org.naturaflux.worker.testing.TopicRecorder;

/**
 * The attribution of a run ({@code jeux_de_donnees.csv} and the GeoPackage's {@code jeux_de_donnees}
 * table, the manifest's listing and citation), from a packaged worker against the real stack, compared
 * with SQL written here: the records the PostGIS oracle exports ({@link ExportOracle}), counted per
 * dataset by PostgreSQL, and the datasets' names and producers read from {@code gn_meta}. One dataset's
 * records are all made "Aucune diffusion" first: it contributes nothing and must not be named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetAttributionIT {

    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(180);
    private static final Territory.Wkt AROUND_PARIS = new Territory.Wkt(
            "POLYGON((2.05 48.70, 2.60 48.68, 2.70 48.95, 2.35 49.05, 2.00 48.90, 2.05 48.70))");

    private final TestStack stack = TestStack.fromEnvironment();
    private final ObjectMapper json = new ObjectMapper();
    private IsolatedDatabase database;
    private IsolatedTopics topics;
    private IsolatedBucketPrefix prefix;
    private BucketProbe bucket;
    private ServiceProcess worker;
    private CommandProducer commands;
    private TopicRecorder events;
    private Path downloads;
    /** The dataset whose records in the territory are all withheld. */
    private int withheldDataset;

    @BeforeAll
    void start() throws Exception {
        database = IsolatedDatabase.create(DatasetAttributionIT.class);
        try (Connection connection = database.connect(); Statement st = connection.createStatement()) {
            new DemoSourceGenerator(connection, 20_261_207L).regenerate(6_000);
            // The dataset with the fewest records in the territory (some) is made "Aucune diffusion" throughout.
            try (ResultSet rs = st.executeQuery("SELECT id_dataset FROM gn_synthese.synthese WHERE ST_Intersects(the_geom_4326,"
                    + " ST_GeomFromText('" + AROUND_PARIS.wkt() + "', 4326)) GROUP BY id_dataset ORDER BY count(*), id_dataset LIMIT 1")) {
                assertThat(rs.next()).isTrue();
                withheldDataset = rs.getInt(1);
            }
            assertThat(st.executeUpdate("UPDATE gn_synthese.synthese SET id_nomenclature_sensitivity = (SELECT n.id_nomenclature"
                    + " FROM ref_nomenclatures.t_nomenclatures n JOIN ref_nomenclatures.bib_nomenclatures_types t USING (id_type)"
                    + " WHERE t.mnemonique = 'SENSIBILITE' AND n.cd_nomenclature = '4') WHERE id_dataset = " + withheldDataset))
                    .isPositive();
        }
        database.grantReadOnly(stack.sourceDbUser());
        topics = IsolatedTopics.create(DatasetAttributionIT.class);
        String commandsTopic = topics.create(Topics.EXPORT_COMMANDS, 1);
        String eventsTopic = topics.create(Topics.EXPORT_EVENTS, 1);
        prefix = IsolatedBucketPrefix.create(DatasetAttributionIT.class);
        bucket = new BucketProbe(stack);
        downloads = Files.createTempDirectory(Path.of("target"), "attribution-");
        worker = ServiceProcess.forModule("export-worker").name("attribution-worker").heap("256m")
                .jvmArgument("-Dnaturaflux.component=attribution-worker")
                .env("NATURAFLUX_SOURCE_DB_URL", database.jdbcUrl())
                .env("NATURAFLUX_COMMANDS_TOPIC", commandsTopic)
                .env("NATURAFLUX_EVENTS_TOPIC", eventsTopic)
                .env("NATURAFLUX_COMMANDS_DLQ_TOPIC", topics.create(Topics.EXPORT_COMMANDS_DLQ, 1))
                .env("NATURAFLUX_WORKER_GROUP", "attribution-it-" + UUID.randomUUID())
                .env("NATURAFLUX_WORKER_ID", "attribution-worker")
                .env("NATURAFLUX_S3_KEY_PREFIX", prefix.prefix())
                .start();
        commands = new CommandProducer(stack.kafkaBootstrapServers(), commandsTopic);
        events = new TopicRecorder(stack.kafkaBootstrapServers(), eventsTopic);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {worker, commands, events, bucket, prefix, topics, database}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // the next resource is still released
                }
            }
        }
    }

    @Test
    void everyRunNamesTheDatasetsOfItsWrittenRecordsWithTheirCounts() throws Exception {
        ExportOptions excel = new ExportOptions(null, null, null, null, null, null, null, null, null, null,
                CsvPreset.EXCEL_FR, CsvDateFormat.ISO);
        ExportCommand command = Specs.command(UUID.randomUUID(), Specs.spec(AROUND_PARIS, TaxaFilter.all(), Specs.basicPlus(),
                List.of(ExportFormat.CSV, ExportFormat.GPKG), excel));
        RunEvent done = run(command);
        assertThat(done.artifacts()).extracting(Artifact::format).containsExactly("csv", "gpkg", "jeux_de_donnees-csv", "manifest");

        // The oracle: the records SQL says the run exports, counted per dataset by PostgreSQL, and gn_meta's names.
        Map<Integer, Long> expectedCounts = new TreeMap<>();
        Map<Integer, String> names = new HashMap<>();
        Map<Integer, String> producers = new HashMap<>();
        String withheldName;
        try (Connection connection = database.connect()) {
            Set<Long> exported = new ExportOracle(connection).expected(ExportOracle.wktTerritory(),
                    new Object[] {AROUND_PARIS.wkt()}, null).values().stream().filter(ExportOracle.Expected::exported)
                    .map(ExportOracle.Expected::id).collect(Collectors.toSet());
            assertThat(exported).hasSizeGreaterThan(300);
            try (PreparedStatement st = connection.prepareStatement("SELECT s.id_dataset, count(*), d.dataset_name,"
                    + " (SELECT string_agg(coalesce(o.nom_organisme, r.prenom_role || ' ' || upper(r.nom_role)), ' | '"
                    + "  ORDER BY coalesce(o.nom_organisme, r.prenom_role || ' ' || upper(r.nom_role))) FROM gn_meta.cor_dataset_actor a"
                    + "  LEFT JOIN utilisateurs.bib_organismes o ON o.id_organisme = a.id_organism"
                    + "  LEFT JOIN utilisateurs.t_roles r ON r.id_role = a.id_role"
                    + "  JOIN ref_nomenclatures.t_nomenclatures n ON n.id_nomenclature = a.id_nomenclature_actor_role"
                    + "  WHERE a.id_dataset = s.id_dataset AND n.cd_nomenclature = '6')"
                    + " FROM gn_synthese.synthese s JOIN gn_meta.t_datasets d USING (id_dataset)"
                    + " WHERE s.id_synthese = ANY(?) GROUP BY s.id_dataset, d.dataset_name")) {
                st.setArray(1, connection.createArrayOf("bigint", exported.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        expectedCounts.put(rs.getInt(1), rs.getLong(2));
                        names.put(rs.getInt(1), rs.getString(3));
                        producers.put(rs.getInt(1), rs.getString(4));
                    }
                }
            }
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT dataset_name FROM gn_meta.t_datasets WHERE id_dataset = " + withheldDataset)) {
                rs.next();
                withheldName = rs.getString(1);
            }
        }
        assertThat(expectedCounts).hasSizeGreaterThan(3).doesNotContainKey(withheldDataset);

        JsonNode manifest = manifestOf(command);
        Map<String, Path> files = downloadFiles(manifest);
        JsonNode listed = fileOf(manifest, "jeux_de_donnees-csv");
        assertThat(listed.path("name").asText()).isEqualTo("jeux_de_donnees.csv");
        assertThat(listed.path("mediaType").asText()).startsWith("text/csv");
        assertThat(listed.path("rows").asLong()).isEqualTo(expectedCounts.size());

        // The CSV companion, written with the flux's CSV preset (excel-fr: ';' and a BOM).
        byte[] csvBytes = Files.readAllBytes(files.get("jeux_de_donnees-csv"));
        assertThat(csvBytes).startsWith(0xEF, 0xBB, 0xBF);
        List<Map<String, String>> csv = readCsv(files.get("jeux_de_donnees-csv"), ';');
        assertThat(csv.get(0).keySet()).containsExactly("id_jdd", "uuid_jdd", "nom_jdd", "nom_court_jdd", "id_ca", "uuid_ca",
                "nom_ca", "producteurs", "acteurs_jdd", "acteurs_ca", "origine_donnees", "licence", "citation",
                "nombre_observations");
        Map<Integer, Long> csvCounts = new TreeMap<>();
        for (Map<String, String> row : csv) {
            int id = Integer.parseInt(row.get("id_jdd"));
            csvCounts.put(id, Long.parseLong(row.get("nombre_observations")));
            assertThat(row.get("nom_jdd")).as("dataset " + id).isEqualTo(names.get(id));
            assertThat(row.get("producteurs")).as("dataset " + id).isEqualTo(producers.get(id) == null ? "" : producers.get(id));
            assertThat(row.get("citation")).as("dataset " + id).contains(names.get(id)).contains(row.get("uuid_jdd"));
            assertThat(row.get("licence")).isEqualTo(manifest.path("licence").asText());
            assertThat(row.get("origine_donnees")).as("dataset " + id).isNotEmpty();
        }
        assertThat(csvCounts).isEqualTo(expectedCounts);
        assertThat(csvCounts.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(manifest.path("counts").path("exported").asLong());
        assertThat(manifest.path("counts").path("withheld").asLong()).isPositive();

        // The GeoPackage's attributes table, read by GDAL.
        List<Map<String, String>> table = gdalTable(files.get("gpkg"), "jeux_de_donnees");
        Map<Integer, Long> gpkgCounts = new TreeMap<>();
        for (Map<String, String> row : table) {
            gpkgCounts.put(Integer.parseInt(row.get("id_jdd")), Long.parseLong(row.get("nombre_observations")));
            assertThat(row.get("nom_jdd")).isEqualTo(names.get(Integer.parseInt(row.get("id_jdd"))));
        }
        assertThat(gpkgCounts).isEqualTo(expectedCounts);

        // The manifest's citation names every contributing dataset, and not the one whose records were all withheld.
        String citation = manifest.path("citation").asText();
        assertThat(citation).startsWith("Données issues de la plateforme régionale du SINP");
        names.values().forEach(name -> assertThat(citation).contains(name));
        assertThat(citation).doesNotContain(withheldName);
        assertThat(csv).noneMatch(row -> row.get("nom_jdd").equals(withheldName));
    }

    @Test
    void aJsonOnlyFluxGetsTheCsvCompanion() throws Exception {
        ExportCommand command = Specs.command(UUID.randomUUID(), Specs.spec(Specs.square(2.35, 48.85, 0.08), TaxaFilter.all(),
                Specs.basicPlus(), List.of(ExportFormat.JSON), null));
        RunEvent done = run(command);
        assertThat(done.artifacts()).extracting(Artifact::format).containsExactly("json", "jeux_de_donnees-csv", "manifest");
        JsonNode manifest = manifestOf(command);
        List<Map<String, String>> csv = readCsv(downloadFiles(manifest).get("jeux_de_donnees-csv"), ',');
        assertThat(csv.stream().mapToLong(r -> Long.parseLong(r.get("nombre_observations"))).sum())
                .isEqualTo(manifest.path("counts").path("exported").asLong());
    }

    private RunEvent run(ExportCommand command) {
        commands.send(command);
        RunEvent done = events.awaitTerminal(command.runId(), EXPORT_TIMEOUT);
        assertThat(done.type()).as(String.valueOf(done.error())).isEqualTo(RunEventType.SUCCEEDED);
        return done;
    }

    private JsonNode manifestOf(ExportCommand command) throws Exception {
        return json.readTree(bucket.read(prefix.key("fluxes/" + command.fluxId() + "/runs/" + command.runId() + "/manifest.json")));
    }

    private static JsonNode fileOf(JsonNode manifest, String format) {
        for (JsonNode file : manifest.path("files")) {
            if (file.path("format").asText().equals(format)) {
                return file;
            }
        }
        throw new AssertionError("no " + format + " file in " + manifest.path("files"));
    }

    /** Downloads the manifest's files, checking each one's size and SHA-256 against the manifest. */
    private Map<String, Path> downloadFiles(JsonNode manifest) throws Exception {
        Map<String, Path> files = new HashMap<>();
        Path directory = Files.createTempDirectory(downloads, "run-");
        for (JsonNode file : manifest.path("files")) {
            Path local = bucket.download(file.path("key").asText(), directory.resolve(file.path("name").asText()));
            byte[] bytes = Files.readAllBytes(local);
            assertThat((long) bytes.length).as(file.path("name").asText()).isEqualTo(file.path("bytes").asLong());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .as(file.path("name").asText()).isEqualTo(file.path("sha256").asText());
            files.put(file.path("format").asText(), local);
        }
        return files;
    }

    private static List<Map<String, String>> readCsv(Path file, char delimiter) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (Reader reader = new java.io.StringReader(text);
             CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                     .get().parse(reader)) {
            return parser.getRecords().stream().map(CSVRecord::toMap).toList();
        }
    }

    /** One layer of a GeoPackage converted to CSV by GDAL's ogr2ogr. */
    private List<Map<String, String>> gdalTable(Path gpkg, String layer) throws Exception {
        Path csv = downloads.resolve(layer + "-" + UUID.randomUUID() + ".csv");
        Process process = new ProcessBuilder("ogr2ogr", "-f", "CSV", csv.toString(), gpkg.toString(), layer)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return readCsv(csv, ',');
    }
}
