package org.naturaflux.format.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;

/**
 * Compact JSON with one record per line: the records of the array at nesting depth {@code recordDepth}
 * (1 for a top-level array, 2 for GeoJSON's {@code features}) each start on a new line, and root values
 * (NDJSON) are separated by a line feed. Everything else is written without white space.
 */
final class RecordPerLinePrinter implements PrettyPrinter {

    private final int recordDepth;

    RecordPerLinePrinter(int recordDepth) {
        this.recordDepth = recordDepth;
    }

    private boolean atRecords(JsonGenerator gen) {
        return gen.getOutputContext().getNestingDepth() == recordDepth;
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator gen) throws IOException {
        gen.writeRaw('{');
    }

    @Override
    public void writeEndObject(JsonGenerator gen, int nrOfEntries) throws IOException {
        gen.writeRaw('}');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(',');
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(':');
    }

    @Override
    public void writeStartArray(JsonGenerator gen) throws IOException {
        gen.writeRaw('[');
    }

    @Override
    public void writeEndArray(JsonGenerator gen, int nrOfValues) throws IOException {
        if (nrOfValues > 0 && atRecords(gen)) {
            gen.writeRaw('\n');
        }
        gen.writeRaw(']');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(atRecords(gen) ? ",\n" : ",");
    }

    @Override
    public void beforeArrayValues(JsonGenerator gen) throws IOException {
        if (atRecords(gen)) {
            gen.writeRaw('\n');
        }
    }

    @Override
    public void beforeObjectEntries(JsonGenerator gen) {
        // nothing: compact
    }
}
