package org.naturaflux.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every pod of every installation must be: non-root, read-only root filesystem with a writable
 * temporary directory, probes on the Quarkus health endpoints, listening on all interfaces on the port
 * its container declares, and configured so that the service resolves every setting it has.
 */
class PodsTest {

    private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-D([A-Za-z0-9_.]+)=(\\S+)");

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.naturaflux.deploy.helm.ValueSets#installable")
    void everyContainerRunsNonRootWithAWritableTemporaryDirectory(List<String> valueSets) {
        Manifests manifests = ValueSets.chart(valueSets).render();

        assertThat(manifests.workloads()).isNotEmpty();
        for (KubeObject workload : manifests.workloads()) {
            Node podSpec = workload.podTemplate().get("spec");
            for (Node container : Workloads.containers(workload)) {
                String where = workload + " container " + container.get("name").text();
                Node security = container.get("securityContext");
                Node podSecurity = podSpec.get("securityContext");

                Node runAsNonRoot = security.get("runAsNonRoot").isMissing() ? podSecurity.get("runAsNonRoot") : security.get("runAsNonRoot");
                assertThat(runAsNonRoot.isMissing() ? null : runAsNonRoot.bool()).as("%s runAsNonRoot", where).isTrue();
                Node runAsUser = security.get("runAsUser").isMissing() ? podSecurity.get("runAsUser") : security.get("runAsUser");
                if (!runAsUser.isMissing()) {
                    assertThat(runAsUser.integer()).as("%s runAsUser", where).isPositive();
                }
                assertThat(security.get("allowPrivilegeEscalation").bool()).as("%s allowPrivilegeEscalation", where).isFalse();
                assertThat(security.get("privileged").isMissing() || !security.get("privileged").bool()).as("%s privileged", where).isTrue();
                assertThat(security.at("capabilities", "drop").list()).as("%s dropped capabilities", where)
                        .extracting(Node::text).contains("ALL");
                assertThat(security.get("readOnlyRootFilesystem").bool()).as("%s readOnlyRootFilesystem", where).isTrue();

                List<Path> writable = writableMounts(podSpec, container);
                assertThat(writable).as("%s writable mounts", where).contains(Path.of("/tmp"));
                for (Path directory : temporaryDirectories(manifests, container)) {
                    assertThat(writable).as("%s: %s is on a writable emptyDir", where, directory).anyMatch(directory::startsWith);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.naturaflux.deploy.helm.ValueSets#installable")
    void probesHitTheHealthEndpointsOfTheServicesManagementPort(List<String> valueSets) {
        Manifests manifests = ValueSets.chart(valueSets).render();

        for (String service : Workloads.SERVICES) {
            Node container = Workloads.serviceContainer(manifests, service);
            Map<String, String> environment = PodEnvironment.of(container, manifests).values();
            QuarkusConfig config = QuarkusConfig.ofService(service);

            String port = config.value("quarkus.http.port", environment).orElseThrow();
            assertThat(config.value("quarkus.http.host", environment)).as("%s listens on all interfaces", service).contains("0.0.0.0");
            assertThat(Workloads.portNumber(container, Node.of("http"))).as("%s container port http", service).isEqualTo(Integer.parseInt(port));
            assertThat(config.value("quarkus.management.enabled", environment)).as("%s management interface", service).contains("true");
            String management = config.value("quarkus.management.port", environment).orElseThrow();
            assertThat(config.value("quarkus.management.host", environment)).as("%s management on all interfaces", service).contains("0.0.0.0");
            assertThat(Workloads.portNumber(container, Node.of("management"))).as("%s container port management", service)
                    .isEqualTo(Integer.parseInt(management))
                    .isNotEqualTo(Integer.parseInt(port));
            assertProbe(container, "livenessProbe", "/q/health/live", management);
            assertProbe(container, "readinessProbe", "/q/health/ready", management);
            assertProbe(container, "startupProbe", "/q/health/started", management);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.naturaflux.deploy.helm.ValueSets#installable")
    void servicesResolveEverySettingFromTheirPodEnvironment(List<String> valueSets) {
        Manifests manifests = ValueSets.chart(valueSets).render();
        Node values = Values.merged(valueSets);

        Map<String, String> api = environment(manifests, "request-service");
        QuarkusConfig apiConfig = QuarkusConfig.ofService("request-service");
        assertThat(apiConfig.unresolvable(api)).as("request-service settings that cannot resolve").isEmpty();
        assertThat(apiConfig.value("quarkus.datasource.reactive.url", api)).contains(values.at("database", "url").text());
        assertThat(apiConfig.value("quarkus.datasource.username", api)).isPresent();
        assertThat(apiConfig.value("quarkus.datasource.password", api)).isPresent();
        assertThat(apiConfig.value("kafka.bootstrap.servers", api)).contains(values.at("kafka", "bootstrapServers").text());
        assertThat(apiConfig.value("naturaflux.s3.endpoint", api)).contains(values.at("s3", "endpoint").text());
        assertThat(apiConfig.value("naturaflux.s3.public-endpoint", api))
                .as("signed URLs use the public endpoint, not the internal one")
                .contains(values.at("s3", "publicEndpoint").text())
                .isNotEqualTo(apiConfig.value("naturaflux.s3.endpoint", api));
        assertThat(apiConfig.value("naturaflux.s3.region", api)).contains(values.at("s3", "region").text());
        assertThat(apiConfig.value("naturaflux.s3.bucket", api)).contains(values.at("s3", "bucket").text());
        assertThat(apiConfig.value("naturaflux.s3.access-key", api)).isPresent();
        assertThat(apiConfig.value("naturaflux.s3.secret-key", api)).isPresent();
        List<String> proxies = values.at("requestService", "trustedProxies").list().stream().map(Node::text).toList();
        assertThat(apiConfig.value("quarkus.http.proxy.proxy-address-forwarding", api)).as("forwarded client addresses")
                .contains(Boolean.toString(!proxies.isEmpty()));
        if (!proxies.isEmpty()) {
            assertThat(apiConfig.value("quarkus.http.proxy.trusted-proxies", api)).contains(String.join(",", proxies));
        }
        assertThat(apiConfig.value("naturaflux.limits.max-pending-requests", api))
                .contains(values.at("requestService", "limits", "maxPendingRequests").text());
        assertThat(apiConfig.value("naturaflux.limits.auth-failure-window", api))
                .contains(values.at("requestService", "limits", "authFailureWindow").text());
        assertThat(apiConfig.value("quarkus.log.console.json.enabled", api)).as("JSON logs")
                .contains(values.at("logging", "json").text());
        assertThat(apiConfig.value("naturaflux.preview.max-records", api))
                .contains(values.at("requestService", "preview", "maxRecords").text());
        assertThat(apiConfig.value("naturaflux.preview.timeout", api))
                .contains(values.at("requestService", "preview", "timeout").text());
        assertThat(apiConfig.value("naturaflux.preview.max-coordinates", api))
                .contains(values.at("requestService", "preview", "maxCoordinates").text());
        assertThat(apiConfig.value("naturaflux.reference.tile-url", api))
                .contains(values.at("requestService", "reference", "tileUrl").text());
        assertThat(apiConfig.value("naturaflux.changes.statuses-check-interval", api))
                .contains(values.at("changes", "statusesCheckInterval").text());

        Map<String, String> worker = environment(manifests, "export-worker");
        QuarkusConfig workerConfig = QuarkusConfig.ofService("export-worker");
        assertThat(workerConfig.unresolvable(worker)).as("export-worker settings that cannot resolve").isEmpty();
        assertThat(workerConfig.value("naturaflux.source.url", worker)).contains(values.at("sourceDatabase", "url").text());
        assertThat(workerConfig.value("naturaflux.source.user", worker)).isPresent();
        assertThat(workerConfig.value("naturaflux.source.password", worker)).isPresent();
        assertThat(workerConfig.value("kafka.bootstrap.servers", worker)).contains(values.at("kafka", "bootstrapServers").text());
        assertThat(workerConfig.value("naturaflux.s3.endpoint", worker)).contains(values.at("s3", "endpoint").text());
        assertThat(workerConfig.value("naturaflux.s3.region", worker)).contains(values.at("s3", "region").text());
        assertThat(workerConfig.value("naturaflux.s3.bucket", worker)).contains(values.at("s3", "bucket").text());
        assertThat(workerConfig.value("naturaflux.s3.access-key", worker)).isPresent();
        assertThat(workerConfig.value("naturaflux.s3.secret-key", worker)).isPresent();
        assertThat(workerConfig.value("naturaflux.worker.concurrency", worker)).contains(values.at("exportWorker", "concurrency").text());
        assertThat(workerConfig.value("quarkus.log.console.json.enabled", worker)).as("JSON logs")
                .contains(values.at("logging", "json").text());
    }

    @Test
    void chartDefaultsOfTheServiceSettingsAreTheServicesOwn() {
        Node defaults = Values.chartDefaults();
        QuarkusConfig api = QuarkusConfig.ofService("request-service");
        Map<String, String> none = Map.of();

        assertThat(api.value("naturaflux.preview.max-records", none)).contains(defaults.at("requestService", "preview", "maxRecords").text());
        assertThat(api.value("naturaflux.preview.timeout", none)).contains(defaults.at("requestService", "preview", "timeout").text());
        assertThat(api.value("naturaflux.preview.max-coordinates", none))
                .contains(defaults.at("requestService", "preview", "maxCoordinates").text());
        assertThat(api.value("naturaflux.changes.statuses-check-interval", none))
                .contains(defaults.at("changes", "statusesCheckInterval").text());
        assertThat(api.value("naturaflux.changes.min-interval", none)).contains(defaults.at("changes", "minInterval").text());
    }

    private static Map<String, String> environment(Manifests manifests, String service) {
        return PodEnvironment.of(Workloads.serviceContainer(manifests, service), manifests).values();
    }

    private static void assertProbe(Node container, String probe, String path, String port) {
        Node httpGet = container.at(probe, "httpGet");
        String where = container.get("name").text() + " " + probe;
        assertThat(httpGet.get("path").text()).as(where).isEqualTo(path);
        assertThat(Workloads.portNumber(container, httpGet.get("port"))).as(where + " port").isEqualTo(Integer.parseInt(port));
        assertThat(httpGet.get("scheme").isMissing() ? "HTTP" : httpGet.get("scheme").text()).as(where).isEqualTo("HTTP");
    }

    /** The container's mount paths backed by an emptyDir and not read-only. */
    private static List<Path> writableMounts(Node podSpec, Node container) {
        List<Path> writable = new ArrayList<>();
        for (Node mount : container.get("volumeMounts").list()) {
            Node volume = podSpec.get("volumes").find("name", mount.get("name").text());
            boolean readOnly = !mount.get("readOnly").isMissing() && mount.get("readOnly").bool();
            if (!volume.get("emptyDir").isMissing() && !readOnly) {
                writable.add(Path.of(mount.get("mountPath").text()));
            }
        }
        return writable;
    }

    /**
     * Where the container writes temporary files: the JVM's java.io.tmpdir (/tmp by default) and any
     * other -D...tmpdir in JAVA_OPTS_APPEND, every *_DIR variable of its environment, and the worker's
     * scratch directory as the worker resolves it.
     */
    private static List<Path> temporaryDirectories(Manifests manifests, Node container) {
        Map<String, String> environment = PodEnvironment.of(container, manifests).values();
        List<Path> directories = new ArrayList<>();
        directories.add(Path.of("/tmp"));
        Matcher matcher = SYSTEM_PROPERTY.matcher(environment.getOrDefault("JAVA_OPTS_APPEND", ""));
        while (matcher.find()) {
            if (matcher.group(1).endsWith("tmpdir")) {
                directories.add(Path.of(matcher.group(2)));
            }
        }
        environment.forEach((name, value) -> {
            if (name.endsWith("_DIR")) {
                directories.add(Path.of(value));
            }
        });
        if ("export-worker".equals(container.get("name").text())) {
            QuarkusConfig.ofService("export-worker").value("naturaflux.export.scratch-dir", environment)
                    .ifPresent(scratch -> directories.add(Path.of(scratch)));
        }
        return directories;
    }
}
