package org.naturaflux.request.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    @Test
    void tokensCarry256RandomBitsInBase64Url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = ApiTokens.generate();
            assertThat(token).startsWith("nf_").hasSize(46).matches("nf_[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(token.substring(3))).hasSize(32);
            assertThat(seen.add(token)).isTrue();
        }
    }

    @Test
    void hashIsTheSha256OfTheWholeToken() throws Exception {
        String token = ApiTokens.generate();
        assertThat(ApiTokens.hash(token))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void comparesSecrets() {
        assertThat(ApiTokens.sameSecret("abc", "abc")).isTrue();
        assertThat(ApiTokens.sameSecret("abc", "abd")).isFalse();
        assertThat(ApiTokens.sameSecret("abc", "abcd")).isFalse();
    }
}
