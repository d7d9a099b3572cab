package org.naturaflux.request.rest;

import java.util.List;
import org.naturaflux.model.spec.Violation;

/**
 * Every error answer: {@code {status, error, violations:[{path, message}]}}. {@code path} is a JSON
 * pointer into the request body (or {@code /query/<name>}, {@code /path/<name>} for parameters).
 */
public record ErrorBody(int status, String error, List<Violation> violations) {
    public ErrorBody {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }
}
