package org.naturaflux.testkit;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/** Names of isolated resources: a readable label from the test, and a random suffix. */
final class UniqueNames {

    private static final SecureRandom RANDOM = new SecureRandom();

    private UniqueNames() {
    }

    /** The label in lower case, every run of other characters than [a-z0-9] replaced by the separator, at most maxLength long. */
    static String label(String label, char separator, int maxLength) {
        String cleaned = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", String.valueOf(separator));
        cleaned = cleaned.replaceAll("^" + separator + "+|" + separator + "+$", "");
        if (cleaned.isEmpty()) {
            cleaned = "test";
        }
        return cleaned.length() <= maxLength ? cleaned : cleaned.substring(0, maxLength);
    }

    /** Eight random hexadecimal digits. */
    static String suffix() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
