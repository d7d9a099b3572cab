package org.naturaflux.request.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.service.DownloadService.ServedFile;

/** When a client's copy of a file is current (RFC 9110's If-None-Match, then If-Modified-Since). */
class DownloadsTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final ServedFile FILE = new ServedFile("csv", 12, SHA, Instant.parse("2026-12-07T01:30:15.250Z"),
            "CEN_3f2a1b4c_2026-12-07.csv");

    @Test
    void theEtagIsTheQuotedSha256() {
        assertThat(Downloads.etag(FILE)).isEqualTo("\"" + SHA + "\"");
    }

    @Test
    void lastModifiedIsAnImfFixdate() {
        assertThat(Downloads.HTTP_DATE.format(Instant.parse("2026-12-07T01:30:15.250Z"))).isEqualTo("Mon, 07 Dec 2026 01:30:15 GMT");
    }

    @Test
    void aMatchingTagInAnyFormMeansNotModified() {
        assertThat(Downloads.notModified(FILE, "\"" + SHA + "\"", null)).isTrue();
        assertThat(Downloads.notModified(FILE, "W/\"" + SHA + "\"", null)).as("weak comparison").isTrue();
        assertThat(Downloads.notModified(FILE, "\"00\", \"" + SHA + "\"", null)).as("in a list").isTrue();
        assertThat(Downloads.notModified(FILE, "*", null)).isTrue();
    }

    @Test
    void anotherTagAnUnquotedOneOrNoneMeansModified() {
        assertThat(Downloads.notModified(FILE, "\"00\"", null)).isFalse();
        assertThat(Downloads.notModified(FILE, SHA, null)).as("unquoted: not an entity tag").isFalse();
        assertThat(Downloads.notModified(FILE, null, null)).isFalse();
        assertThat(Downloads.notModified(new ServedFile("csv", 12, null, null, "x.csv"), "\"" + SHA + "\"", null))
                .as("a file reported without checksum").isFalse();
    }

    @Test
    void ifModifiedSinceCountsOnlyWithoutIfNoneMatch() {
        assertThat(Downloads.notModified(FILE, null, "Mon, 07 Dec 2026 01:30:15 GMT")).as("same second").isTrue();
        assertThat(Downloads.notModified(FILE, null, "Mon, 07 Dec 2026 01:30:14 GMT")).isFalse();
        assertThat(Downloads.notModified(FILE, null, "yesterday")).isFalse();
        assertThat(Downloads.notModified(FILE, "\"00\"", "Mon, 07 Dec 2026 02:00:00 GMT"))
                .as("If-None-Match decides when present").isFalse();
    }
}
