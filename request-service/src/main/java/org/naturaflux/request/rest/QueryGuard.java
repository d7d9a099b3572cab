package org.naturaflux.request.rest;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.naturaflux.model.spec.Violation;

/**
 * {@link TextRule} on every query parameter of every API request, names and values (at most
 * {@value TextRule#MAX_QUERY} characters each), before any resource reads one: 400 naming
 * {@code /query/<name>}. Runs after authentication: an unknown caller learns nothing about the rule.
 */
public class QueryGuard {

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 100)
    Response check(UriInfo uri) {
        MultivaluedMap<String, String> parameters;
        try {
            parameters = uri.getQueryParameters(true);
        } catch (IllegalArgumentException e) {
            return ErrorMappers.answer(400, "malformed query string", List.of(new Violation("/query", "malformed query string")));
        }
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String problem = TextRule.problem(name, false, TextRule.MAX_QUERY);
            if (problem != null) {
                return refuse("/query", "a parameter name " + problem);
            }
            for (String value : parameter.getValue()) {
                problem = value == null ? null : TextRule.problem(value, false, TextRule.MAX_QUERY);
                if (problem != null) {
                    return refuse("/query/" + name, problem);
                }
            }
        }
        return null;
    }

    private static Response refuse(String path, String problem) {
        return ErrorMappers.answer(400, "invalid request: " + path + ": " + problem, List.of(new Violation(path, problem)));
    }
}
