package org.naturaflux.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.MalformedMessageException;
import org.naturaflux.model.message.RunCounts;

/** The manifest's JSON form: what the worker writes is what a reader reads back. */
class ManifestTest {

    private static final UUID FLUX = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID RUN = UUID.fromString("22222222-2222-2222-2222-222222222222");

    private static Manifest manifest() {
        Manifest.File csv = new Manifest.File("csv", "observations.csv", "fluxes/f/runs/r/observations.csv", "text/csv",
                3, 120, "ab".repeat(32));
        return new Manifest(Manifest.VERSION, FLUX, RUN, UUID.randomUUID(), 1, "worker-0", "worker-0-1a2b3c4d",
                Instant.parse("2026-12-07T00:00:00Z"), "100:100:", Instant.parse("2026-12-07T00:01:00Z"), null,
                List.of(new Manifest.Field("id_synthese", "Identifiant", "INTEGER")), RunCounts.empty(), List.of(csv),
                "Etalab-2.0", "Naturaflux", Map.of("grid", "M10"), null, null);
    }

    @Test
    void readsBackWhatItWrites() {
        Manifest written = manifest();

        Manifest read = Manifest.fromJson(written.toJson());

        assertThat(read).isEqualTo(written);
        assertThat(read.fileArtifacts()).containsExactly(
                new Artifact("csv", "fluxes/f/runs/r/observations.csv", 120, "ab".repeat(32)));
    }

    @Test
    void refusesAVersionItDoesNotKnowAndWhatIsNotAManifest() {
        String future = new String(manifest().toJson(), StandardCharsets.UTF_8)
                .replace("\"version\" : " + Manifest.VERSION, "\"version\" : " + (Manifest.VERSION + 1));

        assertThatThrownBy(() -> Manifest.fromJson(future.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> Manifest.fromJson("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class);
    }
}
