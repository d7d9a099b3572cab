package org.naturaflux.request.security;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.StackResource;

/**
 * Forwarded headers from a peer that is not a trusted proxy are ignored: a client cannot escape the
 * failed-authentication limit (nor forge its audited address) by naming another address.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class, initArgs = {
        @ResourceArg(name = "label", value = "untrusted-forwarding"),
        @ResourceArg(name = "naturaflux.limits.auth-failures", value = "3"),
        @ResourceArg(name = "NATURAFLUX_PROXY_ADDRESS_FORWARDING", value = "true"),
        @ResourceArg(name = "NATURAFLUX_TRUSTED_PROXIES", value = "192.0.2.1")})
class UntrustedForwardingTest {

    @Test
    void forwardedAddressesFromAnUntrustedPeerAreIgnored() {
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", "203.0.113." + (20 + i)).header("Forwarded", "for=203.0.113." + (40 + i))
                    .header("Authorization", "Bearer nf_guess" + i).get("/api/v1/fields").then().statusCode(401);
        }
        given().header("X-Forwarded-For", "203.0.113.99").header("Authorization", "Bearer nf_guess")
                .get("/api/v1/fields").then().statusCode(429);
    }
}
