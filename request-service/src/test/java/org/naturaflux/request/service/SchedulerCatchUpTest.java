package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.request.Api;
import org.naturaflux.request.KafkaProbe;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.StackResource;

/**
 * The scheduler runs a flux once per period: at approval, then after "downtime" (its next run moved
 * days into the past, as if the service had been off) exactly one catch-up run, with the next one a
 * whole period after now; a flux not yet due gets nothing.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class)
class SchedulerCatchUpTest {

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "naturaflux.topics.commands")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-events.topic")
    String eventsTopic;

    @Test
    void catchesUpOnceAfterDowntime() {
        Api.Partner partner = Api.newPartner(admin, "Scheduled partner");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody().put("periodicity", "P1D"));
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);

        // the first run, at approval
        Api.await("the first scheduled run", Duration.ofSeconds(30), () -> runsOf(flux), rows -> rows.size() == 1);
        OffsetDateTime next = (OffsetDateTime) ServiceDatabase.value("SELECT next_run_at FROM flux WHERE id = ?", flux);
        OffsetDateTime dbNow = (OffsetDateTime) ServiceDatabase.value("SELECT now()");
        assertThat(next).isBetween(dbNow.plusHours(23), dbNow.plusHours(25));

        // five days of downtime: the flux was due four and a half days ago
        OffsetDateTime missed = dbNow.minusDays(4).minusHours(12).withNano(0);
        ServiceDatabase.update("UPDATE flux SET next_run_at = ? WHERE id = ?", missed, flux);

        Api.await("one catch-up run", Duration.ofSeconds(30), () -> runsOf(flux), rows -> rows.size() == 2);
        Object[] catchUp = runsOf(flux).get(1);
        assertThat(((OffsetDateTime) catchUp[1]).toInstant()).isEqualTo(missed.toInstant());
        OffsetDateTime after = (OffsetDateTime) ServiceDatabase.value("SELECT next_run_at FROM flux WHERE id = ?", flux);
        OffsetDateTime now = (OffsetDateTime) ServiceDatabase.value("SELECT now()");
        assertThat(after).isBetween(now.plusHours(23), now.plusHours(25));

        // several scheduler passes later, still two runs, and one command each
        Api.sleep(3000);
        assertThat(runsOf(flux)).hasSize(2);
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            for (Object[] run : runsOf(flux)) {
                probe.awaitCommand(Duration.ofSeconds(30), c -> c.runId().equals(run[0]));
            }
            List<ExportCommand> ofFlux = probe.commands().stream().filter(c -> c.fluxId().equals(flux)).toList();
            assertThat(ofFlux).hasSize(2);
            assertThat(ofFlux.stream().map(ExportCommand::runId).distinct()).hasSize(2);
        }
    }

    @Test
    void leavesFluxesThatAreNotDueOrNotActive() {
        Api.Partner partner = Api.newPartner(admin, "Patient partner");
        UUID active = Api.createFlux(partner.token(), Api.fluxBody().put("periodicity", "P1M"));
        UUID requested = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + active + "/approve").then().statusCode(200);
        Api.await("the first run", Duration.ofSeconds(30), () -> runsOf(active), rows -> rows.size() == 1);
        as(admin).post("/api/v1/fluxes/" + active + "/suspend").then().statusCode(200);
        // due, but suspended
        ServiceDatabase.update("UPDATE flux SET next_run_at = now() - interval '1 day' WHERE id = ?", active);

        Api.sleep(3000);
        assertThat(runsOf(active)).hasSize(1);
        assertThat(runsOf(requested)).isEmpty();
    }

    private static List<Object[]> runsOf(UUID flux) {
        return ServiceDatabase.query("SELECT id, scheduled_for, origin FROM run WHERE flux_id = ? ORDER BY created_at", flux);
    }
}
