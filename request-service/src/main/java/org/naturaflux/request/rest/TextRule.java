package org.naturaflux.request.rest;

import java.util.Set;

/**
 * The one rule every text a client sends must follow (every string and member name of every JSON body,
 * every query parameter): no control character (C0 including NUL, DEL, C1), no bidirectional embedding,
 * override or isolate (U+202A..U+202E, U+2066..U+2069: they make a text display other than it reads), no
 * unpaired surrogate, and a bounded length. Such characters are refused, not stripped: silently changing
 * what a partner sent (a structure name, an area code) would store something nobody asked for.
 *
 * <p>Free-text members (a reason, a described territory) may also hold ordinary line breaks and tabs
 * ({@code \n}, {@code \r}, {@code \t}); names, codes and identifiers may not. The WKT of a territory is
 * the one long text: its own limit is {@code naturaflux.flux.max-territory-bytes}, checked by
 * {@code TerritoryGeometry}.
 */
public final class TextRule {

    /** Body members whose text is free prose: line breaks and tabs are allowed there. */
    static final Set<String> FREE_TEXT = Set.of("/reason", "/territory/description");
    /** Body members whose length {@code TerritoryGeometry} bounds with its own, larger limit. */
    static final Set<String> LONG_TEXT = Set.of("/territory/wkt");
    /** The longest member name: every member the API knows is far shorter. */
    static final int MAX_NAME = 100;
    /** The longest query parameter (name or value): ids, statuses and numbers are short. */
    static final int MAX_QUERY = 200;

    private TextRule() {
    }

    /**
     * What is wrong with a text, or null when it follows the rule.
     *
     * @param freeText whether ordinary line breaks and tabs are allowed
     * @param maxChars the longest text allowed, in UTF-16 characters
     */
    public static String problem(String text, boolean freeText, int maxChars) {
        if (text.length() > maxChars) {
            return "is too long: " + text.length() + " characters, at most " + maxChars;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                if (freeText && (c == '\n' || c == '\r' || c == '\t')) {
                    continue;
                }
                return "must not contain control characters (found " + codePoint(c) + " at character " + i + ")";
            }
            if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                return "must not contain bidirectional override or isolate characters (found " + codePoint(c)
                        + " at character " + i + ")";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not valid Unicode text (unpaired surrogate " + codePoint(c) + " at character " + i + ")";
            }
        }
        return null;
    }

    /** The rule for a string member of a body at {@code pointer}, with the ordinary text limit. */
    static String problemAt(String pointer, String text, int maxText) {
        return problem(text, FREE_TEXT.contains(pointer), LONG_TEXT.contains(pointer) ? Integer.MAX_VALUE : maxText);
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
