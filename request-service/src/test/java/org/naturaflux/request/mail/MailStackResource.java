package org.naturaflux.request.mail;

import java.util.Map;
import org.naturaflux.request.MailBox;
import org.naturaflux.request.StackResource;

/**
 * {@link StackResource} with e-mails on: the local stack's SMTP server, a staff address of the class's
 * own (mailboxes outlive test runs), a fast relay and erasure-notice pass. Tests read the staff address as
 * {@code naturaflux.mail.staff}: a test-only property would be required by every application the suite boots,
 * since Quarkus checks every test class's injection points.
 */
public class MailStackResource extends StackResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(super.start());
        String staff = MailBox.uniqueAddress("staff");
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
