package org.naturaflux.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.naturaflux.worker.testing.IsolatedWorkerResources;

/** Against the real stack (deploy/local/test): no Dev Services. Health and metrics on the management port. */
@QuarkusTest
@QuarkusTestResource(IsolatedWorkerResources.class)
class WorkerReadinessTest {

    /** The management interface's root (/q): its paths are resolved against it. */
    @TestHTTPResource(value = "/", management = true)
    URI management;

    @TestHTTPResource("/q/health/ready")
    URI readyOnMainPort;

    @TestHTTPResource("/q/metrics")
    URI metricsOnMainPort;

    @Test
    void readyWhenKafkaSourceDatabaseAndBucketAnswer() throws Exception {
        HttpResponse<String> response = get(management.resolve("/q/health/ready"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, String> checks = new HashMap<>();
        for (JsonNode check : new ObjectMapper().readTree(response.body()).path("checks")) {
            checks.put(check.path("name").asText(), check.path("status").asText());
        }
        assertThat(checks).containsEntry("Kafka connection health check", "UP")
                .containsEntry("Source database", "UP")
                .containsEntry("Object storage", "UP")
                .containsEntry("SmallRye Reactive Messaging - readiness check", "UP");
    }

    @Test
    void exposesRunMetricsAndConsumerLag() throws Exception {
        String body = get(management.resolve("/q/metrics")).body();

        assertThat(body).contains("naturaflux_worker_exports_active")
                .contains("naturaflux_worker_rows_total")
                .contains("kafka_consumer_fetch_manager_records_lag");
    }

    @Test
    void healthAndMetricsOnlyOnTheManagementPort() throws Exception {
        assertThat(management.getPort()).as("management port").isNotEqualTo(readyOnMainPort.getPort());
        assertThat(get(readyOnMainPort).statusCode()).as("main port /q/health/ready").isEqualTo(404);
        assertThat(get(metricsOnMainPort).statusCode()).as("main port /q/metrics").isEqualTo(404);
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
