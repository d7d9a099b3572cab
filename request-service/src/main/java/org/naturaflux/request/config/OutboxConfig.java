package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The outbox relay ({@code naturaflux.outbox.*}). */
@ConfigMapping(prefix = "naturaflux.outbox")
public interface OutboxConfig {

    /** How often the relay looks for pending messages (read by the scheduled job through its property). */
    @WithDefault("1s")
    String interval();

    /** The most messages one relay pass publishes. */
    @WithDefault("200")
    int batchSize();

    /** How long a relay pass waits for the broker's acknowledgements before giving up until the next pass. */
    @WithDefault("PT15S")
    Duration sendTimeout();

    /** How long sent messages are kept (for diagnosis) before being deleted. */
    @WithDefault("P7D")
    Duration keepSent();
}
