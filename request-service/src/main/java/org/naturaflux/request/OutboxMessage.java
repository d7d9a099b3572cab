package org.naturaflux.request;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A Kafka record to publish, written in the same transaction as the change it announces; the relay
 * sends pending ones in id order and marks them sent once the broker acknowledged them, or rejected
 * when the broker refuses them for good.
 */
@Entity
@Table(name = "outbox")
public class OutboxMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String topic;
    @Column(name = "message_key")
    private String key;
    private byte[] payload;
    @Column(name = "run_id")
    private UUID runId;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "sent_at")
    private Instant sentAt;
    private int failures;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "rejected_at")
    private Instant rejectedAt;

    protected OutboxMessage() {
    }

    public OutboxMessage(String topic, String key, byte[] payload, UUID runId, Instant createdAt) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.key = Objects.requireNonNull(key, "key");
        this.payload = payload.clone();
        this.runId = runId;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public Long id() {
        return id;
    }

    public String topic() {
        return topic;
    }

    public String key() {
        return key;
    }

    public byte[] payload() {
        return payload.clone();
    }

    /** The run whose command this is, or null. */
    public UUID runId() {
        return runId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public int failures() {
        return failures;
    }

    public String lastError() {
        return lastError;
    }

    public void sent(Instant at) {
        this.sentAt = at;
    }

    public void sendFailed(String error) {
        this.failures++;
        this.lastError = error;
    }

    /** When the broker refused it for good (it is no longer sent), or null. */
    public Instant rejectedAt() {
        return rejectedAt;
    }

    /** The broker refuses it for good (too large, invalid topic): set aside, never sent again. */
    public void rejected(String error, Instant at) {
        this.failures++;
        this.lastError = error;
        this.rejectedAt = at;
    }
}
