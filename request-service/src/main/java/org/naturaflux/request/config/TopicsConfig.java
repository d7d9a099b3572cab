package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Kafka topics the service writes ({@code naturaflux.topics.*}); the events topic is the channel's. */
@ConfigMapping(prefix = "naturaflux.topics")
public interface TopicsConfig {

    /** Export commands, keyed by flux id ({@code NATURAFLUX_COMMANDS_TOPIC}). */
    @WithDefault("naturaflux.export-commands")
    String commands();
}
