package org.naturaflux.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Change capture on the local stack, end to end: rows written with plain SQL into the stack's source
 * database ({@code geonature}) come out of Debezium, running in the stack's Kafka Connect, as change
 * events on {@code NATURAFLUX_CDC_TOPIC} / {@code NATURAFLUX_CDC_AREAS_TOPIC}.
 *
 * <p>The rows are uniquely marked, placed in the Atlantic (outside any territory a flux could have),
 * and deleted by the test itself. PostGIS is the oracle for the geometries the events carry.
 * Preconditions, produced by {@code deploy/local/test}: the GeoNature tables exist and the connector
 * {@code naturaflux-cdc} streams ({@code deploy/local/cdc-register}).
 */
class ChangeCaptureTest {

    /** The connector deploy/local/lib.sh registers. */
    private static final String CONNECTOR = "naturaflux-cdc";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HINT = "run deploy/local/test (it creates the tables when missing and registers the"
            + " connector), or deploy/local/demo-data then deploy/local/cdc-register";

    private static final LocalDateTime DATE_MIN = LocalDateTime.of(2024, 5, 17, 8, 30);
    private static final LocalDateTime DATE_MAX = LocalDateTime.of(2024, 5, 17, 9, 0);

    private final TestStack stack = TestStack.fromEnvironment();

    @BeforeAll
    static void captureRuns() throws Exception {
        TestStack stack = TestStack.fromEnvironment();
        try (Connection db = sourceAdmin(stack)) {
            for (String table : List.of("gn_synthese.synthese", "ref_geo.l_areas")) {
                if (!queryBoolean(db, "SELECT to_regclass(?) IS NOT NULL", table)) {
                    fail(table + " does not exist in " + stack.sourceDbUrl() + ": " + HINT);
                }
            }
            if (!queryBoolean(db, "SELECT EXISTS (SELECT FROM pg_replication_slots WHERE slot_name = 'naturaflux_cdc'"
                    + " AND database = current_database() AND active AND confirmed_flush_lsn IS NOT NULL)")) {
                fail("replication slot naturaflux_cdc is not streaming in " + stack.sourceDbUrl() + ": " + HINT);
            }
        }
        HttpResponse<String> status = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.connectUrl() + "/connectors/" + CONNECTOR + "/status"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (status.statusCode() != 200) {
            fail("connector " + CONNECTOR + " at " + stack.connectUrl() + " answered " + status.statusCode() + ": " + HINT);
        }
        JsonNode states = JSON.readTree(status.body());
        assertThat(states.path("connector").path("state").asText()).as("connector state: %s", status.body()).isEqualTo("RUNNING");
        assertThat(states.path("tasks")).as("tasks: %s", status.body())
                .isNotEmpty().allSatisfy(task -> assertThat(task.path("state").asText()).isEqualTo("RUNNING"));
    }

