package org.naturaflux.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Topics;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.testkit.Eventually;
import org.naturaflux.testkit.IsolatedBucketPrefix;
import org.naturaflux.testkit.IsolatedDatabase;
import org.naturaflux.testkit.IsolatedTopics;
import org.naturaflux.testkit.ServiceProcess;
import org.naturaflux.testkit.TestStack;
import org.naturaflux.worker.testing.BucketProbe;
import org.naturaflux.worker.testing.ExportedTable;

/**
 * The preview map against the files of the run that follows it, end to end on the real stack: the packaged
 * request-service and export-worker as processes, on a demo source generated into an isolated database. A partner
 * previews a request ({@code POST /api/v1/fluxes/preview}), submits it, the admin approves it, the worker exports
 * it. The oracle is the run's files, the GeoJSON read by GDAL and the CSV by Commons CSV, and SQL on the source for
 * the records' levels: every previewed record is in the files at the same level, with the same label, name and
 * date, and a geometry equal to the files' (within the coordinates' rounding: never finer than its level); no
 * previewed record is withheld by the rules.
 */
class PreviewRunIT {

    private static final Duration WAIT = Duration.ofSeconds(300);
    /** Both services migrate, connect and warm up on a machine shared with other suites. */
    private static final Duration READY = Duration.ofSeconds(240);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int ROWS = 20_000;
    private static final long SEED = 20_261_207L;
    private static final int LIMIT = 200;
    /** Paris and its first ring (WGS84): records of every level in the demo source. */
    private static final String TERRITORY = "POLYGON((2.22 48.80, 2.47 48.80, 2.47 48.92, 2.22 48.92, 2.22 48.80))";
    /** A preview's coordinates have 6 decimals, the GeoJSON file's 7: their positions differ by less than this. */
    private static final double ROUNDING = 1e-6;
    /** How far a simplified area may lie from the file's (the service simplifies with tolerances up to 0.1°). */
    private static final double SIMPLIFIED = 0.1;

    private final TestStack stack = TestStack.fromEnvironment();

