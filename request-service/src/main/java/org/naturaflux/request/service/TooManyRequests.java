package org.naturaflux.request.service;

import java.time.Duration;

/** A 429: a limit is reached; {@link #retryAfter()} tells when to try again (the Retry-After header). */
public class TooManyRequests extends ApiException {

    private final Duration retryAfter;

    public TooManyRequests(String message, Duration retryAfter) {
        super(429, message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least one: Retry-After has no smaller unit, and 0 would invite a retry storm. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
