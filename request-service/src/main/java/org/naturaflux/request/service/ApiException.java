package org.naturaflux.request.service;

import java.util.List;
import org.naturaflux.model.spec.Violation;

/** A refusal the API reports as is: an HTTP status, a message, and where in the request (if anywhere). */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<Violation> violations;

    public ApiException(int status, String message, List<Violation> violations) {
        super(message);
        this.status = status;
        this.violations = List.copyOf(violations);
    }

    public ApiException(int status, String message) {
        this(status, message, List.of());
    }

    public static ApiException badRequest(String path, String message) {
        return new ApiException(400, message, List.of(new Violation(path, message)));
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    public static ApiException conflict(String path, String message) {
        return new ApiException(409, message, List.of(new Violation(path, message)));
    }

    public static ApiException gone(String message) {
        return new ApiException(410, message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, message);
    }

    public int status() {
        return status;
    }

    public List<Violation> violations() {
        return violations;
    }
}
