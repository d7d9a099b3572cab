package org.naturaflux.request.rest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.Predicate;
import org.naturaflux.request.rest.RunBodies.DownloadLink;
import org.naturaflux.request.service.DownloadService.Download;
import org.naturaflux.request.service.DownloadService.ServedFile;
import org.naturaflux.storage.ContentDisposition;

/**
 * How a file is answered: a redirect to its signed URL, or JSON for clients that ask for it; with its
 * validators ({@code ETag}: its SHA-256, strong; {@code Last-Modified}: its run's finish) so that a client
 * that already has it gets 304 and no URL ({@code If-None-Match}, or {@code If-Modified-Since} without
 * it, RFC 9110 section 13.2.2), and a HEAD its size, checksum and name without a URL.
 */
final class Downloads {

    /** The file's size in bytes. */
    static final String FILE_SIZE = "Naturaflux-File-Size";
    /** The file's SHA-256, lower-case hex. */
    static final String FILE_SHA256 = "Naturaflux-File-Sha256";
    /** The name the signed URL saves the file under (ASCII). */
    static final String FILE_NAME = "Naturaflux-File-Name";
    /**
     * The answers name a URL that expires in minutes and are per caller: never from a cache without
     * asking again (a cached URL would be an expired one), a 304 being the cheap way to ask.
     */
    static final String CACHE_CONTROL = "private, no-cache";
    /** RFC 9110's IMF-fixdate (two-digit day, which {@link DateTimeFormatter#RFC_1123_DATE_TIME} does not write). */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Downloads() {
    }

    /** Whether a URL is to be issued: not for a HEAD, nor for a file the client says it has. */
    static Predicate<ServedFile> wanted(HttpHeaders headers, boolean head) {
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        String ifModifiedSince = headers.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE);
        return file -> !head && !notModified(file, ifNoneMatch, ifModifiedSince);
    }

    /** The answer to a GET: 304 when no URL was issued, else the URL as a redirect or JSON. */
    static Response answer(Download download, HttpHeaders headers) {
        if (download.url() == null) {
            return described(Response.notModified(), download.file()).build();
        }
        boolean json = headers.getAcceptableMediaTypes().stream()
                .anyMatch(type -> !type.isWildcardType() && type.isCompatible(MediaType.APPLICATION_JSON_TYPE));
        Response.ResponseBuilder answer = json
                ? Response.ok(new DownloadLink(download.url().url(), download.url().expiresAt()), MediaType.APPLICATION_JSON_TYPE)
                : Response.status(Response.Status.FOUND).location(URI.create(download.url().url()));
        return described(answer, download.file()).build();
    }

    /** The answer to a HEAD: the file described in headers, no URL; 304 when the client has it. */
    static Response head(Download download, HttpHeaders headers) {
        boolean has = notModified(download.file(), headers.getHeaderString(HttpHeaders.IF_NONE_MATCH),
                headers.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE));
        return described(has ? Response.notModified() : Response.ok(), download.file()).build();
    }

    private static Response.ResponseBuilder described(Response.ResponseBuilder answer, ServedFile file) {
        answer.header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).header(FILE_SIZE, file.bytes())
                .header(FILE_NAME, ContentDisposition.asciiFileName(file.fileName()));
        if (file.sha256() != null) {
            answer.header(HttpHeaders.ETAG, etag(file)).header(FILE_SHA256, file.sha256());
        }
        if (file.lastModified() != null) {
            answer.header(HttpHeaders.LAST_MODIFIED, HTTP_DATE.format(file.lastModified()));
        }
        return answer;
    }

    /** The strong entity tag of a file: its SHA-256, quoted. */
    static String etag(ServedFile file) {
        return "\"" + file.sha256() + "\"";
    }

    /**
     * RFC 9110's evaluation for a GET or HEAD: with {@code If-None-Match}, whether one of its tags (weak
     * comparison, {@code W/} ignored) is the file's, or it is {@code *}; without it, with
     * {@code If-Modified-Since}, whether the file is not newer (to the second) than that date (a date that
     * cannot be read is ignored).
     */
    static boolean notModified(ServedFile file, String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String opaque = tag.strip();
                if (opaque.equals("*")) {
                    return true;
                }
                if (opaque.startsWith("W/")) {
                    opaque = opaque.substring(2);
                }
                if (file.sha256() != null && opaque.equals(etag(file))) {
                    return true;
                }
            }
            return false;
        }
        if (ifModifiedSince != null && file.lastModified() != null) {
            try {
                Instant since = DateTimeFormatter.RFC_1123_DATE_TIME.parse(ifModifiedSince.strip(), Instant::from);
                return !file.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(since);
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    static String clientIp(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
