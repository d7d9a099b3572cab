package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.request.Api;
import org.naturaflux.request.KafkaProbe;
import org.naturaflux.request.StackResource;
import org.naturaflux.request.Storage;

/**
 * A flux with delta files: each command names the flux's latest successful run as the base the worker
 * computes the delta against (none for the first run, none for a flux without deltas, and a failed run
 * is never a base).
 */
@QuarkusTest
@WithTestResource(StackResource.class)
class DeltaBaseRunTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "naturaflux.topics.commands")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-events.topic")
    String eventsTopic;

    @Test
    void eachCommandOfADeltaFluxNamesTheLatestSuccessfulRun() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Atlas en ligne");
        ObjectNode body = Api.fluxBody();
        body.putObject("options").put("delta", true);
        UUID flux = Api.createFlux(partner.token(), body);
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
            ExportCommand first = probe.awaitCommand(WAIT, c -> c.fluxId().equals(flux));
            assertThat(first.baseRunId()).as("first run of the chain").isNull();
            finish(probe, first, RunEventType.SUCCEEDED);

            ExportCommand second = runNow(probe, flux, first.runId());
            assertThat(second.baseRunId()).isEqualTo(first.runId());
            finish(probe, second, RunEventType.FAILED);

            ExportCommand third = runNow(probe, flux, first.runId(), second.runId());
            assertThat(third.baseRunId()).as("a failed run is not a base").isEqualTo(first.runId());
        }
    }

    @Test
    void aFluxWithoutDeltasNamesNoBase() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Réserve sans deltas");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
            ExportCommand first = probe.awaitCommand(WAIT, c -> c.fluxId().equals(flux));
            finish(probe, first, RunEventType.SUCCEEDED);
            assertThat(runNow(probe, flux, first.runId()).baseRunId()).isNull();
        }
    }

    private ExportCommand runNow(KafkaProbe probe, UUID flux, UUID... earlierRuns) {
        as(admin).post("/api/v1/fluxes/" + flux + "/runs").then().statusCode(202);
        List<UUID> earlier = List.of(earlierRuns);
        return probe.awaitCommand(WAIT, c -> c.fluxId().equals(flux) && !earlier.contains(c.runId()));
    }

    private void finish(KafkaProbe probe, ExportCommand command, RunEventType type) {
        List<Artifact> artifacts = type == RunEventType.SUCCEEDED
                ? List.of(new Artifact("csv", Storage.key(command.fluxId(), command.runId(), "observations.csv"), 10,
                        "0".repeat(64)))
                : List.of();
        probe.send(KafkaProbe.event(command, command.attempt(), type, type == RunEventType.SUCCEEDED ? RunCounts.empty() : null,
                artifacts, type == RunEventType.FAILED ? "source database unavailable" : null));
        Api.await(type.name(), WAIT, () -> as(admin).get("/api/v1/runs/" + command.runId()).jsonPath().getString("status"),
                type.name()::equals);
    }
}
