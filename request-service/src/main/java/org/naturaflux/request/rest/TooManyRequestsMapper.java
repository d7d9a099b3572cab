package org.naturaflux.request.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.naturaflux.request.service.TooManyRequests;

/** A reached limit as a JSON 429 with its {@code Retry-After} (more specific than the ApiException mapper). */
public class TooManyRequestsMapper {

    @ServerExceptionMapper
    public Response tooMany(TooManyRequests e) {
        return answer(e);
    }

    /** Also for the authentication filter, which answers before any resource. */
    public static Response answer(TooManyRequests e) {
        return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .entity(new ErrorBody(429, e.getMessage(), List.of())).build();
    }
}
