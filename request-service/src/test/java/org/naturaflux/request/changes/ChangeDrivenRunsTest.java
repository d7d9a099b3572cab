package org.naturaflux.request.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.request.Api;
import org.naturaflux.request.KafkaProbe;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.Storage;
import org.naturaflux.testkit.ConsumerGroups;
import org.naturaflux.testkit.Eventually;
import org.naturaflux.testkit.SourceEdits;
import org.naturaflux.testkit.TestStack;

/**
 * Change-driven re-export, end to end on the real stack: rows written with plain SQL into the stack's
 * source database come out of Debezium as change events, which the request-service routes to the
 * opted-in fluxes they touch and turns into one coalesced CHANGE run each (its command on the
 * commands topic). The rows are copies of a demo bird observation placed where the test's own
 * territories are, and deleted afterwards.
 */
@QuarkusTest
@WithTestResource(ChangeStackResource.class)
class ChangeDrivenRunsTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /**
     * The flux territories (WGS84): one in Seine-et-Marne, one in the Val-d'Oise; none in Essonne, where the
     * export-worker's ChangeDrivenExportIT, run at the same time by deploy/local/test, changes records.
     */
    private static final double[] HERE = {2.90, 48.60};
    private static final double[] THERE = {2.20, 49.10};
    private static final double HALF = 0.02;
    /** A point of the demo region far from every territory of the test (lon, lat). */
    private static final double[] FAR_AWAY = {1.70, 48.30};
    /*
     * Each test that writes birds writes them where no other test's flux lies: its rows' deletion after it
     * (@AfterEach) reaches the change consumer a little later, and would otherwise touch the next test's
     * fresh fluxes there (a change run the next test does not expect).
     */
    /** Where the routing test writes its bird (Seine-et-Marne, away from HERE). */
    private static final double[] ROUTING_HERE = {3.10, 48.75};
    /** Where the tests that write no bird put their fluxes (Seine-et-Marne and Val-d'Oise, away from the others). */
    private static final double[] QUIET_HERE = {2.70, 48.85};
    private static final double[] QUIET_THERE = {2.40, 49.05};

    private final TestStack stack = TestStack.fromEnvironment();
    private final List<Long> inserted = new ArrayList<>();
    /** Runs whose command the test has seen (the probe keeps every command). */
    private final java.util.Set<UUID> seen = new java.util.HashSet<>();

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "naturaflux.topics.commands")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-events.topic")
    String eventsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.source-changes.group.id")
    String changesGroup;

    @AfterEach
    void deleteRows() throws SQLException {
        try (Connection db = sourceAdmin(); PreparedStatement delete = db.prepareStatement(
                "DELETE FROM gn_synthese.synthese WHERE id_synthese = ANY(?)")) {
            delete.setArray(1, db.createArrayOf("bigint", inserted.toArray()));
            delete.executeUpdate();
        }
    }

    @Test
    void sourceChangesRunTheTouchedOptedInFluxesOnceEach() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Atlas des oiseaux en ligne");
        UUID followed = flux(partner, HERE, true);
        UUID notFollowing = flux(partner, HERE, false);
        UUID elsewhere = flux(partner, THERE, true);
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            for (UUID flux : List.of(followed, notFollowing, elsewhere)) {
                as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
                succeed(probe, next(probe, flux));
            }
            awaitChangeConsumer();

            // One bird far from every territory, then one in the Val-d'Oise territory: once that one's run
            // exists, the first was routed too, and touched nothing.
            insertBirds(1, FAR_AWAY[0], FAR_AWAY[1]);
            insertBirds(1, THERE[0], THERE[1]);
            ExportCommand there = next(probe, elsewhere);
            assertThat(changeRuns(elsewhere)).isEqualTo(1);
            assertThat(there.baseRunId()).isNull();
            assertThat(changeRuns(followed)).isZero();
            assertThat(changeRuns(notFollowing)).isZero();
            succeed(probe, there);

            // 1,000 birds in ten batches in the Seine-et-Marne territory, each written once the service routed
            // the one before (a stream of changes, not one burst): one run for the flux that follows.
            for (int i = 0; i < 10; i++) {
                Object before = lastChange(followed);
                insertBirds(100, HERE[0], HERE[1]);
                Api.await("batch " + (i + 1) + " routed", WAIT,
                        () -> changeRuns(followed) > 0 || !Objects.equals(lastChange(followed), before), Boolean::booleanValue);
            }
            ExportCommand here = next(probe, followed);
            assertThat(changeRuns(followed)).isEqualTo(1);
            succeed(probe, here);
            // Throughout another quiet window (2 s) and scheduler passes: still one run, none for the others.
            Eventually.within(Duration.ofSeconds(20), "no other change run").during(Duration.ofSeconds(6)).untilAsserted(() -> {
                assertThat(changeRuns(followed)).isEqualTo(1);
                assertThat(changeRuns(notFollowing)).isZero();
                assertThat(changeRuns(elsewhere)).isEqualTo(1);
            });
            assertThat(probe.commands().stream().filter(c -> c.fluxId().equals(notFollowing))).hasSize(1);

            // A record made more sensitive (département level): its extent is now the whole département,
            // which the Val-d'Oise territory is not in, but its old precise state was in the followed one.
            long moved = inserted.get(inserted.size() - 1);
            try (Connection db = sourceAdmin(); Statement sql = db.createStatement()) {
                assertThat(sql.executeUpdate("UPDATE gn_synthese.synthese SET id_nomenclature_sensitivity = " + SourceEdits.sensitivity("3")
                        + " WHERE id_synthese = " + moved)).isEqualTo(1);
            }
            next(probe, followed);
            assertThat(changeRuns(followed)).isEqualTo(2);
            assertThat(changeRuns(elsewhere)).isEqualTo(1);
        }
    }

    /**
     * An opted-in flux whose territory the source's local system cannot hold (stored directly, as before
     * the submission check) and an unreadable change event, before a change that touches a healthy flux:
     * the healthy flux still gets its run, the poisoned one has the failure recorded on it.
     */
    @Test
    void routingGoesOnPastAFluxItCannotRoute() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Partner beside an unprojectable flux");
        UUID followed = flux(partner, ROUTING_HERE, true);
        UUID poisoned = flux(partner, QUIET_THERE, true);
        String wkt = Api.JSON.readTree((String) ServiceDatabase.value("SELECT request FROM flux WHERE id = ?", poisoned))
                .path("territory").path("wkt").asText();
        // the whole world: its south pole has no image in Lambert-93
        ServiceDatabase.update("UPDATE flux SET spec = replace(spec, ?, 'POLYGON ((-180 -90, 180 -90, 180 90, -180 90, -180 -90))'),"
                + " status = 'ACTIVE', next_run_at = now() + interval '30 days', updated_at = now() WHERE id = ?", wkt, poisoned);
        assertThat((String) ServiceDatabase.value("SELECT spec FROM flux WHERE id = ?", poisoned)).contains("-180 -90");
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            as(admin).post("/api/v1/fluxes/" + followed + "/approve").then().statusCode(200);
            succeed(probe, next(probe, followed));
            awaitChangeConsumer();

            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
                producer.send(new ProducerRecord<>(stack.cdcTopic(), "not a change event".getBytes(StandardCharsets.UTF_8))).get();
            }
            insertBirds(1, ROUTING_HERE[0], ROUTING_HERE[1]);
            ExportCommand here = next(probe, followed);
            assertThat(here.fluxId()).isEqualTo(followed);
            assertThat(changeRuns(followed)).isEqualTo(1);
        }
        String error = Api.await("the poisoned flux's failure recorded", WAIT,
                () -> (String) ServiceDatabase.value("SELECT last_error FROM flux WHERE id = ?", poisoned), e -> e != null);
        assertThat(error).contains("change routing").contains("cannot be projected");
        assertThat(changeRuns(poisoned)).isZero();
        as(admin).get("/api/v1/fluxes/" + poisoned).then().body("lastError", org.hamcrest.Matchers.is(error));
    }

    /**
     * Waiting changes stored directly as no routing writes them any more: one with an interval that
     * overflows PostgreSQL's dates, one of a flux whose specification is unreadable, both waiting longer
     * than a healthy one. The healthy flux still gets its CHANGE run; the unreadable one's changes are
     * dropped with the failure recorded on it.
     */
    @Test
    void changeSchedulerGoesOnPastAFluxItCannotRun() {
        Api.Partner partner = Api.newPartner(admin, "Partner beside poisoned waiting changes");
        UUID healthy = flux(partner, QUIET_HERE, true);
        UUID absurd = flux(partner, QUIET_HERE, true);
        UUID unreadable = flux(partner, QUIET_THERE, true);
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            for (UUID flux : List.of(healthy, absurd)) {
                as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
                succeed(probe, next(probe, flux));
            }
            ServiceDatabase.update("UPDATE flux SET status = 'ACTIVE', next_run_at = now() + interval '30 days',"
                    + " spec = '{\"broken\":' WHERE id = ?", unreadable);
            // first changes past the maximum wait (due at once, oldest first), last ones after every run so far
            String waiting = "INSERT INTO flux_change (flux_id, first_change_at, last_change_at, changes, min_interval_s)"
                    + " VALUES (?, now() - CAST(? AS interval), now(), 1, ?)";
            ServiceDatabase.update(waiting, absurd, "1 hour", 100_000_000_000_000L);
            ServiceDatabase.update(waiting, unreadable, "50 minutes", 1L);
            ServiceDatabase.update(waiting, healthy, "10 minutes", 1L);

            ExportCommand run = next(probe, healthy);
            assertThat(changeRuns(healthy)).isEqualTo(1);
            assertThat(run.fluxId()).isEqualTo(healthy);
        }
        String error = Api.await("the unreadable flux's failure recorded", WAIT,
                () -> (String) ServiceDatabase.value("SELECT last_error FROM flux WHERE id = ?", unreadable), e -> e != null);
        assertThat(error).contains("change scheduler").contains("not valid JSON");
        assertThat(ServiceDatabase.value("SELECT count(*) FROM flux_change WHERE flux_id = ?", unreadable)).isEqualTo(0L);
        // the absurd interval is held to the platform's maximum (30 days): its last run is too recent
        assertThat(changeRuns(absurd)).isZero();
        assertThat(ServiceDatabase.value("SELECT count(*) FROM flux_change WHERE flux_id = ?", absurd)).isEqualTo(1L);
    }

    /**
     * After a load change capture does not see (a TAXREF version, say), the admin asks every change-driven
     * flux to run again in one call: each gets one CHANGE run, the flux that does not follow changes none,
     * and a partner may not ask.
     */
    @Test
    void theAdminRunsEveryChangeDrivenFluxAgainAfterALoadCaptureDoesNotSee() {
        Api.Partner partner = Api.newPartner(admin, "Partner after a TAXREF load");
        UUID here = flux(partner, QUIET_HERE, true);
        UUID there = flux(partner, QUIET_THERE, true);
        UUID notFollowing = flux(partner, QUIET_HERE, false);
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            for (UUID flux : List.of(here, there, notFollowing)) {
                as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
                succeed(probe, next(probe, flux));
            }
            as(partner.token()).post("/api/v1/fluxes/change-driven/runs").then().statusCode(403);
            int recorded = as(admin).post("/api/v1/fluxes/change-driven/runs").then().statusCode(202)
                    .extract().jsonPath().getInt("fluxes");
            assertThat(recorded).isGreaterThanOrEqualTo(2);
            for (UUID flux : List.of(here, there)) {
                ExportCommand run = next(probe, flux);
                assertThat(changeRuns(flux)).isEqualTo(1);
                succeed(probe, run);
            }
            // the scheduler has passed since: still no run for the flux that does not follow changes
            assertThat(changeRuns(notFollowing)).isZero();
            assertThat(probe.commands().stream().filter(c -> c.fluxId().equals(notFollowing))).hasSize(1);
        }
    }

    private UUID flux(Api.Partner partner, double[] centre, boolean changeDriven) {
        ObjectNode body = Api.fluxBody();
        body.putObject("territory").put("wkt", String.format(Locale.ROOT, "POLYGON((%f %f, %f %f, %f %f, %f %f, %f %f))",
                centre[0] - HALF, centre[1] - HALF, centre[0] + HALF, centre[1] - HALF, centre[0] + HALF, centre[1] + HALF,
                centre[0] - HALF, centre[1] + HALF, centre[0] - HALF, centre[1] - HALF));
        body.putObject("options").put("changeDriven", changeDriven).put("minInterval", "PT1S");
        return Api.createFlux(partner.token(), body);
    }

    /** The next command of the flux the test has not seen yet. */
    private ExportCommand next(KafkaProbe probe, UUID flux) {
        ExportCommand command = probe.awaitCommand(WAIT, c -> c.fluxId().equals(flux) && !seen.contains(c.runId()));
        seen.add(command.runId());
        return command;
    }

    private long changeRuns(UUID flux) {
        List<String> origins = as(admin).get("/api/v1/fluxes/" + flux + "/runs").jsonPath().getList("origin");
        return origins.stream().filter("CHANGE"::equals).count();
    }

    private void succeed(KafkaProbe probe, ExportCommand command) {
        probe.send(KafkaProbe.event(command, command.attempt(), RunEventType.SUCCEEDED, RunCounts.empty(), List.of(
                new Artifact("csv", Storage.key(command.fluxId(), command.runId(), "observations.csv"), 1,
                        "0".repeat(64))), null));
        Api.await("SUCCEEDED", WAIT, () -> as(admin).get("/api/v1/runs/" + command.runId()).jsonPath().getString("status"),
                "SUCCEEDED"::equals);
    }

    /** Waits until the service's change consumer holds the change topic's partitions (it starts from the end). */
    private void awaitChangeConsumer() throws Exception {
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Api.await("change consumer assigned", WAIT, () -> {
                try {
                    ConsumerGroupDescription group = kafka.describeConsumerGroups(List.of(changesGroup)).all().get().get(changesGroup);
                    return group.members().stream().anyMatch(m -> m.assignment().topicPartitions().stream()
                            .anyMatch(tp -> tp.topic().equals(stack.cdcTopic())));
                } catch (Exception e) {
                    return false;
                }
            }, Boolean::booleanValue);
            // Its position is fixed once it committed one (it starts from the end of the topic, and commits
            // only what it processed): birds far from every territory until then.
            ConsumerGroups.awaitCommittedPositions(kafka, changesGroup, stack.cdcTopic(), WAIT, Duration.ofSeconds(10), () -> {
                try {
                    insertBirds(1, FAR_AWAY[0], FAR_AWAY[1]);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot write a change far from every territory", e);
                }
            });
        }
    }

    /** When a change last touched the flux, while no run took it (null when none waits). */
    private Object lastChange(UUID flux) {
        return ServiceDatabase.value("SELECT max(last_change_at) FROM flux_change WHERE flux_id = ?", flux);
    }

    /** Copies of a precise bird observation of the demo source at (lon, lat), in one transaction. */
    private void insertBirds(int count, double lon, double lat) throws SQLException {
        try (Connection db = sourceAdmin()) {
            db.setAutoCommit(false);
            inserted.addAll(SourceEdits.insertBirdCopies(db, java.util.Collections.nCopies(count, new double[] {lon, lat})));
            db.commit();
        }
    }

    private Connection sourceAdmin() throws SQLException {
        return DriverManager.getConnection(stack.sourceDbUrl(), stack.sourceAdminDbUser(), stack.sourceAdminDbPassword());
    }
}
