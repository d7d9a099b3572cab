package org.naturaflux.request.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CSRF token of a portal session: an HMAC-SHA256, under the service's session key, of the person's
 * subject and the provider's session id. A page reads it from {@code GET /api/v1/me} and sends it in the
 * {@value #HEADER} header of every state-changing call; another site can neither read it (no CORS) nor
 * compute it. It changes with each login, not with token refreshes.
 */
public final class CsrfTokens {

    /** The request header carrying the token. */
    public static final String HEADER = "X-CSRF-Token";

    private final SecretKeySpec key;

    /** @param sessionKey the shared secret (at least 16 characters) */
    public CsrfTokens(String sessionKey) {
        if (sessionKey == null || sessionKey.strip().length() < 16) {
            throw new IllegalArgumentException("the session key must have at least 16 characters");
        }
        this.key = new SecretKeySpec(ApiTokens.hash("naturaflux-csrf|" + sessionKey.strip()), "HmacSHA256");
    }

    /** The token of the session {@code sessionId} of {@code subject}. */
    public String tokenFor(String subject, String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((subject + "|" + sessionId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Whether {@code presented} is the token of that session (constant-time comparison). */
    public boolean matches(String subject, String sessionId, String presented) {
        return presented != null && MessageDigest.isEqual(tokenFor(subject, sessionId).getBytes(StandardCharsets.US_ASCII),
                presented.strip().getBytes(StandardCharsets.UTF_8));
    }
}
