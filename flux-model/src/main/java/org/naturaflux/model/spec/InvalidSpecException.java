package org.naturaflux.model.spec;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a flux specification (or part of it) is invalid; carries every violation found. */
public class InvalidSpecException extends IllegalArgumentException {

    private final List<Violation> violations;

    public InvalidSpecException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an InvalidSpecException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public InvalidSpecException(String path, String message) {
        this(List.of(new Violation(path, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
