package org.naturaflux.request.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.naturaflux.model.spec.InvalidSpecException;
import org.naturaflux.model.spec.Violation;
import org.naturaflux.request.service.ApiException;
import org.naturaflux.request.service.DatabaseFailures;
import org.naturaflux.request.service.RequestViolations;

/**
 * Every failure as {@code {status, error, violations}}: invalid requests (400 with every violation and
 * its path), malformed JSON (400 with where), unknown members and wrong types (400 with the pointer
 * {@link RequestViolations} gives), JAX-RS statuses (404, 405, 406, 413, 415),
 * the service's refusals, input the parser refuses ({@link GuardedJson}: 400 with the value's pointer),
 * database failures by their SQLState ({@link DatabaseFailures}: the client's data 400, unavailable 503);
 * anything else is a 500 without details (logged). An answer lists at most {@value #MAX_VIOLATIONS}
 * violations: a body of thousands of bad items must not become a larger answer.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    static final int MAX_VIOLATIONS = 100;

    @ServerExceptionMapper
    public Response invalid(InvalidSpecException e) {
        List<Violation> violations = e.violations();
        String summary = violations.size() == 1 ? violations.get(0).toString()
                : violations.size() + " problems, first " + violations.get(0);
        return answer(400, "invalid request: " + summary, violations);
    }

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        if (e.status() >= 500) {
            LOG.error("request failed: " + e.getMessage(), e);
        }
        return answer(e.status(), e.getMessage(), e.violations());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof GuardedJson.InputRefused refused) {
                return answer(400, "invalid request: " + refused.pointer() + ": " + refused.problem(),
                        List.of(new Violation(refused.pointer(), refused.problem())));
            }
            if (cause instanceof StreamConstraintsException limit) {
                String message = limit.getOriginalMessage().replaceAll(", from `?StreamReadConstraints.*$", ")");
                return answer(400, "invalid request: the JSON exceeds a limit: " + message,
                        List.of(new Violation("", "exceeds a limit: " + message)));
            }
        }
        if (e instanceof JsonParseException parse) {
            String where = parse.getLocation() == null ? "" : " at line " + parse.getLocation().getLineNr()
                    + ", column " + parse.getLocation().getColumnNr();
            return answer(400, "malformed JSON" + where + ": " + parse.getOriginalMessage(), List.of());
        }
        if (e instanceof JsonMappingException mapping) {
            Violation violation = RequestViolations.of(mapping);
            return answer(400, "invalid request: " + violation.path() + ": " + violation.message(), List.of(violation));
        }
        return answer(400, "unreadable JSON: " + e.getOriginalMessage(), List.of());
    }

    /** More specific than any mapper Quarkus may have for this type: the answer keeps its shape. */
    @ServerExceptionMapper
    public Response parse(JsonParseException e) {
        return json(e);
    }

    /** More specific than Quarkus's own mapper of this type, which answers without the path. */
    @ServerExceptionMapper
    public Response mismatch(MismatchedInputException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return json(json);
            }
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 406 -> "not acceptable: this endpoint answers JSON";
            case 413 -> "request body too large";
            case 415 -> "unsupported media type: send application/json";
            default -> e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase() : e.getMessage();
        };
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return answer(status, message, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ApiException api) {
                return refused(api);
            }
            if (cause instanceof InvalidSpecException invalid) {
                return invalid(invalid);
            }
            if (cause instanceof JsonProcessingException json) {
                return json(json);
            }
            if (cause instanceof WebApplicationException web) {
                return web(web);
            }
        }
        int database = DatabaseFailures.status(e);
        if (database != 0 && database != 500) {
            if (database == 503) {
                LOG.warnf("database unavailable: %s", e.getMessage());
            }
            return refused(DatabaseFailures.toApi(e, "the database"));
        }
        LOG.error("unexpected failure", e);
        return answer(500, "internal error", List.of());
    }

    static Response answer(int status, String message, List<Violation> violations) {
        if (violations.size() > MAX_VIOLATIONS) {
            message = message + " (" + violations.size() + " problems, the first " + MAX_VIOLATIONS + " listed)";
            violations = violations.subList(0, MAX_VIOLATIONS);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status, message, violations)).build();
    }

}
