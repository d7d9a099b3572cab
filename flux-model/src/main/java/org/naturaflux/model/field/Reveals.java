package org.naturaflux.model.field;

/**
 * What a field can reveal about a record's location (or link it back to its precise version).
 * sensitivity-lib scrubs a degraded record's fields according to these declarations, so a new field
 * is safe as soon as it declares what it reveals.
 */
public enum Reveals {
    /** The record's geometry: replaced by the diffusion area's geometry. */
    GEOMETRY,
    /** A coordinate of the geometry's centroid: replaced by the diffusion area's centroid. */
    CENTROID,
    /** Names of the communes the geometry touches: recomputed from the output geometry, or emptied. */
    COMMUNES,
    /** A place name: removed. */
    PLACE_NAME,
    /** Altitude or depth: removed. */
    ELEVATION,
    /** Free text written by a person, which may name a place: removed. */
    FREE_TEXT,
    /** Producer's additional data (JSON), which may hold coordinates: removed. */
    ADDITIONAL_DATA,
    /** A URL to a digital proof (photos carry GPS tags): removed. */
    PROOF_URL,
    /** An identifier that links the record to precise records elsewhere: removed. */
    LINKING_ID,
    /** The geographic precision in metres: raised to at least the diffusion area's size. */
    PRECISION,
    /** A date: coarsened to the month or year when the platform's option asks for it. */
    DATE,
    /** A time of day: removed when dates are coarsened. */
    TIME,
    /** The sensitivity label: replaced by the label of the level actually applied. */
    SENSITIVITY,
    /** The codes of the diffusion areas used: filled by sensitivity-lib. */
    AREA_CODES
}
