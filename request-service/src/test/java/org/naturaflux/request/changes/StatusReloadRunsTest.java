package org.naturaflux.request.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.request.Api;
import org.naturaflux.request.KafkaProbe;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.Storage;
import org.naturaflux.testkit.Eventually;
import org.naturaflux.testkit.TestStack;

/**
 * A BDC statuts reload in the source, end to end: the BDC's tables are truncated and loaded again (as a
 * TaxHub update does), first with the same rows, then without the rows of one departmental text. Change
 * capture does not see these tables (the stack's capture publication and Debezium connector hold only
 * the synthese and the areas: read here from PostgreSQL and Kafka Connect); the service's
 * {@link StatusReloadWatcher} does: the same content runs nothing, the changed content runs once each the
 * change-driven fluxes that show a status field or publish the statuses companion and whose taxa hold
 * one of the text's taxa, and no other flux. Oracles: the text's taxa and their INPN group read in SQL
 * from the source, the runs read from the service (its API and database).
 */
@QuarkusTest
@WithTestResource(StatusReloadResource.class)
class StatusReloadRunsTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** The demo's departmental protection text of Seine-et-Marne (three flowering plants). */
    private static final String TEXT = "PD_77";

    private final TestStack stack = TestStack.fromEnvironment();
    private final Set<UUID> seen = new HashSet<>();

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "naturaflux.topics.commands")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-events.topic")
    String eventsTopic;
    @ConfigProperty(name = "quarkus.datasource.source.jdbc.url")
    String sourceUrl;

    @Inject
    StatusReloadWatcher watcher;

    @Test
    void aReloadRunsTheFluxesWhoseTaxaItTouchesOnceAndFloodsNothing() throws Exception {
        // The oracle: the text's taxa and their groups (flowering plants only, no bird).
        Set<Integer> taxa = new HashSet<>();
        Set<String> groups = new HashSet<>();
        try (Connection db = source(); PreparedStatement st = db.prepareStatement("SELECT DISTINCT s.cd_ref, t.group2_inpn"
                + " FROM taxonomie.bdc_statut_taxons s"
                + " JOIN taxonomie.bdc_statut_cor_text_values c ON c.id_value_text = s.id_value_text"
                + " JOIN taxonomie.bdc_statut_text x ON x.id_text = c.id_text"
                + " JOIN taxonomie.taxref t ON t.cd_nom = s.cd_ref WHERE x.cd_st_text = ?")) {
            st.setString(1, TEXT);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    taxa.add(rs.getInt(1));
                    groups.add(rs.getString(2));
                }
            }
        }
        assertThat(taxa).isNotEmpty();
        assertThat(groups).containsExactly("Angiospermes");

        Api.Partner partner = Api.newPartner(admin, "Conservatoire botanique");
        UUID showing = flux(partner, "Angiospermes", List.of("+protection_departementale"), false, true);
        UUID companion = flux(partner, "Angiospermes", List.of(), true, true);
        UUID birds = flux(partner, "Oiseaux", List.of("+protection_nationale"), true, true);
        UUID withoutStatuses = flux(partner, "Angiospermes", List.of("+nom_valide"), false, true);
        UUID notFollowing = flux(partner, "Angiospermes", List.of("+protection_departementale"), true, false);
        List<UUID> all = List.of(showing, companion, birds, withoutStatuses, notFollowing);
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            for (UUID flux : all) {
                as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
                succeed(probe, next(probe, flux));
            }
            Api.await("the BDC watcher's baseline", WAIT, watcher::watching, Boolean::booleanValue);

            // The same rows loaded again, in another order: no run, through several passes of the watcher.
            reload(null);
            Eventually.within(Duration.ofSeconds(20), "no run after a reload of the same rows").during(Duration.ofSeconds(5))
                    .untilAsserted(() -> all.forEach(flux -> assertThat(changeRuns(flux)).as(flux.toString()).isZero()));

            // Loaded again without the text's rows: one run for each flux that shows or publishes those taxa's statuses.
            int removed = reload(TEXT);
            assertThat(removed).isGreaterThanOrEqualTo(taxa.size());
            for (UUID flux : List.of(showing, companion)) {
                succeed(probe, next(probe, flux));
            }
            Eventually.within(Duration.ofSeconds(30), "one run each, none for the others").during(Duration.ofSeconds(6))
                    .untilAsserted(() -> {
                        assertThat(changeRuns(showing)).isEqualTo(1);
                        assertThat(changeRuns(companion)).isEqualTo(1);
                        assertThat(changeRuns(birds)).isZero();
                        assertThat(changeRuns(withoutStatuses)).isZero();
                        assertThat(changeRuns(notFollowing)).isZero();
                    });
            // in the service's database: the first run of each flux, and the two runs of the reload
            long runs = 0;
            for (UUID flux : all) {
                runs += ((Number) ServiceDatabase.value("SELECT count(*) FROM run WHERE flux_id = ?", flux)).longValue();
            }
            assertThat(runs).isEqualTo(all.size() + 2L);
            assertThat(probe.commands().stream().filter(c -> all.contains(c.fluxId()))).hasSize(all.size() + 2);
        }
        assertCaptureIgnoresTheBdc();
    }

    /** Change capture's publication on the stack's source, and its Debezium connector, hold no BDC table. */
    private void assertCaptureIgnoresTheBdc() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.connectUrl() + "/connectors/naturaflux-cdc/config")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode config = Api.JSON.readTree(answer.body());
        List<String> included = List.of(config.path("table.include.list").asText().split(","));
        assertThat(included).isNotEmpty().noneMatch(t -> t.startsWith("taxonomie."));
        List<String> published = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(stack.sourceDbUrl(), stack.sourceDbUser(), stack.sourceDbPassword());
             PreparedStatement st = db.prepareStatement("SELECT schemaname || '.' || tablename FROM pg_publication_tables"
                     + " WHERE pubname = ?")) {
            st.setString(1, config.path("publication.name").asText());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    published.add(rs.getString(1));
                }
            }
        }
        assertThat(published).containsExactlyInAnyOrderElementsOf(included).contains("gn_synthese.synthese");
    }

    /**
     * Truncates {@code bdc_statut_taxons} and inserts its rows again (reversed), without those of the text
     * {@code without} when given, in one transaction; the rows left out.
     */
    private int reload(String without) throws SQLException {
        try (Connection db = source(); Statement st = db.createStatement()) {
            db.setAutoCommit(false);
            st.execute("CREATE TEMP TABLE saved ON COMMIT DROP AS SELECT * FROM taxonomie.bdc_statut_taxons");
            st.execute("TRUNCATE taxonomie.bdc_statut_taxons");
            String kept = without == null ? "" : " WHERE id_value_text NOT IN (SELECT c.id_value_text"
                    + " FROM taxonomie.bdc_statut_cor_text_values c JOIN taxonomie.bdc_statut_text x ON x.id_text = c.id_text"
                    + " WHERE x.cd_st_text = '" + without + "')";
            int inserted = st.executeUpdate("INSERT INTO taxonomie.bdc_statut_taxons SELECT * FROM saved" + kept + " ORDER BY id DESC");
            int removed;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM saved")) {
                rs.next();
                removed = rs.getInt(1) - inserted;
            }
            db.commit();
            return removed;
        }
    }

    private UUID flux(Api.Partner partner, String group, List<String> fields, boolean statuses, boolean changeDriven) {
        ObjectNode body = Api.fluxBody();
        body.putObject("taxa").putArray("groups").add(group);
        var list = body.putArray("fields").add("basic");
        fields.forEach(list::add);
        body.putObject("options").put("changeDriven", changeDriven).put("minInterval", "PT1S").put("statuses", statuses);
        return Api.createFlux(partner.token(), body);
    }

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

    private Connection source() throws SQLException {
        return DriverManager.getConnection(sourceUrl, stack.dbUser(), stack.dbPassword());
    }
}
