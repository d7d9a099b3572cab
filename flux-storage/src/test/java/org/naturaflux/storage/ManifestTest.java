package org.naturaflux.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.MalformedMessageException;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.model.spec.Territory;

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

    /** The manifest names the record filters the run applied (its spec's), defaults included. */
    @Test
    void showsTheRecordFiltersApplied() {
        FluxSpec spec = new FluxSpec(new Territory.Wkt("POLYGON((0 0,1 0,1 1,0 0))"), null, List.of("id_synthese"),
                List.of(ExportFormat.CSV), null, new RecordFilters(List.of("Pr", "No"), List.of("1"), null, null,
                Period.ofYears(10), new RecordFilters.IdList(null, List.of(FLUX))));
        Manifest m = manifest();
        Manifest withSpec = withSpec(m, spec);
        String json = new String(withSpec.toJson(), StandardCharsets.UTF_8).replaceAll("\\s", "");
        assertThat(json).contains("\"filters\":{\"observationStatus\":[\"Pr\",\"No\"],\"validationStatus\":[\"1\"],"
                + "\"lastPeriod\":\"P10Y\",\"datasets\":{\"include\":[],\"exclude\":[\"" + FLUX + "\"]},"
                + "\"producers\":{\"include\":[],\"exclude\":[]}}");
        assertThat(Manifest.fromJson(withSpec.toJson()).spec().filters()).isEqualTo(spec.filters());
        String defaults = new String(withSpec(m, new FluxSpec(spec.territory(), null, spec.fields(), spec.formats(), null))
                .toJson(), StandardCharsets.UTF_8);
        assertThat(defaults.replaceAll("\\s", "")).contains("\"filters\":{\"observationStatus\":[\"Pr\"]");
    }

    private static Manifest withSpec(Manifest m, FluxSpec spec) {
        return new Manifest(m.version(), m.fluxId(), m.runId(), m.partnerId(), m.attempt(), m.workerId(), m.executionId(),
                m.sourceSnapshotAt(), m.sourceSnapshot(), m.committedAt(), spec, m.fields(), m.counts(), m.files(),
                m.licence(), m.citation(), m.sensitivity(), m.delta(), m.recordIndex());
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