    @Test
    void everyPreviewedRecordIsInTheFilesAsPreviewed() throws Exception {
        String admin = "it-admin-" + UUID.randomUUID();
        try (IsolatedDatabase source = IsolatedDatabase.create(stack, "preview-source");
             IsolatedDatabase database = IsolatedDatabase.create(stack, "preview-run");
             IsolatedTopics topics = IsolatedTopics.create(stack, "preview-run");
             IsolatedBucketPrefix prefix = IsolatedBucketPrefix.create(stack, "preview-run");
             BucketProbe bucket = new BucketProbe(stack)) {
            try (Connection connection = source.connect()) {
                new DemoSourceGenerator(connection, SEED).regenerate(ROWS);
            }
            source.grantReadOnly(stack.sourceDbUser());
            Map<String, String> env = new HashMap<>();
            env.put("NATURAFLUX_COMMANDS_TOPIC", topics.create(Topics.EXPORT_COMMANDS, 2));
            env.put("NATURAFLUX_EVENTS_TOPIC", topics.create(Topics.EXPORT_EVENTS, 1));
            env.put("NATURAFLUX_COMMANDS_DLQ_TOPIC", topics.create(Topics.EXPORT_COMMANDS_DLQ, 1));
            env.put("NATURAFLUX_SOURCE_DB_URL", source.jdbcUrl());
            env.put("NATURAFLUX_S3_KEY_PREFIX", prefix.prefix());
            Map<String, String> service = new HashMap<>(env);
            service.put("NATURAFLUX_DB_URL", database.jdbcUrl());
            service.put("NATURAFLUX_DB_USER", database.user());
            service.put("NATURAFLUX_DB_PASSWORD", database.password());
            service.put("NATURAFLUX_ADMIN_TOKEN", admin);
            service.put("NATURAFLUX_REQUEST_SERVICE_GROUP", "it-" + UUID.randomUUID());
            service.put("NATURAFLUX_CHANGES_GROUP", "it-changes-" + UUID.randomUUID());
            service.put("NATURAFLUX_SCHEDULER_INTERVAL", "1s");
            service.put("NATURAFLUX_SCHEDULER_INITIAL_DELAY", "1s");
            service.put("NATURAFLUX_PREVIEW_MAX_RECORDS", Integer.toString(LIMIT));
            Map<String, String> worker = new HashMap<>(env);
            worker.put("NATURAFLUX_WORKER_GROUP", "it-workers-" + UUID.randomUUID());
            try (ServiceProcess api = ServiceProcess.forModule("request-service").name("request-service-preview")
                    .readyTimeout(READY).env(service).start();
                 ServiceProcess exporter = ServiceProcess.forModule("export-worker").name("worker-preview").heap("256m")
                         .readyTimeout(READY).env(worker).start()) {
                String token = post(api, admin, "/api/v1/partners", "{\"name\":\"Atlas de Paris\","
                        + "\"contact\":{\"name\":\"Camille Martin\",\"email\":\"camille@example.org\"}}").path("token").asText();
                JsonNode preview = post(api, token, "/api/v1/fluxes/preview", fluxBody());
                assertThat(preview.path("limit").asInt()).isEqualTo(LIMIT);
                assertThat(preview.path("sampled").asInt()).isEqualTo(preview.path("features").size()).isPositive()
                        .isLessThanOrEqualTo(LIMIT);

                String flux = post(api, token, "/api/v1/fluxes", fluxBody()).path("id").asText();
                post(api, admin, "/api/v1/fluxes/" + flux + "/approve", "");
                JsonNode run = awaitSucceededRun(api, admin, flux);
                JsonNode manifest = JSON.readTree(bucket.read(prefix.key("fluxes/" + flux + "/runs/"
                        + run.path("id").asText() + "/manifest.json")));
                ExportedTable geoJson = ExportedTable.gdal(download(bucket, manifest, "geojson"));
                ExportedTable csv = ExportedTable.csv(download(bucket, manifest, "csv"), ',');
                assertThat(geoJson.rows().keySet()).isEqualTo(csv.rows().keySet());
                if (csv.rows().size() > LIMIT) {
                    assertThat(preview.path("sampled").asInt()).as("a full sample of a bigger flux").isEqualTo(LIMIT);
                }

                Map<Long, Integer> levels = sourceLevels(source, preview);
                Map<String, Integer> byLevel = new HashMap<>();
                try (Connection db = source.connect()) {
                    for (JsonNode feature : preview.path("features")) {
                        JsonNode properties = feature.path("properties");
                        long id = properties.path("id_synthese").asLong();
                        String level = properties.path("niveau").asText();
                        byLevel.merge(level, 1, Integer::sum);
                        assertThat(levels.get(id)).as("record %d's level by its codes", id)
                                .isEqualTo(List.of("PRECISE", "COMMUNE", "GRID", "DEPARTEMENT").indexOf(level));
                        ExportedTable.Row file = geoJson.rows().get(id);
                        assertThat(file).as("previewed record %d in the run's GeoJSON", id).isNotNull();
                        ExportedTable.Row line = csv.rows().get(id);
                        assertThat(properties.path("niveau_libelle").asText()).isEqualTo(file.get("niveau_sensibilite"))
                                .isEqualTo(line.get("niveau_sensibilite"));
                        assertThat(properties.path("nom_valide").asText()).isEqualTo(line.get("nom_valide"));
                        assertThat(properties.path("date_debut").asText()).isEqualTo(line.get("date_debut"));
                        assertSameGeometry(db, id, level, feature.path("geometry").toString(), file.geometryWkt());
                    }
                }
                assertThat(byLevel.keySet()).as("levels of the preview: %s", byLevel).contains("PRECISE").hasSizeGreaterThan(1);

                // the stored flux's preview is the same sample
                JsonNode stored = get(api, token, "/api/v1/fluxes/" + flux + "/preview");
                assertThat(stored.path("features").findValuesAsText("id_synthese"))
                        .isEqualTo(preview.path("features").findValuesAsText("id_synthese"));
            }
        }
    }

