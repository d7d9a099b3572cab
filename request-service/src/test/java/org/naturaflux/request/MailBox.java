package org.naturaflux.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads mails back from a real SMTP server's store: GreenMail's REST API ({@code NATURAFLUX_SMTP_API},
 * the local stack's by default, or a test's own server). Mailboxes are created on receipt: an address
 * that received nothing has none.
 */
public final class MailBox {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String api;

    public MailBox(String api) {
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
    }

    /** The local stack's SMTP server. */
    public static MailBox ofStack() {
        String api = System.getenv("NATURAFLUX_SMTP_API");
        return new MailBox(api == null || api.isBlank() ? "http://127.0.0.1:18025" : api);
    }

    /** The SMTP settings of the local stack's server, for a service under test. */
    public static String stackSmtpHost() {
        String host = System.getenv("NATURAFLUX_SMTP_HOST");
        return host == null || host.isBlank() ? "127.0.0.1" : host;
    }

    public static String stackSmtpPort() {
        String port = System.getenv("NATURAFLUX_SMTP_PORT");
        return port == null || port.isBlank() ? "2525" : port;
    }

    /** An address of its own for a test (mailboxes outlive test runs: GreenMail keeps them until it stops). */
    public static String uniqueAddress(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 12) + "@naturaflux.test";
    }

    /** A mail as received. */
    public record Mail(String messageId, String subject, String mime) {
    }

    /** The mails an address received, oldest first; none when it received nothing. */
    public List<Mail> messages(String address) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/api/user/"
                        + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 400 && response.body().contains("not found")) {
                return List.of();
            }
            if (response.statusCode() != 200) {
                throw new AssertionError("GreenMail answered " + response.statusCode() + ": " + response.body());
            }
            List<Mail> mails = new ArrayList<>();
            for (JsonNode mail : Api.JSON.readTree(response.body())) {
                mails.add(new Mail(mail.path("Message-ID").asText(), mail.path("subject").asText(),
                        mail.path("mimeMessage").asText()));
            }
            return mails;
        } catch (IOException e) {
            throw new AssertionError("cannot read the mails of " + address + " from " + api, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Whether the server answers. */
    public boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(api + "/api/service/readiness")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
