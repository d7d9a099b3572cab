package org.naturaflux.deploy.helm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The objects of a multi-document YAML manifest (Helm's output, or quarkus-kubernetes'). */
final class Manifests {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final List<KubeObject> objects;

    private Manifests(List<KubeObject> objects) {
        this.objects = List.copyOf(objects);
    }

    /** Parses every YAML document (empty documents, such as templates that render nothing, are skipped). */
    static Manifests parse(String yaml) {
        List<KubeObject> objects = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> documents = YAML.readerFor(new TypeReference<Map<String, Object>>() { })
                .readValues(yaml)) {
            while (documents.hasNextValue()) {
                Map<String, Object> document = documents.nextValue();
                if (document != null && !document.isEmpty()) {
                    KubeObject object = new KubeObject(Node.of(document));
                    if (object.kind() == null || object.apiVersion() == null || object.name() == null) {
                        throw new AssertionError("A rendered document is not a Kubernetes object: " + document);
                    }
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Unparsable manifest:\n" + yaml, e);
        }
        return new Manifests(objects);
    }

    List<KubeObject> all() {
        return objects;
    }

    List<KubeObject> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.kind())).toList();
    }

    /** The one object of that kind and name; fails when absent. */
    KubeObject one(String kind, String name) {
        return objects.stream()
                .filter(object -> kind.equals(object.kind()) && name.equals(object.name()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + kind + "/" + name + " in " + objects));
    }

    /** The one object of that kind whose {@code app.kubernetes.io/component} label is {@code component}. */
    KubeObject component(String kind, String component) {
        List<KubeObject> matches = objects.stream()
                .filter(object -> kind.equals(object.kind()) && component.equals(object.labels().get("app.kubernetes.io/component")))
                .toList();
        if (matches.size() != 1) {
            throw new AssertionError("Expected one " + kind + " of component " + component + ", found " + matches);
        }
        return matches.get(0);
    }

    /** The workloads: objects with a pod template. */
    List<KubeObject> workloads() {
        return objects.stream().filter(object -> !object.podTemplate().isMissing()).toList();
    }
}
