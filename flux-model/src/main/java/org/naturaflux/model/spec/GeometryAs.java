package org.naturaflux.model.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What geometry a degraded record carries: its diffusion area's polygon, or that area's centroid. */
public enum GeometryAs implements Coded {
    POLYGON("polygon"), CENTROID("centroid");

    private final String code;

    GeometryAs(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static GeometryAs fromCode(String code) {
        return Coded.parse(GeometryAs.class, code);
    }
}
