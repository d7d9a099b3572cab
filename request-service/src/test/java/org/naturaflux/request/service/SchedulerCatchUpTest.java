package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
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
import org.naturaflux.testkit.Eventually;

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

        // through several scheduler passes, still two runs, and one command each
        Eventually.within(Duration.ofSeconds(10), "still two runs").during(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(runsOf(flux)).hasSize(2));
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

        Eventually.within(Duration.ofSeconds(10), "no run of a suspended or requested flux").during(Duration.ofSeconds(3))
                .untilAsserted(() -> {
                    assertThat(runsOf(active)).hasSize(1);
                    assertThat(runsOf(requested)).isEmpty();
                });
    }

    /**
     * Fluxes stored as no submission accepts them any more (a periodicity that overflows the calendar, one
     * that is no periodicity at all), due before a healthy one: the healthy one still runs, the overflowing
     * one runs with its next run at the latest instant, the unreadable one is set aside an hour with the
     * failure on it, shown to the admin only.
     */
    @Test
    void goesOnPastAFluxItCannotStart() {
        Api.Partner partner = Api.newPartner(admin, "Partner behind a poisoned flux");
        UUID healthy = Api.createFlux(partner.token(), Api.fluxBody().put("periodicity", "P1D"));
        UUID overflowing = Api.createFlux(partner.token(), Api.fluxBody());
        UUID unreadable = Api.createFlux(partner.token(), Api.fluxBody());
        ServiceDatabase.update("UPDATE flux SET status = 'ACTIVE', periodicity = 'P999999999Y',"
                + " next_run_at = now() - interval '2 days' WHERE id = ?", overflowing);
        ServiceDatabase.update("UPDATE flux SET status = 'ACTIVE', periodicity = 'every now and then',"
                + " next_run_at = now() - interval '1 day' WHERE id = ?", unreadable);
        as(admin).post("/api/v1/fluxes/" + healthy + "/approve").then().statusCode(200);

        Api.await("the healthy flux's run", Duration.ofSeconds(30), () -> runsOf(healthy), rows -> rows.size() == 1);
        Api.await("the overflowing flux's run", Duration.ofSeconds(10), () -> runsOf(overflowing), rows -> rows.size() == 1);
        assertThat(((OffsetDateTime) ServiceDatabase.value("SELECT next_run_at FROM flux WHERE id = ?", overflowing)).toInstant())
                .isEqualTo(Instant.parse("9999-12-31T00:00:00Z"));

        Object[] setAside = Api.await("the unreadable flux's failure recorded", Duration.ofSeconds(10),
                () -> ServiceDatabase.query("SELECT last_error, last_error_at, next_run_at, now() FROM flux WHERE id = ?", unreadable)
                        .get(0), row -> row[0] != null);
        assertThat((String) setAside[0]).contains("scheduler").contains("'every now and then' is not an ISO-8601 period");
        OffsetDateTime now = (OffsetDateTime) setAside[3];
        assertThat((OffsetDateTime) setAside[2]).isBetween(now.plusMinutes(55), now.plusMinutes(61));
        assertThat(runsOf(unreadable)).isEmpty();
        as(admin).get("/api/v1/fluxes/" + unreadable).then().statusCode(200)
                .body("lastError", org.hamcrest.Matchers.containsString("every now and then"))
                .body("lastErrorAt", org.hamcrest.Matchers.notNullValue());
        as(partner.token()).get("/api/v1/fluxes/" + unreadable).then().statusCode(200)
                .body("lastError", org.hamcrest.Matchers.nullValue());
    }

    private static List<Object[]> runsOf(UUID flux) {
        return ServiceDatabase.query("SELECT id, scheduled_for, origin FROM run WHERE flux_id = ? ORDER BY created_at", flux);
    }
}
