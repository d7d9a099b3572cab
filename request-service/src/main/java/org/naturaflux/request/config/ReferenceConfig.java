package org.naturaflux.request.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The reference data the portal reads from the observation source ({@code naturaflux.reference.*}):
 * area tiles, area and taxon searches.
 */
@ConfigMapping(prefix = "naturaflux.reference")
public interface ReferenceConfig {

    /** The longest a read of reference data may take in the source (statement timeout); 503 beyond. */
    @WithDefault("PT10S")
    Duration statementTimeout();

    /** How long a client may keep a tile ({@code Cache-Control: private, max-age}). */
    @WithDefault("PT1H")
    Duration tileMaxAge();

    /** The first zoom level with commune tiles (never all communes in one tile). */
    @WithDefault("9")
    int communeMinZoom();

    /** The first zoom level with grid cell tiles. */
    @WithDefault("7")
    int gridMinZoom();

    /** The first zoom level with département tiles. */
    @WithDefault("0")
    int departementMinZoom();

    /** The deepest zoom level served (clients over-zoom beyond). */
    @WithDefault("16")
    int maxZoom();

    /** The most vertices of an area's geometry as {@code GET /api/v1/areas/{id}} returns it. */
    @WithDefault("5000")
    int maxShapeVertices();
}
