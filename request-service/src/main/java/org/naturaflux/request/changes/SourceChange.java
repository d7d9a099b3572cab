package org.naturaflux.request.changes;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A row change of the source as Debezium's PostgreSQL connector publishes it (JSON converter without
 * schemas; REPLICA IDENTITY FULL, so updates and deletes carry the old row): what change routing needs
 * of it. PostGIS geometries arrive as {@code {"wkb": <base64 EWKB>, "srid": n}}.
 */
public final class SourceChange {

    /**
     * The state of an observation before or after the change: what tells whether, and where, the state is
     * exported (its geometry, its level's codes, its taxon and dataset, which the export view requires), and
     * what a flux's record filters read (its observation and validation statuses, its dates).
     */
    public record Observation(long id, Geometry localGeometry, Integer cdNom, Integer datasetId, Integer sensitivityId,
                              Integer diffusionId, Integer observationStatusId, Integer validationStatusId,
                              LocalDateTime dateMin, LocalDateTime dateMax) {
    }

    /** A change of {@code gn_synthese.synthese}: its states before and after (absent for inserts and deletes). */
    public record ObservationChange(Observation before, Observation after) {
        public List<Observation> states() {
            List<Observation> states = new ArrayList<>(2);
            if (before != null) {
                states.add(before);
            }
            if (after != null) {
                states.add(after);
            }
            return states;
        }
    }

    /** A change of {@code ref_geo.l_areas}: the area's geometry (the source's local projection) before and after. */
    public record AreaChange(Geometry before, Geometry after) {
        public List<Geometry> geometries() {
            List<Geometry> geometries = new ArrayList<>(2);
            if (before != null) {
                geometries.add(before);
            }
            if (after != null) {
                geometries.add(after);
            }
            return geometries;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceChange() {
    }

    /**
     * The observation change of an event of the synthese topic; null for what is not a row change
     * (tombstone, truncate, logical message).
     *
     * @throws IllegalArgumentException when the event cannot be read
     */
    public static ObservationChange observation(byte[] event) {
        JsonNode root = envelope(event);
        if (root == null) {
            return null;
        }
        Observation before = observationOf(root.get("before"));
        Observation after = observationOf(root.get("after"));
        return before == null && after == null ? null : new ObservationChange(before, after);
    }

    /** The area change of an event of the l_areas topic; null for what is not a row change. */
    public static AreaChange area(byte[] event) {
        JsonNode root = envelope(event);
        if (root == null) {
            return null;
        }
        Geometry before = geometry(row(root.get("before")), "geom");
        Geometry after = geometry(row(root.get("after")), "geom");
        return before == null && after == null ? null : new AreaChange(before, after);
    }

    private static JsonNode envelope(byte[] event) {
        if (event == null || event.length == 0) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(event);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a change event (a JSON object is expected)");
        }
        // With schemas enabled the envelope is under "payload".
        if (root.has("payload") && root.has("schema")) {
            root = root.get("payload");
        }
        String op = root.path("op").asText("");
        return switch (op) {
            case "c", "u", "d", "r" -> root;
            case "t", "m", "" -> null;
            default -> throw new IllegalArgumentException("unknown change operation '" + op + "'");
        };
    }

    private static JsonNode row(JsonNode row) {
        return row == null || row.isNull() ? null : row;
    }

    private static Observation observationOf(JsonNode node) {
        JsonNode row = row(node);
        if (row == null) {
            return null;
        }
        if (!row.has("id_synthese")) {
            throw new IllegalArgumentException("a synthese row without id_synthese");
        }
        return new Observation(row.get("id_synthese").asLong(), geometry(row, "the_geom_local"), integer(row, "cd_nom"),
                integer(row, "id_dataset"), integer(row, "id_nomenclature_sensitivity"), integer(row, "id_nomenclature_diffusion_level"),
                integer(row, "id_nomenclature_observation_status"), integer(row, "id_nomenclature_valid_status"),
                timestamp(row, "date_min"), timestamp(row, "date_max"));
    }

    /**
     * A {@code timestamp without time zone} column: Debezium's default ({@code time.precision.mode} adaptive)
     * sends microseconds since the epoch ({@code MicroTimestamp}) read as UTC; an ISO-8601 text is read as is.
     */
    static LocalDateTime timestamp(JsonNode row, String column) {
        JsonNode value = row.get(column);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            long micros = value.asLong();
            return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
        }
        try {
            return LocalDateTime.parse(value.asText().replace(' ', 'T').replace("Z", ""));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("column " + column + ": unreadable timestamp '" + value.asText() + "'", e);
        }
    }

    private static Integer integer(JsonNode row, String column) {
        JsonNode value = row.get(column);
        return value == null || value.isNull() ? null : value.asInt();
    }

    static Geometry geometry(JsonNode row, String column) {
        if (row == null) {
            return null;
        }
        JsonNode value = row.get(column);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.has("wkb")) {
            throw new IllegalArgumentException("column " + column + " is not a PostGIS geometry ({wkb, srid})");
        }
        try {
            Geometry geometry = new WKBReader().read(Base64.getDecoder().decode(value.get("wkb").asText()));
            if (value.has("srid") && !value.get("srid").isNull()) {
                geometry.setSRID(value.get("srid").asInt());
            }
            return geometry;
        } catch (ParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("column " + column + ": unreadable geometry: " + e.getMessage(), e);
        }
    }
}
