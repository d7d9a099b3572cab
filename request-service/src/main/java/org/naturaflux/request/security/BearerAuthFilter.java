package org.naturaflux.request.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.naturaflux.request.config.AuthConfig;
import org.naturaflux.request.security.PortalSessions.Session;
import org.naturaflux.request.rest.ErrorBody;
import org.naturaflux.request.rest.TooManyRequestsMapper;
import org.naturaflux.request.service.ServiceMetrics;
import org.naturaflux.request.service.TooManyRequests;

/**
 * Authenticates every API request ({@code /api/...}; health, metrics and OpenAPI are Vert.x routes and
 * never reach it): {@code Authorization: Bearer <token>} with the admin token (constant-time compare)
 * or a partner token that is not revoked (looked up by its SHA-256). Missing or unknown: 401. A partner
 * on an {@link AdminOnly} method: 403. Every 401 counts against the client's address
 * ({@link AuthFailures}): past the limit the address gets 429 with {@code Retry-After}, token or not.
 *
 * <p>A request without an {@code Authorization} header may come from a person logged in to the portal
 * (the OpenID Connect session cookie, {@link PortalSessions}): the admin when the person has the admin
 * role, else the partner named by the partner claim (no claim, or no such partner: 403). A state change
 * (POST, PUT, PATCH, DELETE) made with the session needs its CSRF token in {@value CsrfTokens#HEADER}
 * (403 otherwise); bearer-token calls are exempt (no ambient credential to abuse).
 */
public class BearerAuthFilter {

    private static final Logger LOG = Logger.getLogger(BearerAuthFilter.class);
    private static final String SCHEME = "Bearer ";
    private static final String LOOKUP =
            "SELECT id, partner_id FROM api_token WHERE token_hash = $1 AND revoked_at IS NULL";
    private static final String PARTNER = "SELECT 1 FROM partner WHERE id = $1";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final AuthConfig config;
    private final Pool pool;
    private final CurrentCaller current;
    private final AuthFailures failures;
    private final ServiceMetrics metrics;
    private final CurrentIdentityAssociation identities;
    private final PortalSessions sessions;

    BearerAuthFilter(AuthConfig config, Pool pool, CurrentCaller current, AuthFailures failures, ServiceMetrics metrics,
                     CurrentIdentityAssociation identities, PortalSessions sessions) {
        this.identities = identities;
        this.sessions = sessions;
        this.config = config;
        this.pool = pool;
        this.current = current;
        this.failures = failures;
        this.metrics = metrics;
        if (config.adminToken().isEmpty()) {
            LOG.warn("no admin token configured (NATURAFLUX_ADMIN_TOKEN): admin endpoints are unreachable");
        }
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        String address = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        Duration refused = failures.refusedFor(address);
        if (!refused.isZero()) {
            metrics.limitReached("auth-failures");
            return Uni.createFrom().item(tooManyFailures(refused));
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return identities.getDeferredIdentity().flatMap(identity -> sessions.of(identity)
                    .map(session -> person(session, request, isAdminOnly(resource)))
                    .orElseGet(() -> Uni.createFrom().item(failed(address, "missing",
                            "a bearer token is required (Authorization: Bearer <token>)"))));
        }
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || header.substring(SCHEME.length()).isBlank()) {
            return Uni.createFrom().item(failed(address, "missing", "a bearer token is required (Authorization: Bearer <token>)"));
        }
        String token = header.substring(SCHEME.length()).strip();
        boolean adminOnly = isAdminOnly(resource);
        if (config.adminToken().isPresent() && ApiTokens.sameSecret(token, config.adminToken().get())) {
            current.set(Caller.ADMIN);
            return Uni.createFrom().nullItem();
        }
        if (!token.startsWith(ApiTokens.PREFIX)) {
            return Uni.createFrom().item(failed(address, "invalid", "invalid or revoked token"));
        }
        return pool.preparedQuery(LOOKUP).execute(Tuple.of(Buffer.buffer(ApiTokens.hash(token))))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return failed(address, "invalid", "invalid or revoked token");
                    }
                    Row row = it.next();
                    if (adminOnly) {
                        return error(Response.Status.FORBIDDEN, "this endpoint is reserved to the platform's admin");
                    }
                    current.set(Caller.partner(row.getUUID("partner_id"), row.getUUID("id")));
                    return null;
                });
    }

    private Uni<Response> person(Session session, ContainerRequestContext request, boolean adminOnly) {
        if (!SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))
                && !sessions.csrfValid(session, request.getHeaderString(CsrfTokens.HEADER))) {
            return Uni.createFrom().item(error(Response.Status.FORBIDDEN, "a change made from a portal session needs the "
                    + "session's CSRF token in the " + CsrfTokens.HEADER + " header (GET /api/v1/me gives it)"));
        }
        if (session.admin()) {
            current.set(Caller.adminPerson(session.person()), session.csrfToken());
            return Uni.createFrom().nullItem();
        }
        if (adminOnly) {
            return Uni.createFrom().item(error(Response.Status.FORBIDDEN, "this endpoint is reserved to the platform's admin"));
        }
        if (session.partnerClaim() == null || session.partnerClaim().isEmpty()) {
            return Uni.createFrom().item(error(Response.Status.FORBIDDEN, "your account (" + session.person().username()
                    + ") is not linked to a partner: it has no '" + session.claimName()
                    + "' claim; the platform's staff link accounts to partners"));
        }
        UUID partnerId;
        try {
            partnerId = UUID.fromString(session.partnerClaim());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(notLinked(session));
        }
        return pool.preparedQuery(PARTNER).execute(Tuple.of(partnerId)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return notLinked(session);
            }
            current.set(Caller.partnerPerson(partnerId, session.person()), session.csrfToken());
            return null;
        });
    }

    private static Response notLinked(Session session) {
        return error(Response.Status.FORBIDDEN, "your account (" + session.person().username() + ") names partner '"
                + session.partnerClaim() + "' in its '" + session.claimName() + "' claim, which is no Naturaflux partner");
    }

    private static boolean isAdminOnly(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        return method != null && (method.isAnnotationPresent(AdminOnly.class)
                || method.getDeclaringClass().isAnnotationPresent(AdminOnly.class));
    }

    private Response failed(String address, String reason, String message) {
        failures.failed(address);
        metrics.authFailure(reason);
        return unauthorized(message);
    }

    private static Response tooManyFailures(Duration refused) {
        return TooManyRequestsMapper.answer(new TooManyRequests("too many failed authentications from this address",
                refused));
    }

    private static Response unauthorized(String message) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"naturaflux\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(401, message, List.of()))
                .build();
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status.getStatusCode(), message, List.of())).build();
    }
}