    @Test
    void insertUpdateAndDeleteOfAnObservationArriveInOrderWithTheOldAndNewRows() throws Exception {
        String marker = "naturaflux-cdc-test-" + UUID.randomUUID();
        UUID sinpId = UUID.randomUUID();
        try (Connection db = sourceAdmin(stack); TopicTail tail = new TopicTail(stack.cdcTopic())) {
            int source = insertSource(db, marker);
            Integer id = null;
            Integer fence = null;
            try {
                id = insertObservation(db, source, marker, sinpId, -20, 45);
                update(db, "UPDATE gn_synthese.synthese SET nom_cite = ?, the_geom_4326 = ST_SetSRID(ST_MakePoint(-21, 46), 4326)"
                        + " WHERE id_synthese = ?", marker + " (modifié)", id);
                update(db, "DELETE FROM gn_synthese.synthese WHERE id_synthese = ?", id);
                // A later row: once its creation arrives, everything about the first one has arrived too
                // (one partition, in commit order), a tombstone included if one were sent.
                fence = insertObservation(db, source, marker + " (témoin)", UUID.randomUUID(), -20, 45);

                int fenceId = fence;
                List<ConsumerRecord<String, String>> records = tail.readUntil(
                        r -> r.key() != null && key(r, "id_synthese") == fenceId && "c".equals(op(r)));
                int firstId = id;
                List<ConsumerRecord<String, String>> ours = records.stream()
                        .filter(r -> r.key() != null && key(r, "id_synthese") == firstId).toList();

                assertThat(ours).as("events of id_synthese %d", id).hasSize(3);
                assertThat(ours).allSatisfy(r -> assertThat(r.value()).as("tombstones are off").isNotNull());
                JsonNode created = JSON.readTree(ours.get(0).value());
                JsonNode updated = JSON.readTree(ours.get(1).value());
                JsonNode deleted = JSON.readTree(ours.get(2).value());

                assertThat(created.path("op").asText()).isEqualTo("c");
                assertThat(created.path("source").path("db").asText()).isEqualTo(sourceDatabase());
                assertThat(created.path("source").path("schema").asText()).isEqualTo("gn_synthese");
                assertThat(created.path("source").path("table").asText()).isEqualTo("synthese");
                assertThat(created.path("before").isNull()).isTrue();
                JsonNode row = created.path("after");
                assertThat(row.path("id_synthese").asInt()).isEqualTo(id);
                assertThat(row.path("id_source").asInt()).isEqualTo(source);
                assertThat(row.path("nom_cite").asText()).isEqualTo(marker);
                assertThat(row.path("unique_id_sinp").asText()).isEqualTo(sinpId.toString());
                assertThat(row.path("date_min").asLong()).as("microseconds since the epoch").isEqualTo(micros(DATE_MIN));
                assertThat(row.path("date_max").asLong()).isEqualTo(micros(DATE_MAX));
                assertGeometry(db, row.path("the_geom_4326"), 4326, "ST_SetSRID(ST_MakePoint(-20, 45), 4326)");
                assertGeometry(db, row.path("the_geom_local"), 2154, "ST_Transform(ST_SetSRID(ST_MakePoint(-20, 45), 4326), 2154)");

                assertThat(updated.path("op").asText()).isEqualTo("u");
                assertThat(updated.path("before").path("nom_cite").asText()).isEqualTo(marker);
                assertGeometry(db, updated.path("before").path("the_geom_4326"), 4326, "ST_SetSRID(ST_MakePoint(-20, 45), 4326)");
                assertThat(updated.path("before").path("date_min").asLong()).isEqualTo(micros(DATE_MIN));
                assertThat(updated.path("after").path("nom_cite").asText()).isEqualTo(marker + " (modifié)");
                assertGeometry(db, updated.path("after").path("the_geom_4326"), 4326, "ST_SetSRID(ST_MakePoint(-21, 46), 4326)");
                assertGeometry(db, updated.path("after").path("the_geom_local"), 2154,
                        "ST_Transform(ST_SetSRID(ST_MakePoint(-20, 45), 4326), 2154)");

                assertThat(deleted.path("op").asText()).isEqualTo("d");
                assertThat(deleted.path("after").isNull()).isTrue();
                assertThat(deleted.path("before").path("id_synthese").asInt()).isEqualTo(id);
                assertThat(deleted.path("before").path("nom_cite").asText()).isEqualTo(marker + " (modifié)");
                assertGeometry(db, deleted.path("before").path("the_geom_4326"), 4326, "ST_SetSRID(ST_MakePoint(-21, 46), 4326)");
                assertThat(deleted.path("before").path("unique_id_sinp").asText()).isEqualTo(sinpId.toString());
            } finally {
                for (Integer row : new Integer[] {id, fence}) {
                    if (row != null) {
                        update(db, "DELETE FROM gn_synthese.synthese WHERE id_synthese = ?", row);
                    }
                }
                update(db, "DELETE FROM gn_synthese.t_sources WHERE id_source = ?", source);
            }
        }
    }

