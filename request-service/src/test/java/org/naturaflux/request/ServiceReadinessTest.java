package org.naturaflux.request;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Against the real stack (deploy/local/test): no Dev Services. */
@QuarkusTest
@WithTestResource(StackResource.class)
class ServiceReadinessTest {

    @Test
    void readyWhenItsDatabaseAndKafkaAnswer() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check", "Kafka connection health check"));
    }

    @Test
    void exposesPrometheusMetricsWithoutToken() {
        given().when().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void servesOpenApiAndSwaggerUiWithoutToken() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/fluxes'.post.summary", is("Submit a flux"))
                .body("components.securitySchemes.bearer.scheme", is("bearer"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
