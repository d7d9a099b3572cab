package org.naturaflux.deploy.helm;

import java.util.Map;
import java.util.TreeMap;

/** One Kubernetes object of a rendered manifest. */
record KubeObject(Node root) {

    String apiVersion() {
        return root.get("apiVersion").text();
    }

    String kind() {
        return root.get("kind").text();
    }

    String name() {
        return root.at("metadata", "name").text();
    }

    Map<String, String> labels() {
        return strings(root.at("metadata", "labels"));
    }

    Node spec() {
        return root.get("spec");
    }

    Node at(String... keys) {
        return root.at(keys);
    }

    /** The pod template of a workload (Deployment, StatefulSet, DaemonSet, Job, CronJob), or missing. */
    Node podTemplate() {
        return switch (kind()) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> root.at("spec", "template");
            case "CronJob" -> root.at("spec", "jobTemplate", "spec", "template");
            default -> new Node(null, kind() + "/" + name() + ".podTemplate");
        };
    }

    /** A map of string scalars (labels, annotations, ConfigMap data) as a sorted map. */
    static Map<String, String> strings(Node map) {
        Map<String, String> strings = new TreeMap<>();
        map.entries().forEach((key, value) -> strings.put(key, value.text()));
        return strings;
    }

    @Override
    public String toString() {
        return kind() + "/" + name();
    }
}
