package org.naturaflux.request.rest;

import java.util.UUID;
import org.naturaflux.request.service.ApiException;

/**
 * Query parameters, read as text so that a malformed one is a 400 with its name, not a 404. Every number
 * is bounded: a page beyond {@value #MAX_PAGE} would only be empty, and page times size must stay far
 * from an int overflow (the offset of the query). Every parameter also follows {@link TextRule}
 * ({@link QueryGuard}).
 */
final class Queries {

    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 500;
    static final int MAX_PAGE = 100_000;

    private Queries() {
    }

    /** The page index (0 to 100,000; default 0). */
    static int page(String value) {
        return integer(value, "page", 0, 0, MAX_PAGE);
    }

    /** The page size (1 to 500; default 100). */
    static int size(String value) {
        return integer(value, "size", DEFAULT_SIZE, 1, MAX_SIZE);
    }

    static UUID uuid(String value, String name) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("/query/" + name, "must be a UUID");
        }
    }

    private static int integer(String value, String name, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw ApiException.badRequest("/query/" + name, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("/query/" + name, "must be an integer");
        }
    }
}
