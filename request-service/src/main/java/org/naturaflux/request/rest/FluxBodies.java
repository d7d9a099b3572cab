package org.naturaflux.request.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.naturaflux.model.message.MessageCodec;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.request.Flux;
import org.naturaflux.request.FluxStatus;
import org.naturaflux.request.TermsAcceptance;
import org.naturaflux.request.security.Caller;
import org.naturaflux.request.service.FluxRequestBody;
import org.naturaflux.request.service.FluxService;
import org.naturaflux.request.service.Notifications;
import org.naturaflux.request.service.SpecJson;

/** The wire model of fluxes. */
public final class FluxBodies {

    private FluxBodies() {
    }

    /** 201 of {@code POST /api/v1/fluxes}. */
    public record FluxCreated(UUID id, FluxStatus status, Long estimatedCount) {
    }

    /** The body of reject and suspend (optional). */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Reason(String reason) {
    }

    /**
     * A flux as the API shows it: its request members as stored (a GeoJSON territory comes back as
     * {@code {wkt}}), its status and schedule, and the fields and record filters the export will apply
 * (resolved: the defaults shown). The admin also
     * sees what a background pass last failed to do with it ({@code lastError}, {@code lastErrorAt}):
     * internal text, never shown to partners. {@code termsAccepted}: the terms accepted with the request.
     */
    public record FluxView(UUID id, UUID partnerId, FluxStatus status, String statusReason,
                           @Schema(implementation = String.class) JsonNode structure,
                           @Schema(implementation = FluxRequestBody.ContactBody.class) JsonNode contact,
                           @Schema(type = SchemaType.ARRAY, implementation = FluxRequestBody.StudyBody.class) JsonNode studies,
                           @Schema(implementation = FluxRequestBody.TerritoryBody.class) JsonNode territory,
                           @Schema(implementation = FluxRequestBody.TaxaBody.class) JsonNode taxa,
                           @Schema(implementation = String.class) JsonNode periodicity,
                           @Schema(type = SchemaType.ARRAY, implementation = String.class) JsonNode fields,
                           List<String> resolvedFields,
                           @Schema(type = SchemaType.ARRAY, implementation = String.class) JsonNode formats,
                           @Schema(implementation = FluxRequestBody.OptionsBody.class) JsonNode options,
                           @Schema(implementation = FluxRequestBody.FiltersBody.class, description = "Les filtres appliqués"
                                   + " aux observations, valeurs par défaut comprises (les présences seulement si rien"
                                   + " n'est demandé).") JsonNode filters,
                           boolean notifications, Long estimatedCount, int definitionVersion, Instant nextRunAt, Instant createdAt,
                           Instant updatedAt, String lastError, Instant lastErrorAt,
                           TermsView termsAccepted) {

        /** The admin's view. */
        static FluxView of(Flux flux) {
            return of(flux, true);
        }

        static FluxView of(Flux flux, Caller caller) {
            return of(flux, caller.admin());
        }

        private static FluxView of(Flux flux, boolean admin) {
            ObjectNode request = FluxService.readRequest(flux);
            FluxSpec spec = SpecJson.read(flux.specJson());
            return new FluxView(flux.id(), flux.partnerId(), flux.status(), flux.statusReason(), request.get("structure"),
                    request.get("contact"), request.get("studies"), request.get("territory"), request.get("taxa"),
                    request.get("periodicity"), request.get("fields"), spec.fields(),
                    request.get("formats"), request.get("options"), MessageCodec.mapper().valueToTree(spec.filters()),
                    Notifications.wantsMail(flux), flux.estimatedCount(), flux.definitionVersion(),
                    flux.nextRunAt(), flux.createdAt(), flux.updatedAt(),
                    admin ? flux.lastError() : null, admin ? flux.lastErrorAt() : null, TermsView.of(flux.termsAccepted()));
        }
    }

    /**
     * The redistribution terms accepted with a flux request (null for a flux requested before terms existed).
     *
     * @param version    the terms' version
     * @param acceptedAt when
     * @param byAdmin    whether the platform's admin submitted the request for the partner
     * @param tokenId    the partner's token the request came with (null for the admin)
     * @param person     the login name of the person who accepted them in the portal (null for an API token)
     */
    public record TermsView(String version, Instant acceptedAt, boolean byAdmin, UUID tokenId, String person) {
        static TermsView of(TermsAcceptance acceptance) {
            return acceptance == null ? null : new TermsView(acceptance.version(), acceptance.at(), acceptance.admin(),
                    acceptance.tokenId(), acceptance.person());
        }
    }
}
