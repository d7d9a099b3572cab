package org.naturaflux.request.contract;

import io.restassured.filter.FilterContext;
import io.restassured.filter.Filter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.naturaflux.request.Api;

/**
 * Holds every answer of the API that a test receives through RestAssured to the OpenAPI document the
 * running service serves ({@code /q/openapi} on its management port, read once per application start):
 * an undeclared operation or status, or a body that does not match its schema, fails the test that
 * received it, with the operation, status and member named. Only {@value #PREFIX} paths are judged.
 * Registered for every {@code @QuarkusTest} by {@link ContractCallback}.
 */
public final class ContractFilter implements Filter {

    public static final String PREFIX = "/api/v1/";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Map<String, OpenApiContract> CONTRACTS = new ConcurrentHashMap<>();

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification expected,
                           FilterContext context) {
        Response response = context.next(request, expected);
        String path = URI.create(request.getURI()).getRawPath();
        if (path == null || !path.startsWith(PREFIX)) {
            return response;
        }
        assertAllowed(new OpenApiContract.Exchange(request.getMethod(), path, response.statusCode(), response.contentType(),
                response.asString()));
        return response;
    }

    /**
     * Fails unless the served document allows the answer; for tests that call the API with another client
     * than RestAssured. {@code path} is the raw path, without the query.
     */
    public static void assertAllowed(OpenApiContract.Exchange exchange) {
        if (!exchange.path().startsWith(PREFIX)) {
            return;
        }
        List<String> problems = served().check(exchange);
        if (!problems.isEmpty()) {
            throw new AssertionError("the answer is not in the served OpenAPI document (fix the resource's annotations"
                    + " or the answer):\n  " + String.join("\n  ", problems) + "\nbody: " + abbreviated(exchange.body()));
        }
    }

    /** The document of the application under test, read from its management interface. */
    public static OpenApiContract served() {
        String url = Api.management("/q/openapi?format=json");
        return CONTRACTS.computeIfAbsent(url, ContractFilter::fetch);
    }

    private static OpenApiContract fetch(String url) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("the service's OpenAPI document answered " + answer.statusCode() + " at " + url);
            }
            return OpenApiContract.of(answer.body(), PREFIX);
        } catch (IOException e) {
            throw new AssertionError("cannot read the service's OpenAPI document at " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted reading " + url, e);
        }
    }

    private static String abbreviated(String body) {
        return body.length() <= 500 ? body : body.substring(0, 500) + "...";
    }
}
