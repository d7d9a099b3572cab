package org.naturaflux.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunEvent;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.model.message.Topics;
import org.naturaflux.model.spec.AreaRef;
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
import org.naturaflux.worker.testing.CompanionFiles;
import org.naturaflux.worker.testing.ExportOracle;
import org.naturaflux.worker.testing.ExportedTable;
import org.naturaflux.worker.testing.Specs;
import org.naturaflux.worker.testing.TopicRecorder;

/**
 * A packaged worker exports the eight taxon status fields of the catalogue, in the four formats, for
 * the whole demo region; each file, read back by its independent reader (CSV parser, Jackson, GDAL for
 * GeoJSON and GeoPackage), holds for every record the statuses an SQL oracle written here gives:
 * GeoNature's {@code v_bdc_status} joins (enabled texts), by the taxon's {@code cd_ref}, kept when the
 * text is linked to every département of the record's exported extent (the precise geometry's, or those
 * sharing surface with the areas of its level its geometry intersects), {@code code - label} joined by
 * {@code " ; "}. Records placed on purpose: a departmental species inside and outside its département,
 * and degraded to a 10 km cell across départements; a synonym. A second run, of Seine-et-Marne with
 * {@code options.statuses}, publishes the statuses companion ({@code statuts.csv}, the GeoPackage's
 * {@code statuts} table), compared with the BDC's rows in SQL; one taxon's records are all withheld
 * beforehand, and the companion must not name it. The first run, without the option, has no companion.
 */
class TaxonStatusesIT {

    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(240);
    private static final List<String> STATUS_FIELDS = List.of("protection_nationale", "protection_regionale",
            "protection_departementale", "liste_rouge_nationale", "liste_rouge_regionale", "directive_oiseaux",
            "directive_habitats", "znieff_determinante");
    private static final List<String> DEPARTEMENTS = List.of("75", "77", "78", "91", "92", "93", "94", "95");
    private static final ExportOptions WITH_STATUSES = new ExportOptions(null, null, null, null, null, null, null, null, null,
            null, null, null, true);

    private final TestStack stack = TestStack.fromEnvironment();
    /** The taxon (cd_ref) with statuses in Seine-et-Marne whose every record is made "Aucune diffusion". */
    private int withheldTaxon;

