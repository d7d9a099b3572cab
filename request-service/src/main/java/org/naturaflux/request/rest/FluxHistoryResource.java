package org.naturaflux.request.rest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.naturaflux.request.FluxEvent;
import org.naturaflux.request.FluxStatus;
import org.naturaflux.request.security.CurrentCaller;
import org.naturaflux.request.service.FluxHistory;
import org.naturaflux.request.service.FluxService;

/** A flux's history: its submission, the staff's decisions, changes, its revocation. */
@Path("/api/v1/fluxes/{id}/history")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fluxes", description = "Flux requests, their life cycle and their runs")
public class FluxHistoryResource {

    private final FluxService fluxes;
    private final FluxHistory history;
    private final CurrentCaller caller;

    FluxHistoryResource(FluxService fluxes, FluxHistory history, CurrentCaller caller) {
        this.fluxes = fluxes;
        this.history = history;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "getFluxHistory", summary = "A flux's history, oldest first", description = "Each step of its "
            + "life cycle: SUBMITTED, APPROVED, REJECTED, SUSPENDED, RESUMED, REVOKED, CHANGED (the request edited by the "
            + "staff), with the status after it, the reason given, whether the staff did it and the person's login name "
            + "when a person did it in a portal session. Its runs are GET /api/v1/fluxes/{id}/runs. For its owner or the "
            + "admin (404 otherwise). Fluxes submitted before the history existed start with their submission and the "
            + "decision that gave them their status then.")
    @APIResponse(responseCode = "200", description = "The flux's history", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = FluxEventView.class)))
    public Uni<List<FluxEventView>> history(@PathParam("id") String id) {
        return fluxes.get(caller.get(), Ids.parse(id, "flux"))
                .flatMap(flux -> history.of(flux.id()))
                .map(events -> events.stream().map(FluxEventView::of).toList());
    }

    /** One step of a flux's history. */
    @Schema(description = "One step of a flux's history")
    public record FluxEventView(
            @Schema(description = "SUBMITTED, APPROVED, REJECTED, SUSPENDED, RESUMED, REVOKED or CHANGED") FluxEvent.Kind kind,
            @Schema(description = "The flux's status after it") FluxStatus status,
            @Schema(description = "The reason given (reject, suspend, revoke)", nullable = true) String reason,
            @Schema(description = "Whether the platform's staff did it (else the partner)") boolean byAdmin,
            @Schema(description = "The login name of the person who did it in a portal session (null: an API token, or "
                    + "the staff's decision)", nullable = true) String person,
            @Schema(description = "When") Instant at,
            @Schema(description = "The step's id") UUID id) {

        static FluxEventView of(FluxEvent event) {
            return new FluxEventView(event.kind(), event.status(), event.reason(), event.byAdmin(), event.person(), event.at(),
                    event.id());
        }
    }
}
