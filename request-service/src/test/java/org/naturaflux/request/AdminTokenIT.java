package org.naturaflux.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.naturaflux.testkit.IsolatedDatabase;
import org.naturaflux.testkit.ServiceProcess;
import org.naturaflux.testkit.TestStack;

/** The packaged service refuses to start with an admin token shorter than 32 characters, and says why. */
class AdminTokenIT {

    @Test
    void refusesToStartWithAnAdminTokenShorterThan32Characters() throws Exception {
        try (IsolatedDatabase database = IsolatedDatabase.create(TestStack.fromEnvironment(), "admin-token")) {
            Map<String, String> env = Map.of(
                    "NATURAFLUX_DB_URL", database.jdbcUrl(),
                    "NATURAFLUX_DB_USER", database.user(),
                    "NATURAFLUX_DB_PASSWORD", database.password(),
                    "NATURAFLUX_CHANGES_ENABLED", "false");
            String shortToken = "0123456789abcdef0123456789abcde";
            assertThat(shortToken).hasSize(31);
            ServiceProcess.Builder tooShort = ServiceProcess.forJar("request-service-short-token", jar()).env(env)
                    .env("NATURAFLUX_ADMIN_TOKEN", shortToken).readyTimeout(Duration.ofSeconds(90));
            assertThatThrownBy(tooShort::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited with status")
                    .hasMessageContaining("NATURAFLUX_ADMIN_TOKEN) has 31 characters: at least 32 are required");

            String token = shortToken + "f";
            try (ServiceProcess service = ServiceProcess.forJar("request-service-32-token", jar()).env(env)
                    .env("NATURAFLUX_ADMIN_TOKEN", token).start()) {
                HttpResponse<String> partners = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(service.baseUrl() + "/api/v1/partners")).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(partners.statusCode()).as(partners.body()).isEqualTo(200);
            }
        }
    }

    private static Path jar() {
        return ServiceProcess.repositoryRoot().resolve("request-service/target/quarkus-app/quarkus-run.jar");
    }
}
