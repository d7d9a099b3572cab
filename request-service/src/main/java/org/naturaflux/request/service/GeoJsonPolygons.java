package org.naturaflux.request.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.naturaflux.model.spec.Violation;

/**
 * Reads a GeoJSON {@code Polygon} or {@code MultiPolygon} geometry object (RFC 7946) into JTS, reporting
 * every structural problem with its JSON pointer: a wrong type, missing or malformed coordinates, a
 * position that is not 2 or 3 numbers, a ring with fewer than 4 positions or not closed. Geometric
 * validity (self-intersections...) and limits are checked afterwards on the JTS geometry.
 */
final class GeoJsonPolygons {

    private final GeometryFactory factory;

    GeoJsonPolygons(GeometryFactory factory) {
        this.factory = factory;
    }

    /**
     * The geometry, or null when {@code violations} received at least one problem.
     *
     * @param node the GeoJSON geometry object
     * @param path its JSON pointer
     */
    Geometry read(JsonNode node, String path, List<Violation> violations) {
        int before = violations.size();
        if (!node.isObject()) {
            violations.add(new Violation(path, "must be a GeoJSON geometry object"));
            return null;
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            violations.add(new Violation(path + "/type", "a GeoJSON geometry needs a \"type\" (Polygon or MultiPolygon)"));
            return null;
        }
        var names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("type") && !name.equals("coordinates") && !name.equals("bbox")) {
                violations.add(new Violation(path + "/" + name, "unknown member of a GeoJSON geometry"));
            }
        }
        JsonNode coordinates = node.get("coordinates");
        String coordinatesPath = path + "/coordinates";
        if (coordinates == null || !coordinates.isArray()) {
            if (type.asText().equals("Polygon") || type.asText().equals("MultiPolygon")) {
                violations.add(new Violation(coordinatesPath, "must be an array"));
                return null;
            }
        }
        Geometry geometry = switch (type.asText()) {
            case "Polygon" -> polygon(coordinates, coordinatesPath, violations);
            case "MultiPolygon" -> multiPolygon(coordinates, coordinatesPath, violations);
            default -> {
                violations.add(new Violation(path + "/type", "unsupported GeoJSON type '" + type.asText()
                        + "': the territory must be a Polygon or a MultiPolygon"));
                yield null;
            }
        };
        return violations.size() == before ? geometry : null;
    }

    private Geometry multiPolygon(JsonNode coordinates, String path, List<Violation> violations) {
        Polygon[] polygons = new Polygon[coordinates.size()];
        for (int i = 0; i < coordinates.size(); i++) {
            JsonNode polygon = coordinates.get(i);
            if (!polygon.isArray()) {
                violations.add(new Violation(path + "/" + i, "must be an array of linear rings"));
                continue;
            }
            polygons[i] = polygon(polygon, path + "/" + i, violations);
        }
        for (Polygon polygon : polygons) {
            if (polygon == null) {
                return null;
            }
        }
        return factory.createMultiPolygon(polygons);
    }

    private Polygon polygon(JsonNode rings, String path, List<Violation> violations) {
        if (rings.isEmpty()) {
            return factory.createPolygon();
        }
        List<LinearRing> read = new ArrayList<>();
        for (int i = 0; i < rings.size(); i++) {
            LinearRing ring = ring(rings.get(i), path + "/" + i, violations);
            if (ring != null) {
                read.add(ring);
            }
        }
        if (read.size() != rings.size()) {
            return null;
        }
        return factory.createPolygon(read.get(0), read.subList(1, read.size()).toArray(LinearRing[]::new));
    }

    private LinearRing ring(JsonNode positions, String path, List<Violation> violations) {
        if (!positions.isArray()) {
            violations.add(new Violation(path, "must be an array of positions"));
            return null;
        }
        if (positions.size() < 4) {
            violations.add(new Violation(path, "a linear ring needs at least 4 positions, it has " + positions.size()));
            return null;
        }
        Coordinate[] coordinates = new Coordinate[positions.size()];
        for (int i = 0; i < positions.size(); i++) {
            coordinates[i] = position(positions.get(i), path + "/" + i, violations);
            if (coordinates[i] == null) {
                return null;
            }
        }
        if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
            violations.add(new Violation(path, "a linear ring must be closed (its last position equal to its first)"));
            return null;
        }
        return factory.createLinearRing(coordinates);
    }

    private static Coordinate position(JsonNode position, String path, List<Violation> violations) {
        if (!position.isArray() || position.size() < 2 || position.size() > 3) {
            violations.add(new Violation(path, "a position must be [longitude, latitude] (or with an altitude)"));
            return null;
        }
        for (int i = 0; i < position.size(); i++) {
            if (!position.get(i).isNumber()) {
                violations.add(new Violation(path + "/" + i, "must be a number"));
                return null;
            }
        }
        return new Coordinate(position.get(0).asDouble(), position.get(1).asDouble());
    }
}
