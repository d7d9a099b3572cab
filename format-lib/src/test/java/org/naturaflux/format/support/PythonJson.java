package org.naturaflux.format.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON files as Python's {@code json} module reads them, and the expected typed values to compare with.
 * A value is [python type, text]: {@code int} and {@code float} with their decimal text, {@code str},
 * {@code bool}, {@code null}, and {@code dict} / {@code list} as Python re-serialises them (sorted keys).
 */
public final class PythonJson {

    private PythonJson() {
    }

    /** An expected value. */
    public record Typed(String type, String text) {
    }

    public static Typed integer(long value) {
        return new Typed("int", Long.toString(value));
    }

    public static Typed decimal(double value) {
        return new Typed("float", Double.toString(value));
    }

    public static Typed text(String value) {
        return new Typed("str", value);
    }

    public static Typed bool(boolean value) {
        return new Typed("bool", Boolean.toString(value));
    }

    public static Typed json(String pythonType, String pythonDump) {
        return new Typed(pythonType, pythonDump);
    }

    public static Typed none() {
        return new Typed("null", null);
    }

    /** The records of a file: each a list of (key, typed value) in file order. */
    public static List<List<Object[]>> read(Path file, String layout) {
        List<List<Object[]>> records = new ArrayList<>();
        for (JsonNode line : ExternalTools.script("read_json.py", file.toString(), layout)) {
            List<Object[]> members = new ArrayList<>();
            for (JsonNode member : line) {
                JsonNode typed = member.get(1);
                members.add(new Object[]{member.get(0).asText(),
                        new Typed(typed.get(0).asText(), typed.get(1).isNull() ? null : typed.get(1).asText())});
            }
            records.add(members);
        }
        return records;
    }

    /** Asserts one record: its keys in order and each value (floats compared as doubles). */
    public static void assertRecord(List<Object[]> actual, String[] keys, Typed[] expected) {
        assertThat(actual.stream().map(m -> (String) m[0]).toList()).containsExactly(keys);
        for (int i = 0; i < keys.length; i++) {
            Typed got = (Typed) actual.get(i)[1];
            Typed want = expected[i];
            if (want.type().equals("float") && got.type().equals("float")) {
                assertThat(Double.parseDouble(got.text())).as(keys[i]).isEqualTo(Double.parseDouble(want.text()));
            } else {
                assertThat(got).as(keys[i]).isEqualTo(want);
            }
        }
    }
}
