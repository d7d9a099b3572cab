package org.naturaflux.format.geojson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.naturaflux.format.EncodedGeometries;
import org.naturaflux.format.WriterSettings;
import org.naturaflux.format.json.JsonBytes;
import org.naturaflux.format.json.JsonValueWriter;

/**
 * Writes a JTS geometry as an RFC 7946 geometry object: {@code [longitude, latitude]} positions (x, y:
 * EPSG:4326 as JTS holds it), two dimensions, coordinates rounded to the configured decimals, polygon
 * rings wound by the right-hand rule (exterior counterclockwise, holes clockwise) whatever their input
 * orientation. A {@code LinearRing} is written as a LineString. Empty parts of a multi-geometry or
 * collection are left out; an empty geometry is written as {@code null}.
 *
 * <p>A geometry worth it ({@link EncodedGeometries#caches}: not a point, enough coordinates) is rendered
 * once per instance, apart, as raw JSON that the next features carrying the same instance copy; the
 * others are written straight into the generator. Not thread-safe (one per writer).
 */
final class GeoJsonGeometryWriter {

    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString COORDINATES = new SerializedString("coordinates");
    private static final SerializableString GEOMETRIES = new SerializedString("geometries");

    private final CoordinateText text;
    private final EncodedGeometries<JsonBytes> rendered;

    GeoJsonGeometryWriter(int decimals) {
        this(decimals, WriterSettings.defaults());
    }

    GeoJsonGeometryWriter(int decimals, WriterSettings settings) {
        this.text = new CoordinateText(decimals);
        this.rendered = EncodedGeometries.of(settings, JsonBytes::size);
    }

    /** Writes {@code geometry} as the current value: a geometry object, or {@code null} when null or empty. */
    void write(JsonGenerator gen, Geometry geometry) throws IOException {
        if (geometry == null || geometry.isEmpty()) {
            gen.writeNull();
        } else if (rendered.caches(geometry)) {
            gen.writeRawValue(rendered.get(geometry, this::render));
        } else {
            writeObject(gen, geometry);
        }
    }

    /** The geometry object as compact JSON, what {@link #writeObject} writes inside a feature. */
    private JsonBytes render(Geometry geometry) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * geometry.getNumPoints() + 64);
        try (JsonGenerator apart = JsonValueWriter.compactGenerator(bytes)) {
            writeObject(apart, geometry);
        }
        return JsonBytes.value(bytes.toByteArray());
    }

    private void writeObject(JsonGenerator gen, Geometry geometry) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName(TYPE);
        if (geometry instanceof Point point) {
            gen.writeString("Point");
            gen.writeFieldName(COORDINATES);
            position(gen, point.getCoordinateSequence(), 0);
        } else if (geometry instanceof LineString line) {
            gen.writeString("LineString");
            gen.writeFieldName(COORDINATES);
            positions(gen, line.getCoordinateSequence(), false);
        } else if (geometry instanceof Polygon polygon) {
            gen.writeString("Polygon");
            gen.writeFieldName(COORDINATES);
            polygon(gen, polygon);
        } else if (geometry instanceof MultiPoint) {
            gen.writeString("MultiPoint");
            gen.writeFieldName(COORDINATES);
            gen.writeStartArray();
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                Point point = (Point) geometry.getGeometryN(i);
                if (!point.isEmpty()) {
                    position(gen, point.getCoordinateSequence(), 0);
                }
            }
            gen.writeEndArray();
        } else if (geometry instanceof MultiLineString) {
            gen.writeString("MultiLineString");
            gen.writeFieldName(COORDINATES);
            gen.writeStartArray();
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                LineString line = (LineString) geometry.getGeometryN(i);
                if (!line.isEmpty()) {
                    positions(gen, line.getCoordinateSequence(), false);
                }
            }
            gen.writeEndArray();
        } else if (geometry instanceof MultiPolygon) {
            gen.writeString("MultiPolygon");
            gen.writeFieldName(COORDINATES);
            gen.writeStartArray();
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                Polygon polygon = (Polygon) geometry.getGeometryN(i);
                if (!polygon.isEmpty()) {
                    polygon(gen, polygon);
                }
            }
            gen.writeEndArray();
        } else if (geometry instanceof GeometryCollection) {
            gen.writeString("GeometryCollection");
            gen.writeFieldName(GEOMETRIES);
            gen.writeStartArray();
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                Geometry part = geometry.getGeometryN(i);
                if (!part.isEmpty()) {
                    writeObject(gen, part);
                }
            }
            gen.writeEndArray();
        } else {
            throw new IllegalArgumentException("GeoJSON cannot carry a " + geometry.getGeometryType());
        }
        gen.writeEndObject();
    }

    private void polygon(JsonGenerator gen, Polygon polygon) throws IOException {
        gen.writeStartArray();
        CoordinateSequence shell = polygon.getExteriorRing().getCoordinateSequence();
        // Area.ofRingSigned is positive for a clockwise ring.
        positions(gen, shell, Area.ofRingSigned(shell) > 0);
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            CoordinateSequence hole = polygon.getInteriorRingN(i).getCoordinateSequence();
            positions(gen, hole, Area.ofRingSigned(hole) < 0);
        }
        gen.writeEndArray();
    }

    private void positions(JsonGenerator gen, CoordinateSequence sequence, boolean reversed) throws IOException {
        gen.writeStartArray();
        int size = sequence.size();
        for (int i = 0; i < size; i++) {
            position(gen, sequence, reversed ? size - 1 - i : i);
        }
        gen.writeEndArray();
    }

    private void position(JsonGenerator gen, CoordinateSequence sequence, int index) throws IOException {
        gen.writeStartArray();
        number(gen, sequence.getX(index));
        number(gen, sequence.getY(index));
        gen.writeEndArray();
    }

    private void number(JsonGenerator gen, double value) throws IOException {
        text.format(value);
        gen.writeNumber(text.buffer(), 0, text.length());
    }
}
