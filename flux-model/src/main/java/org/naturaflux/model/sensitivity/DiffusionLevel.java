package org.naturaflux.model.sensitivity;

/**
 * How precisely a record may leave the platform, from the most precise to withheld. The order of the
 * constants is the order of coarseness: the effective level of a record is the coarsest of those its
 * sensitivity and its producer's restriction allow.
 */
public enum DiffusionLevel {
    /** Unchanged, full precision. */
    PRECISE,
    /** Degraded to the commune(s). */
    COMMUNE,
    /** Degraded to the grid cell(s) (INPN 10 km by default). */
    GRID,
    /** Degraded to the département(s). */
    DEPARTEMENT,
    /** Never exported; only counted. */
    WITHHELD;

    /** The coarser of this level and {@code other}. */
    public DiffusionLevel coarsest(DiffusionLevel other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** Whether the record's location is replaced by an area. */
    public boolean isDegraded() {
        return this != PRECISE && this != WITHHELD;
    }
}
