package org.naturaflux.request.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.naturaflux.model.spec.Violation;

/**
 * Checks a territory geometry, given as GeoJSON or as WKT, and writes it as the WKT that export
 * commands carry. A territory must be a Polygon or MultiPolygon in WGS84 (longitude in [-180, 180],
 * latitude in [-90, 90]) that keeps away from the poles (latitude within ±{@value #MAX_LATITUDE}: no local
 * projection of the source holds a pole), not empty, valid in the OGC sense (no self-intersection, rings that do not
 * cross; the error names the location), with at most {@code maxVertices} vertices and
 * {@code maxBytes} bytes (as sent, and as WKT): both bound the size of the commands on Kafka.
 */
public final class TerritoryGeometry {

    /** The highest latitude (north or south) a territory may reach. */
    public static final double MAX_LATITUDE = 85;
    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private final int maxVertices;
    private final int maxBytes;

    public TerritoryGeometry(int maxVertices, int maxBytes) {
        this.maxVertices = maxVertices;
        this.maxBytes = maxBytes;
    }

    /** The WKT of a GeoJSON geometry, or null with violations under {@code path}. */
    public String fromGeoJson(JsonNode geoJson, String path, List<Violation> violations) {
        int bytes = geoJson.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            violations.add(new Violation(path, "the geometry is too large: " + bytes + " bytes, at most " + maxBytes));
            return null;
        }
        Geometry geometry = new GeoJsonPolygons(FACTORY).read(geoJson, path, violations);
        return geometry == null ? null : checked(geometry, path, violations);
    }

    /** The normalised WKT of a WKT territory, or null with violations under {@code path}. */
    public String fromWkt(String wkt, String path, List<Violation> violations) {
        int bytes = wkt.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            violations.add(new Violation(path, "the geometry is too large: " + bytes + " bytes, at most " + maxBytes));
            return null;
        }
        Geometry geometry;
        try {
            geometry = new WKTReader(FACTORY).read(wkt);
        } catch (ParseException | IllegalArgumentException e) {
            violations.add(new Violation(path, "not valid WKT: " + e.getMessage()));
            return null;
        }
        if (!(geometry instanceof Polygon || geometry instanceof MultiPolygon)) {
            violations.add(new Violation(path, "unsupported geometry type " + geometry.getGeometryType()
                    + ": the territory must be a POLYGON or a MULTIPOLYGON"));
            return null;
        }
        return checked(geometry, path, violations);
    }

    private String checked(Geometry geometry, String path, List<Violation> violations) {
        if (geometry.isEmpty()) {
            violations.add(new Violation(path, "the geometry is empty"));
            return null;
        }
        int vertices = geometry.getNumPoints();
        if (vertices > maxVertices) {
            violations.add(new Violation(path, "the geometry has " + vertices + " vertices, at most " + maxVertices
                    + " are accepted (simplify it, or give areas)"));
            return null;
        }
        Envelope envelope = geometry.getEnvelopeInternal();
        if (envelope.getMinX() < -180 || envelope.getMaxX() > 180 || envelope.getMinY() < -90 || envelope.getMaxY() > 90
                || !Double.isFinite(envelope.getWidth()) || !Double.isFinite(envelope.getHeight())) {
            violations.add(new Violation(path, "coordinates must be WGS84 longitude, latitude (longitude in [-180, 180],"
                    + " latitude in [-90, 90]); the geometry spans " + envelope));
            return null;
        }
        if (envelope.getMinY() < -MAX_LATITUDE || envelope.getMaxY() > MAX_LATITUDE) {
            violations.add(new Violation(path, "the territory reaches latitude " + (envelope.getMaxY() > MAX_LATITUDE
                    ? envelope.getMaxY() : envelope.getMinY()) + ": it must stay within ±" + MAX_LATITUDE
                    + " degrees (a territory near a pole cannot be projected into the source's local system)"));
            return null;
        }
        TopologyValidationError error = new IsValidOp(geometry).getValidationError();
        if (error != null) {
            Coordinate at = error.getCoordinate();
            violations.add(new Violation(path, "invalid geometry: " + error.getMessage()
                    + (at == null ? "" : " at or near (" + at.x + " " + at.y + ")")));
            return null;
        }
        if (geometry.getArea() <= 0) {
            violations.add(new Violation(path, "the geometry has no area"));
            return null;
        }
        String wkt = new WKTWriter().write(geometry);
        int bytes = wkt.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            violations.add(new Violation(path, "the geometry is too large: " + bytes + " bytes of WKT, at most " + maxBytes));
            return null;
        }
        return wkt;
    }
}