    @Test
    void everyStatusFieldInEveryFormatHoldsWhatTheSqlOracleGives() throws Exception {
        try (IsolatedDatabase database = IsolatedDatabase.create(TaxonStatusesIT.class);
             IsolatedTopics topics = IsolatedTopics.create(TaxonStatusesIT.class);
             IsolatedBucketPrefix prefix = IsolatedBucketPrefix.create(TaxonStatusesIT.class);
             BucketProbe bucket = new BucketProbe(stack)) {
            try (Connection connection = database.connect(); Statement st = connection.createStatement()) {
                new DemoSourceGenerator(connection, 23).regenerate(12_000);
                place(st, 1, "Ophrys apifera", "'0'", "ST_PointOnSurface(" + dep("77") + ")");
                place(st, 2, "Ophrys apifera", "'0'", "ST_PointOnSurface(" + dep("75") + ")");
                place(st, 3, "Ophrys apifera", "'2'", "(SELECT ST_PointOnSurface(ST_Intersection(c.geom, " + dep("77") + "))"
                        + " FROM ref_geo.l_areas c JOIN ref_geo.bib_areas_types t USING (id_type), ref_geo.l_areas d"
                        + " JOIN ref_geo.bib_areas_types dt ON dt.id_type = d.id_type AND dt.type_code = 'DEP'"
                        + " WHERE t.type_code = 'M10' AND d.area_code <> '77' AND ST_Relate(c.geom, " + dep("77") + ", 'T********')"
                        + " AND ST_Relate(c.geom, d.geom, 'T********') ORDER BY c.area_code LIMIT 1)");
                place(st, 4, "Parus caeruleus", "'0'", "ST_PointOnSurface(" + dep("91") + ")");
                withheldTaxon = withholdEntirely(st);
            }
            database.grantReadOnly(stack.sourceDbUser());
            String commandsTopic = topics.create(Topics.EXPORT_COMMANDS, 1);
            String eventsTopic = topics.create(Topics.EXPORT_EVENTS, 1);
            List<String> fields = Specs.basicPlus(STATUS_FIELDS.toArray(String[]::new));
            List<AreaRef> region = DEPARTEMENTS.stream().map(code -> new AreaRef("DEP", code)).toList();
            ExportCommand companionRun;
            ExportCommand command = Specs.command(UUID.randomUUID(), Specs.spec(new Territory.Areas(region),
                    TaxaFilter.all(), fields,
                    List.of(ExportFormat.CSV, ExportFormat.JSON, ExportFormat.GEOJSON, ExportFormat.GPKG), null));
            try (ServiceProcess worker = ServiceProcess.forModule("export-worker").name("statuses-worker").heap("256m")
                    .jvmArgument("-Dnaturaflux.component=statuses-worker")
                    .env("NATURAFLUX_SOURCE_DB_URL", database.jdbcUrl())
                    .env("NATURAFLUX_COMMANDS_TOPIC", commandsTopic)
                    .env("NATURAFLUX_EVENTS_TOPIC", eventsTopic)
                    .env("NATURAFLUX_COMMANDS_DLQ_TOPIC", topics.create(Topics.EXPORT_COMMANDS_DLQ, 1))
                    .env("NATURAFLUX_WORKER_GROUP", "statuses-it-" + UUID.randomUUID())
                    .env("NATURAFLUX_WORKER_ID", "statuses-worker")
                    .env("NATURAFLUX_S3_KEY_PREFIX", prefix.prefix())
                    .start();
                 CommandProducer commands = new CommandProducer(stack.kafkaBootstrapServers(), commandsTopic);
                 TopicRecorder events = new TopicRecorder(stack.kafkaBootstrapServers(), eventsTopic)) {
                commands.send(command);
                RunEvent done = events.awaitTerminal(command.runId(), EXPORT_TIMEOUT);
                assertThat(done.type()).as(String.valueOf(done.error())).isEqualTo(RunEventType.SUCCEEDED);
                // without options.statuses: no statuses companion
                assertThat(done.artifacts()).extracting(Artifact::format).doesNotContain("statuts-csv");
                companionRun = Specs.command(UUID.randomUUID(), Specs.spec(new Territory.Areas(List.of(new AreaRef("DEP", "77"))),
                        TaxaFilter.all(), Specs.basicPlus(), List.of(ExportFormat.CSV, ExportFormat.GPKG), WITH_STATUSES));
                commands.send(companionRun);
                RunEvent companionDone = events.awaitTerminal(companionRun.runId(), EXPORT_TIMEOUT);
                assertThat(companionDone.type()).as(String.valueOf(companionDone.error())).isEqualTo(RunEventType.SUCCEEDED);
                assertThat(companionDone.artifacts()).extracting(Artifact::format)
                        .containsExactly("csv", "gpkg", "jeux_de_donnees-csv", "statuts-csv", "manifest");
            }

            Map<Long, Map<String, String>> expected;
            try (Connection connection = database.connect()) {
                expected = oracle(connection, region);
            }
            assertThat(expected).hasSizeGreaterThan(5_000);
            assertThat(expected.values().stream().filter(v -> !v.isEmpty()).count()).isGreaterThan(1_000);
            assertThat(expected.get(1L)).containsEntry("protection_departementale", "DV77 - Article 1");
            assertThat(expected.get(2L)).doesNotContainKey("protection_departementale");
            assertThat(expected.get(3L)).doesNotContainKey("protection_departementale")
                    .containsEntry("liste_rouge_regionale", "LC - Préoccupation mineure");
            assertThat(expected.get(4L)).containsEntry("protection_nationale", "NO3 - Article 3");
            for (String field : STATUS_FIELDS) {
                assertThat(expected.values()).as(field).anyMatch(v -> v.containsKey(field));
            }

            JsonNode manifest = new ObjectMapper().readTree(bucket.read(
                    prefix.key("fluxes/" + command.fluxId() + "/runs/" + command.runId() + "/") + "manifest.json"));
            Path directory = Files.createTempDirectory(Path.of("target"), "statuses-run-");
            Map<String, ExportedTable> tables = new LinkedHashMap<>();
            for (JsonNode file : manifest.path("files")) {
                Path local = bucket.download(file.path("key").asText(), directory.resolve(file.path("name").asText()));
                String format = file.path("format").asText();
                if (format.startsWith("jeux_de_donnees") || format.startsWith("statuts")) {
                    continue; // the companion files: no records
                }
                tables.put(format, switch (format) {
                    case "csv" -> ExportedTable.csv(local, ',');
                    case "json" -> ExportedTable.json(local);
                    default -> ExportedTable.gdal(local);
                });
            }
            assertThat(tables).containsOnlyKeys("csv", "json", "geojson", "gpkg");
            for (Map.Entry<String, ExportedTable> table : tables.entrySet()) {
                assertThat(table.getValue().rows().keySet()).as(table.getKey()).isEqualTo(expected.keySet());
                for (Map.Entry<Long, Map<String, String>> e : expected.entrySet()) {
                    ExportedTable.Row row = table.getValue().rows().get(e.getKey());
                    for (String field : STATUS_FIELDS) {
                        assertThat(row.get(field)).as(table.getKey() + " record " + e.getKey() + " " + field)
                                .isEqualTo(e.getValue().get(field));
                    }
                }
            }
            assertThat(manifest.path("spec").path("options").path("statuses").asBoolean(true)).isFalse();

            statusesCompanion(bucket, prefix, companionRun, database, directory);
        }
    }

