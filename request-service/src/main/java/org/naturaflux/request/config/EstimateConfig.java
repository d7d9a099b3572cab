package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.naturaflux.source.query.EstimateBounds;

/**
 * The bounds of an estimate by level ({@code naturaflux.estimate.*}): source-lib's {@link EstimateBounds}.
 * Beyond either bound an estimate stops and answers {@code exact: false} with what it counted.
 */
@ConfigMapping(prefix = "naturaflux.estimate")
public interface EstimateConfig {

    /** The longest an estimate may take ({@code NATURAFLUX_ESTIMATE_TIMEOUT}). Default 10 seconds. */
    @WithDefault("PT10S")
    Duration timeout();

    /** The most records an estimate reads ({@code NATURAFLUX_ESTIMATE_MAX_RECORDS}). Default one million. */
    @WithDefault("1000000")
    long maxRecords();

    /** The bounds as source-lib takes them. */
    default EstimateBounds bounds() {
        return new EstimateBounds(timeout(), maxRecords());
    }
}
