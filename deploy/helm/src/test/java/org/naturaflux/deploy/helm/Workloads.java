package org.naturaflux.deploy.helm;

import java.util.List;
import java.util.Map;

/** Navigation in workloads: the two services' Deployments, their containers and ports. */
final class Workloads {

    /** The chart's components, named like the service modules (and their containers). */
    static final List<String> SERVICES = List.of("request-service", "export-worker");

    private Workloads() {
    }

    static KubeObject deployment(Manifests manifests, String component) {
        return manifests.component("Deployment", component);
    }

    /** The container named like the service in the component's Deployment. */
    static Node serviceContainer(Manifests manifests, String component) {
        return container(deployment(manifests, component), component);
    }

    static Node container(KubeObject workload, String name) {
        Node container = workload.podTemplate().at("spec", "containers").find("name", name);
        if (container.isMissing()) {
            throw new AssertionError("No container " + name + " in " + workload);
        }
        return container;
    }

    static List<Node> containers(KubeObject workload) {
        Node spec = workload.podTemplate().get("spec");
        return java.util.stream.Stream.concat(spec.get("initContainers").list().stream(), spec.get("containers").list().stream()).toList();
    }

    /** The number of a container port given by number or by name (as probes and Services give it). */
    static int portNumber(Node container, Node port) {
        if (port.value() instanceof Integer number) {
            return number;
        }
        Node named = container.get("ports").find("name", port.text());
        if (named.isMissing()) {
            throw new AssertionError("Port " + port.text() + " is not a port of container " + container.get("name").text());
        }
        return named.get("containerPort").integer();
    }

    /** Whether every label of the selector is on the pod template. */
    static boolean selects(Map<String, String> selector, KubeObject workload) {
        Map<String, String> podLabels = KubeObject.strings(workload.podTemplate().at("metadata", "labels"));
        return !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet());
    }
}
