package org.naturaflux.request.rest;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.naturaflux.request.config.HttpConfig;

/**
 * Refuses API requests whose body exceeds {@code naturaflux.http.max-body-bytes} with a JSON 413, on the
 * bytes actually received: a declared Content-Length above the limit is refused before anything is read;
 * a body sent without one (chunked) is read here, counting, and refused as soon as it passes the limit
 * (what follows is drained, not kept, up to {@value #DRAIN_FACTOR} times the limit; then the connection
 * is closed). A body within the limit is handed to the REST layer as read ({@link #handOver}). Requests
 * with neither (HTTP/2 streams) are left to Quarkus's hard cap, {@code quarkus.http.limits.max-body-size}.
 */
@ApplicationScoped
public class BodyLimit {

    /** Where a body read here waits for the REST layer. */
    static final String BODY = BodyLimit.class.getName() + ".body";
    static final int DRAIN_FACTOR = 4;
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final CurrentVertxRequest current;

    BodyLimit(CurrentVertxRequest current) {
        this.current = current;
    }

    void install(@Observes Router router, HttpConfig config) {
        long limit = config.maxBodyBytes();
        String body = Json.encode(new ErrorBody(413, "request body too large: at most " + limit
                + " bytes", List.of()));
        router.route("/api/*").order(Integer.MIN_VALUE).handler(context -> {
            HttpServerRequest request = context.request();
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                if (tooLong(length, limit)) {
                    refuse(context, body);
                } else {
                    context.next();
                }
            } else if (!WITH_BODY.contains(request.method()) || request.isEnded() || !chunked(request)) {
                // No declared length and no chunked transfer: an HTTP/1.1 request without a body, or an
                // HTTP/2 stream (an h2c upgrade included), bounded by quarkus.http.limits.max-body-size.
                // Reading such a request here would leave the REST layer a request it cannot pause (500).
                context.next();
            } else {
                readCounting(context, limit, body);
            }
        });
    }

    /** Reads a body of unknown length, at most {@code limit} bytes of it kept. */
    private static void readCounting(RoutingContext context, long limit, String refusal) {
        HttpServerRequest request = context.request();
        Buffer received = Buffer.buffer();
        long[] total = {0};
        request.handler(chunk -> {
            total[0] += chunk.length();
            if (total[0] <= limit) {
                received.appendBuffer(chunk);
            } else if (total[0] > DRAIN_FACTOR * limit && !context.response().ended()) {
                refuse(context, refusal);
                request.connection().close();
            }
        });
        request.exceptionHandler(failure -> {
            if (!context.response().ended()) {
                context.fail(400, failure);
            }
        });
        request.endHandler(end -> {
            if (context.response().ended()) {
                return;
            }
            if (total[0] > limit) {
                refuse(context, refusal);
            } else {
                context.put(BODY, received);
                context.next();
            }
        });
        request.resume();
    }

    /** Gives the REST layer the body read by {@link #readCounting}, so that it does not read it again. */
    @ServerRequestFilter(preMatching = true)
    void handOver(ContainerRequestContext request) {
        RoutingContext context = current.getCurrent();
        Buffer read = context == null ? null : context.get(BODY);
        if (read != null) {
            request.setEntityStream(new ByteArrayInputStream(read.getBytes()));
        }
    }

    private static void refuse(RoutingContext context, String body) {
        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close").end(body);
    }

    private static boolean chunked(HttpServerRequest request) {
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static boolean tooLong(String length, long limit) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
