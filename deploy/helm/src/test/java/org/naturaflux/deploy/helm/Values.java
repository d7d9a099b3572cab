package org.naturaflux.deploy.helm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a test gives the chart, read by the test itself: the chart's values.yaml overlaid with the
 * value set's files, as Helm merges them (maps merge key by key, anything else replaces).
 */
final class Values {

    private static final YAMLMapper YAML = new YAMLMapper();

    private Values() {
    }

    static Node merged(List<String> valueSets) {
        Map<String, Object> merged = read(Chart.directory().resolve("values.yaml"));
        for (String valueSet : valueSets) {
            merged = merge(merged, read(Chart.valuesFile(valueSet)));
        }
        return Node.of(merged);
    }

    static Node chartDefaults() {
        return Node.of(read(Chart.directory().resolve("values.yaml")));
    }

    static Node file(String valueSet) {
        return Node.of(read(Chart.valuesFile(valueSet)));
    }

    private static Map<String, Object> read(Path file) {
        try {
            Map<String, Object> values = YAML.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
            return values == null ? new LinkedHashMap<>() : values;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            Object existing = result.get(key);
            if (existing instanceof Map<?, ?> existingMap && value instanceof Map<?, ?> valueMap) {
                result.put(key, merge((Map<String, Object>) existingMap, (Map<String, Object>) valueMap));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }
}
