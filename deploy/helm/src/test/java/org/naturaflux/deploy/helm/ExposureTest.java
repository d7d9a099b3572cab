package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How the pods are reached and observed: Services, Ingress, disruption budgets, Prometheus scraping. */
class ExposureTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.naturaflux.deploy.helm.ValueSets#installable")
    void servicesAndDisruptionBudgetsSelectTheirOwnComponentOnly(List<String> valueSets) {
        Manifests manifests = ValueSets.chart(valueSets).render();

        for (String component : Workloads.SERVICES) {
            KubeObject deployment = Workloads.deployment(manifests, component);
            KubeObject other = Workloads.deployment(manifests, Workloads.SERVICES.get(1 - Workloads.SERVICES.indexOf(component)));
            Map<String, String> deploymentSelector = KubeObject.strings(deployment.spec().at("selector", "matchLabels"));
            assertThat(Workloads.selects(deploymentSelector, deployment)).as("%s selects its pods", deployment).isTrue();

            KubeObject service = manifests.component("Service", component);
            Map<String, String> selector = KubeObject.strings(service.spec().get("selector"));
            assertThat(Workloads.selects(selector, deployment)).as("%s selects %s", service, deployment).isTrue();
            assertThat(Workloads.selects(selector, other)).as("%s selects %s", service, other).isFalse();
            for (Node port : service.spec().get("ports").list()) {
                Workloads.portNumber(Workloads.serviceContainer(manifests, component), port.get("targetPort"));
            }

            KubeObject budget = manifests.component("PodDisruptionBudget", component);
            Map<String, String> budgetSelector = KubeObject.strings(budget.spec().at("selector", "matchLabels"));
            assertThat(Workloads.selects(budgetSelector, deployment)).as("%s covers %s", budget, deployment).isTrue();
            assertThat(Workloads.selects(budgetSelector, other)).as("%s covers %s", budget, other).isFalse();
        }
    }

    @Test
    void ingressRoutesTheHostToTheApiService() {
        Manifests manifests = ValueSets.chart(ValueSets.INGRESS).render();
        KubeObject ingress = manifests.component("Ingress", "request-service");
        KubeObject service = manifests.component("Service", "request-service");

        assertThat(ingress.apiVersion()).isEqualTo("networking.k8s.io/v1");
        assertThat(ingress.spec().get("ingressClassName").text()).isEqualTo("nginx");
        assertThat(KubeObject.strings(ingress.at("metadata", "annotations"))).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
        Node rule = ingress.spec().get("rules").list().get(0);
        assertThat(rule.get("host").text()).isEqualTo("naturaflux.sinp.example.org");
        Node path = rule.at("http", "paths").list().get(0);
        assertThat(path.get("path").text()).isEqualTo("/");
        assertThat(path.get("pathType").text()).isEqualTo("Prefix");
        assertThat(path.at("backend", "service", "name").text()).isEqualTo(service.name());
        String portName = path.at("backend", "service", "port", "name").text();
        assertThat(service.spec().get("ports").find("name", portName).isMissing()).as("port %s of %s", portName, service).isFalse();
        Node tls = ingress.spec().get("tls").list().get(0);
        assertThat(tls.get("secretName").text()).isEqualTo("naturaflux-tls");
        assertThat(tls.get("hosts").list()).extracting(Node::text).containsExactly("naturaflux.sinp.example.org");
    }

    @Test
    void ingressReachesOnlyTheApiPortNeverTheManagementInterface() {
        Manifests manifests = ValueSets.chart(ValueSets.EVERYTHING).render();
        KubeObject ingress = manifests.component("Ingress", "request-service");
        KubeObject service = manifests.component("Service", "request-service");
        Node container = Workloads.serviceContainer(manifests, "request-service");
        Map<String, String> environment = PodEnvironment.of(container, manifests).values();
        QuarkusConfig config = QuarkusConfig.ofService("request-service");
        int api = Integer.parseInt(config.value("quarkus.http.port", environment).orElseThrow());
        int management = Integer.parseInt(config.value("quarkus.management.port", environment).orElseThrow());

        assertThat(management).isNotEqualTo(api);
        int backends = 0;
        for (Node rule : ingress.spec().get("rules").list()) {
            for (Node path : rule.at("http", "paths").list()) {
                Node backend = path.at("backend", "service", "port");
                Node port = backend.get("name").isMissing()
                        ? service.spec().get("ports").find("port", backend.get("number").text())
                        : service.spec().get("ports").find("name", backend.get("name").text());
                assertThat(Workloads.portNumber(container, port.get("targetPort"))).as("Ingress path %s", path.get("path").text())
                        .isEqualTo(api);
                backends++;
            }
        }
        assertThat(backends).isPositive();
    }

    @Test
    void noIngressUnlessEnabled() {
        assertThat(ValueSets.chart(ValueSets.EXISTING_SECRETS).render().ofKind("Ingress")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.naturaflux.deploy.helm.ValueSets#installable")
    void podsCarryPrometheusAnnotationsForTheirMetricsEndpoint(List<String> valueSets) {
        Manifests manifests = ValueSets.chart(valueSets).render();

        for (String component : Workloads.SERVICES) {
            Node container = Workloads.serviceContainer(manifests, component);
            Map<String, String> annotations = KubeObject.strings(Workloads.deployment(manifests, component).podTemplate().at("metadata", "annotations"));
            assertThat(annotations).containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/q/metrics");
            assertThat(Integer.parseInt(annotations.get("prometheus.io/port"))).isEqualTo(Workloads.portNumber(container, Node.of("management")));
        }
    }

    @Test
    void serviceMonitorsScrapeBothServices() {
        Manifests manifests = ValueSets.chart(ValueSets.EVERYTHING).render();

        for (String component : Workloads.SERVICES) {
            KubeObject monitor = manifests.component("ServiceMonitor", component);
            KubeObject service = manifests.component("Service", component);
            assertThat(monitor.labels()).containsEntry("release", "kube-prometheus-stack");
            Map<String, String> selector = KubeObject.strings(monitor.spec().at("selector", "matchLabels"));
            assertThat(service.labels().entrySet()).as("%s selects %s", monitor, service).containsAll(selector.entrySet());
            Node endpoint = monitor.spec().get("endpoints").list().get(0);
            assertThat(endpoint.get("path").text()).isEqualTo("/q/metrics");
            Node port = service.spec().get("ports").find("name", endpoint.get("port").text());
            assertThat(port.isMissing()).isFalse();
            Node container = Workloads.serviceContainer(manifests, component);
            assertThat(Workloads.portNumber(container, port.get("targetPort"))).as("%s scraped on the management port", component)
                    .isEqualTo(Workloads.portNumber(container, Node.of("management")));
        }
    }

    @Test
    void noServiceMonitorUnlessEnabled() {
        assertThat(ValueSets.chart(ValueSets.EXISTING_SECRETS).render().ofKind("ServiceMonitor")).isEmpty();
    }
}
