package org.naturaflux.format.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.OutputStream;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.format.EncodedGeometries;
import org.naturaflux.format.FieldLayout;
import org.naturaflux.format.ValueFormatter;
import org.naturaflux.format.WriterSettings;
import org.naturaflux.model.field.FieldType;

/**
 * Writes field values as typed JSON values, for the JSON and GeoJSON writers.
 *
 * <ul>
 *   <li>INTEGER: a JSON number ({@code 9223372036854775807} is written as such: readers that hold
 *       numbers as IEEE doubles, such as JavaScript, round integers beyond 2<sup>53</sup>).</li>
 *   <li>DECIMAL: a JSON number in the shortest form that reads back as the same {@code double}, never in
 *       exponent form ({@code 0.0000001}, not {@code 1.0E-7}: {@link ValueFormatter#appendDecimal});
 *       NaN and infinities, which JSON cannot carry, are {@code null}.</li>
 *   <li>BOOLEAN: {@code true} / {@code false}.</li>
 *   <li>JSON: the document itself, embedded (re-serialised compactly); a text that is not one valid
 *       JSON document is embedded as a JSON string instead, so the file stays valid.</li>
 *   <li>TEXT, UUID, DATE, TIMESTAMP and GEOMETRY (WKT): JSON strings, as {@link ValueFormatter} writes them.</li>
 *   <li>null: {@code null} (every field is present in every object).</li>
 * </ul>
 *
 * <p>A geometry's JSON string is encoded once per geometry instance and reused by the next values carrying
 * the same instance ({@link EncodedGeometries}, bounded by {@link WriterSettings}).
 *
 * <p>Not thread-safe (one per writer).
 */
public final class JsonValueWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private final ValueFormatter formatter = new ValueFormatter();
    private final EncodedGeometries<JsonBytes> geometryStrings;

    /** A value writer with the default geometry cache ({@link WriterSettings#defaults()}). */
    public JsonValueWriter() {
        this(WriterSettings.defaults());
    }

    /** A value writer whose geometry cache is bounded as {@code settings} say. */
    public JsonValueWriter(WriterSettings settings) {
        this.geometryStrings = EncodedGeometries.of(settings, JsonBytes::size);
    }

    /**
     * A UTF-8 generator writing compact JSON with one record per line.
     *
     * @param out         where the bytes go; not closed with the generator
     * @param recordDepth the nesting depth of the array whose elements are records (1: a top-level array)
     */
    public static JsonGenerator generator(OutputStream out, int recordDepth) throws IOException {
        JsonGenerator generator = FACTORY.createGenerator(out);
        generator.setPrettyPrinter(new RecordPerLinePrinter(recordDepth));
        return generator;
    }

    /**
     * A UTF-8 generator writing compact JSON without any record separator: what the generators of
     * {@link #generator} write inside a record, for a value rendered apart.
     */
    public static JsonGenerator compactGenerator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /** The fields' codes as pre-encoded property names, in column order. */
    public static SerializableString[] names(FieldLayout layout) {
        SerializableString[] names = new SerializableString[layout.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = new SerializedString(layout.field(i).code());
        }
        return names;
    }

    /** Writes one value of a field's type (see the class description). */
    public void writeValue(JsonGenerator gen, FieldType type, Object value) throws IOException {
        if (value == null) {
            gen.writeNull();
            return;
        }
        switch (type) {
            case INTEGER -> gen.writeNumber(((Number) value).longValue());
            case DECIMAL -> {
                double d = ((Number) value).doubleValue();
                if (ValueFormatter.isPlain(d)) {
                    gen.writeNumber(d);
                } else if (Double.isFinite(d)) {
                    gen.writeNumber(ValueFormatter.decimal(d));
                } else {
                    gen.writeNull();
                }
            }
            case BOOLEAN -> gen.writeBoolean((Boolean) value);
            case JSON -> writeEmbedded(gen, (String) value);
            case GEOMETRY -> writeGeometry(gen, (Geometry) value);
            default -> gen.writeString(formatter.text(type, value));
        }
    }

    private void writeGeometry(JsonGenerator gen, Geometry geometry) throws IOException {
        if (geometryStrings.caches(geometry)) {
            gen.writeString(geometryStrings.get(geometry, this::geometryString));
        } else {
            gen.writeString(formatter.wkt(geometry));
        }
    }

    /** The geometry's WKT as a JSON string's escaped UTF-8 content: the generator copies it for every record. */
    private JsonBytes geometryString(Geometry geometry) {
        return JsonBytes.stringContent(formatter.wkt(geometry));
    }

    private static void writeEmbedded(JsonGenerator gen, String json) throws IOException {
        TokenBuffer document;
        try (JsonParser parser = FACTORY.createParser(json)) {
            document = new TokenBuffer(parser);
            if (parser.nextToken() == null) {
                gen.writeString(json);
                return;
            }
            document.copyCurrentStructure(parser);
            if (parser.nextToken() != null) {
                gen.writeString(json);
                return;
            }
        } catch (JsonProcessingException notJson) {
            gen.writeString(json);
            return;
        }
        document.serialize(gen);
    }
}
