package org.naturaflux.request.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.naturaflux.request.MailKind;
import org.naturaflux.request.MailMessage;

@ApplicationScoped
public class MailRepository implements PanacheRepositoryBase<MailMessage, Long> {

    /**
     * Writes a mail to send in the current transaction, unless one was already written for the same event:
     * true when written. A repeated event (a redelivered worker event, a retried pass) is harmless.
     */
    public Uni<Boolean> enqueue(String eventId, MailKind kind, UUID fluxId, List<String> to, List<String> cc,
                                String subject, String body, Instant at) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "INSERT INTO mail_outbox (event_id, kind, flux_id, to_addresses, cc_addresses, subject, body,"
                                + " created_at, next_attempt_at) VALUES (:event, :kind, :flux, :to, :cc, :subject, :body, :at, :at)"
                                + " ON CONFLICT (event_id) DO NOTHING")
                .setParameter("event", eventId)
                .setParameter("kind", kind.name())
                .setParameter("flux", fluxId)
                .setParameter("to", String.join(",", to))
                .setParameter("cc", String.join(",", cc))
                .setParameter("subject", subject)
                .setParameter("body", body)
                .setParameter("at", at)
                .executeUpdate()).map(rows -> rows > 0);
    }

    /**
     * Unsent mails whose next attempt is due, in creation order, row-locked until the transaction ends;
     * rows another replica's relay holds are skipped.
     */
    public Uni<List<MailMessage>> lockDue(Instant now, int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT * FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= :now ORDER BY id LIMIT :limit"
                                + " FOR UPDATE SKIP LOCKED", MailMessage.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** The number of mails not sent yet. */
    public Uni<Long> countPending() {
        return count("sentAt IS NULL");
    }

    /** Deletes mails sent before {@code cutoff}; the number deleted. */
    public Uni<Long> deleteSentBefore(Instant cutoff) {
        return delete("sentAt IS NOT NULL AND sentAt < ?1", cutoff);
    }
}
