package org.naturaflux.deploy.helm;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables a container gets, built as the kubelet builds them: the {@code envFrom}
 * sources in order, then the {@code env} entries, a later definition replacing an earlier one.
 * ConfigMaps and Secrets are looked up among the rendered objects; a Secret the chart does not render
 * (an operator's existing Secret) stays a reference.
 */
final class PodEnvironment {

    /** Where a variable's value comes from. */
    sealed interface Source permits Literal, FromConfigMap, FromSecret, FromField {
    }

    record Literal(String value) implements Source {
    }

    record FromConfigMap(String configMap, String key, String value) implements Source {
    }

    /** A Secret key; {@code value} is present when the Secret is among the rendered objects. */
    record FromSecret(String secret, String key, Optional<String> value) implements Source {
    }

    record FromField(String fieldPath) implements Source {
    }

    private final Map<String, Source> variables;

    private PodEnvironment(Map<String, Source> variables) {
        this.variables = variables;
    }

    static PodEnvironment of(Node container, Manifests manifests) {
        Map<String, Source> variables = new LinkedHashMap<>();
        for (Node from : container.get("envFrom").list()) {
            String prefix = from.get("prefix").isMissing() ? "" : from.get("prefix").text();
            if (!from.get("configMapRef").isMissing()) {
                String name = from.at("configMapRef", "name").text();
                KubeObject configMap = manifests.one("ConfigMap", name);
                KubeObject.strings(configMap.at("data"))
                        .forEach((key, value) -> variables.put(prefix + key, new FromConfigMap(name, key, value)));
            } else if (!from.get("secretRef").isMissing()) {
                String name = from.at("secretRef", "name").text();
                KubeObject secret = manifests.one("Secret", name);
                secretData(secret).forEach((key, value) -> variables.put(prefix + key, new FromSecret(name, key, Optional.of(value))));
            } else {
                throw new AssertionError("Unknown envFrom source " + from);
            }
        }
        for (Node variable : container.get("env").list()) {
            String name = variable.get("name").text();
            Node valueFrom = variable.get("valueFrom");
            if (valueFrom.isMissing()) {
                variables.put(name, new Literal(variable.get("value").isMissing() ? "" : variable.get("value").text()));
            } else if (!valueFrom.get("secretKeyRef").isMissing()) {
                String secretName = valueFrom.at("secretKeyRef", "name").text();
                String key = valueFrom.at("secretKeyRef", "key").text();
                Optional<String> value = manifests.ofKind("Secret").stream()
                        .filter(secret -> secret.name().equals(secretName))
                        .findFirst()
                        .map(secret -> {
                            String decoded = secretData(secret).get(key);
                            if (decoded == null) {
                                throw new AssertionError(name + " refers to key " + key + " that the rendered Secret " + secretName + " lacks");
                            }
                            return decoded;
                        });
                variables.put(name, new FromSecret(secretName, key, value));
            } else if (!valueFrom.get("configMapKeyRef").isMissing()) {
                String configMapName = valueFrom.at("configMapKeyRef", "name").text();
                String key = valueFrom.at("configMapKeyRef", "key").text();
                String value = KubeObject.strings(manifests.one("ConfigMap", configMapName).at("data")).get(key);
                if (value == null) {
                    throw new AssertionError(name + " refers to key " + key + " that ConfigMap " + configMapName + " lacks");
                }
                variables.put(name, new FromConfigMap(configMapName, key, value));
            } else if (!valueFrom.get("fieldRef").isMissing()) {
                variables.put(name, new FromField(valueFrom.at("fieldRef", "fieldPath").text()));
            } else {
                throw new AssertionError("Unknown valueFrom of " + name + ": " + valueFrom);
            }
        }
        return new PodEnvironment(variables);
    }

    /** A Secret's values, decoded ({@code data} is base64, {@code stringData} plain). */
    static Map<String, String> secretData(KubeObject secret) {
        Map<String, String> values = new LinkedHashMap<>();
        KubeObject.strings(secret.at("data")).forEach((key, encoded) ->
                values.put(key, new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)));
        values.putAll(KubeObject.strings(secret.at("stringData")));
        return values;
    }

    Map<String, Source> sources() {
        return variables;
    }

    Optional<Source> source(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    private static String value(Source source) {
        if (source instanceof Literal literal) {
            return literal.value();
        } else if (source instanceof FromConfigMap configMap) {
            return configMap.value();
        } else if (source instanceof FromSecret secret) {
            return secret.value().orElse("<secret " + secret.secret() + "/" + secret.key() + ">");
        }
        return "<field " + ((FromField) source).fieldPath() + ">";
    }

    /**
     * The values as the process would see them. A reference to a Secret that is not rendered, or to a
     * pod field, gives a placeholder naming it: enough to tell that the variable is set.
     */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        variables.forEach((name, source) -> values.put(name, value(source)));
        return values;
    }
}
