package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The manifests quarkus-kubernetes generates when a service is packaged
 * ({@code <service>/target/kubernetes/kubernetes.yml}) agree with the chart on the container's port and
 * the probes' paths and ports (the management port), and the Prometheus scraping annotations. In the reactor build the services are packaged before this module.
 */
class GeneratedManifestsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"request-service", "export-worker"})
    void chartAgreesWithTheGeneratedManifests(String service) {
        Manifests generated = generated(service);
        KubeObject generatedDeployment = generated.one("Deployment", service);
        Node generatedContainer = Workloads.container(generatedDeployment, service);
        Manifests chart = ValueSets.chart(ValueSets.EXISTING_SECRETS).render();
        Node chartContainer = Workloads.serviceContainer(chart, service);

        int generatedPort = Workloads.portNumber(generatedContainer, Node.of("http"));
        assertThat(Workloads.portNumber(chartContainer, Node.of("http"))).as("%s container port http", service).isEqualTo(generatedPort);
        int generatedManagement = Workloads.portNumber(generatedContainer, Node.of("management"));
        assertThat(Workloads.portNumber(chartContainer, Node.of("management"))).as("%s container port management", service)
                .isEqualTo(generatedManagement);
        for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
            Node generatedProbe = generatedContainer.at(probe, "httpGet");
            Node chartProbe = chartContainer.at(probe, "httpGet");
            assertThat(generatedProbe.isMissing()).as("%s: generated %s", service, probe).isFalse();
            assertThat(chartProbe.get("path").text()).as("%s %s path", service, probe).isEqualTo(generatedProbe.get("path").text());
            assertThat(Workloads.portNumber(chartContainer, chartProbe.get("port"))).as("%s %s port", service, probe)
                    .isEqualTo(Workloads.portNumber(generatedContainer, generatedProbe.get("port")));
        }
        Map<String, String> generatedAnnotations = KubeObject.strings(generatedDeployment.podTemplate().at("metadata", "annotations"));
        Map<String, String> chartAnnotations = KubeObject.strings(Workloads.deployment(chart, service).podTemplate().at("metadata", "annotations"));
        for (String scraping : new String[] {"prometheus.io/scrape", "prometheus.io/path"}) {
            assertThat(chartAnnotations.get(scraping)).as("%s pod annotation %s", service, scraping).isEqualTo(generatedAnnotations.get(scraping));
        }
        // quarkus-kubernetes writes the build's management port (the local default) in its annotation,
        // while its container port is the pod's: the chart scrapes the pod's
        assertThat(chartAnnotations.get("prometheus.io/port")).as("%s pod annotation prometheus.io/port", service)
                .isEqualTo(Integer.toString(generatedManagement));
    }

    private static Manifests generated(String service) {
        Path file = Repository.root().resolve(service).resolve("target/kubernetes/kubernetes.yml");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(file + " does not exist: package the service first ("
                    + "./mvnw -B -f " + service + "/pom.xml package -DskipTests), or build the whole reactor, "
                    + "which packages the services before this module");
        }
        try {
            return Manifests.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
