package org.naturaflux.model.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How each exported file is compressed. */
public enum Compression implements Coded {
    NONE("none"), GZIP("gzip"), ZIP("zip");

    private final String code;

    Compression(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static Compression fromCode(String code) {
        return Coded.parse(Compression.class, code);
    }
}
