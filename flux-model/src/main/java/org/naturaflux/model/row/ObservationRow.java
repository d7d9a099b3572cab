package org.naturaflux.model.row;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One observation on its way to the files: read from the source, then degraded, then written.
 *
 * <p>{@code values} is aligned with the export's field list (the flux's resolved fields, in catalogue
 * order). Each value has the Java type of its field's {@link org.naturaflux.model.field.FieldType}:
 * TEXT and JSON {@code String}, INTEGER {@code Long}, DECIMAL {@code Double}, DATE
 * {@code java.time.LocalDate}, TIMESTAMP {@code java.time.LocalDateTime}, BOOLEAN {@code Boolean},
 * UUID {@code java.util.UUID}, GEOMETRY a JTS {@code Geometry} in EPSG:4326; any value may be null.
 * The array is owned by the row: stages that change values build a new row.
 *
 * @param id              {@code id_synthese}, the record's identity (also the GeoJSON feature id)
 * @param sensitivityCode SENSIBILITE {@code cd_nomenclature} of the record, or null
 * @param diffusionCode   NIV_PRECIS {@code cd_nomenclature} of the record, or null
 * @param localGeometry   the geometry in the platform's local projection (EPSG:2154), the one
 *                        degradation is computed in; null once the row is degraded
 * @param geometry        the geometry in EPSG:4326 (longitude, latitude): the feature geometry of
 *                        spatial formats, whether or not the WKT field is selected
 * @param values          the field values
 * @param datasetId       {@code id_dataset}, the GeoNature dataset the record belongs to (what the run's
 *                        attribution counts, whether or not a field shows it); null when unknown
 * @param cdNom           {@code cd_nom}, the TAXREF name the record was observed as (what the run's statuses
 *                        companion collects for the taxa it writes, whether or not a field shows it); null
 *                        when unknown
 */
public record ObservationRow(long id, String sensitivityCode, String diffusionCode, Geometry localGeometry,
                             Geometry geometry, Object[] values, Integer datasetId, Integer cdNom) {
    public ObservationRow {
        Objects.requireNonNull(values, "values");
    }

    /** A record whose taxon is not known. */
    public ObservationRow(long id, String sensitivityCode, String diffusionCode, Geometry localGeometry,
                          Geometry geometry, Object[] values, Integer datasetId) {
        this(id, sensitivityCode, diffusionCode, localGeometry, geometry, values, datasetId, null);
    }

    /** A record whose dataset and taxon are not known. */
    public ObservationRow(long id, String sensitivityCode, String diffusionCode, Geometry localGeometry,
                          Geometry geometry, Object[] values) {
        this(id, sensitivityCode, diffusionCode, localGeometry, geometry, values, null, null);
    }

    /** The same record with other geometries and values (a degraded copy), of the same dataset and taxon. */
    public ObservationRow with(Geometry newLocalGeometry, Geometry newGeometry, Object[] newValues) {
        return new ObservationRow(id, sensitivityCode, diffusionCode, newLocalGeometry, newGeometry, newValues, datasetId,
                cdNom);
    }
}
