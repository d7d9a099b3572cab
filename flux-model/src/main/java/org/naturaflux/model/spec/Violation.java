package org.naturaflux.model.spec;

/**
 * One thing wrong with a flux specification.
 *
 * @param path    where, as a JSON pointer into the request body (e.g. {@code /fields/2})
 * @param message what is wrong, for a person
 */
public record Violation(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
