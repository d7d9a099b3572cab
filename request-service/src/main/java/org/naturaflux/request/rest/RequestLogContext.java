package org.naturaflux.request.rest;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.naturaflux.request.logging.LogContext;
import org.naturaflux.request.security.Caller;
import org.naturaflux.request.security.CurrentCaller;

/**
 * Puts what an authenticated API request is about in the log context ({@link LogContext}): the flux of
 * {@code /fluxes/{id}/...}, the run of {@code /runs/{runId}/...}, and the partner (the calling partner,
 * or the one of {@code /partners/{id}/...} for the admin). The whole request, its reactive pipeline
 * included, then logs with them.
 */
public class RequestLogContext {

    private final CurrentCaller caller;

    RequestLogContext(CurrentCaller caller) {
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 1)
    public void aboutWhat(UriInfo uri, ResourceInfo resource) {
        Class<?> target = resource == null ? null : resource.getResourceClass();
        UUID partnerId = caller.find().filter(c -> !c.admin()).map(Caller::partnerId).orElse(null);
        if (target == PartnerResource.class && partnerId == null) {
            partnerId = Ids.parseOrNull(uri.getPathParameters().getFirst("id"));
        }
        UUID fluxId = target == FluxResource.class ? Ids.parseOrNull(uri.getPathParameters().getFirst("id")) : null;
        UUID runId = target == RunResource.class ? Ids.parseOrNull(uri.getPathParameters().getFirst("runId")) : null;
        if (fluxId != null || runId != null || partnerId != null) {
            LogContext.run(fluxId, runId, partnerId, 0, null);
        }
    }
}
