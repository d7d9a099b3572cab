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

    private static JsonPath runView(Api.Partner partner, UUID run) {
        return as(partner.token()).get("/api/v1/runs/" + run).jsonPath();
    }
}
