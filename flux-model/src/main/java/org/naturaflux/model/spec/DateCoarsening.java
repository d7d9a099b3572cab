package org.naturaflux.model.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How dates of degraded records are coarsened (off by default). */
public enum DateCoarsening implements Coded {
    NONE("none"), MONTH("month"), YEAR("year");

    private final String code;

    DateCoarsening(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static DateCoarsening fromCode(String code) {
        return Coded.parse(DateCoarsening.class, code);
    }
}
