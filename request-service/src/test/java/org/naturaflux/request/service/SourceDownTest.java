package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.Api;
import org.naturaflux.request.StackResource;

/**
 * When the observation source cannot be reached (here: nothing listens on its port), a submission is a
 * 503 with the JSON error shape, and names no host: an outage is the one case of a 5xx a partner may see.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class, initArgs = {
        @ResourceArg(name = "quarkus.datasource.source.jdbc.url", value = "jdbc:postgresql://127.0.0.1:1/geonature"),
        @ResourceArg(name = "label", value = "source-down")})
class SourceDownTest {

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;

    @Test
    void anUnreachableSourceIsA503() {
        Api.Partner partner = Api.newPartner(admin, "Source down");
        Response response = as(partner.token()).body(Api.fluxBody().toString()).post("/api/v1/fluxes");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(503);
        assertThat(response.jsonPath().getString("error")).startsWith("the observation source cannot be reached")
                .doesNotContain("127.0.0.1");
        assertThat(response.jsonPath().getList("violations")).isEmpty();
    }
}
