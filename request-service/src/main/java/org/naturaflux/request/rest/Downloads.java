package org.naturaflux.request.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.naturaflux.request.rest.RunBodies.DownloadLink;
import org.naturaflux.request.service.DownloadService.SignedUrl;

/** How a signed URL is answered: a redirect, or JSON for clients that ask for it. */
final class Downloads {

    private Downloads() {
    }

    static Response answer(SignedUrl url, HttpHeaders headers) {
        boolean json = headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> !type.isWildcardType() && type.isCompatible(MediaType.APPLICATION_JSON_TYPE));
        if (json) {
            return Response.ok(new DownloadLink(url.url(), url.expiresAt()), MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.status(Response.Status.FOUND).location(URI.create(url.url())).build();
    }

    static String clientIp(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
