package org.naturaflux.request.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Partner tokens: 256 random bits, written {@code nf_} + base64url (43 characters), stored as the
 * SHA-256 of the whole string. A fast hash is enough for 256-bit random secrets (no dictionary to
 * attack) and keeps authentication cheap at hundreds of requests per second.
 */
public final class ApiTokens {

    /** What every partner token starts with, so that leaked tokens are easy to recognise. */
    public static final String PREFIX = "nf_";
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    /** A new random token, in clear: show it once, store {@link #hash(String)}. */
    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of the token's UTF-8 bytes. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Compares two secrets in constant time (of their hashes, so their lengths do not leak either). */
    public static boolean sameSecret(String a, String b) {
        return MessageDigest.isEqual(hash(a), hash(b));
    }
}
