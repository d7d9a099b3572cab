package org.naturaflux.request.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.MessageCodec;
import org.naturaflux.request.Api;
import org.naturaflux.request.KafkaProbe;
import org.naturaflux.request.OwnBroker;
import org.naturaflux.request.OwnBrokerResource;
import org.naturaflux.request.ServiceDatabase;

/**
 * The outbox keeps a run and its command together when the broker is away: with the class's own
 * broker stopped, a run is created (and kept), its command waits in the outbox; once the broker is
 * back the command is published and the run is marked dispatched. Publication is at least once, as a
 * Kafka producer without transactions is: a send the broker wrote but did not acknowledge in time (the
 * broker just back, the machine loaded) is sent again by the next pass. Every copy is the same command
 * (same key and bytes), which the worker executes once (its commands are idempotent by run id:
 * ExportWorkersIT#duplicateDeliveredToTheOtherWorkerChangesNoObject).
 */
@QuarkusTest
@WithTestResource(value = OwnBrokerResource.class, initArgs = {
        @ResourceArg(name = "naturaflux.outbox.send-timeout", value = "PT3S")})
class OutboxBrokerDownTest {

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "naturaflux.topics.commands")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-events.topic")
    String eventsTopic;
    @ConfigProperty(name = OwnBrokerResource.BROKER_DIR, defaultValue = "none")
    String brokerDir;

    @Test
    void aRunCreatedWhileTheBrokerIsDownIsSentOnceItIsBack() {
        Api.Partner partner = Api.newPartner(admin, "Patient partner");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody().put("periodicity", "P1D"));

        OwnBroker.stop(Path.of(brokerDir));
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);

        UUID run = Api.await("the scheduled run", Duration.ofSeconds(30),
                () -> ServiceDatabase.query("SELECT id FROM run WHERE flux_id = ?", flux),
                rows -> rows.size() == 1).stream().map(r -> (UUID) r[0]).findFirst().orElseThrow();
        // the relay tries, fails and keeps the message
        Api.await("a failed send", Duration.ofSeconds(30),
                () -> ServiceDatabase.query("SELECT failures, sent_at FROM outbox WHERE run_id = ?", run),
                rows -> rows.size() == 1 && (Integer) rows.get(0)[0] >= 1);
        assertThat(ServiceDatabase.value("SELECT sent_at FROM outbox WHERE run_id = ?", run)).isNull();
        assertThat(ServiceDatabase.value("SELECT last_error FROM outbox WHERE run_id = ?", run)).isNotNull();
        assertThat(ServiceDatabase.value("SELECT dispatched_at FROM run WHERE id = ?", run)).isNull();
        as(partner.token()).get("/api/v1/runs/" + run).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("QUEUED"));

        OwnBroker.start(Path.of(brokerDir));

        Api.await("the outbox sent", Duration.ofSeconds(60),
                () -> ServiceDatabase.value("SELECT sent_at IS NOT NULL FROM outbox WHERE run_id = ?", run),
                Boolean.TRUE::equals);
        assertThat(ServiceDatabase.value("SELECT dispatched_at IS NOT NULL FROM run WHERE id = ?", run)).isEqualTo(true);
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            ExportCommand command = probe.awaitCommand(Duration.ofSeconds(30), c -> c.runId().equals(run));
            assertThat(command.fluxId()).isEqualTo(flux);
            List<ConsumerRecord<String, byte[]>> records = probe.poll(Duration.ofSeconds(3));
            List<ConsumerRecord<String, byte[]>> copies = records.stream()
                    .filter(r -> MessageCodec.decode(r.value(), ExportCommand.class).runId().equals(run)).toList();
            assertThat(copies).allSatisfy(r -> {
                assertThat(r.key()).isEqualTo(flux.toString());
                assertThat(MessageCodec.decode(r.value(), ExportCommand.class)).isEqualTo(command);
            });
            assertThat(ServiceDatabase.value("SELECT count(*) FROM outbox WHERE run_id = ?", run)).as("one outbox row").isEqualTo(1L);
        }
    }
}