    /**
     * The statuses companion of a run of Seine-et-Marne (77) with {@code options.statuses}: {@code statuts.csv}
     * and the GeoPackage's {@code statuts} table (read by GDAL) hold exactly the rows SQL gives: the enabled BDC
     * texts linked to département 77 (the territory covers it alone), for the accepted taxa of the records the
     * export oracle says are written; the taxon whose records were all withheld, which has such statuses, is absent.
     */
    private void statusesCompanion(BucketProbe bucket, IsolatedBucketPrefix prefix, ExportCommand run, IsolatedDatabase database,
                                   Path directory) throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(bucket.read(
                prefix.key("fluxes/" + run.fluxId() + "/runs/" + run.runId() + "/") + "manifest.json"));
        assertThat(manifest.path("spec").path("options").path("statuses").asBoolean()).isTrue();
        Map<String, Path> files = new HashMap<>();
        Map<String, JsonNode> listed = new HashMap<>();
        for (JsonNode file : manifest.path("files")) {
            files.put(file.path("format").asText(), bucket.download(file.path("key").asText(),
                    directory.resolve("companion-" + file.path("name").asText())));
            listed.put(file.path("format").asText(), file);
        }
        assertThat(listed.get("statuts-csv").path("name").asText()).isEqualTo("statuts.csv");

