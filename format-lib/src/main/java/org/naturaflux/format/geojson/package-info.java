/** GeoJSON files (RFC 7946): a FeatureCollection of WGS84 features with a stable id and the fields as properties. */
package org.naturaflux.format.geojson;
