package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The e-mails ({@code naturaflux.mail.*}); the SMTP connection itself is Quarkus Mailer's
 * ({@code quarkus.mailer.*}, from the {@code NATURAFLUX_SMTP_*} variables).
 */
@ConfigMapping(prefix = "naturaflux.mail")
public interface MailConfig {

    /**
     * The SMTP server's host ({@code NATURAFLUX_SMTP_HOST}). Without one no mail is sent: mails are still
     * written and wait, pending, for a server to be configured (the relay says so in the log).
     */
    Optional<String> smtpHost();

    /** The platform's staff, in copy of every mail; none: the flux's contact only. */
    Optional<List<String>> staff();

    /** The address the API (or the portal) is reached at, for the links in the mails. */
    @WithDefault("http://127.0.0.1:8080")
    String portalUrl();

    /** How often the relay looks for mails to send (read by the scheduled job through its property). */
    @WithDefault("5s")
    String interval();

    /** The most mails one relay pass sends. */
    @WithDefault("50")
    int batchSize();

    /** How long one mail's sending may take before it counts as failed. */
    @WithDefault("PT30S")
    Duration sendTimeout();

    /** The wait after a first failed attempt; doubled at each further failure, up to {@link #maxBackoff()}. */
    @WithDefault("PT30S")
    Duration minBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("PT1H")
    Duration maxBackoff();

    /** How long sent mails are kept (for diagnosis) before being deleted. */
    @WithDefault("P30D")
    Duration keepSent();

    /** How long before its files are erased a flux's contact is told (the run's {@code eraseAfter}). */
    @WithDefault("P7D")
    Duration erasureNotice();

    /** How often the erasure notices are looked for (read by the scheduled job through its property). */
    @WithDefault("1h")
    String erasureCheckInterval();
}