    /**
     * The previewed geometry against the file's, as PostGIS measures them: every previewed vertex is a vertex of the
     * file's geometry (within the coordinates' rounding), never more of them; with as many, the two lie within that
     * rounding of each other (Hausdorff distance); with fewer (an area above its share of the answer's coordinates,
     * simplified), within {@value #SIMPLIFIED} degrees. A degraded record's is an area covering the record.
     */
    private static void assertSameGeometry(Connection db, long id, String level, String previewed, String fileWkt)
            throws Exception {
        assertThat(fileWkt).as("record %d's geometry in the file", id).isNotNull();
        try (PreparedStatement st = db.prepareStatement("SELECT ST_HausdorffDistance(p.g, f.g), ST_NPoints(p.g),"
                + " ST_NPoints(f.g), ST_Dimension(p.g),"
                + " ST_Covers(ST_Buffer(p.g, 1e-6), (SELECT s.the_geom_4326 FROM gn_synthese.synthese s WHERE s.id_synthese = ?)),"
                + " (SELECT max(ST_Distance(d.geom, ST_Points(f.g))) FROM ST_DumpPoints(p.g) d)"
                + " FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) AS g) p, (SELECT ST_GeomFromText(?, 4326) AS g) f")) {
            st.setLong(1, id);
            st.setString(2, previewed);
            st.setString(3, fileWkt);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                int vertices = rs.getInt(2);
                int fileVertices = rs.getInt(3);
                assertThat(vertices).as("record %d: vertices", id).isLessThanOrEqualTo(fileVertices);
                assertThat(rs.getDouble(6)).as("record %d (%s): previewed vertices are the file's", id, level)
                        .isLessThanOrEqualTo(ROUNDING);
                assertThat(rs.getDouble(1)).as("record %d (%s): distance from the file's geometry", id, level)
                        .isLessThanOrEqualTo(vertices == fileVertices ? ROUNDING : SIMPLIFIED);
                if (!level.equals("PRECISE")) {
                    assertThat(rs.getInt(4)).as("record %d (%s): an area", id, level).isEqualTo(2);
                    assertThat(rs.getBoolean(5)).as("record %d (%s): its area covers it", id, level).isTrue();
                }
            }
        }
    }

    /**
     * Each previewed record's level from its codes under the standard rules, SQL written here: the coarsest of
     * SENSIBILITE (0 to 4, anything else or NULL withheld: 4) and NIV_PRECIS (NULL, 0 or 5 precise; 1 to 3; else 4).
     */
    private static Map<Long, Integer> sourceLevels(IsolatedDatabase source, JsonNode preview) throws Exception {
        Long[] ids = preview.path("features").findValues("id_synthese").stream().map(JsonNode::asLong).toArray(Long[]::new);
        Map<Long, Integer> levels = new HashMap<>();
        try (Connection db = source.connect(); PreparedStatement st = db.prepareStatement("SELECT s.id_synthese,"
                + " GREATEST(CASE ns.cd_nomenclature WHEN '0' THEN 0 WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '3' THEN 3 ELSE 4 END,"
                + "  CASE WHEN nd.cd_nomenclature IS NULL OR nd.cd_nomenclature IN ('0', '5') THEN 0"
                + "  WHEN nd.cd_nomenclature = '1' THEN 1 WHEN nd.cd_nomenclature = '2' THEN 2"
                + "  WHEN nd.cd_nomenclature = '3' THEN 3 ELSE 4 END)"
                + " FROM gn_synthese.synthese s"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures ns ON ns.id_nomenclature = s.id_nomenclature_sensitivity"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures nd ON nd.id_nomenclature = s.id_nomenclature_diffusion_level"
                + " WHERE s.id_synthese = ANY(?)")) {
            st.setArray(1, db.createArrayOf("bigint", ids));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    levels.put(rs.getLong(1), rs.getInt(2));
                }
            }
        }
        assertThat(levels).as("every previewed record exists in the source").hasSize(ids.length);
        assertThat(levels.values()).as("no withheld record previewed").doesNotContain(4);
        return levels;
    }

    private static String fluxBody() {
        return "{\"structure\":\"Atlas de Paris\",\"contact\":{\"name\":\"Camille Martin\",\"email\":\"camille@example.org\"},"
                + "\"studies\":[{\"name\":\"Atlas\",\"nature\":\"atlas\"}],\"territory\":{\"wkt\":\"" + TERRITORY + "\"},"
                + "\"periodicity\":\"P1M\",\"fields\":[\"basic\"],\"formats\":[\"csv\",\"geojson\"],\"termsAccepted\":\"1\"}";
    }

    private static JsonNode awaitSucceededRun(ServiceProcess api, String admin, String flux) throws Exception {
        JsonNode[] runs = new JsonNode[1];
        try {
            return Eventually.within(WAIT, "a SUCCEEDED run").pollInterval(Duration.ofMillis(300)).until(() -> {
                runs[0] = get(api, admin, "/api/v1/fluxes/" + flux + "/runs");
                for (JsonNode run : runs[0]) {
                    String status = run.path("status").asText();
                    assertThat(status).as("run %s: %s", run.path("id").asText(), run.path("error").asText()).isNotEqualTo("FAILED");
                    if (status.equals("SUCCEEDED")) {
                        return run;
                    }
                }
                return null;
            }, Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no SUCCEEDED run of flux " + flux + " within " + WAIT.toSeconds() + " s: " + runs[0]);
        }
    }

    private static Path download(BucketProbe bucket, JsonNode manifest, String format) throws Exception {
        for (JsonNode file : manifest.path("files")) {
            if (file.path("format").asText().equals(format)) {
                Path target = Files.createTempDirectory(Path.of("target"), "preview-").resolve(file.path("name").asText());
                return bucket.download(file.path("key").asText(), target);
            }
        }
        throw new AssertionError("no " + format + " file in " + manifest.path("files"));
    }

    private static JsonNode post(ServiceProcess service, String token, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static JsonNode get(ServiceProcess service, String token, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
