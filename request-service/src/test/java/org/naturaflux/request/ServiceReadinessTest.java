package org.naturaflux.request;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Against the real stack (deploy/local/test): no Dev Services. Health, metrics, OpenAPI and Swagger UI
 * answer on the management port, without a token, and never on the API port.
 */
@QuarkusTest
@WithTestResource(StackResource.class)
class ServiceReadinessTest {

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @TestHTTPResource("/")
    URI api;

    @Test
    void readyWhenItsDatabaseAndKafkaAnswer() {
        given().when().get(management.resolve("/q/health/ready"))
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check", "Kafka connection health check"));
    }

    @Test
    void exposesPrometheusMetricsWithoutToken() {
        given().when().get(management.resolve("/q/metrics")).then().statusCode(200);
    }

    @Test
    void servesOpenApiAndSwaggerUiWithoutToken() {
        given().when().get(management.resolve("/q/openapi?format=json")).then().statusCode(200)
                .body("paths.'/api/v1/fluxes'.post.summary", is("Submit a flux"))
                .body("components.securitySchemes.bearer.scheme", is("bearer"));
        given().when().get(management.resolve("/q/swagger-ui/")).then().statusCode(200);
    }

    @Test
    void apiPortServesNoManagementEndpoint() {
        assertThat(management.getPort()).isNotEqualTo(api.getPort());
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/"}) {
            int status = given().when().get(api.resolve(path)).statusCode();
            assertThat(status).as("API port %s", path).isEqualTo(404);
        }
    }
}
