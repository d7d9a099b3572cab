package org.naturaflux.request.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.naturaflux.request.Api.as;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.request.Api;
import org.naturaflux.request.KafkaProbe;
import org.naturaflux.request.MailBox;
import org.naturaflux.request.MailBox.Mail;
import org.naturaflux.request.ServiceDatabase;

/**
 * The e-mails of a flux's events, read back from the stack's real SMTP server (GreenMail's API): each
 * event gives exactly one mail, to the flux's contact with the staff in copy, with its French subject and
 * a Message-ID derived from the event; a flux that opted out gets none; a redelivered worker event and a
 * resend by the relay give no second mail of their own. The oracle is the SMTP server's store and SQL on
 * the service's database (the run's error reference, the outbox rows).
 */
@QuarkusTest
@WithTestResource(value = MailStackResource.class, initArgs = @io.quarkus.test.common.ResourceArg(name = "label",
        value = "mail"))
class MailNotificationsTest {

    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);
    private static final String STRUCTURE = "Réserve naturelle des Coteaux";

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @ConfigProperty(name = "naturaflux.mail.staff")
    String staff;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "naturaflux.topics.commands")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-events.topic")
    String eventsTopic;

    private final MailBox box = MailBox.ofStack();

    @Test
    void approvalSuspensionAndRejectionEachMailTheContactAndTheStaffOnce() {
        Api.Partner partner = Api.newPartner(admin, "Conservatoire d'espaces naturels");
        String contact = MailBox.uniqueAddress("contact");
        UUID approved = Api.createFlux(partner.token(), body(contact));
        UUID rejected = Api.createFlux(partner.token(), body(contact));

        as(admin).post("/api/v1/fluxes/" + approved + "/approve").then().statusCode(200);
        Mail approval = awaitOne(contact, "flux-approved." + approved);
        assertThat(approval.subject()).isEqualTo("[NaturaFlux] Flux approuvé : " + STRUCTURE);
        assertThat(approval.messageId()).isEqualTo("<flux-approved." + approved + "@naturaflux>");
        assertThat(approval.mime()).contains("To: " + contact, "Cc: " + staff);
        assertThat(decoded(approval)).contains("Bonjour Alex Durand", "Le flux " + approved,
                "(partenaire Conservatoire d'espaces naturels) a été approuvé",
                "https://naturaflux.example.org/api/v1/fluxes/" + approved);
        assertThat(awaitOne(staff, "flux-approved." + approved).subject()).isEqualTo(approval.subject());

        as(admin).body(Map.of("reason", "travaux sur le serveur")).post("/api/v1/fluxes/" + approved + "/suspend")
                .then().statusCode(200);
        Mail suspension = awaitOne(contact, "flux-suspended." + approved);
        assertThat(suspension.subject()).isEqualTo("[NaturaFlux] Flux suspendu : " + STRUCTURE);
        assertThat(decoded(suspension)).contains("travaux sur le serveur");

        as(admin).body(Map.of("reason", "territoire hors de la région")).post("/api/v1/fluxes/" + rejected + "/reject")
                .then().statusCode(200);
        Mail rejection = awaitOne(contact, "flux-rejected." + rejected);
        assertThat(rejection.subject()).isEqualTo("[NaturaFlux] Flux refusé : " + STRUCTURE);
        assertThat(decoded(rejection)).contains("territoire hors de la région");
        awaitOne(staff, "flux-rejected." + rejected);

        // exactly these three mails reached the contact, each once; the outbox holds them as sent
        assertThat(box.messages(contact)).hasSize(3);
        assertThat(ServiceDatabase.query("SELECT kind FROM mail_outbox WHERE flux_id IN (?, ?) AND sent_at IS NOT NULL"
                + " ORDER BY id", approved, rejected)).extracting(r -> r[0])
                .containsExactly("FLUX_APPROVED", "FLUX_SUSPENDED", "FLUX_REJECTED");
    }

    @Test
    void aFluxThatOptedOutGetsNoMail() {
        Api.Partner partner = Api.newPartner(admin, "Atlas sans courriel");
        String silent = MailBox.uniqueAddress("silent");
        ObjectNode body = body(silent);
        body.put("notifications", "souvent");
        as(partner.token()).body(body.toString()).post("/api/v1/fluxes").then().statusCode(400)
                .body("violations.path", hasItem("/notifications"));
        body.put("notifications", false);
        UUID quiet = Api.createFlux(partner.token(), body);
        as(partner.token()).get("/api/v1/fluxes/" + quiet).then().statusCode(200).body("notifications", is(false));

        as(admin).post("/api/v1/fluxes/" + quiet + "/approve").then().statusCode(200);
        // written in the approval's own transaction: none now means none ever
        assertThat(ServiceDatabase.value("SELECT count(*) FROM mail_outbox WHERE flux_id = ?", quiet)).isEqualTo(0L);

        // a flux approved after it is mailed to the staff; the opted-out flux's contact still has no mailbox
        UUID loud = Api.createFlux(partner.token(), body(MailBox.uniqueAddress("loud")));
        as(admin).post("/api/v1/fluxes/" + loud + "/approve").then().statusCode(200);
        awaitOne(staff, "flux-approved." + loud);
        assertThat(box.messages(silent)).isEmpty();
        assertThat(box.messages(staff)).noneMatch(m -> m.messageId().contains(quiet.toString()));

        // the admin turns its mails back on (PATCH): the next event is mailed
        as(admin).body(Map.of("notifications", true)).patch("/api/v1/fluxes/" + quiet).then().statusCode(200);
        as(admin).post("/api/v1/fluxes/" + quiet + "/suspend").then().statusCode(200);
        assertThat(awaitOne(silent, "flux-suspended." + quiet).subject()).isEqualTo("[NaturaFlux] Flux suspendu : " + STRUCTURE);
    }

    @Test
    void aFailedRunIsMailedOnceWithItsCategoryAndReferenceNeverItsError() {
        Api.Partner partner = Api.newPartner(admin, "Parc national");
        String contact = MailBox.uniqueAddress("runs");
        UUID fluxId = Api.createFlux(partner.token(), body(contact));
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            as(admin).post("/api/v1/fluxes/" + fluxId + "/approve").then().statusCode(200);
            ExportCommand first = probe.awaitCommand(Duration.ofSeconds(30), c -> c.fluxId().equals(fluxId));
            String secret = "connection to db-internal.example:5432 refused";
            probe.send(KafkaProbe.event(first, 1, RunEventType.FAILED, null, null, secret));

            Mail failure = awaitOne(contact, "run-failed." + first.runId());
            String reference = (String) Api.await("the run's error reference", Duration.ofSeconds(10),
                    () -> ServiceDatabase.value("SELECT error_reference FROM run WHERE id = ?", first.runId()),
                    value -> value != null);
            assertThat(failure.subject()).isEqualTo("[NaturaFlux] Échec d'un export : " + STRUCTURE);
            assertThat(decoded(failure)).contains("EXPORT_FAILED", "l'export a échoué", reference, first.runId().toString())
                    .doesNotContain("db-internal");

            // the same event again (at-least-once delivery), then a second run's failure on the same partition:
            // once the second is mailed, the duplicate was handled, and it gave no second mail
            probe.send(KafkaProbe.event(first, 1, RunEventType.FAILED, null, null, secret));
            UUID second = UUID.fromString(as(admin).post("/api/v1/fluxes/" + fluxId + "/runs").then().statusCode(202)
                    .extract().path("runId"));
            ExportCommand secondCommand = probe.awaitCommand(Duration.ofSeconds(30), c -> c.runId().equals(second));
            probe.send(KafkaProbe.event(secondCommand, 1, RunEventType.FAILED, null, null, "disk full"));
            awaitOne(contact, "run-failed." + second);
            assertThat(box.messages(contact)).filteredOn(m -> m.messageId().contains("run-failed." + first.runId())).hasSize(1);
        }
    }

    @Test
    void aResendByTheRelayCarriesTheSameMessageIdAndTheOutboxKeepsOneRow() {
        Api.Partner partner = Api.newPartner(admin, "Ville de Lyon");
        String contact = MailBox.uniqueAddress("resend");
        UUID fluxId = Api.createFlux(partner.token(), body(contact));
        as(admin).post("/api/v1/fluxes/" + fluxId + "/approve").then().statusCode(200);
        Mail first = awaitOne(contact, "flux-approved." + fluxId);

        // a relay that sent the mail and died before recording it: the row is pending again
        assertThat(ServiceDatabase.update("UPDATE mail_outbox SET sent_at = NULL, next_attempt_at = now()"
                + " WHERE flux_id = ? AND kind = 'FLUX_APPROVED'", fluxId)).isEqualTo(1);
        List<Mail> both = Api.await("the mail sent again", MAIL_WAIT, () -> box.messages(contact), mails -> mails.size() == 2);
        assertThat(both).extracting(Mail::messageId).containsOnly(first.messageId());
        assertThat(ServiceDatabase.query("SELECT attempts FROM mail_outbox WHERE flux_id = ?", fluxId))
                .singleElement().satisfies(row -> assertThat(row[0]).isEqualTo(2));

        // an event told twice (approving again is refused) writes nothing more
        as(admin).post("/api/v1/fluxes/" + fluxId + "/approve").then().statusCode(409);
        assertThat(ServiceDatabase.value("SELECT count(*) FROM mail_outbox WHERE flux_id = ?", fluxId)).isEqualTo(1L);
    }

    @Test
    void filesErasedWithinAWeekAreAnnouncedOncePerFlux() {
        Api.Partner partner = Api.newPartner(admin, "Département du Gard");
        String contact = MailBox.uniqueAddress("erasure");
        UUID fluxId = Api.createFlux(partner.token(), body(contact));
        as(admin).post("/api/v1/fluxes/" + fluxId + "/approve").then().statusCode(200);
        awaitOne(contact, "flux-approved." + fluxId);

        // two runs erased within the week (retention: 30 days), one later
        Instant now = Instant.now();
        UUID soon = successfulRun(fluxId, now.minus(25, ChronoUnit.DAYS));
        UUID sooner = successfulRun(fluxId, now.minus(26, ChronoUnit.DAYS));
        UUID later = successfulRun(fluxId, now.minus(10, ChronoUnit.DAYS));

        Mail notice = Api.await("the erasure notice", MAIL_WAIT,
                () -> box.messages(contact).stream().filter(m -> m.messageId().contains("files-erased-soon")).toList(),
                mails -> !mails.isEmpty()).get(0);
        assertThat(notice.subject()).isEqualTo("[NaturaFlux] Fichiers bientôt supprimés : " + STRUCTURE);
        assertThat(decoded(notice)).contains(soon.toString(), sooner.toString()).doesNotContain(later.toString());
        assertThat(ServiceDatabase.query("SELECT id FROM run WHERE flux_id = ? AND erasure_noticed_at IS NOT NULL", fluxId))
                .extracting(r -> r[0]).containsExactlyInAnyOrder(soon, sooner);

        // a run that becomes due later gets a notice of its own; the first two are not announced again
        ServiceDatabase.update("UPDATE run SET finished_at = ? WHERE id = ?", Timestamp.from(now.minus(24, ChronoUnit.DAYS)),
                later);
        Mail second = Api.await("the second erasure notice", MAIL_WAIT,
                () -> box.messages(contact).stream().filter(m -> m.messageId().contains("files-erased-soon")).toList(),
                mails -> mails.size() == 2).get(1);
        assertThat(decoded(second)).contains(later.toString()).doesNotContain(soon.toString());
        assertThat(box.messages(staff)).filteredOn(m -> m.messageId().contains("files-erased-soon." + fluxId)).hasSize(2);
    }

    /** A SUCCEEDED run of the flux, finished at {@code finishedAt}, as the service records one. */
    private static UUID successfulRun(UUID fluxId, Instant finishedAt) {
        UUID id = UUID.randomUUID();
        ServiceDatabase.update("INSERT INTO run (id, flux_id, origin, status, attempt, spec, counts, artifacts, created_at,"
                + " finished_at, definition_version) SELECT ?, id, 'MANUAL', 'SUCCEEDED', 1, spec, '{}', '[]', ?, ?,"
                + " definition_version FROM flux WHERE id = ?", id, Timestamp.from(finishedAt), Timestamp.from(finishedAt),
                fluxId);
        return id;
    }

    private ObjectNode body(String contactEmail) {
        ObjectNode body = Api.fluxBody();
        ((ObjectNode) body.get("contact")).put("email", contactEmail);
        return body;
    }

    /**
     * Waits for the one mail of an event at an address, by its Message-ID ({@code <event[.more]@naturaflux>}: a
     * suspension's event id also names its moment); fails if there are two.
     */
    private Mail awaitOne(String address, String event) {
        List<Mail> found = Api.await("the mail " + event + " to " + address, MAIL_WAIT,
                () -> box.messages(address).stream().filter(m -> m.messageId().equals("<" + event + "@naturaflux>")
                        || m.messageId().startsWith("<" + event + ".") && m.messageId().endsWith("@naturaflux>")).toList(),
                mails -> !mails.isEmpty());
        assertThat(found).as("mails of " + event + " to " + address).hasSize(1);
        return found.get(0);
    }

    /** The mail's text as sent (quoted-printable undone, soft line breaks joined). */
    private static String decoded(Mail mail) {
        return MimeText.body(mail.mime());
    }
}
