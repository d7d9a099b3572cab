package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.naturaflux.source.query.PreviewBounds;

/**
 * The bounds of a preview map ({@code naturaflux.preview.*}): source-lib's {@link PreviewBounds}, and the size of
 * the answer's geometries. Checked when the service starts.
 */
@ConfigMapping(prefix = "naturaflux.preview")
public interface PreviewConfig {

    /** The most records a preview shows ({@code NATURAFLUX_PREVIEW_MAX_RECORDS}), 1 to 1000. Default 300. */
    @WithDefault("300")
    @Min(1)
    @Max(PreviewBounds.MAX_RECORDS)
    int maxRecords();

    /** The longest a preview may take ({@code NATURAFLUX_PREVIEW_TIMEOUT}). Default 10 seconds. */
    @WithDefault("PT10S")
    Duration timeout();

    /**
     * The most coordinates the features of one answer hold ({@code NATURAFLUX_PREVIEW_MAX_COORDINATES}), 1000 to
     * one million; a degraded area above its share is simplified (a subset of its vertices: coarser, never moved).
     * Default 100000.
     */
    @WithDefault("100000")
    @Min(1000)
    @Max(1_000_000)
    int maxCoordinates();

    /** The bounds as source-lib takes them. */
    default PreviewBounds bounds() {
        return new PreviewBounds(timeout(), maxRecords());
    }
}
