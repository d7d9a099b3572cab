package org.naturaflux.request.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** The text of a single-part mail as received (its raw MIME source), its transfer encoding undone. */
final class MimeText {

    private MimeText() {
    }

    static String body(String mime) {
        int split = mime.indexOf("\r\n\r\n");
        String headers = split < 0 ? "" : mime.substring(0, split).toLowerCase(Locale.ROOT);
        String body = split < 0 ? mime : mime.substring(split + 4);
        if (headers.contains("content-transfer-encoding: quoted-printable")) {
            return quotedPrintable(body);
        }
        if (headers.contains("content-transfer-encoding: base64")) {
            return new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return body;
    }

    private static String quotedPrintable(String text) {
        String joined = text.replace("=\r\n", "").replace("=\n", "");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && i + 2 < joined.length()) {
                bytes.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
