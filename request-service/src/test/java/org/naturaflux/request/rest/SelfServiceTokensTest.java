package org.naturaflux.request.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.Api;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.StackResource;
import org.naturaflux.request.security.ApiTokens;

/**
 * A partner manages its own tokens with a token of its own (the portal does the same with a person's
 * session: PortalBrowserTest): lists them without secrets, issues one (shown once), rotates one (the new
 * one shown once, the old one revoked in the same transaction), revokes one. Another partner's id, or a
 * token of another partner, answers 404. Oracle: the api_token table, read with SQL.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class)
class SelfServiceTokensTest {

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;

    @Test
    void aPartnerListsIssuesRotatesAndRevokesItsOwnTokens() {
        Api.Partner partner = Api.newPartner(admin, "Self-service partner");
        String tokens = "/api/v1/partners/" + partner.id() + "/tokens";

        Response listed = as(partner.token()).get(tokens);
        listed.then().statusCode(200).body("size()", is(1)).body("[0].id", is(partner.tokenId().toString()))
                .body("[0].revoked", is(false));
        assertThat(listed.asString()).doesNotContain(partner.token()).doesNotContain("token\"");

        Response issued = as(partner.token()).post(tokens);
        issued.then().statusCode(201).body("partnerId", is(partner.id().toString()));
        String second = issued.path("token");
        UUID secondId = UUID.fromString(issued.path("id"));
        assertThat(hashOf(secondId)).isEqualTo(HexFormat.of().formatHex(ApiTokens.hash(second)));
        as(second).get("/api/v1/fluxes").then().statusCode(200);

        Response rotated = as(second).post(tokens + "/" + partner.tokenId() + "/rotate");
        rotated.then().statusCode(201).body("partnerId", is(partner.id().toString()));
        String third = rotated.path("token");
        UUID thirdId = UUID.fromString(rotated.path("id"));
        assertThat(ServiceDatabase.value("SELECT revoked_at IS NOT NULL FROM api_token WHERE id = ?", partner.tokenId()))
                .isEqualTo(true);
        assertThat(ServiceDatabase.value("SELECT revoked_at IS NULL FROM api_token WHERE id = ?", thirdId)).isEqualTo(true);
        as(partner.token()).get("/api/v1/fluxes").then().statusCode(401);
        as(third).get("/api/v1/fluxes").then().statusCode(200);
        // a revoked token cannot be rotated (nothing issued)
        as(third).post(tokens + "/" + partner.tokenId() + "/rotate").then().statusCode(409).body("status", is(409));
        assertThat(ServiceDatabase.value("SELECT count(*) FROM api_token WHERE partner_id = ?", partner.id())).isEqualTo(3L);

        as(third).delete(tokens + "/" + secondId).then().statusCode(204);
        as(second).get("/api/v1/fluxes").then().statusCode(401);
        List<Map<String, Object>> after = as(third).get(tokens).jsonPath().getList("$");
        assertThat(after).extracting(t -> t.get("id") + ":" + t.get("revoked")).containsExactly(
                partner.tokenId() + ":true", secondId + ":true", thirdId + ":false");
    }

    @Test
    void anotherPartnersTokensAnswer404() {
        Api.Partner alice = Api.newPartner(admin, "Alice tokens");
        Api.Partner bob = Api.newPartner(admin, "Bob tokens");
        String bobs = "/api/v1/partners/" + bob.id() + "/tokens";
        as(alice.token()).get(bobs).then().statusCode(404).body("status", is(404));
        as(alice.token()).post(bobs).then().statusCode(404);
        as(alice.token()).post(bobs + "/" + bob.tokenId() + "/rotate").then().statusCode(404);
        as(alice.token()).delete(bobs + "/" + bob.tokenId()).then().statusCode(404);
        as(alice.token()).get("/api/v1/partners/" + bob.id()).then().statusCode(404);
        // Bob's token under Alice's id: not Alice's token
        as(alice.token()).delete("/api/v1/partners/" + alice.id() + "/tokens/" + bob.tokenId()).then().statusCode(404);
        assertThat(ServiceDatabase.value("SELECT count(*) FROM api_token WHERE partner_id = ? AND revoked_at IS NULL",
                bob.id())).isEqualTo(1L);
        assertThat(ServiceDatabase.value("SELECT count(*) FROM api_token WHERE partner_id = ?", bob.id())).isEqualTo(1L);
        // the partner list stays the admin's
        as(alice.token()).get("/api/v1/partners").then().statusCode(403);
    }

    private static String hashOf(UUID tokenId) {
        return HexFormat.of().formatHex((byte[]) ServiceDatabase.value("SELECT token_hash FROM api_token WHERE id = ?", tokenId));
    }
}
