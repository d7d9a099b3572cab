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

/** One signed download URL issued: who asked, for which run and file, when, until when. */
@Entity
@Table(name = "download_audit")
public class DownloadRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "run_id")
    private UUID runId;
    @Column(name = "flux_id")
    private UUID fluxId;
    private String format;
    @Column(name = "object_key")
    private String objectKey;
    @Column(name = "caller_kind")
    private String callerKind;
    @Column(name = "partner_id")
    private UUID partnerId;
    @Column(name = "token_id")
    private UUID tokenId;
    @Column(name = "person_subject")
    private String personSubject;
    @Column(name = "person_username")
    private String personUsername;
    @Column(name = "client_ip")
    private String clientIp;
    @Column(name = "issued_at")
    private Instant issuedAt;
    @Column(name = "expires_at")
    private Instant expiresAt;

    protected DownloadRecord() {
    }

    /**
     * @param callerKind {@code ADMIN} or {@code PARTNER}
     * @param partnerId  the calling partner, null for an admin
     * @param tokenId    the calling partner's token, null for an admin and for a person
     * @param personSubject  the person's OpenID Connect subject (portal session), null for a token
     * @param personUsername the person's login name then, null for a token
     */
    public DownloadRecord(UUID runId, UUID fluxId, String format, String objectKey, String callerKind,
                          UUID partnerId, UUID tokenId, String personSubject, String personUsername, String clientIp,
                          Instant issuedAt, Instant expiresAt) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.fluxId = Objects.requireNonNull(fluxId, "fluxId");
        this.format = Objects.requireNonNull(format, "format");
        this.objectKey = Objects.requireNonNull(objectKey, "objectKey");
        this.callerKind = Objects.requireNonNull(callerKind, "callerKind");
        this.partnerId = partnerId;
        this.tokenId = tokenId;
        this.personSubject = personSubject;
        this.personUsername = personUsername;
        this.clientIp = clientIp;
        this.issuedAt = Objects.requireNonNull(issuedAt, "issuedAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public Long id() {
        return id;
    }

    public UUID runId() {
        return runId;
    }

    public String format() {
        return format;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
