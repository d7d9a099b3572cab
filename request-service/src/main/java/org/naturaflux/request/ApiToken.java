package org.naturaflux.request;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A partner's API token, known here only by its SHA-256; revoked tokens are kept for the audit trail. */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    private UUID id;
    @Column(name = "partner_id")
    private UUID partnerId;
    @Column(name = "token_hash")
    private byte[] tokenHash;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiToken() {
    }

    public ApiToken(UUID id, UUID partnerId, byte[] tokenHash, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.partnerId = Objects.requireNonNull(partnerId, "partnerId");
        this.tokenHash = tokenHash.clone();
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public UUID id() {
        return id;
    }

    public UUID partnerId() {
        return partnerId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** When the token was revoked, or null while it is valid. */
    public Instant revokedAt() {
        return revokedAt;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** Revokes the token (idempotent: the first revocation time is kept). */
    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }
}
