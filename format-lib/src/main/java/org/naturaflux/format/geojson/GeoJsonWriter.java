package org.naturaflux.format.geojson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.naturaflux.format.AbstractFormatWriter;
import org.naturaflux.format.FieldLayout;
import org.naturaflux.format.FileSink;
import org.naturaflux.format.WriterSettings;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.format.json.JsonValueWriter;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;

/**
 * Writes an RFC 7946 GeoJSON FeatureCollection in UTF-8, one feature per line:
 *
 * <pre>{@code
 * {"type":"FeatureCollection","features":[
 * {"type":"Feature","id":123,"geometry":{"type":"Point","coordinates":[2.3522,48.8566]},"properties":{...}},
 * ...
 * ]}
 * }</pre>
 *
 * <ul>
 *   <li>{@code id}: the row's id ({@code id_synthese}), a number.</li>
 *   <li>{@code geometry}: the row's feature geometry ({@link ObservationRow#geometry()}, EPSG:4326) as
 *       longitude/latitude, rounded to {@link ExportOptions#coordinatePrecision()} decimals, polygons wound
 *       by the right-hand rule; {@code null} when the row has none (or an empty one).</li>
 *   <li>{@code properties}: every field except the GEOMETRY field (the geometry is the feature's), typed
 *       as {@link JsonValueWriter} says.</li>
 *   <li>No {@code crs} and no {@code bbox} member (RFC 7946: WGS84 is implied; the extent is not known
 *       before the last row).</li>
 * </ul>
 *
 * <p>Memory: the generator's buffer plus one embedded JSON document at a time, and the rendered geometry
 * objects of the last geometry instances written ({@link GeoJsonGeometryWriter}, bounded by
 * {@link WriterSettings}).
 */
public final class GeoJsonWriter extends AbstractFormatWriter {

    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString FEATURE = new SerializedString("Feature");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString GEOMETRY = new SerializedString("geometry");
    private static final SerializableString PROPERTIES = new SerializedString("properties");

    private final FileSink output;
    private final JsonGenerator gen;
    private final SerializableString[] names;
    private final int[] propertyColumns;
    private final JsonValueWriter values;
    private final GeoJsonGeometryWriter geometries;

    private GeoJsonWriter(FieldLayout layout, FileSink output, JsonGenerator gen, int decimals,
                          WriterSettings settings) {
        super(ExportFormat.GEOJSON, layout);
        this.output = output;
        this.gen = gen;
        this.names = JsonValueWriter.names(layout);
        this.values = new JsonValueWriter(settings);
        this.geometries = new GeoJsonGeometryWriter(decimals, settings);
        int geometryIndex = layout.geometryIndex();
        this.propertyColumns = new int[geometryIndex < 0 ? layout.size() : layout.size() - 1];
        for (int i = 0, next = 0; i < layout.size(); i++) {
            if (i != geometryIndex) {
                propertyColumns[next++] = i;
            }
        }
    }

    /**
     * Opens a GeoJSON file.
     *
     * @param target  the uncompressed file's path ({@code .gz} or {@code .zip} is appended when compressed)
     * @param layout  the export's fields
     * @param options the flux's options (coordinate precision, 1 to 15 decimals; compression)
     */
    public static GeoJsonWriter open(Path target, FieldLayout layout, ExportOptions options) throws IOException {
        return open(target, layout, options, WriterSettings.defaults());
    }

    /**
     * Opens a GeoJSON file.
     *
     * @param target   the uncompressed file's path ({@code .gz} or {@code .zip} is appended when compressed)
     * @param layout   the export's fields
     * @param options  the flux's options (coordinate precision, 1 to 15 decimals; compression)
     * @param settings the geometry cache's bounds
     */
    public static GeoJsonWriter open(Path target, FieldLayout layout, ExportOptions options, WriterSettings settings)
            throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(settings, "settings");
        int decimals = options.coordinatePrecision();
        if (decimals < 1 || decimals > 15) {
            throw new IllegalArgumentException("coordinate precision must be between 1 and 15: " + decimals);
        }
        FileSink output = FileSink.create(target, ExportFormat.GEOJSON, options.compression());
        try {
            JsonGenerator gen = JsonValueWriter.generator(output.content(), 2);
            gen.writeStartObject();
            gen.writeStringField("type", "FeatureCollection");
            gen.writeFieldName("features");
            gen.writeStartArray();
            return new GeoJsonWriter(layout, output, gen, decimals, settings);
        } catch (IOException | RuntimeException e) {
            output.abort();
            throw e;
        }
    }

    @Override
    protected void writeRow(ObservationRow row, Object[] rowValues) throws IOException {
        FieldLayout layout = layout();
        gen.writeStartObject();
        gen.writeFieldName(TYPE);
        gen.writeString(FEATURE);
        gen.writeFieldName(ID);
        gen.writeNumber(row.id());
        gen.writeFieldName(GEOMETRY);
        geometries.write(gen, row.geometry());
        gen.writeFieldName(PROPERTIES);
        gen.writeStartObject();
        for (int column : propertyColumns) {
            gen.writeFieldName(names[column]);
            values.writeValue(gen, layout.type(column), rowValues[column]);
        }
        gen.writeEndObject();
        gen.writeEndObject();
    }

    @Override
    protected WrittenFile finishFile(long rows) throws IOException {
        gen.writeEndArray();
        gen.writeEndObject();
        gen.writeRaw('\n');
        gen.close();
        return output.finish(rows);
    }

    @Override
    protected void abortFile() {
        try {
            gen.close();
        } catch (IOException | RuntimeException ignored) {
            // the output is deleted anyway
        }
        output.abort();
    }
}
