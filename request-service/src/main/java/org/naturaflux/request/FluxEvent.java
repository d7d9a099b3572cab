package org.naturaflux.request;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One step of a flux's history: its submission, a decision of the staff, a change, its revocation. */
@Entity
@Table(name = "flux_event")
public class FluxEvent {

    /** What happened. */
    public enum Kind {
        SUBMITTED, APPROVED, REJECTED, SUSPENDED, RESUMED, REVOKED, CHANGED
    }

    @Id
    private UUID id;
    @Column(name = "flux_id")
    private UUID fluxId;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    @Enumerated(EnumType.STRING)
    private FluxStatus status;
    private String reason;
    @Column(name = "by_admin")
    private boolean byAdmin;
    private String person;
    private Instant at;

    protected FluxEvent() {
    }

    /**
     * @param status  the flux's status after the event
     * @param reason  the reason given (reject, suspend, revoke), or null
     * @param byAdmin whether the platform's staff did it
     * @param person  the login name of the person who did it in a portal session, or null
     */
    public FluxEvent(UUID fluxId, Kind kind, FluxStatus status, String reason, boolean byAdmin, String person, Instant at) {
        this.id = UUID.randomUUID();
        this.fluxId = Objects.requireNonNull(fluxId, "fluxId");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = Objects.requireNonNull(status, "status");
        this.reason = reason;
        this.byAdmin = byAdmin;
        this.person = person;
        this.at = Objects.requireNonNull(at, "at");
    }

    public UUID id() {
        return id;
    }

    public UUID fluxId() {
        return fluxId;
    }

    public Kind kind() {
        return kind;
    }

    public FluxStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public boolean byAdmin() {
        return byAdmin;
    }

    public String person() {
        return person;
    }

    public Instant at() {
        return at;
    }
}
