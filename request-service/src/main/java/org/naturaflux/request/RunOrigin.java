package org.naturaflux.request;

/** Why a run exists. */
public enum RunOrigin {
    /** The scheduler, for one period of the flux's periodicity. */
    SCHEDULED,
    /** "Run now", by an admin or the flux's owner. */
    MANUAL,
    /** A change of the source that the flux opted in to follow (change-driven re-export). */
    CHANGE
}
