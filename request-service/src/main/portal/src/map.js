// The portal's map (OpenLayers), without any external tiles: its background is the source's reference areas,
// served as vector tiles by the API (GET /api/v1/tiles lists the layers and their URL templates, a setting of
// the service: naturaflux.reference.tile-url). Départements at every zoom, grid cells and communes from their
// layers' minimum zooms. A page importing this module gets OpenLayers' stylesheet as assets/<page>.css: link it.
import 'ol/ol.css';
import Map from 'ol/Map.js';
import View from 'ol/View.js';
import { defaults as defaultControls } from 'ol/control/defaults.js';
import ScaleLine from 'ol/control/ScaleLine.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import MVT from 'ol/format/MVT.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorTileLayer from 'ol/layer/VectorTile.js';
import { fromLonLat } from 'ol/proj.js';
import VectorSource from 'ol/source/Vector.js';
import VectorTileSource from 'ol/source/VectorTile.js';
import { createXYZ } from 'ol/tilegrid.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import { api } from './api.js';

const GEOJSON = new GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });

const BACKGROUND = {
  departements: new Style({ stroke: new Stroke({ color: '#4a5a4a', width: 1.6 }), fill: new Fill({ color: 'rgba(236, 240, 232, 0.35)' }) }),
  grid: new Style({ stroke: new Stroke({ color: 'rgba(90, 110, 140, 0.45)', width: 0.8, lineDash: [4, 4] }) }),
  communes: new Style({ stroke: new Stroke({ color: 'rgba(70, 90, 70, 0.7)', width: 0.8 }) }),
};
const LAYER_ORDER = { departements: 1, grid: 2, communes: 3 };

export const TERRITORY_STYLE = new Style({
  stroke: new Stroke({ color: '#b3261e', width: 2.5 }),
  fill: new Fill({ color: 'rgba(179, 38, 30, 0.15)' }),
});

/** The tile layers the API serves (GET /api/v1/tiles): [{name, areaType, minZoom, maxZoom, url}]. */
export function loadTileLayers() {
  return api('/api/v1/tiles');
}

function tileLayer(layer) {
  return new VectorTileLayer({
    className: `fond-${layer.name}`,
    declutter: false,
    minZoom: layer.name === 'departements' ? undefined : layer.minZoom - 0.001,
    zIndex: LAYER_ORDER[layer.name] ?? 0,
    style: BACKGROUND[layer.name] ?? BACKGROUND.communes,
    source: new VectorTileSource({
      format: new MVT(),
      url: layer.url,
      tileGrid: createXYZ({ minZoom: layer.minZoom, maxZoom: layer.maxZoom, tileSize: 256 }),
      // the API answers a tile with the session cookie; 204 is an empty tile
      tileLoadFunction: (tile, url) => {
        tile.setLoader(async (extent, resolution, projection) => {
          try {
            const response = await fetch(url, { credentials: 'same-origin' });
            const bytes = response.status === 200 ? await response.arrayBuffer() : null;
            const features = bytes ? tile.getFormat().readFeatures(bytes, { extent, featureProjection: projection }) : [];
            tile.setFeatures(features);
          } catch (error) {
            tile.setFeatures([]);
          }
        });
      },
    }),
  });
}

/**
 * A map in `target` (an element): {map (the OpenLayers Map), showGeometry(geojsonGeometry), clear(), fit(geometry),
 * overlay (the territory's VectorSource)}.
 * options: layers (GET /api/v1/tiles's answer; loaded when absent), center ([lon, lat]), zoom, label (French,
 * for screen readers).
 */
export function createMap(target, options = {}) {
  const overlay = new VectorSource();
  const map = new Map({
    target,
    controls: defaultControls({
      attribution: false,
      rotate: false,
      zoomOptions: { zoomInTipLabel: 'Zoomer', zoomOutTipLabel: 'Dézoomer' },
    }).extend([new ScaleLine()]),
    layers: [new VectorLayer({ source: overlay, style: TERRITORY_STYLE, zIndex: 10 })],
    view: new View({ center: fromLonLat(options.center ?? [2.45, 48.75]), zoom: options.zoom ?? 8, maxZoom: 18 }),
  });
  const element = typeof target === 'string' ? document.getElementById(target) : target;
  element.setAttribute('role', 'region');
  element.setAttribute('aria-label', options.label ?? 'Carte du territoire');
  element.querySelectorAll('.ol-viewport').forEach((viewport) => viewport.setAttribute('aria-hidden', 'false'));
  const background = Promise.resolve(options.layers ?? loadTileLayers()).then((layers) => {
    layers.forEach((layer) => map.addLayer(tileLayer(layer)));
    return layers;
  });

  function fit(geometry) {
    const extent = GEOJSON.readGeometry(geometry).getExtent();
    map.getView().fit(extent, { padding: [30, 30, 30, 30], maxZoom: 14, duration: 0 });
  }

  return {
    map,
    overlay,
    background,
    fit,
    /** Draws a GeoJSON geometry (WGS84; a GeometryCollection for several) in place of the last one, and fits the view to it. */
    showGeometry(geometry) {
      overlay.clear();
      if (!geometry) {
        return;
      }
      overlay.addFeature(GEOJSON.readFeature({ type: 'Feature', geometry, properties: {} }));
      fit(geometry);
    },
    clear() {
      overlay.clear();
    },
  };
}

/** GeoJSON (WGS84) of an OpenLayers geometry of the map. */
export function toGeoJson(geometry) {
  return GEOJSON.writeGeometryObject(geometry, { decimals: 7 });
}

/** OpenLayers features (map projection) of a GeoJSON FeatureCollection in WGS84. */
export function readFeatures(collection) {
  return GEOJSON.readFeatures(collection);
}
