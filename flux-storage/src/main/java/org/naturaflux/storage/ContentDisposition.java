package org.naturaflux.storage;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The {@code Content-Disposition} of a download, as S3 returns it when a presigned URL carries
 * {@code response-content-disposition}: {@code attachment; filename="..."}, the name ASCII-safe (accents
 * folded, anything but letters, digits, {@code .}, {@code _} and {@code -} replaced by {@code -}, at most
 * {@value #MAX_LENGTH} characters, its extension kept), plus RFC 6266's {@code filename*} (RFC 8187
 * UTF-8) when the name had letters that folding changed, for clients that keep them.
 */
public final class ContentDisposition {

    /** The longest file name given, extension included. */
    public static final int MAX_LENGTH = 100;

    private ContentDisposition() {
    }

    /** {@code attachment} with the given file name; a blank name gives {@code download}. */
    public static String attachment(String fileName) {
        String ascii = asciiFileName(fileName);
        String unicode = unicodeFileName(fileName);
        String value = "attachment; filename=\"" + ascii + "\"";
        return unicode.equals(ascii) ? value : value + "; filename*=UTF-8''" + percentEncoded(unicode);
    }

    /** The file name reduced to ASCII letters, digits, {@code .}, {@code _} and {@code -}, bounded. */
    public static String asciiFileName(String fileName) {
        String folded = Normalizer.normalize(fileName == null ? "" : fileName, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .replace("Œ", "OE").replace("œ", "oe").replace("Æ", "AE").replace("æ", "ae").replace("ß", "ss")
                .replace("Ø", "O").replace("ø", "o").replace("Ł", "L").replace("ł", "l").replace("Đ", "D").replace("đ", "d");
        return bounded(folded.replaceAll("[^A-Za-z0-9._-]+", "-"));
    }

    /** The file name with letters of any script kept, anything else replaced as in the ASCII one, bounded. */
    static String unicodeFileName(String fileName) {
        String composed = Normalizer.normalize(fileName == null ? "" : fileName, Normalizer.Form.NFC);
        return bounded(composed.replaceAll("[^\\p{L}\\p{M}\\p{Nd}._-]+", "-"));
    }

    /**
     * Runs of {@code -} collapsed, none at the ends; no leading dot (no hidden file); the stem cut so the
     * whole name, extension kept, is at most {@link #MAX_LENGTH} characters.
     */
    private static String bounded(String name) {
        String cleaned = name.replaceAll("-{2,}", "-").replaceAll("^[-.]+|-+$", "");
        if (cleaned.isEmpty()) {
            return "download";
        }
        int dot = cleaned.lastIndexOf('.');
        String extension = dot > 0 && cleaned.length() - dot <= 10 ? cleaned.substring(dot) : "";
        String stem = cleaned.substring(0, cleaned.length() - extension.length());
        int room = MAX_LENGTH - extension.length();
        if (stem.codePointCount(0, stem.length()) > room) {
            stem = stem.substring(0, stem.offsetByCodePoints(0, room)).replaceAll("[-_.]+$", "");
        }
        return stem + extension;
    }

    /** RFC 8187's value-chars: attr-char kept, every other UTF-8 byte as {@code %XX}. */
    private static String percentEncoded(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
