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

/**
 * A partner's flux: its request (as given, normalised), the export specification derived from it, its
 * status and its schedule. The request and the specification are JSON documents whose schema belongs
 * to the service layer ({@code FluxRequest}) and to flux-model ({@code FluxSpec}).
 */
@Entity
@Table(name = "flux")
public class Flux {

    @Id
    private UUID id;
    @Column(name = "partner_id")
    private UUID partnerId;
    @Enumerated(EnumType.STRING)
    private FluxStatus status;
    private String request;
    private String spec;
    private String periodicity;
    @Column(name = "estimated_count")
    private Long estimatedCount;
    @Column(name = "status_reason")
    private String statusReason;
    @Column(name = "next_run_at")
    private Instant nextRunAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "last_error_at")
    private Instant lastErrorAt;
    @Column(name = "definition_version")
    private int definitionVersion = 1;
    @Column(name = "terms_version")
    private String termsVersion;
    @Column(name = "terms_accepted_at")
    private Instant termsAcceptedAt;
    @Column(name = "terms_accepted_by_admin")
    private Boolean termsAcceptedByAdmin;
    @Column(name = "terms_accepted_token")
    private UUID termsAcceptedToken;
    @Column(name = "terms_accepted_person")
    private String termsAcceptedPerson;

    protected Flux() {
    }

    /** A new flux, REQUESTED. */
    public Flux(UUID id, UUID partnerId, String requestJson, String specJson, String periodicity,
                Long estimatedCount, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.partnerId = Objects.requireNonNull(partnerId, "partnerId");
        this.status = FluxStatus.REQUESTED;
        this.request = Objects.requireNonNull(requestJson, "requestJson");
        this.spec = Objects.requireNonNull(specJson, "specJson");
        this.periodicity = Objects.requireNonNull(periodicity, "periodicity");
        this.estimatedCount = estimatedCount;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID partnerId() {
        return partnerId;
    }

    public FluxStatus status() {
        return status;
    }

    /** The request JSON (normalised). */
    public String requestJson() {
        return request;
    }

    /** The export specification JSON (flux-model's FluxSpec). */
    public String specJson() {
        return spec;
    }

    /** The ISO-8601 periodicity. */
    public String periodicity() {
        return periodicity;
    }

    public Long estimatedCount() {
        return estimatedCount;
    }

    /** Why an admin rejected or suspended it, or null. */
    public String statusReason() {
        return statusReason;
    }

    /** When the scheduler runs it next (ACTIVE only), or null. */
    public Instant nextRunAt() {
        return nextRunAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** What a background pass last failed to do with this flux (admin's eyes only), or null. */
    public String lastError() {
        return lastError;
    }

    /** When {@link #lastError()} happened, or null. */
    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    /**
     * The version of what the flux exports (territory, taxa, fields, formats, options): 1 at creation,
     * one more at each change. Runs are offered only while they are of the current version.
     */
    /** The terms accepted with the request; null for a flux requested before terms existed. */
    public TermsAcceptance termsAccepted() {
        return termsVersion == null ? null : new TermsAcceptance(termsVersion, termsAcceptedAt,
                Boolean.TRUE.equals(termsAcceptedByAdmin), termsAcceptedToken, termsAcceptedPerson);
    }

    /** Records the terms accepted with the request. */
    public void acceptTerms(TermsAcceptance acceptance) {
        this.termsVersion = acceptance.version();
        this.termsAcceptedAt = acceptance.at();
        this.termsAcceptedByAdmin = acceptance.admin();
        this.termsAcceptedToken = acceptance.tokenId();
        this.termsAcceptedPerson = acceptance.person();
    }

    public int definitionVersion() {
        return definitionVersion;
    }

    /** Replaces the request and what derives from it; a recorded pass failure is cleared (the admin revised it). */
    public void revise(String requestJson, String specJson, String periodicity, Long estimatedCount, Instant at) {
        this.request = Objects.requireNonNull(requestJson, "requestJson");
        this.spec = Objects.requireNonNull(specJson, "specJson");
        this.periodicity = Objects.requireNonNull(periodicity, "periodicity");
        this.estimatedCount = estimatedCount;
        this.updatedAt = at;
        this.lastError = null;
        this.lastErrorAt = null;
    }

    /** Records that a background pass failed on this flux (the pass went on with the others). */
    public void passFailed(String error, Instant at) {
        this.lastError = Objects.requireNonNull(error, "error");
        this.lastErrorAt = Objects.requireNonNull(at, "at");
    }

    /**
     * What the flux exports changed (narrowed, widened or moved): the files of earlier runs are no longer
     * offered, and an ACTIVE flux is due at once so that its partner gets files of the new definition.
     */
    public void redefined(Instant at) {
        this.definitionVersion++;
        if (status == FluxStatus.ACTIVE) {
            this.nextRunAt = at;
        }
        this.updatedAt = at;
    }

    /** Moves to another status; {@code nextRunAt} is kept only for ACTIVE fluxes. */
    public void moveTo(FluxStatus newStatus, String reason, Instant nextRunAt, Instant at) {
        this.status = Objects.requireNonNull(newStatus, "newStatus");
        this.statusReason = reason;
        this.nextRunAt = newStatus == FluxStatus.ACTIVE ? nextRunAt : null;
        this.updatedAt = at;
    }

    /** Sets the next scheduled run (the scheduler advancing the flux). */
    public void scheduleNext(Instant next) {
        this.nextRunAt = next;
    }
}
