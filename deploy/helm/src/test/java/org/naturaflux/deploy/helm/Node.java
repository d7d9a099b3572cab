package org.naturaflux.deploy.helm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A read-only view of a parsed YAML value (map, list or scalar), navigated by key without casts.
 * Navigating a missing key gives a missing node, so that a test can assert on absence.
 */
record Node(Object value, String path) {

    static Node of(Object value) {
        return new Node(value, "");
    }

    /** The child under a map key (missing when this is not a map or has no such key). */
    Node get(String key) {
        Object child = value instanceof Map<?, ?> map ? map.get(key) : null;
        return new Node(child, path.isEmpty() ? key : path + "." + key);
    }

    /** The child reached through several keys. */
    Node at(String... keys) {
        Node node = this;
        for (String key : keys) {
            node = node.get(key);
        }
        return node;
    }

    boolean isMissing() {
        return value == null;
    }

    /** The elements of a list (empty when missing). */
    List<Node> list() {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new AssertionError(path + " is not a list: " + value);
        }
        return java.util.stream.IntStream.range(0, list.size())
                .mapToObj(i -> new Node(list.get(i), path + "[" + i + "]"))
                .toList();
    }

    /** The entries of a map as nodes (empty when missing), in document order. */
    Map<String, Node> entries() {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new AssertionError(path + " is not a map: " + value);
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        map.forEach((key, child) -> entries.put(String.valueOf(key), new Node(child, path + "." + key)));
        return entries;
    }

    /** The scalar as text (numbers and booleans as YAML writes them); null when missing. */
    String text() {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new AssertionError(path + " is not a scalar: " + value);
        }
        return String.valueOf(value);
    }

    /** The scalar as an integer; fails when missing or not an integer. */
    int integer() {
        if (value instanceof Integer number) {
            return number;
        }
        throw new AssertionError(path + " is not an integer: " + value);
    }

    /** The scalar as a boolean; fails when missing or not a boolean. */
    boolean bool() {
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw new AssertionError(path + " is not a boolean: " + value);
    }

    /** The list element (a map) whose {@code field} equals {@code expected}, or a missing node. */
    Node find(String field, String expected) {
        return list().stream()
                .filter(element -> Objects.equals(element.get(field).text(), expected))
                .findFirst()
                .orElse(new Node(null, path + "[" + field + "=" + expected + "]"));
    }
}
