package org.naturaflux.request.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.naturaflux.request.config.ReferenceConfig;
import org.naturaflux.request.config.SensitivityConfig;

/**
 * The layers of the reference area tiles: the areas of the three sensitivity levels, by the platform's
 * area types ({@code naturaflux.sensitivity.*-area-type}), each from its minimum zoom
 * ({@code naturaflux.reference.*-min-zoom}) to {@code naturaflux.reference.max-zoom}.
 */
@ApplicationScoped
public class TileLayers {

    /**
     * A layer.
     *
     * @param name     its name, in the URL and in the tile
     * @param areaType the area type it shows
     * @param minZoom  its first zoom level
     */
    public record Layer(String name, String areaType, int minZoom) {
    }

    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private final int maxZoom;

    TileLayers(SensitivityConfig sensitivity, ReferenceConfig config) {
        add(new Layer("communes", sensitivity.communeAreaType(), config.communeMinZoom()));
        add(new Layer("grid", sensitivity.gridAreaType(), config.gridMinZoom()));
        add(new Layer("departements", sensitivity.departementAreaType(), config.departementMinZoom()));
        this.maxZoom = config.maxZoom();
    }

    private void add(Layer layer) {
        layers.put(layer.name(), layer);
    }

    /** The layer of this name. */
    public Optional<Layer> layer(String name) {
        return Optional.ofNullable(layers.get(name));
    }

    /** Every layer, in the order above. */
    public Iterable<Layer> all() {
        return layers.values();
    }

    /** The deepest zoom level served. */
    public int maxZoom() {
        return maxZoom;
    }
}
