package org.naturaflux.request.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.naturaflux.model.spec.Violation;

/**
 * Every error answer: {@code {status, error, violations:[{path, message}]}}. {@code path} is a JSON
 * pointer into the request body (or {@code /query/<name>}, {@code /path/<name>} for parameters).
 */
@Schema(description = "Every error answer")
public record ErrorBody(@Schema(required = true, description = "The HTTP status") int status,
                        @Schema(required = true, description = "What is wrong, for a person") String error,
                        @Schema(required = true, description = "Each problem and where: a JSON pointer into the request "
                                + "body, or /query/<name>, /path/<name>") List<Violation> violations) {
    public ErrorBody {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }
}
