package org.naturaflux.model.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How JSON files are laid out. */
public enum JsonLayout implements Coded {
    ARRAY("array"), NDJSON("ndjson");

    private final String code;

    JsonLayout(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static JsonLayout fromCode(String code) {
        return Coded.parse(JsonLayout.class, code);
    }
}
