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

    /**
     * The URL template of the tiles as {@code GET /api/v1/tiles} gives it to clients (the portal's map): {@code {layer}}
     * is replaced by the layer's name; {@code {z}/{x}/{y}} are left for the client. By default this service's own
     * tiles; production may point it at a cache or another host serving the same tiles.
     */
    @WithDefault(TILE_URL)
    String tileUrl();

    /** The default of {@link #tileUrl()}: this service's tiles. */
    String TILE_URL = "/api/v1/tiles/{layer}/{z}/{x}/{y}.mvt";

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
