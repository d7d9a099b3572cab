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
    NO_AREA,
    /**
     * The record names no TAXREF taxon ({@code cd_nom} null or absent from {@code taxonomie.taxref}) or no
     * dataset ({@code id_dataset} null or absent from {@code gn_meta.t_datasets}): GeoNature's own export
     * view ({@code v_synthese_for_export}) drops it with inner joins, so the export never returns it; it is
     * counted here so that a manifest still accounts for every record of its territory.
     */
    NO_TAXON_OR_DATASET
}
