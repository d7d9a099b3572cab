package org.naturaflux.request.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.Api;
import org.naturaflux.request.KafkaProbe;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.StackResource;

/**
 * A message the broker refuses for good, first in the outbox, never holds the others: stored directly
 * (a command larger than any record the producer may send), it is set aside with the broker's reason
 * and its run FAILED, while the command created after it is published and its run dispatched.
 */
@QuarkusTest
@WithTestResource(StackResource.class)
class OutboxPoisonTest {

    /** Twice the producer's default maximum request size. */
    private static final int TOO_LARGE = 2 * 1024 * 1024;

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "naturaflux.topics.commands")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-events.topic")
    String eventsTopic;

    @Test
    void aMessageTheBrokerRefusesIsSetAsideAndTheOthersAreSent() {
        Api.Partner partner = Api.newPartner(admin, "Partner behind a poisoned command");
        UUID victim = Api.createFlux(partner.token(), Api.fluxBody());
        UUID poisonedRun = UUID.randomUUID();
        ServiceDatabase.update("INSERT INTO run (id, flux_id, origin, status, attempt, spec, created_at)"
                + " VALUES (?, ?, 'MANUAL', 'QUEUED', 1, '{}', now())", poisonedRun, victim);
        ServiceDatabase.update("INSERT INTO outbox (topic, message_key, payload, run_id, created_at) VALUES (?, ?, ?, ?, now())",
                commandsTopic, victim.toString(), new byte[TOO_LARGE], poisonedRun);

        UUID healthy = Api.createFlux(partner.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + healthy + "/approve").then().statusCode(200);
        UUID healthyRun = Api.await("the healthy flux's run dispatched", Duration.ofSeconds(30),
                () -> ServiceDatabase.query("SELECT id FROM run WHERE flux_id = ? AND dispatched_at IS NOT NULL", healthy),
                rows -> rows.size() == 1).stream().map(row -> (UUID) row[0]).findFirst().orElseThrow();
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            probe.awaitCommand(Duration.ofSeconds(30), c -> c.runId().equals(healthyRun));
        }

        Object[] poison = ServiceDatabase.query("SELECT rejected_at, sent_at, last_error FROM outbox WHERE run_id = ?", poisonedRun)
                .get(0);
        assertThat(poison[0]).as("rejected_at").isNotNull();
        assertThat(poison[1]).as("sent_at").isNull();
        assertThat((String) poison[2]).contains("RecordTooLargeException");
        as(admin).get("/api/v1/runs/" + poisonedRun).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("FAILED"))
                .body("error", org.hamcrest.Matchers.containsString("could not be published"));
        assertThat(ServiceDatabase.value("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND rejected_at IS NULL"))
                .isEqualTo(0L);
    }
}
