package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Runs, their attempts and the scheduler ({@code naturaflux.runs.*}). */
@ConfigMapping(prefix = "naturaflux.runs")
public interface RunConfig {

    /**
     * How long a dispatched run may go without any event from a worker before its attempt is
     * considered lost and a new one is sent. Workers report progress every few seconds while they run;
     * a command waiting in the topic behind others also counts, so keep it generous.
     */
    @WithDefault("PT1H")
    Duration staleTimeout();

    /** The attempts a run gets before it is FAILED for lack of progress. */
    @WithDefault("3")
    int maxAttempts();

    /** How often stale runs are looked for (read by the scheduled job through its property). */
    @WithDefault("60s")
    String staleCheckInterval();

    /** The most due fluxes the scheduler starts in one pass (the rest wait for the next pass). */
    @WithDefault("100")
    int schedulerBatchSize();

    /**
     * How long a flux the scheduler failed to start (its failure recorded on the flux) waits before it is
     * tried again, so that it never holds the head of the due queue. Default 1 hour.
     */
    @WithDefault("PT1H")
    Duration schedulerFailureBackoff();
}
