package org.naturaflux.request.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mapbox vector tile decoded by the test itself (no MVT library is served): the protobuf wire format read
 * by hand, the fields of the vector tile specification 2.1 that a test checks: each layer's name, version
 * and extent, its features' id, geometry type, command count and properties (string and integer values).
 */
record MvtTile(Map<String, Layer> layers) {

    record Layer(String name, int version, int extent, List<Feature> features) {
    }

    /**
     * @param geometryType 1 point, 2 line, 3 polygon
     * @param commands     the geometry's command integers (not empty for a drawn feature)
     */
    record Feature(long id, int geometryType, int commands, Map<String, Object> properties) {
    }

    static MvtTile decode(byte[] bytes) {
        Map<String, Layer> layers = new LinkedHashMap<>();
        Reader tile = new Reader(bytes);
        while (tile.more()) {
            int key = (int) tile.varint();
            if (key >>> 3 == 3 && (key & 7) == 2) {
                Layer layer = layer(new Reader(tile.bytes()));
                layers.put(layer.name(), layer);
            } else {
                tile.skip(key & 7);
            }
        }
        return new MvtTile(layers);
    }

    private static Layer layer(Reader in) {
        String name = null;
        int version = 1;
        int extent = 4096;
        List<byte[]> features = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        while (in.more()) {
            int key = (int) in.varint();
            switch (key >>> 3) {
                case 1 -> name = new String(in.bytes(), StandardCharsets.UTF_8);
                case 2 -> features.add(in.bytes());
                case 3 -> keys.add(new String(in.bytes(), StandardCharsets.UTF_8));
                case 4 -> values.add(value(new Reader(in.bytes())));
                case 5 -> extent = (int) in.varint();
                case 15 -> version = (int) in.varint();
                default -> in.skip(key & 7);
            }
        }
        List<Feature> decoded = new ArrayList<>();
        for (byte[] feature : features) {
            decoded.add(feature(new Reader(feature), keys, values));
        }
        return new Layer(name, version, extent, decoded);
    }

    private static Feature feature(Reader in, List<String> keys, List<Object> values) {
        long id = 0;
        int type = 0;
        int commands = 0;
        Map<String, Object> properties = new HashMap<>();
        while (in.more()) {
            int key = (int) in.varint();
            switch (key >>> 3) {
                case 1 -> id = in.varint();
                case 2 -> {
                    Reader tags = new Reader(in.bytes());
                    while (tags.more()) {
                        int k = (int) tags.varint();
                        int v = (int) tags.varint();
                        properties.put(keys.get(k), values.get(v));
                    }
                }
                case 3 -> type = (int) in.varint();
                case 4 -> {
                    Reader geometry = new Reader(in.bytes());
                    while (geometry.more()) {
                        geometry.varint();
                        commands++;
                    }
                }
                default -> in.skip(key & 7);
            }
        }
        return new Feature(id, type, commands, properties);
    }

    private static Object value(Reader in) {
        Object value = null;
        while (in.more()) {
            int key = (int) in.varint();
            switch (key >>> 3) {
                case 1 -> value = new String(in.bytes(), StandardCharsets.UTF_8);
                case 4, 5 -> value = in.varint();
                case 6 -> {
                    long zigzag = in.varint();
                    value = (zigzag >>> 1) ^ -(zigzag & 1);
                }
                case 7 -> value = in.varint() != 0;
                default -> {
                    in.skip(key & 7);
                    value = "(unsupported)";
                }
            }
        }
        return value;
    }

    /** The protobuf wire format: varints, length-delimited bytes, fixed 32 and 64 bits skipped. */
    private static final class Reader {
        private final ByteArrayInputStream in;

        Reader(byte[] bytes) {
            this.in = new ByteArrayInputStream(bytes);
        }

        boolean more() {
            return in.available() > 0;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = in.read();
                if (b < 0) {
                    throw new IllegalStateException("truncated varint");
                }
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalStateException("varint too long");
        }

        byte[] bytes() {
            int length = (int) varint();
            try {
                byte[] bytes = in.readNBytes(length);
                if (bytes.length != length) {
                    throw new IllegalStateException("truncated field");
                }
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void skip(int wireType) {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> in.skip(8);
                case 2 -> bytes();
                case 5 -> in.skip(4);
                default -> throw new IllegalStateException("unknown wire type " + wireType);
            }
        }
    }
}
