package org.naturaflux.request.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.request.Api;
import org.naturaflux.request.KafkaProbe;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.StackResource;
import org.naturaflux.request.Storage;

/**
 * Behind a trusted proxy (here the test itself, from 127.0.0.1, as the Ingress controller would be):
 * the client address is the one the proxy forwards. Failed authentications are counted per such address
 * (429 with Retry-After past the limit, whatever the token) and in the metrics; the download audit keeps
 * the same address.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class, initArgs = {
        @ResourceArg(name = "label", value = "auth-failures"),
        @ResourceArg(name = "naturaflux.limits.auth-failures", value = "5"),
        @ResourceArg(name = "naturaflux.limits.auth-failure-window", value = "PT1M"),
        // the operator's settings, as the Helm chart passes them (environment variables)
        @ResourceArg(name = "NATURAFLUX_PROXY_ADDRESS_FORWARDING", value = "true"),
        @ResourceArg(name = "NATURAFLUX_TRUSTED_PROXIES", value = "10.42.0.0/16,127.0.0.1")})
class AuthFailureLimitTest {

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "naturaflux.topics.commands")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-events.topic")
    String eventsTopic;

    @Test
    void refusesAnAddressAfterTooManyFailedAuthenticationsAndCountsThem() {
        double invalidBefore = metric("naturaflux_auth_failures_total\\{reason=\"invalid\"}");
        double missingBefore = metric("naturaflux_auth_failures_total\\{reason=\"missing\"}");
        double refusedBefore = metric("naturaflux_limit_reached_total\\{limit=\"auth-failures\"}");
        String guesser = "203.0.113.10";
        for (int i = 0; i < 4; i++) {
            from(guesser).header("Authorization", "Bearer nf_guess" + i).get("/api/v1/fields").then().statusCode(401);
        }
        from(guesser).get("/api/v1/fields").then().statusCode(401);

        Response refused = from(guesser).header("Authorization", "Bearer nf_guess5").get("/api/v1/fields");
        refused.then().statusCode(429).body("status", is(429)).body("error", containsString("failed authentications"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        // refused whatever it sends, the right token included
        from(guesser).header("Authorization", "Bearer " + admin).get("/api/v1/partners").then().statusCode(429);
        // another client behind the same proxy is not
        from("203.0.113.11").header("Authorization", "Bearer " + admin).get("/api/v1/partners").then().statusCode(200);

        assertThat(metric("naturaflux_auth_failures_total\\{reason=\"invalid\"}") - invalidBefore).isEqualTo(4.0);
        assertThat(metric("naturaflux_auth_failures_total\\{reason=\"missing\"}") - missingBefore).isEqualTo(1.0);
        assertThat(metric("naturaflux_limit_reached_total\\{limit=\"auth-failures\"}") - refusedBefore).isEqualTo(2.0);
    }

    @Test
    void downloadAuditRecordsTheClientBehindTheTrustedProxy() {
        Api.Partner partner = Api.newPartner(admin, "Proxied partner");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        Api.as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
        UUID run;
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            ExportCommand command = probe.awaitCommand(Duration.ofSeconds(30), c -> c.fluxId().equals(flux));
            run = command.runId();
            probe.send(KafkaProbe.event(command, 1, RunEventType.SUCCEEDED, RunCounts.empty(),
                    List.of(new Artifact("csv", Storage.key(flux, run, "observations.csv"), 1, "00")), null));
        }
        Api.await("run SUCCEEDED", Duration.ofSeconds(20),
                () -> Api.as(partner.token()).get("/api/v1/runs/" + run).jsonPath().getString("status"), "SUCCEEDED"::equals);

        from("198.51.100.23").header("Authorization", "Bearer " + partner.token()).redirects().follow(false)
                .get("/api/v1/runs/" + run + "/artifacts/csv").then().statusCode(302);

        assertThat(ServiceDatabase.value("SELECT client_ip FROM download_audit WHERE run_id = ?", run)).isEqualTo("198.51.100.23");
    }

    /** A request as the proxy sends it for {@code client}. */
    private static io.restassured.specification.RequestSpecification from(String client) {
        return given().header("X-Forwarded-For", client);
    }

    /** A counter's value on the management port's /q/metrics (0 when not yet there). */
    static double metric(String series) {
        String metrics = given().get(Api.management("/q/metrics")).then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
