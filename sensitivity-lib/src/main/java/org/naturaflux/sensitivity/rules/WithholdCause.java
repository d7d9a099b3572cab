package org.naturaflux.sensitivity.rules;

/**
 * Why a record was withheld (not exported, only counted). The constant names are the keys of
 * {@link org.naturaflux.model.message.RunCounts#withheldByCause()}.
 */
public enum WithholdCause {
    /** The sensitivity (SENSIBILITE 4) or the producer (NIV_PRECIS 4) forbids any diffusion. */
    SENSITIVITY,
    /** The record has no sensitivity (NULL) and the platform's policy for that withholds it (the default). */
    UNKNOWN_SENSITIVITY,
    /** A SENSIBILITE or NIV_PRECIS code the rules do not know: never guessed, always withheld. */
    UNKNOWN_CODE,
    /**
     * No area of the record's level type covers its geometry (it lies outside every loaded area, partly
     * or wholly, or has no geometry), so it cannot be degraded and is never exported precise instead.
     */
    NO_AREA
}
