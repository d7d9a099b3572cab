package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.request.Api;
import org.naturaflux.request.KafkaProbe;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.StackResource;

/**
 * Attempts: a run whose worker goes silent past the stale timeout gets a new attempt (a new command);
 * events of the superseded attempt are then ignored; after the last attempt the run FAILS.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class, initArgs = {
        @ResourceArg(name = "naturaflux.runs.stale-timeout", value = "PT5S"),
        @ResourceArg(name = "naturaflux.runs.max-attempts", value = "3")})
class StaleRunTest {

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "naturaflux.topics.commands")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-events.topic")
    String eventsTopic;

    @Test
    void silentAttemptsAreReplacedThenTheRunFails() {
        Api.Partner partner = Api.newPartner(admin, "Unlucky partner");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);

        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            ExportCommand first = probe.awaitCommand(Duration.ofSeconds(30), c -> c.fluxId().equals(flux));
            UUID run = first.runId();
            probe.send(KafkaProbe.event(first, 1, RunEventType.STARTED, null, null, null));
            Api.await("RUNNING", Duration.ofSeconds(20), () -> runView(partner, run), j -> "RUNNING".equals(j.getString("status")));

            // the worker goes silent: a second attempt, with its own command
            ExportCommand second = probe.awaitCommand(Duration.ofSeconds(30), c -> c.runId().equals(run) && c.attempt() == 2);
            assertThat(second.spec()).isEqualTo(first.spec());
            Api.await("attempt 2", Duration.ofSeconds(10), () -> runView(partner, run), j -> j.getInt("attempt") == 2);

            // the first attempt finishes late: ignored; the second starts: applied (same partition, in order)
            probe.send(KafkaProbe.event(first, 1, RunEventType.SUCCEEDED, RunCounts.empty(), List.of(), null));
            probe.send(KafkaProbe.event(second, 2, RunEventType.STARTED, null, null, null));
            JsonPath started = Api.await("attempt 2 RUNNING", Duration.ofSeconds(20), () -> runView(partner, run),
                    j -> "RUNNING".equals(j.getString("status")));
            assertThat(started.getInt("attempt")).isEqualTo(2);
            assertThat(started.getString("counts")).isNull();

            // silent again: attempt 3, then FAILED
            probe.awaitCommand(Duration.ofSeconds(30), c -> c.runId().equals(run) && c.attempt() == 3);
            JsonPath failed = Api.await("FAILED", Duration.ofSeconds(30), () -> runView(partner, run),
                    j -> "FAILED".equals(j.getString("status")));
            assertThat(failed.getInt("attempt")).isEqualTo(3);
            assertThat(failed.getString("errorCategory")).isEqualTo("PLATFORM");
            assertThat(as(admin).get("/api/v1/runs/" + run).jsonPath().getString("error")).contains("no progress");
            assertThat(probe.poll(Duration.ofSeconds(2)).stream()
                    .filter(r -> r.key().equals(flux.toString())).count()).isEqualTo(3);
        }
    }

    /**
     * A stale run whose new attempt cannot be built (its stored specification is unreadable), the oldest:
     * it is FAILED with the reason, and a healthy stale run behind it still gets its new attempt.
     */
    @Test
    void goesOnPastARunItCannotRetry() {
        Api.Partner partner = Api.newPartner(admin, "Partner behind a poisoned run");
        UUID poisonedFlux = Api.createFlux(partner.token(), Api.fluxBody());
        UUID healthyFlux = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + poisonedFlux + "/approve").then().statusCode(200);
        as(admin).post("/api/v1/fluxes/" + healthyFlux + "/approve").then().statusCode(200);
        UUID poisoned = dispatchedRunOf(poisonedFlux);
        UUID healthy = dispatchedRunOf(healthyFlux);
        ServiceDatabase.update("UPDATE run SET spec = 'not a specification', dispatched_at = now() - interval '1 hour'"
                + " WHERE id = ?", poisoned);

        JsonPath retried = Api.await("the healthy run's second attempt", Duration.ofSeconds(30), () -> adminView(healthy),
                j -> j.getInt("attempt") >= 2);
        assertThat(retried.getString("error")).contains("showed no progress");
        JsonPath failed = Api.await("the poisoned run FAILED", Duration.ofSeconds(10), () -> adminView(poisoned),
                j -> "FAILED".equals(j.getString("status")));
        assertThat(failed.getString("error")).contains("a new attempt could not be sent").contains("not valid JSON");
    }

    private static UUID dispatchedRunOf(UUID flux) {
        return Api.await("a dispatched run of " + flux, Duration.ofSeconds(30),
                () -> ServiceDatabase.query("SELECT id FROM run WHERE flux_id = ? AND dispatched_at IS NOT NULL", flux),
                rows -> rows.size() == 1).stream().map(row -> (UUID) row[0]).findFirst().orElseThrow();
    }

    private JsonPath adminView(UUID run) {
        return as(admin).get("/api/v1/runs/" + run).jsonPath();
    }

    private static JsonPath runView(Api.Partner partner, UUID run) {
        return as(partner.token()).get("/api/v1/runs/" + run).jsonPath();
    }
}
