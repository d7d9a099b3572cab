package org.naturaflux.request.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.naturaflux.request.MailMessage;
import org.naturaflux.request.config.MailConfig;
import org.naturaflux.request.repository.MailRepository;
import org.naturaflux.request.service.Jobs;

/**
 * Sends the mail outbox through SMTP (Quarkus Mailer). A pass claims the due mails in a short transaction
 * (row-locked with {@code SKIP LOCKED}, their next attempt moved past the send timeout so that no other
 * pass or replica takes them meanwhile), sends them one by one outside any transaction, then records
 * each outcome: sent, or the failure and the next attempt after a backoff doubling from
 * {@code min-backoff} to {@code max-backoff}. One mail's failure never holds the others; a crash after
 * the claim leaves the mails to a later pass. Delivery is at least once: a mail sent again carries the
 * same Message-ID, derived from its event id, so a resend is recognisable.
 *
 * <p>Without an SMTP server ({@code NATURAFLUX_SMTP_HOST} unset) nothing is sent: mails stay pending in
 * the outbox, the log says so once, and they go out once a server is configured.
 */
@ApplicationScoped
public class MailRelay {

    private static final Logger LOG = Logger.getLogger(MailRelay.class);

    private final MailRepository mails;
    private final ReactiveMailer mailer;
    private final MailConfig config;
    private final Clock clock;
    private final Jobs jobs;
    private final boolean configured;
    private volatile boolean unconfiguredLogged;

    MailRelay(MailRepository mails, ReactiveMailer mailer, MailConfig config, Clock clock, Jobs jobs) {
        this.mails = mails;
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
        this.jobs = jobs;
        this.configured = config.smtpHost().filter(h -> !h.isBlank()).isPresent();
    }

    @Scheduled(identity = "mail-relay", every = "${naturaflux.mail.interval}",
            delayed = "${naturaflux.scheduler.initial-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pass() {
        return jobs.pass("mail relay", LOG, this::relay);
    }

    @Scheduled(identity = "mail-cleanup", every = "1h", delayed = "${naturaflux.scheduler.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> cleanup() {
        return jobs.pass("mail cleanup", LOG,
                () -> Panache.withTransaction(() -> mails.deleteSentBefore(clock.instant().minus(config.keepSent()))));
    }

    /** One pass: the number of mails sent. */
    public Uni<Integer> relay() {
        if (!configured) {
            return unconfiguredLogged ? Uni.createFrom().item(0) : Panache.withSession(mails::countPending).map(pending -> {
                if (pending > 0) {
                    unconfiguredLogged = true;
                    LOG.warnf("mail: no SMTP server configured (NATURAFLUX_SMTP_HOST): %d mail(s) stay pending in the"
                            + " outbox until one is", pending);
                }
                return 0;
            });
        }
        Instant now = clock.instant();
        Instant claimedUntil = now.plus(config.sendTimeout().multipliedBy(2));
        // the outcomes are recorded on the pass's own Vert.x context (the database session needs it)
        Context context = Vertx.currentContext();
        return Panache.withTransaction(() -> mails.lockDue(now, config.batchSize())
                        .invoke(due -> due.forEach(mail -> mail.claimed(claimedUntil))))
                .flatMap(due -> Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(this::send)
                        .collect().asList())
                .emitOn(command -> {
                    if (context == null) {
                        command.run();
                    } else {
                        context.runOnContext(v -> command.run());
                    }
                })
                .flatMap(this::record);
    }

    private Uni<Outcome> send(MailMessage message) {
        Mail mail = Mail.withText(message.to().get(0), message.subject(), message.body());
        mail.setTo(message.to());
        mail.setCc(message.cc());
        mail.addHeader("Message-ID", messageId(message.eventId()));
        return mailer.send(mail)
                .ifNoItem().after(config.sendTimeout()).fail()
                .map(v -> new Outcome(message, null))
                .onFailure().recoverWithItem(e -> new Outcome(message, Jobs.describe(e)));
    }

    private Uni<Integer> record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Multi.createFrom().iterable(outcomes).onItem().transformToUniAndConcatenate(o -> {
            if (o.error() == null) {
                return mails.update("sentAt = ?1, attempts = attempts + 1, lastError = null WHERE id = ?2", now,
                        o.message().id());
            }
            Instant retry = now.plus(backoff(o.message().attempts()));
            LOG.warnf("mail %d (%s, flux %s) not sent, attempt %d; next after %s: %s", o.message().id(),
                    o.message().kind(), o.message().fluxId(), o.message().attempts() + 1, retry, o.error());
            return mails.update("attempts = attempts + 1, lastError = ?1, nextAttemptAt = ?2 WHERE id = ?3", o.error(),
                    retry, o.message().id());
        }).collect().asList()).map(v -> (int) outcomes.stream().filter(o -> o.error() == null).count());
    }

    private Duration backoff(int failures) {
        return backoff(failures, config.minBackoff(), config.maxBackoff());
    }

    /** The wait after an attempt that failed with {@code failures} failures before it: min, doubled each time, at most max. */
    static Duration backoff(int failures, Duration min, Duration max) {
        Duration wait = min;
        for (int i = 0; i < failures && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** The Message-ID of an event's mail: the same at every attempt. */
    static String messageId(String eventId) {
        return "<" + eventId.replaceAll("[^A-Za-z0-9.-]", ".") + "@naturaflux>";
    }

    private record Outcome(MailMessage message, String error) {
    }
}
