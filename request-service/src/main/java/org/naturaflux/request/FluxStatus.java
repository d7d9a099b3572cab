package org.naturaflux.request;

/** The life cycle of a flux. */
public enum FluxStatus {
    /** Submitted, waiting for an admin (and possibly for a territory shape). */
    REQUESTED,
    /** Approved: scheduled and runnable. */
    ACTIVE,
    /** Paused by an admin; resumable. */
    SUSPENDED,
    /** Refused by an admin. */
    REJECTED,
    /** Ended by its owner or an admin. */
    REVOKED
}
