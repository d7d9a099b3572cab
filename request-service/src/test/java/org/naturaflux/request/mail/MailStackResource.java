package org.naturaflux.request.mail;

import java.util.Map;
import org.naturaflux.request.MailBox;
import org.naturaflux.request.StackResource;

/**
 * {@link StackResource} with e-mails on: the local stack's SMTP server, a staff address of the class's
 * own (mailboxes outlive test runs), a fast relay and erasure-notice pass. The staff address is the
 * test-only property {@value #STAFF}.
 */
public class MailStackResource extends StackResource {

    public static final String STAFF = "naturaflux.test.staff";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(super.start());
        String staff = MailBox.uniqueAddress("staff");
        config.put(STAFF, staff);
        config.put("naturaflux.mail.staff", staff);
        config.put("naturaflux.mail.smtp-host", MailBox.stackSmtpHost());
        config.put("quarkus.mailer.host", MailBox.stackSmtpHost());
        config.put("quarkus.mailer.port", MailBox.stackSmtpPort());
        config.put("quarkus.mailer.from", "NaturaFlux <noreply@naturaflux.test>");
        config.put("naturaflux.mail.portal-url", "https://naturaflux.example.org");
        config.put("naturaflux.mail.interval", "PT0.3S");
        config.put("naturaflux.mail.min-backoff", "PT1S");
        config.put("naturaflux.mail.max-backoff", "PT2S");
        config.put("naturaflux.mail.erasure-check-interval", "1s");
        return config;
    }
}
