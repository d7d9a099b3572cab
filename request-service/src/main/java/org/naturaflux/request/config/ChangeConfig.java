package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Change-driven re-export ({@code naturaflux.changes.*}): how source changes become runs. */
@ConfigMapping(prefix = "naturaflux.changes")
public interface ChangeConfig {

    /**
     * Whether change events are consumed at all (the channels {@code source-changes} and
     * {@code area-changes} follow {@code NATURAFLUX_CHANGES_ENABLED} too). Default true.
     */
    @WithDefault("true")
    boolean enabled();

    /** A touched flux runs once no change touched it for this long (changes are coalesced). Default 10 s. */
    @WithDefault("PT10S")
    Duration quietWindow();

    /** ...or once its first waiting change is this old, even if changes keep coming. Default 2 min. */
    @WithDefault("PT2M")
    Duration maxWait();

    /** The minimum time between two runs of a flux that sets none ({@code options.minInterval}). Default 5 min. */
    @WithDefault("PT5M")
    Duration minInterval();

    /**
     * The longest {@code options.minInterval} a flux may ask (a partner may ask longer than
     * {@link #minInterval()}, never shorter, and at most this). Default 30 days.
     */
    @WithDefault("P30D")
    Duration maxMinInterval();

    /** How often waiting changes are looked at (read by the scheduled job through its property). */
    @WithDefault("2s")
    String checkInterval();

    /**
     * How often the BDC statuts' fingerprint is read to learn of a reload (read by the scheduled job through its
     * property; one scan of the BDC tables each time). Default 5 min.
     */
    @WithDefault("5m")
    String statusesCheckInterval();
}
