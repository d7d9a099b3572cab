package org.naturaflux.request.rest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.naturaflux.request.config.HttpConfig;

/**
 * Refuses API requests whose declared body exceeds {@code naturaflux.http.max-body-bytes} with a JSON 413,
 * before anything reads the body.
 */
@ApplicationScoped
public class BodyLimit {

    void install(@Observes Router router, HttpConfig config) {
        long limit = config.maxBodyBytes();
        String body = Json.encode(new ErrorBody(413, "request body too large: at most " + limit
                + " bytes", List.of()));
        router.route("/api/*").order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLong(length, limit)) {
                context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body);
            } else {
                context.next();
            }
        });
    }

    private static boolean tooLong(String length, long limit) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
