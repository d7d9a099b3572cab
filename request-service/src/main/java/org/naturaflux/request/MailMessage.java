package org.naturaflux.request;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * An e-mail to send, written in the same transaction as the event it tells of (the mail outbox); the
 * mail relay sends pending ones and marks them sent, or records the failure and the next attempt.
 * Inserted through {@code MailRepository#enqueue} only (once per event id), so no public constructor.
 */
@Entity
@Table(name = "mail_outbox")
public class MailMessage {

    @Id
    private Long id;
    @Column(name = "event_id")
    private String eventId;
    @Enumerated(EnumType.STRING)
    private MailKind kind;
    @Column(name = "flux_id")
    private UUID fluxId;
    @Column(name = "to_addresses")
    private String toAddresses;
    @Column(name = "cc_addresses")
    private String ccAddresses;
    private String subject;
    private String body;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    private int attempts;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "sent_at")
    private Instant sentAt;

    protected MailMessage() {
    }

    public Long id() {
        return id;
    }

    /** What happened, once; the Message-ID derives from it, so that a resend is recognisable. */
    public String eventId() {
        return eventId;
    }

    public MailKind kind() {
        return kind;
    }

    public UUID fluxId() {
        return fluxId;
    }

    public List<String> to() {
        return split(toAddresses);
    }

    public List<String> cc() {
        return split(ccAddresses);
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }

    public Instant sentAt() {
        return sentAt;
    }

    /** Taken by a relay until {@code until}: another pass (or replica) tries it only after that. */
    public void claimed(Instant until) {
        this.nextAttemptAt = until;
    }

    private static List<String> split(String addresses) {
        return addresses == null || addresses.isBlank() ? List.of()
                : Arrays.stream(addresses.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList();
    }
}
