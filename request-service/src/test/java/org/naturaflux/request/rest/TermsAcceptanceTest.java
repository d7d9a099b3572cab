package org.naturaflux.request.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.naturaflux.request.Api.as;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.Api;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.StackResource;

/**
 * The redistribution terms: published with their version, required on every submission (400 at
 * {@code /termsAccepted} when missing or not current, together with the request's other problems, and
 * nothing stored), and recorded on the flux (version, who, when) as SQL reads it and as the flux view shows it.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class)
class TermsAcceptanceTest {

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;

    @Test
    void theTermsArePublishedInFrench() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Lecteur des conditions");
        String bundled = Files.readString(Path.of("src/main/resources/terms/redistribution-fr.md"), StandardCharsets.UTF_8);
        as(partner.token()).get("/api/v1/terms").then().statusCode(200).body("version", is(Api.TERMS_VERSION))
                .body("language", is("fr")).body("text", is(bundled))
                .body("text", containsString("niveau_sensibilite")).body("text", containsString("niveau de précision inférieur"));
        RestAssured.given().get("/api/v1/terms").then().statusCode(401);
    }

    @Test
    void aSubmissionWithoutTheCurrentTermsIsRefusedAndStoresNothing() {
        Api.Partner partner = Api.newPartner(admin, "Sans conditions");
        ObjectNode missing = Api.fluxBody();
        missing.remove("termsAccepted");
        refused(partner, missing, "is required");
        refused(partner, Api.fluxBody().put("termsAccepted", "0"), "is not the current version");
        refused(partner, Api.fluxBody().put("termsAccepted", 1), "must be the version");
        // reported with the request's other problems
        Response both = as(partner.token()).body(missing.put("periodicity", "PT1M").toString()).post("/api/v1/fluxes");
        both.then().statusCode(400).body("violations.path", hasItems("/termsAccepted", "/periodicity"));
        assertThat(ServiceDatabase.value("SELECT count(*) FROM flux WHERE partner_id = ?", partner.id())).isEqualTo(0L);
    }

    @Test
    void theFluxRecordsTheTermsWhoAcceptedThemAndWhen() {
        Api.Partner partner = Api.newPartner(admin, "Avec conditions");
        Instant before = Instant.now().minusSeconds(1);
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody());
        List<Object[]> rows = ServiceDatabase.query("SELECT terms_version, terms_accepted_by_admin, terms_accepted_token,"
                + " terms_accepted_person, terms_accepted_at, created_at FROM flux WHERE id = ?", flux);
        Object[] row = rows.get(0);
        assertThat(row[0]).isEqualTo(Api.TERMS_VERSION);
        assertThat(row[1]).isEqualTo(false);
        assertThat(row[2]).isEqualTo(partner.tokenId());
        assertThat(row[3]).isNull();
        Instant at = instant(row[4]);
        assertThat(at).isAfter(before).isBefore(Instant.now().plusSeconds(1)).isEqualTo(instant(row[5]));
        Response view = as(partner.token()).get("/api/v1/fluxes/" + flux);
        view.then().statusCode(200).body("termsAccepted.version", is(Api.TERMS_VERSION))
                .body("termsAccepted.byAdmin", is(false)).body("termsAccepted.tokenId", is(partner.tokenId().toString()))
                .body("termsAccepted.person", nullValue());
        assertThat(Duration.between(at, Instant.parse(view.path("termsAccepted.acceptedAt"))).abs()).isLessThan(Duration.ofMillis(1));

        // the admin submitting for a partner accepts them on its behalf
        UUID forPartner = Api.createFlux(admin, Api.fluxBody().put("partnerId", partner.id().toString()));
        Object[] adminRow = ServiceDatabase.query("SELECT terms_version, terms_accepted_by_admin, terms_accepted_token FROM flux"
                + " WHERE id = ?", forPartner).get(0);
        assertThat(adminRow).containsExactly(Api.TERMS_VERSION, true, null);
        as(admin).get("/api/v1/fluxes/" + forPartner).then().body("termsAccepted.byAdmin", is(true))
                .body("termsAccepted.tokenId", nullValue());

        // a change does not replace them
        as(admin).body("{\"termsAccepted\":\"1\"}").patch("/api/v1/fluxes/" + flux).then().statusCode(400)
                .body("violations[0].path", is("/termsAccepted"));
        as(admin).body("{\"structure\":\"Autre nom\"}").patch("/api/v1/fluxes/" + flux).then().statusCode(200)
                .body("termsAccepted.version", is(Api.TERMS_VERSION));
        assertThat(ServiceDatabase.value("SELECT terms_accepted_token FROM flux WHERE id = ?", flux)).isEqualTo(partner.tokenId());
    }

    private static void refused(Api.Partner partner, ObjectNode body, String message) {
        as(partner.token()).body(body.toString()).post("/api/v1/fluxes").then().statusCode(400)
                .body("violations[0].path", is("/termsAccepted")).body("violations[0].message", containsString(message));
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof java.sql.Timestamp time) {
            return time.toInstant();
        }
        throw new AssertionError("not a time: " + value);
    }
}