        Set<List<String>> expected = new HashSet<>();
        Set<List<String>> ofWithheld = new HashSet<>();
        try (Connection connection = database.connect()) {
            Set<Long> written = new HashSet<>();
            new ExportOracle(connection).expected(ExportOracle.areasTerritory(), new Object[] {new String[] {"DEP"},
                new String[] {"77"}}, null).values().forEach(e -> {
                    if (e.exported()) {
                        written.add(e.id());
                    }
                });
            assertThat(written).hasSizeGreaterThan(500);
            String sql = "SELECT DISTINCT s.cd_ref::text, tx.nom_valide, t.cd_type_statut, ty.lb_type_statut, v.code_statut,"
                    + " v.label_statut, t.full_citation, t.doc_url, t.lb_adm_tr"
                    + " FROM taxonomie.bdc_statut_taxons s"
                    + " JOIN taxonomie.bdc_statut_cor_text_values c ON c.id_value_text = s.id_value_text"
                    + " JOIN taxonomie.bdc_statut_text t ON t.id_text = c.id_text AND t.enable = true"
                    + " JOIN taxonomie.bdc_statut_values v ON v.id_value = c.id_value"
                    + " JOIN taxonomie.bdc_statut_type ty ON ty.cd_type_statut = t.cd_type_statut"
                    + " JOIN taxonomie.taxref tx ON tx.cd_nom = s.cd_ref"
                    + " WHERE t.cd_type_statut IN ('PN', 'PR', 'PD', 'LRN', 'LRR', 'DO', 'DH', 'ZDET')"
                    + " AND EXISTS (SELECT 1 FROM taxonomie.bdc_statut_cor_text_area ta JOIN ref_geo.l_areas a ON a.id_area = ta.id_area"
                    + "  JOIN ref_geo.bib_areas_types at ON at.id_type = a.id_type AND at.type_code = 'DEP'"
                    + "  WHERE ta.id_text = t.id_text AND a.area_code = '77')"
                    + " AND s.cd_ref IN (SELECT n.cd_ref FROM gn_synthese.synthese y JOIN taxonomie.taxref n ON n.cd_nom = y.cd_nom"
                    + "  WHERE y.id_synthese = ANY (?))";
            try (PreparedStatement st = connection.prepareStatement(sql)) {
                st.setArray(1, connection.createArrayOf("bigint", written.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        expected.add(statusRow(rs));
                    }
                }
            }
            try (PreparedStatement st = connection.prepareStatement(sql.replace("y.id_synthese = ANY (?)", "n.cd_ref = ?"))) {
                st.setInt(1, withheldTaxon);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ofWithheld.add(statusRow(rs));
                    }
                }
            }
        }
        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(expected.stream().map(r -> r.get(2))).contains("PD", "LRR", "PN");
        assertThat(ofWithheld).as("the withheld taxon's statuses in 77 (what the file must not name)").isNotEmpty();
        assertThat(expected).doesNotContainAnyElementsOf(ofWithheld);

        List<Map<String, String>> csv = CompanionFiles.csv(files.get("statuts-csv"), ',');
        assertThat(csv.get(0).keySet()).containsExactly("cd_ref", "nom_valide", "type_statut", "libelle_type_statut",
                "code_statut", "libelle_statut", "texte", "url_texte", "zone", "departements");
        assertThat(listed.get("statuts-csv").path("rows").asLong()).isEqualTo(csv.size());
        assertThat(csv).hasSize(expected.size());
        assertThat(csv).allMatch(row -> row.get("departements").equals("77"));
        assertThat(csv.stream().map(TaxonStatusesIT::statusRow).collect(Collectors.toSet())).isEqualTo(expected);
        assertThat(csv).noneMatch(row -> row.get("cd_ref").equals(String.valueOf(withheldTaxon)));

        List<Map<String, String>> gpkg = CompanionFiles.gdalTable(files.get("gpkg"), "statuts", directory);
        assertThat(gpkg).hasSize(expected.size());
        assertThat(gpkg.stream().map(TaxonStatusesIT::statusRow).collect(Collectors.toSet())).isEqualTo(expected);
    }

    private static List<String> statusRow(ResultSet rs) throws SQLException {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            row.add(rs.getString(i) == null ? "" : rs.getString(i));
        }
        return row;
    }

    private static List<String> statusRow(Map<String, String> file) {
        return List.of(file.get("cd_ref"), file.get("nom_valide"), file.get("type_statut"), file.get("libelle_type_statut"),
                file.get("code_statut"), file.get("libelle_statut"), file.get("texte"), file.get("url_texte"), file.get("zone"));
    }

    /**
     * Makes every record of one taxon "Aucune diffusion" (sensitivity 4, withheld by every run): the taxon with a
     * status of a text linked to Seine-et-Marne that has the fewest records there (some), other than the placed ones'.
     */
    private static int withholdEntirely(Statement st) throws SQLException {
        int cdRef;
        try (ResultSet rs = st.executeQuery("SELECT n.cd_ref FROM gn_synthese.synthese y"
                + " JOIN taxonomie.taxref n ON n.cd_nom = y.cd_nom"
                + " WHERE ST_Intersects(y.the_geom_local, " + dep("77") + ")"
                + " AND n.cd_ref IN (SELECT s.cd_ref FROM taxonomie.bdc_statut_taxons s"
                + "  JOIN taxonomie.bdc_statut_cor_text_values c ON c.id_value_text = s.id_value_text"
                + "  JOIN taxonomie.bdc_statut_text t ON t.id_text = c.id_text AND t.enable"
                + "  JOIN taxonomie.bdc_statut_cor_text_area ta ON ta.id_text = t.id_text"
                + "  JOIN ref_geo.l_areas a ON a.id_area = ta.id_area AND a.area_code = '77')"
                + " AND n.cd_ref NOT IN (SELECT p.cd_ref FROM gn_synthese.synthese q JOIN taxonomie.taxref p ON p.cd_nom = q.cd_nom"
                + "  WHERE q.id_synthese <= 4)" // the records placed on purpose keep their taxa
                + " GROUP BY n.cd_ref ORDER BY count(*), n.cd_ref LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            cdRef = rs.getInt(1);
        }
        assertThat(st.executeUpdate("UPDATE gn_synthese.synthese y SET id_nomenclature_sensitivity = " + nomenclature("SENSIBILITE", "'4'")
                + " FROM taxonomie.taxref n WHERE n.cd_nom = y.cd_nom AND n.cd_ref = " + cdRef)).isPositive();
        return cdRef;
    }

    /** The exported records (ExportOracle) with, per status field, the value the BDC gives them. */
    private static Map<Long, Map<String, String>> oracle(Connection connection, List<AreaRef> region) throws SQLException {
        Map<Long, ExportOracle.Expected> selected = new ExportOracle(connection).expected(ExportOracle.areasTerritory(),
                new Object[] {region.stream().map(AreaRef::type).toArray(String[]::new),
                    region.stream().map(AreaRef::code).toArray(String[]::new)}, null);
        Map<Long, Map<String, String>> out = new HashMap<>();
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TEMP TABLE exported (id bigint PRIMARY KEY, level_type text)");
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO exported VALUES (?, ?)")) {
            for (ExportOracle.Expected e : selected.values()) {
                if (e.exported()) {
                    out.put(e.id(), new HashMap<>());
                    insert.setLong(1, e.id());
                    insert.setString(2, switch (e.level()) {
                        case 0 -> null;
                        case 1 -> "COM";
                        case 2 -> "M10";
                        default -> "DEP";
                    });
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
        Map<String, String> fieldOfType = Map.of("PN", "protection_nationale", "PR", "protection_regionale",
                "PD", "protection_departementale", "LRN", "liste_rouge_nationale", "LRR", "liste_rouge_regionale",
                "DO", "directive_oiseaux", "DH", "directive_habitats", "ZDET", "znieff_determinante");
        String depType = "(SELECT id_type FROM ref_geo.bib_areas_types WHERE type_code = 'DEP')";
        String sql = "WITH extent AS ("
                + "  SELECT e.id, d.id_area FROM exported e JOIN gn_synthese.synthese s ON s.id_synthese = e.id"
                + "  JOIN ref_geo.l_areas d ON d.id_type = " + depType + " AND d.enable"
                + "   AND ST_Intersects(d.geom, s.the_geom_local) WHERE e.level_type IS NULL"
                + "  UNION"
                + "  SELECT e.id, d.id_area FROM exported e JOIN gn_synthese.synthese s ON s.id_synthese = e.id"
                + "  JOIN ref_geo.bib_areas_types lt ON lt.type_code = e.level_type"
                + "  JOIN ref_geo.l_areas a ON a.id_type = lt.id_type AND a.enable AND ST_Intersects(a.geom, s.the_geom_local)"
                + "  JOIN ref_geo.l_areas d ON d.id_type = " + depType + " AND d.enable"
                + "   AND (d.id_area = a.id_area OR ST_Relate(d.geom, a.geom, 'T********'))"
                + "  WHERE e.level_type IS NOT NULL),"
                + " v_bdc_status AS ("
                + "  SELECT s.cd_ref, t.id_text, t.cd_type_statut, v.code_statut, v.label_statut"
                + "  FROM taxonomie.bdc_statut_taxons s"
                + "  JOIN taxonomie.bdc_statut_cor_text_values c ON s.id_value_text = c.id_value_text"
                + "  JOIN taxonomie.bdc_statut_text t ON t.id_text = c.id_text"
                + "  JOIN taxonomie.bdc_statut_values v ON v.id_value = c.id_value"
                + "  JOIN taxonomie.bdc_statut_type ty ON ty.cd_type_statut = t.cd_type_statut"
                + "  WHERE t.enable = true)"
                + " SELECT e.id, b.cd_type_statut,"
                + "  string_agg(DISTINCT (b.code_statut || ' - ' || b.label_statut) COLLATE \"C\", ' ; '"
                + "   ORDER BY (b.code_statut || ' - ' || b.label_statut) COLLATE \"C\")"
                + " FROM exported e JOIN gn_synthese.synthese sy ON sy.id_synthese = e.id"
                + " JOIN taxonomie.taxref tx ON tx.cd_nom = sy.cd_nom"
                + " JOIN v_bdc_status b ON b.cd_ref = tx.cd_ref"
                + " WHERE EXISTS (SELECT 1 FROM extent x WHERE x.id = e.id)"
                + "  AND NOT EXISTS (SELECT 1 FROM extent x WHERE x.id = e.id AND NOT EXISTS ("
                + "   SELECT 1 FROM taxonomie.bdc_statut_cor_text_area ta WHERE ta.id_text = b.id_text AND ta.id_area = x.id_area))"
                + " GROUP BY e.id, b.cd_type_statut";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.get(rs.getLong(1)).put(fieldOfType.get(rs.getString(2)), rs.getString(3));
            }
        }
        return out;
    }

    private static String dep(String code) {
        return "(SELECT d.geom FROM ref_geo.l_areas d JOIN ref_geo.bib_areas_types t USING (id_type)"
                + " WHERE t.type_code = 'DEP' AND d.area_code = '" + code + "')";
    }

    private static void place(Statement st, long id, String name, String sensitivity, String point) throws SQLException {
        int updated = st.executeUpdate("UPDATE gn_synthese.synthese s SET"
                + " cd_nom = (SELECT cd_nom FROM taxonomie.taxref WHERE lb_nom = '" + name + "' AND id_rang = 'ES'"
                + "  ORDER BY cd_nom <> cd_ref DESC LIMIT 1),"
                + " id_nomenclature_sensitivity = " + nomenclature("SENSIBILITE", sensitivity) + ","
                + " id_nomenclature_diffusion_level = " + nomenclature("NIV_PRECIS", "'5'") + ","
                + " the_geom_local = p.g, the_geom_4326 = ST_Transform(p.g, 4326), the_geom_point = ST_Transform(p.g, 4326)"
                + " FROM (SELECT ST_SetSRID(" + point + ", 2154) AS g) p WHERE s.id_synthese = " + id);
        assertThat(updated).isEqualTo(1);
    }

    private static String nomenclature(String type, String code) {
        return "(SELECT n.id_nomenclature FROM ref_nomenclatures.t_nomenclatures n"
                + " JOIN ref_nomenclatures.bib_nomenclatures_types t ON t.id_type = n.id_type"
                + " WHERE t.mnemonique = '" + type + "' AND n.cd_nomenclature = " + code + ")";
    }
}
