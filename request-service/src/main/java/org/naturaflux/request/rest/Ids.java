package org.naturaflux.request.rest;

import java.util.UUID;
import org.naturaflux.request.service.ApiException;

/** Path identifiers: a malformed id names nothing, so it is a 404 like an unknown one. */
final class Ids {

    private Ids() {
    }

    static UUID parse(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no " + what + " " + value);
        }
    }

    /** The id, or null when malformed (for logs: the resource answers 404 for it). */
    static UUID parseOrNull(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static ApiException missingBody() {
        return ApiException.badRequest("", "a JSON body is required");
    }
}
