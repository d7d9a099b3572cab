package org.naturaflux.format.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.naturaflux.format.AbstractFormatWriter;
import org.naturaflux.format.FieldLayout;
import org.naturaflux.format.FileSink;
import org.naturaflux.format.WriterSettings;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.JsonLayout;

/**
 * Writes JSON in UTF-8: one object per row, its members the fields' codes in column order, its values
 * typed as {@link JsonValueWriter} says (the geometry only through the {@code geometrie_wkt_4326} field,
 * as WKT).
 *
 * <ul>
 *   <li>{@link JsonLayout#ARRAY}: one JSON array, one object per line: {@code [\n{...},\n{...}\n]\n};
 *       zero rows give {@code []\n}.</li>
 *   <li>{@link JsonLayout#NDJSON}: newline-delimited JSON, each object on its own line ended by
 *       {@code \n}; zero rows give an empty file.</li>
 * </ul>
 *
 * <p>Memory: the generator's buffer plus one embedded JSON document at a time, and the WKT strings of the
 * last geometry instances written ({@link JsonValueWriter}, bounded by {@link WriterSettings}).
 */
public final class JsonWriter extends AbstractFormatWriter {

    private final FileSink output;
    private final JsonGenerator gen;
    private final JsonLayout jsonLayout;
    private final SerializableString[] names;
    private final JsonValueWriter values;

    private JsonWriter(FieldLayout layout, FileSink output, JsonGenerator gen, JsonLayout jsonLayout,
                       WriterSettings settings) {
        super(ExportFormat.JSON, layout);
        this.output = output;
        this.gen = gen;
        this.jsonLayout = jsonLayout;
        this.names = JsonValueWriter.names(layout);
        this.values = new JsonValueWriter(settings);
    }

    /**
     * Opens a JSON file.
     *
     * @param target  the uncompressed file's path ({@code .gz} or {@code .zip} is appended when compressed)
     * @param layout  the export's fields
     * @param options the flux's options (JSON layout, compression)
     */
    public static JsonWriter open(Path target, FieldLayout layout, ExportOptions options) throws IOException {
        return open(target, layout, options, WriterSettings.defaults());
    }

    /**
     * Opens a JSON file.
     *
     * @param target   the uncompressed file's path ({@code .gz} or {@code .zip} is appended when compressed)
     * @param layout   the export's fields
     * @param options  the flux's options (JSON layout, compression)
     * @param settings the geometry cache's bounds
     */
    public static JsonWriter open(Path target, FieldLayout layout, ExportOptions options, WriterSettings settings)
            throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(settings, "settings");
        FileSink output = FileSink.create(target, ExportFormat.JSON, options.compression());
        try {
            JsonGenerator gen = JsonValueWriter.generator(output.content(), 1);
            if (options.jsonLayout() == JsonLayout.ARRAY) {
                gen.writeStartArray();
            }
            return new JsonWriter(layout, output, gen, options.jsonLayout(), settings);
        } catch (IOException | RuntimeException e) {
            output.abort();
            throw e;
        }
    }

    @Override
    protected void writeRow(ObservationRow row, Object[] rowValues) throws IOException {
        FieldLayout layout = layout();
        gen.writeStartObject();
        for (int i = 0; i < rowValues.length; i++) {
            gen.writeFieldName(names[i]);
            values.writeValue(gen, layout.type(i), rowValues[i]);
        }
        gen.writeEndObject();
    }

    @Override
    protected WrittenFile finishFile(long rows) throws IOException {
        if (jsonLayout == JsonLayout.ARRAY) {
            gen.writeEndArray();
            gen.writeRaw('\n');
        } else if (rows > 0) {
            gen.writeRaw('\n');
        }
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
