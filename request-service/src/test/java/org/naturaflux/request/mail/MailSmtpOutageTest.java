package org.naturaflux.request.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.Api;
import org.naturaflux.request.MailBox;
import org.naturaflux.request.ServiceDatabase;

/**
 * The SMTP server down, then up: the mails written meanwhile wait in the outbox with their failures
 * recorded, and arrive once it is up; none is lost, none doubled. The service's SMTP server is one of the
 * test's own ({@link PrivateGreenMail}), not started until the test says so.
 */
@QuarkusTest
@WithTestResource(MailSmtpOutageTest.Resource.class)
class MailSmtpOutageTest {

    static final PrivateGreenMail SMTP = new PrivateGreenMail();

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;

    @AfterAll
    static void stopSmtp() {
        SMTP.close();
    }

    @Test
    void mailsWrittenWhileTheServerIsDownArriveOnceItIsUp() {
        Api.Partner partner = Api.newPartner(admin, "Observatoire régional");
        String contact = MailBox.uniqueAddress("outage");
        ObjectNode body = Api.fluxBody();
        ((ObjectNode) body.get("contact")).put("email", contact);
        UUID first = Api.createFlux(partner.token(), body);
        UUID second = Api.createFlux(partner.token(), body);
        as(admin).post("/api/v1/fluxes/" + first + "/approve").then().statusCode(200);
        as(admin).post("/api/v1/fluxes/" + second + "/reject").then().statusCode(200);

        // the relay tried, failed, recorded why, and keeps them pending
        Api.await("failed attempts recorded", Duration.ofSeconds(30),
                () -> ServiceDatabase.query("SELECT attempts, last_error, sent_at FROM mail_outbox WHERE flux_id IN (?, ?)",
                        first, second),
                rows -> rows.size() == 2 && rows.stream().allMatch(r -> ((Number) r[0]).intValue() >= 1 && r[1] != null
                        && r[2] == null));

        SMTP.start();
        MailBox box = SMTP.box();
        List<MailBox.Mail> mails = Api.await("both mails delivered", Duration.ofSeconds(30), () -> box.messages(contact),
                list -> list.size() >= 2);
        assertThat(mails).extracting(MailBox.Mail::messageId)
                .containsExactlyInAnyOrder("<flux-approved." + first + "@naturaflux>", "<flux-rejected." + second + "@naturaflux>");
        Api.await("both marked sent", Duration.ofSeconds(10),
                () -> ServiceDatabase.value("SELECT count(*) FROM mail_outbox WHERE flux_id IN (?, ?) AND sent_at IS NOT NULL"
                        + " AND last_error IS NULL", first, second), count -> Long.valueOf(2).equals(count));
    }

    /** The stack, and an SMTP server that is not there yet. */
    public static class Resource extends MailStackResource {

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            config.put("naturaflux.mail.smtp-host", "127.0.0.1");
            config.put("quarkus.mailer.host", "127.0.0.1");
            config.put("quarkus.mailer.port", Integer.toString(SMTP.smtpPort()));
            config.put("naturaflux.mail.send-timeout", "PT5S");
            return config;
        }
    }
}
