package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What a flux request may ask ({@code naturaflux.flux.*}). */
@ConfigMapping(prefix = "naturaflux.flux")
public interface FluxConfig {

    /** The shortest periodicity a flux may ask (daily by default, and allowed). */
    @WithDefault("P1D")
    Duration minPeriodicity();

    /**
     * The longest periodicity a flux may ask, an ISO-8601 period or duration (yearly by default, and
     * allowed), compared by its average length: bounds every schedule the scheduler computes.
     */
    @WithDefault("P1Y")
    String maxPeriodicity();

    /** The most vertices a territory geometry may have: keeps commands well under Kafka's message size. */
    @WithDefault("10000")
    int maxVertices();

    /** The largest territory, in bytes of its WKT (and of its GeoJSON as sent). */
    @WithDefault("400000")
    int maxTerritoryBytes();

    /** The most areas a territory given as areas may list. */
    @WithDefault("2000")
    int maxAreas();

    /** The most taxa groups or TAXREF codes a request may list (each). */
    @WithDefault("1000")
    int maxTaxa();

    /** The longest free text (structure, names, descriptions), in characters. */
    @WithDefault("2000")
    int maxTextLength();

    /** The shortest interval between two manual runs a partner may ask (admins are not limited). */
    @WithDefault("PT1H")
    Duration partnerRunNowInterval();
}
