package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NetworkPolicies: the request-service's API reached from the ingress controller only, both services'
 * management port from Prometheus only, and, when asked, egress to the destinations the values name.
 */
class NetworkPolicyTest {

    private static final Map<String, Object> INGRESS_NGINX = Map.of(
            "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx")),
            "podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "ingress-nginx")));
    private static final Map<String, Object> PROMETHEUS = Map.of(
            "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")),
            "podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "prometheus")));
    private static final Map<String, Object> KUBE_DNS = Map.of(
            "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kube-system")),
            "podSelector", Map.of("matchLabels", Map.of("k8s-app", "kube-dns")));

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.naturaflux.deploy.helm.ValueSets#installable")
    void eachServiceHasOnePolicySelectingItsOwnPodsOnly(List<String> valueSets) {
        Manifests manifests = ValueSets.chart(valueSets).render();

        assertThat(manifests.ofKind("NetworkPolicy")).hasSize(2);
        for (String component : Workloads.SERVICES) {
            KubeObject policy = manifests.component("NetworkPolicy", component);
            KubeObject other = Workloads.deployment(manifests, Workloads.SERVICES.get(1 - Workloads.SERVICES.indexOf(component)));
            assertThat(policy.apiVersion()).isEqualTo("networking.k8s.io/v1");
            Map<String, String> selector = KubeObject.strings(policy.spec().at("podSelector", "matchLabels"));
            assertThat(Workloads.selects(selector, Workloads.deployment(manifests, component))).as("%s selects its pods", policy).isTrue();
            assertThat(Workloads.selects(selector, other)).as("%s selects %s", policy, other).isFalse();
            for (Node rule : policy.spec().get("ingress").list()) {
                assertThat(rule.get("from").list()).as("%s: a rule without peers admits everyone", policy).isNotEmpty();
                assertThat(rule.get("ports").list()).as("%s: a rule without ports admits every port", policy).isNotEmpty();
            }
        }
    }

    @Test
    void byDefaultTheApiIsReachedFromTheIngressControllerAndManagementFromPrometheusOnly() {
        Manifests manifests = ValueSets.chart(ValueSets.EXISTING_SECRETS).render();
        Node api = Workloads.serviceContainer(manifests, "request-service");
        Node worker = Workloads.serviceContainer(manifests, "export-worker");

        KubeObject apiPolicy = manifests.component("NetworkPolicy", "request-service");
        assertThat(apiPolicy.spec().get("policyTypes").list()).extracting(Node::text).containsExactly("Ingress");
        assertThat(apiPolicy.spec().get("egress").isMissing()).isTrue();
        assertThat(admitted(apiPolicy, api)).containsOnly(
                Map.entry(Workloads.portNumber(api, Node.of("http")), List.of(INGRESS_NGINX)),
                Map.entry(Workloads.portNumber(api, Node.of("management")), List.of(PROMETHEUS)));

        KubeObject workerPolicy = manifests.component("NetworkPolicy", "export-worker");
        assertThat(workerPolicy.spec().get("policyTypes").list()).extracting(Node::text).containsExactly("Ingress");
        assertThat(admitted(workerPolicy, worker)).containsOnly(
                Map.entry(Workloads.portNumber(worker, Node.of("management")), List.of(PROMETHEUS)));
    }

    @Test
    void theIngressRoutesToAPortThePolicyOpensToTheIngressController() {
        Manifests manifests = ValueSets.chart(ValueSets.INGRESS).render();
        Node container = Workloads.serviceContainer(manifests, "request-service");
        KubeObject service = manifests.component("Service", "request-service");
        Node backend = manifests.component("Ingress", "request-service").spec().get("rules").list().get(0)
                .at("http", "paths").list().get(0).at("backend", "service", "port");
        int target = Workloads.portNumber(container, service.spec().get("ports").find("name", backend.get("name").text()).get("targetPort"));

        assertThat(admitted(manifests.component("NetworkPolicy", "request-service"), container).get(target)).containsExactly(INGRESS_NGINX);
    }

    @Test
    void noPolicyWhenDisabled() {
        Manifests manifests = ValueSets.chart(ValueSets.NETWORK_POLICY).set("networkPolicy.enabled", false).render();

        assertThat(manifests.ofKind("NetworkPolicy")).isEmpty();
    }

    @Test
    void customSelectorsAndEgressToTheNamedDestinations() {
        Manifests manifests = ValueSets.chart(ValueSets.NETWORK_POLICY).render();
        Node api = Workloads.serviceContainer(manifests, "request-service");
        Map<String, Object> traefik = Map.of(
                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "traefik")),
                "podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "traefik")));
        Map<String, Object> monitoring = Map.of("namespaceSelector", Map.of("matchLabels", Map.of("monitoring", "true")));
        Map<String, Object> database = Map.of(
                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "databases")),
                "podSelector", Map.of("matchLabels", Map.of("cnpg.io/cluster", "naturaflux-pg")));
        Map<String, Object> source = Map.of("ipBlock", Map.of("cidr", "10.20.30.40/32"));
        Map<String, Object> kafka = Map.of(
                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kafka")),
                "podSelector", Map.of("matchLabels", Map.of("strimzi.io/cluster", "naturaflux")));
        Map<String, Object> s3 = Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "minio")));
        Map<String, Object> extra = Map.of("ipBlock", Map.of("cidr", "192.0.2.0/24"));

        KubeObject apiPolicy = manifests.component("NetworkPolicy", "request-service");
        assertThat(admitted(apiPolicy, api)).containsOnly(
                Map.entry(Workloads.portNumber(api, Node.of("http")), List.of(traefik)),
                Map.entry(Workloads.portNumber(api, Node.of("management")), List.of(monitoring)));
        assertThat(apiPolicy.spec().get("policyTypes").list()).extracting(Node::text).containsExactly("Ingress", "Egress");
        assertThat(egress(apiPolicy)).containsExactly(
                Map.entry(KUBE_DNS, List.of("53/UDP", "53/TCP")),
                Map.entry(database, List.of("5432/TCP")),
                Map.entry(source, List.of("5433/TCP")),
                Map.entry(kafka, List.of("9092/TCP")),
                Map.entry(s3, List.of("9000/TCP")),
                Map.entry(extra, List.of("443/TCP")));

        KubeObject workerPolicy = manifests.component("NetworkPolicy", "export-worker");
        assertThat(workerPolicy.spec().get("policyTypes").list()).extracting(Node::text).containsExactly("Ingress", "Egress");
        assertThat(egress(workerPolicy)).as("the workers never reach the request-service's database").containsExactly(
                Map.entry(KUBE_DNS, List.of("53/UDP", "53/TCP")),
                Map.entry(source, List.of("5433/TCP")),
                Map.entry(kafka, List.of("9092/TCP")),
                Map.entry(s3, List.of("9000/TCP")),
                Map.entry(extra, List.of("443/TCP")));
    }

    @Test
    void egressWithoutDestinationsFailsNamingEachOne() {
        String message = ValueSets.chart(ValueSets.EXISTING_SECRETS).set("networkPolicy.egress.enabled", true).renderFailure();

        assertThat(message).contains("naturaflux: the values are incomplete")
                .contains("networkPolicy.egress.database.to", "networkPolicy.egress.sourceDatabase.to", "networkPolicy.egress.kafka.to",
                        "networkPolicy.egress.s3.to")
                .doesNotContain("networkPolicy.egress.dns.to");
    }

    /** The container ports the policy's ingress rules open, each with the peers admitted to it. */
    private static Map<Integer, List<Object>> admitted(KubeObject policy, Node container) {
        Map<Integer, List<Object>> admitted = new LinkedHashMap<>();
        for (Node rule : policy.spec().get("ingress").list()) {
            for (Node port : rule.get("ports").list()) {
                assertThat(port.get("protocol").text()).isEqualTo("TCP");
                List<Object> peers = admitted.computeIfAbsent(Workloads.portNumber(container, port.get("port")), number -> new ArrayList<>());
                rule.get("from").list().forEach(peer -> peers.add(peer.value()));
            }
        }
        return admitted;
    }

    /** The egress rules in order: the one peer of each rule, with its ports as "port/protocol". */
    private static List<Map.Entry<Object, List<String>>> egress(KubeObject policy) {
        List<Map.Entry<Object, List<String>>> rules = new ArrayList<>();
        for (Node rule : policy.spec().get("egress").list()) {
            assertThat(rule.get("to").list()).as("%s: egress rule %s", policy, rule.path()).hasSize(1);
            rules.add(Map.entry(rule.get("to").list().get(0).value(),
                    rule.get("ports").list().stream().map(port -> port.get("port").text() + "/" + port.get("protocol").text()).toList()));
        }
        return rules;
    }
}
