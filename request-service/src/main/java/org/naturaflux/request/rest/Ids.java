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

    static ApiException missingBody() {
        return ApiException.badRequest("", "a JSON body is required");
    }
}
