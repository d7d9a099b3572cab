package org.naturaflux.deploy.helm;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A Quarkus service's {@code application.properties}, read as the service reads it in a pod: the
 * {@code prod} profile, environment variables over the file, and property expressions expanded.
 *
 * <p>The rules implemented (those of SmallRye Config that the services' files use):
 * <ul>
 *   <li>a property {@code a.b-c} is overridden by the environment variable {@code a.b-c}, {@code a_b_c}
 *       or {@code A_B_C} (every character other than a letter or digit becomes {@code _}), and for the
 *       profile by {@code _PROD_A_B_C}; the environment wins over the file;</li>
 *   <li>in the file, {@code %prod.a.b} wins over {@code a.b}; other profiles' keys are ignored;</li>
 *   <li>{@code ${name}} and {@code ${name:default}} are replaced by the value of {@code name}, itself
 *       looked up by these rules (so {@code name} may be an environment variable or a property), else by
 *       the default (itself expanded); a missing name without default is an error, as at startup;</li>
 *   <li>an empty value counts as missing (SmallRye treats an empty string as no value).</li>
 * </ul>
 * Escaped expressions ({@code \$} and {@code $$}) are not supported: the services' files use none.
 */
final class QuarkusConfig {

    private static final String PROFILE = "prod";
    private static final String INCOMING = "mp.messaging.incoming.";

    private final Path file;
    private final Map<String, String> properties;
    private final String artifactId;

    private QuarkusConfig(Path file, Map<String, String> properties, String artifactId) {
        this.file = file;
        this.properties = properties;
        this.artifactId = artifactId;
    }

    /** The configuration of a service module of the repository (its artifactId read from its pom). */
    static QuarkusConfig ofService(String module) {
        Path moduleDirectory = Repository.root().resolve(module);
        return load(moduleDirectory.resolve("src/main/resources/application.properties"),
                artifactIdOf(moduleDirectory.resolve("pom.xml")));
    }

    /** A properties file; {@code artifactId} is the default of {@code quarkus.application.name}. */
    static QuarkusConfig load(Path file, String artifactId) {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        loaded.stringPropertyNames().stream().sorted().forEach(name -> properties.put(name, loaded.getProperty(name)));
        return new QuarkusConfig(file, properties, artifactId);
    }

    Path file() {
        return file;
    }

    /** The properties the file defines for the prod profile (profile prefixes removed). */
    Set<String> propertyNames() {
        Set<String> names = new TreeSet<>();
        for (String name : properties.keySet()) {
            if (!name.startsWith("%")) {
                names.add(name);
            } else if (name.startsWith("%" + PROFILE + ".")) {
                names.add(name.substring(PROFILE.length() + 2));
            }
        }
        return names;
    }

    /** The value of a property in a process with this environment; empty when it has none. */
    Optional<String> value(String property, Map<String, String> environment) {
        return lookup(property, environment, new ArrayDeque<>());
    }

    /**
     * Resolves every property of the file; returns the problems (unresolvable expressions), one line
     * each, empty when the service would start with this configuration.
     */
    List<String> unresolvable(Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        for (String property : propertyNames()) {
            try {
                value(property, environment);
            } catch (IllegalStateException e) {
                problems.add(property + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** The incoming channels that use the Kafka connector (explicitly, or as the only connector). */
    List<String> incomingKafkaChannels(Map<String, String> environment) {
        Set<String> channels = new LinkedHashSet<>();
        for (String property : propertyNames()) {
            if (property.startsWith(INCOMING)) {
                channels.add(channelName(property.substring(INCOMING.length())));
            }
        }
        return channels.stream()
                .filter(channel -> value(INCOMING + channel + ".connector", environment).map("smallrye-kafka"::equals).orElse(true))
                .toList();
    }

    /**
     * The topic and consumer group of an incoming Kafka channel, with SmallRye's and Quarkus' defaults:
     * the topic defaults to the channel name; the group to {@code kafka.group.id}, else to
     * {@code quarkus.application.name}, itself defaulting to the artifactId.
     */
    Subscription subscription(String channel, Map<String, String> environment) {
        String prefix = INCOMING + channel + ".";
        String topic = value(prefix + "topic", environment).orElse(channel);
        String group = value(prefix + "group.id", environment)
                .or(() -> value("kafka.group.id", environment))
                .or(() -> value("quarkus.application.name", environment))
                .orElse(artifactId);
        String offsetReset = value(prefix + "auto.offset.reset", environment)
                .or(() -> value("kafka.auto.offset.reset", environment))
                .orElse("latest");
        return new Subscription(channel, topic, group, offsetReset);
    }

    /** What a Kafka channel consumes. */
    record Subscription(String channel, String topic, String group, String offsetReset) {
    }

    private static String channelName(String rest) {
        if (rest.startsWith("\"")) {
            int end = rest.indexOf('"', 1);
            return rest.substring(1, end);
        }
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private Optional<String> lookup(String name, Map<String, String> environment, Deque<String> resolving) {
        if (resolving.contains(name)) {
            throw new IllegalStateException("circular reference " + resolving + " -> " + name);
        }
        Optional<String> raw = rawValue(name, environment);
        if (raw.isEmpty()) {
            return raw;
        }
        resolving.push(name);
        try {
            String expanded = expand(raw.get(), environment, resolving);
            return expanded.isEmpty() ? Optional.empty() : Optional.of(expanded);
        } finally {
            resolving.pop();
        }
    }

    private Optional<String> rawValue(String name, Map<String, String> environment) {
        String sanitized = name.replaceAll("[^A-Za-z0-9]", "_");
        String upper = sanitized.toUpperCase(Locale.ROOT);
        for (String candidate : List.of("_" + PROFILE.toUpperCase(Locale.ROOT) + "_" + upper, name, sanitized, upper)) {
            String value = environment.get(candidate);
            if (value != null && !value.isEmpty()) {
                return Optional.of(value);
            }
        }
        for (String key : List.of("%" + PROFILE + "." + name, name)) {
            String value = properties.get(key);
            if (value != null && !value.isEmpty()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private String expand(String value, Map<String, String> environment, Deque<String> resolving) {
        StringBuilder result = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                result.append(value, i, value.length());
                break;
            }
            result.append(value, i, start);
            int end = closingBrace(value, start + 2);
            String expression = value.substring(start + 2, end);
            int colon = separator(expression);
            String key = colon < 0 ? expression : expression.substring(0, colon);
            Optional<String> resolved = lookup(key, environment, resolving);
            if (resolved.isPresent()) {
                result.append(resolved.get());
            } else if (colon >= 0) {
                result.append(expand(expression.substring(colon + 1), environment, resolving));
            } else {
                throw new IllegalStateException("${" + key + "} has no value and no default");
            }
            i = end + 1;
        }
        return result.toString();
    }

    private static int closingBrace(String value, int from) {
        int depth = 0;
        for (int i = from; i < value.length(); i++) {
            if (value.startsWith("${", i)) {
                depth++;
                i++;
            } else if (value.charAt(i) == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        throw new IllegalStateException("unclosed expression in " + value);
    }

    /** The index of the ':' separating key and default, outside nested expressions; -1 when none. */
    private static int separator(String expression) {
        int depth = 0;
        for (int i = 0; i < expression.length(); i++) {
            if (expression.startsWith("${", i)) {
                depth++;
                i++;
            } else if (expression.charAt(i) == '}') {
                depth--;
            } else if (expression.charAt(i) == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String artifactIdOf(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && element.getTagName().equals("artifactId")) {
                    return element.getTextContent().trim();
                }
            }
            throw new IllegalStateException("No artifactId in " + pom);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + pom, e);
        }
    }
}
