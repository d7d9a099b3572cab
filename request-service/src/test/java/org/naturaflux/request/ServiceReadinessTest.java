package org.naturaflux.request;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.contract.ContractFilter;
import org.naturaflux.request.contract.OpenApiContract;
import org.naturaflux.request.contract.OpenApiContract.Exchange;

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

    /**
     * The served document is one a client generator can use: each API operation has an operationId (unique),
     * a tag, a summary and a success answer; it needs the bearer token (none is public); each error answer is
     * the one error schema; request bodies have examples.
     */
    @Test
    void documentsEveryOperationForClientGenerators() {
        OpenApiContract contract = ContractFilter.served();
        JsonNode document = contract.document();
        assertThat(document.at("/security/0/bearer").isArray()).as("global bearer requirement").isTrue();
        assertThat(document.at("/components/schemas/ErrorBody/required").toString())
                .contains("status", "error", "violations");
        List<String> operations = contract.operations();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(23);
        Set<String> ids = new HashSet<>();
        for (String operation : operations) {
            String[] parts = operation.split(" ", 2);
            JsonNode node = document.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
            assertThat(ids.add(node.path("operationId").asText())).as("unique operationId of %s", operation).isTrue();
            assertThat(node.path("operationId").asText()).as("operationId of %s", operation).isNotBlank();
            assertThat(node.path("tags").size()).as("tags of %s", operation).isPositive();
            assertThat(node.path("summary").asText()).as("summary of %s", operation).isNotBlank();
            assertThat(node.has("security")).as("%s keeps the bearer requirement", operation).isFalse();
            assertThat(node.path("responses").fieldNames()).toIterable().as("answers of %s", operation)
                    .anyMatch(code -> code.startsWith("2")).contains("401", "429");
            node.path("responses").fields().forEachRemaining(answer -> {
                if (answer.getKey().startsWith("4") || answer.getKey().startsWith("5")) {
                    String ref = answer.getValue().path("$ref").asText();
                    assertThat(ref).as("%s %s", operation, answer.getKey()).startsWith("#/components/responses/");
                    assertThat(document.at(ref.substring(1) + "/content/application~1json/schema/$ref").asText())
                            .as("%s %s", operation, answer.getKey()).isEqualTo("#/components/schemas/ErrorBody");
                }
            });
            JsonNode body = node.at("/requestBody/content/application~1json");
            if (!body.isMissingNode()) {
                assertThat(body.path("examples").size()).as("examples of the body of %s", operation).isPositive();
            }
        }
    }

    /** The judge every test's answers go through reads the served document strictly, and is registered. */
    @Test
    void theServedDocumentRefusesWhatItDoesNotDeclare() {
        OpenApiContract contract = ContractFilter.served();
        String flux = "/api/v1/fluxes/9b2f1c1e-4a53-4f43-9a7e-2f1f4a0b8c11";

        assertThat(contract.check(new Exchange("GET", flux, 200, "application/json", "{\"id\": 5, \"status\": \"ACTIVE\"}")))
                .anySatisfy(problem -> assertThat(problem).contains("GET /api/v1/fluxes/{id} (operationId getFlux)", "'/id'"));
        assertThat(contract.check(new Exchange("GET", flux, 200, "application/json", "{\"status\": \"DONE\"}")))
                .anySatisfy(problem -> assertThat(problem).contains("'/status'"));
        assertThat(contract.check(new Exchange("GET", flux, 418, "application/json", "{}")))
                .singleElement().asString().contains("status 418 is not declared");
        assertThat(contract.check(new Exchange("GET", flux, 404, "application/json", "{\"message\": \"no\"}")))
                .isNotEmpty();
        assertThat(contract.check(new Exchange("GET", flux, 404, "application/json",
                "{\"status\": 404, \"error\": \"no flux\", \"violations\": []}"))).isEmpty();
        assertThat(RestAssured.filters()).anyMatch(ContractFilter.class::isInstance);
    }
}
