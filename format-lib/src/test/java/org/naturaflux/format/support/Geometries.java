package org.naturaflux.format.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/** Geometries as GDAL reports them (ISO WKB in hex), parsed exactly. */
public final class Geometries {

    private Geometries() {
    }

    /** The geometry of a feature line of {@code read_layer.py}, or null. */
    public static Geometry of(JsonNode feature) {
        JsonNode wkb = feature.get("wkb");
        if (wkb == null || wkb.isNull()) {
            return null;
        }
        try {
            return new WKBReader(Fixtures.GEOMETRY).read(WKBReader.hexToBytes(wkb.asText()));
        } catch (ParseException e) {
            throw new AssertionError("GDAL's WKB does not parse: " + wkb, e);
        }
    }
}
