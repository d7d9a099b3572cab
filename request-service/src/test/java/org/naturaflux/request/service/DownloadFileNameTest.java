package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.request.Flux;
import org.naturaflux.request.Run;
import org.naturaflux.request.RunOrigin;
import org.naturaflux.storage.ContentDisposition;

/** The name a downloaded file is saved under: {@code <structure>_<flux>_<date>[_<kind>].<ext>}. */
class DownloadFileNameTest {

    private static final UUID FLUX = UUID.fromString("3f2a1b4c-0000-4000-8000-000000000001");
    private static final Instant FINISHED = Instant.parse("2026-12-06T23:30:00Z");

    private static String name(String structureJson, String format, String key) {
        Flux flux = new Flux(FLUX, UUID.randomUUID(), "{\"structure\": " + structureJson + "}", "{}", "P1M", null,
                FINISHED.minusSeconds(86_400));
        Run run = new Run(UUID.randomUUID(), FLUX, RunOrigin.MANUAL, null, "{}", 1, FINISHED.minusSeconds(600));
        Artifact artifact = new Artifact(format, key, 4, "00");
        run.succeeded("worker", null, List.of(artifact), null, FINISHED);
        return DownloadService.fileName(flux, run, artifact);
    }

    @Test
    void structureFluxAndFinishDate() {
        assertThat(name("\"Réserve naturelle des Coteaux\"", "csv", "fluxes/f/runs/r/observations.csv"))
                .isEqualTo("Réserve naturelle des Coteaux_3f2a1b4c_2026-12-06.csv");
        assertThat(ContentDisposition.asciiFileName(name("\"Réserve naturelle des Coteaux\"", "csv", "k/observations.csv")))
                .isEqualTo("Reserve-naturelle-des-Coteaux_3f2a1b4c_2026-12-06.csv");
    }

    @Test
    void theKindIsNamedOnlyForFilesThatAreNotThePlainExport() {
        assertThat(name("\"CEN\"", "geojson", "k/observations.geojson")).isEqualTo("CEN_3f2a1b4c_2026-12-06.geojson");
        assertThat(name("\"CEN\"", "manifest", "k/manifest.json")).isEqualTo("CEN_3f2a1b4c_2026-12-06_manifest.json");
        assertThat(name("\"CEN\"", "delta-csv", "k/observations_delta.csv")).isEqualTo("CEN_3f2a1b4c_2026-12-06_delta.csv");
        assertThat(name("\"CEN\"", "delta-deleted", "k/observations_suppressions.csv"))
                .isEqualTo("CEN_3f2a1b4c_2026-12-06_delta-deleted.csv");
        assertThat(name("\"CEN\"", "jeux_de_donnees-csv", "k/jeux_de_donnees.csv"))
                .isEqualTo("CEN_3f2a1b4c_2026-12-06_jeux_de_donnees.csv");
    }

    @Test
    void aLongStructureIsCutSoTheRestSurvives() {
        String name = name("\"" + "Conservatoire ".repeat(20) + "\"", "delta-deleted", "k/x_suppressions.csv");
        assertThat(name).endsWith("_3f2a1b4c_2026-12-06_delta-deleted.csv");
        assertThat(ContentDisposition.asciiFileName(name)).endsWith("_3f2a1b4c_2026-12-06_delta-deleted.csv")
                .hasSizeLessThanOrEqualTo(ContentDisposition.MAX_LENGTH);
        assertThat(name("null", "csv", "k/observations.csv")).isEqualTo("naturaflux_3f2a1b4c_2026-12-06.csv");
        assertThat(name("[", "csv", "k/observations.csv")).as("an unreadable stored request")
                .isEqualTo("naturaflux_3f2a1b4c_2026-12-06.csv");
    }
}
