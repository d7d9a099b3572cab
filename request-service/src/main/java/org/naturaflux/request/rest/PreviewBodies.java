package org.naturaflux.request.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.request.service.FluxPreviews.Feature;
import org.naturaflux.request.service.FluxPreviews.FluxPreview;

/** The body of a preview map: a GeoJSON FeatureCollection with the preview's bounds. */
final class PreviewBodies {

    private PreviewBodies() {
    }

    /** A preview map. */
    @Schema(description = "A sample of what the flux's files would hold now, as a GeoJSON FeatureCollection (RFC 7946, "
            + "EPSG:4326 longitude/latitude): each feature one record with the geometry its files would hold (the "
            + "record's own when PRECISE; the commune, grid cell or département the export degrades it to, or its "
            + "centroid when the flux asks for centroids), coordinates rounded to at most 6 decimals and never more "
            + "than the flux's coordinatePrecision; an area of many vertices may be simplified (a subset of its "
            + "vertices). Withheld records never appear.")
    @JsonPropertyOrder({"type", "features", "sampled", "limit", "spread", "computedAt"})
    record PreviewView(
            @Schema(description = "Always FeatureCollection", enumeration = "FeatureCollection") String type,
            @Schema(description = "The sampled records") List<FeatureView> features,
            @Schema(description = "The number of features") int sampled,
            @Schema(description = "The most records a preview shows (naturaflux.preview.max-records)") int limit,
            @Schema(description = "Whether the sample was drawn across every record the flux selects (by a hash of their "
                    + "id); false when that took too long and the first records read were taken") boolean spread,
            @Schema(description = "The time of the source snapshot read") Instant computedAt) {

        static PreviewView of(FluxPreview preview) {
            List<FeatureView> features = preview.features().stream().map(FeatureView::of).toList();
            return new PreviewView("FeatureCollection", features, features.size(), preview.limit(), preview.spread(),
                    preview.computedAt());
        }
    }

    /** One record. */
    @Schema(description = "One record as the flux's files would hold it")
    @JsonPropertyOrder({"type", "geometry", "properties"})
    record FeatureView(
            @Schema(description = "Always Feature", enumeration = "Feature") String type,
            @Schema(type = SchemaType.OBJECT, description = "GeoJSON geometry (WGS84) as the files would hold it")
            Map<String, Object> geometry,
            @Schema(description = "The record's values") Properties properties) {

        static FeatureView of(Feature feature) {
            return new FeatureView("Feature", feature.geometry(), new Properties(feature.id(), feature.level(),
                    feature.label(), feature.nomValide(), feature.dateDebut()));
        }
    }

    /** A record's values, named as in the files. */
    @Schema(description = "The record's values, named as the files' columns")
    @JsonPropertyOrder({"id_synthese", "niveau", "niveau_libelle", "nom_valide", "date_debut"})
    record Properties(
            @JsonProperty("id_synthese") @Schema(description = "The record's id_synthese") long idSynthese,
            @JsonProperty("niveau") @Schema(description = "The level it leaves at: PRECISE, COMMUNE, GRID or DEPARTEMENT")
            DiffusionLevel niveau,
            @JsonProperty("niveau_libelle") @Schema(description = "The level as niveau_sensibilite writes it (French)")
            String niveauLibelle,
            @JsonProperty("nom_valide") @Schema(description = "The taxon's valid name", nullable = true) String nomValide,
            @JsonProperty("date_debut") @Schema(description = "The observation's first day as the files write it (coarsened "
                    + "when the flux coarsens degraded dates)", nullable = true) LocalDate dateDebut) {
    }
}
