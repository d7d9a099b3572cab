package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * What one partner, or one client address, may ask of the service at a time ({@code naturaflux.limits.*}).
 * Beyond each limit the API answers 429 with {@code Retry-After}. The pending count is read from the
 * database (every replica sees the same); the rates and the concurrent source checks are counted by each
 * replica alone (with n replicas a partner may reach n times the rate).
 */
@ConfigMapping(prefix = "naturaflux.limits")
public interface LimitsConfig {

    /** The most fluxes a partner may have waiting for the admin's decision (REQUESTED). */
    @WithDefault("20")
    int maxPendingRequests();

    /** The Retry-After of a submission refused for too many pending requests (decisions take time). */
    @WithDefault("PT1H")
    Duration pendingRetryAfter();

    /** The submissions a partner may send per minute (a burst of as many, then evenly spread). */
    @WithDefault("30")
    int submissionsPerMinute();

    /**
     * The source checks (areas, taxa, size estimate) one partner may run at once. Keep it below the
     * source's pool ({@code NATURAFLUX_SOURCE_POOL_SIZE}, 4): one partner's flood then leaves connections
     * to the others.
     */
    @WithDefault("2")
    int sourceChecksPerPartner();

    /** The failed authentications (401) a client address may cause per {@link #authFailureWindow()}. */
    @WithDefault("20")
    int authFailures();

    /** The window of {@link #authFailures()}: past the limit, the address is answered 429 until it ends. */
    @WithDefault("PT1M")
    Duration authFailureWindow();
}