    @Test
    void anAreaCreatedThenDeletedArrivesOnTheAreasTopic() throws Exception {
        String code = "NFT_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection db = sourceAdmin(stack); TopicTail tail = new TopicTail(stack.cdcAreasTopic())) {
            int type = queryInt(db, "INSERT INTO ref_geo.bib_areas_types (type_name, type_code, type_desc)"
                    + " VALUES ('Naturaflux change capture test', ?, 'created and deleted by ChangeCaptureTest') RETURNING id_type", code);
            Integer area = null;
            try {
                String square = "ST_Transform(ST_MakeEnvelope(-20, 45, -19.9, 45.1, 4326), 2154)";
                area = queryInt(db, "INSERT INTO ref_geo.l_areas (id_type, area_name, area_code, geom, centroid, geom_4326)"
                        + " VALUES (?, ?, 'T1', ST_Multi(" + square + "), ST_Centroid(" + square + "),"
                        + " ST_Multi(ST_MakeEnvelope(-20, 45, -19.9, 45.1, 4326))) RETURNING id_area", type, code);
                update(db, "DELETE FROM ref_geo.l_areas WHERE id_area = ?", area);
                int areaId = area;

                List<ConsumerRecord<String, String>> records = tail.readUntil(
                        r -> r.key() != null && key(r, "id_area") == areaId && "d".equals(op(r)));
                List<JsonNode> ours = new ArrayList<>();
                for (ConsumerRecord<String, String> r : records) {
                    if (r.key() != null && key(r, "id_area") == areaId) {
                        ours.add(JSON.readTree(r.value()));
                    }
                }

                assertThat(ours).extracting(e -> e.path("op").asText()).containsExactly("c", "d");
                JsonNode created = ours.get(0).path("after");
                assertThat(ours.get(0).path("source").path("table").asText()).isEqualTo("l_areas");
                assertThat(created.path("area_name").asText()).isEqualTo(code);
                assertThat(created.path("id_type").asInt()).isEqualTo(type);
                assertGeometry(db, created.path("geom"), 2154, "ST_Multi(" + square + ")");
                JsonNode deleted = ours.get(1);
                assertThat(deleted.path("after").isNull()).isTrue();
                assertThat(deleted.path("before").path("area_code").asText()).isEqualTo("T1");
                assertGeometry(db, deleted.path("before").path("geom_4326"), 4326, "ST_Multi(ST_MakeEnvelope(-20, 45, -19.9, 45.1, 4326))");
            } finally {
                if (area != null) {
                    update(db, "DELETE FROM ref_geo.l_areas WHERE id_area = ?", area);
                }
                update(db, "DELETE FROM ref_geo.bib_areas_types WHERE id_type = ?", type);
            }
        }
    }

    /**
     * Reads a topic from its end as of construction (every partition), so that only what the test
     * causes afterwards is seen; no consumer group.
     */
    private final class TopicTail implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;

        TopicTail(String topic) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
            List<TopicPartition> partitions = consumer.partitionsFor(topic, WAIT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            assertThat(partitions).as("partitions of %s", topic).isNotEmpty();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(p -> consumer.position(p, WAIT)); // resolves the end offsets now, before the changes
        }

        /** The records read until (and including) the first matching {@code last}; fails after {@link #WAIT}. */
        List<ConsumerRecord<String, String>> readUntil(Predicate<ConsumerRecord<String, String>> last) {
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            try {
                Eventually.within(WAIT, "the expected change event").pollInterval(Duration.ofMillis(1)).until(() -> {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        read.add(r);
                        if (last.test(r)) {
                            return true;
                        }
                    }
                    return false;
                });
                return read;
            } catch (ConditionTimeoutException e) {
                return fail("the expected change event did not arrive within " + WAIT.toSeconds() + " s; read meanwhile: "
                        + read.stream().map(r -> r.key() + " " + abbreviate(r.value())).toList()
                        + " (is the connector streaming? deploy/local/status)");
            }
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static String abbreviate(String value) {
        return value == null || value.length() <= 120 ? value : value.substring(0, 120) + "...";
    }

    private static int key(ConsumerRecord<String, String> record, String field) {
        try {
            return JSON.readTree(record.key()).path(field).asInt(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    private static String op(ConsumerRecord<String, String> record) {
        try {
            return record.value() == null ? null : JSON.readTree(record.value()).path("op").asText();
        } catch (Exception e) {
            return null;
        }
    }

    /** The event's geometry ({wkb: base64 EWKB, srid}) read back by PostGIS equals the expected one, vertex for vertex. */
    private static void assertGeometry(Connection db, JsonNode geometry, int srid, String expectedSql) throws SQLException {
        assertThat(geometry.path("srid").asInt()).as("srid of %s", geometry).isEqualTo(srid);
        assertThat(geometry.path("wkb").isTextual()).as("wkb of %s", geometry).isTrue();
        try (PreparedStatement statement = db.prepareStatement(
                "SELECT ST_OrderingEquals(ST_SetSRID(ST_GeomFromEWKB(decode(?, 'base64')), ?), " + expectedSql + "),"
                        + " ST_AsEWKT(ST_GeomFromEWKB(decode(?, 'base64'))), ST_AsEWKT(" + expectedSql + ")")) {
            statement.setString(1, geometry.path("wkb").asText());
            statement.setInt(2, srid);
            statement.setString(3, geometry.path("wkb").asText());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("event geometry %s, expected %s", rs.getString(2), rs.getString(3)).isTrue();
            }
        }
    }

    private static long micros(LocalDateTime timestamp) {
        return timestamp.toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    }

    private String sourceDatabase() {
        String url = stack.sourceDbUrl();
        String database = url.substring(url.lastIndexOf('/') + 1);
        int query = database.indexOf('?');
        return query < 0 ? database : database.substring(0, query);
    }

    private static Connection sourceAdmin(TestStack stack) throws SQLException {
        return DriverManager.getConnection(stack.sourceDbUrl(), stack.sourceAdminDbUser(), stack.sourceAdminDbPassword());
    }

    private static int insertSource(Connection db, String marker) throws SQLException {
        return queryInt(db, "INSERT INTO gn_synthese.t_sources (name_source, desc_source)"
                + " VALUES (?, 'created and deleted by ChangeCaptureTest') RETURNING id_source", marker);
    }

    private static int insertObservation(Connection db, int source, String nomCite, UUID sinpId, double lon, double lat)
            throws SQLException {
        return queryInt(db, "INSERT INTO gn_synthese.synthese (unique_id_sinp, id_source, nom_cite, date_min, date_max,"
                + " the_geom_4326, the_geom_point, the_geom_local) VALUES (?, ?, ?, ?, ?,"
                + " ST_SetSRID(ST_MakePoint(?, ?), 4326), ST_SetSRID(ST_MakePoint(?, ?), 4326),"
                + " ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), 2154)) RETURNING id_synthese",
                sinpId, source, nomCite, DATE_MIN, DATE_MAX, lon, lat, lon, lat, lon, lat);
    }

    private static int queryInt(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, parameters); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean queryBoolean(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, parameters); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void update(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(db, sql, parameters)) {
            statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection db, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
