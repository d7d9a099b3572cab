package org.naturaflux.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The file name a download is saved under: ASCII-safe, bounded, its UTF-8 form kept aside. */
class ContentDispositionTest {

    @Test
    void accentsAreFoldedAndTheUtf8NameIsGivenAsFilenameStar() {
        assertThat(ContentDisposition.attachment("Réserve naturelle des Côteaux_3f2a1b4c_2026-12-07.csv"))
                .isEqualTo("attachment; filename=\"Reserve-naturelle-des-Coteaux_3f2a1b4c_2026-12-07.csv\";"
                        + " filename*=UTF-8''R%C3%A9serve-naturelle-des-C%C3%B4teaux_3f2a1b4c_2026-12-07.csv");
        assertThat(ContentDisposition.asciiFileName("Œuvre Straße Ærø.gpkg")).isEqualTo("OEuvre-Strasse-AEro.gpkg");
    }

    @Test
    void anAsciiNameHasNoFilenameStar() {
        assertThat(ContentDisposition.attachment("CEN_3f2a1b4c_2026-12-07.csv"))
                .isEqualTo("attachment; filename=\"CEN_3f2a1b4c_2026-12-07.csv\"");
    }

    @Test
    void quotesSeparatorsAndControlsAreReplaced() {
        String hostile = "a\"b\\c;d/e\r\nContent-Type: x%41 ../..\u0000.csv";
        assertThat(ContentDisposition.asciiFileName(hostile)).isEqualTo("a-b-c-d-e-Content-Type-x-41-..-..-.csv")
                .matches("[A-Za-z0-9._-]+");
        assertThat(ContentDisposition.attachment(hostile)).doesNotContain("\r", "\n", "\\", "/")
                .startsWith("attachment; filename=\"").endsWith("\"");
        assertThat(ContentDisposition.asciiFileName("..hidden")).isEqualTo("hidden");
        assertThat(ContentDisposition.asciiFileName("  ")).isEqualTo("download");
        assertThat(ContentDisposition.asciiFileName(null)).isEqualTo("download");
        assertThat(ContentDisposition.attachment("北京.csv")).isEqualTo("attachment; filename=\"csv\";"
                + " filename*=UTF-8''%E5%8C%97%E4%BA%AC.csv");
    }

    @Test
    void aLongNameIsCutKeepingItsExtension() {
        String name = ContentDisposition.asciiFileName("É".repeat(300) + "_3f2a1b4c_2026-12-07.geojson");
        assertThat(name).hasSize(ContentDisposition.MAX_LENGTH).startsWith("EEE").endsWith("E.geojson");
        String unicode = ContentDisposition.unicodeFileName("É".repeat(300) + ".csv");
        assertThat(unicode.codePointCount(0, unicode.length())).isEqualTo(ContentDisposition.MAX_LENGTH);
        assertThat(unicode).endsWith("É.csv");
    }
}
