package org.naturaflux.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class StorageLayoutTest {

    private static final UUID FLUX = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID RUN = UUID.fromString("22222222-2222-2222-2222-222222222222");

    @Test
    void publishedKeysDependOnlyOnFluxAndRun() {
        StorageLayout layout = new StorageLayout("");

        assertThat(layout.runKey(FLUX, RUN, "observations.csv.gz"))
                .isEqualTo("fluxes/11111111-1111-1111-1111-111111111111/runs/22222222-2222-2222-2222-222222222222/observations.csv.gz");
        assertThat(layout.manifestKey(FLUX, RUN))
                .isEqualTo("fluxes/11111111-1111-1111-1111-111111111111/runs/22222222-2222-2222-2222-222222222222/manifest.json");
    }

    @Test
    void eachExecutionStagesInItsOwnFolderUnderTheRun() {
        StorageLayout layout = new StorageLayout("platform-a");

        String first = layout.stagingPrefix(RUN, 2, "worker-0-1a2b3c4d");
        String second = layout.stagingPrefix(RUN, 2, "worker-1-5e6f7a8b");

        assertThat(first).isEqualTo("platform-a/staging/22222222-2222-2222-2222-222222222222/2/worker-0-1a2b3c4d/");
        assertThat(second).isNotEqualTo(first).startsWith(layout.stagingRunPrefix(RUN));
        assertThat(layout.stagingRunPrefix(RUN)).startsWith(layout.stagingRoot());
        assertThat(layout.runPrefix(FLUX, RUN)).doesNotStartWith(layout.stagingRoot());
    }

    @Test
    void refusesNamesThatWouldLeaveTheirFolder() {
        StorageLayout layout = new StorageLayout("");

        assertThatThrownBy(() -> layout.runKey(FLUX, RUN, "../other-run/manifest.json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.runKey(FLUX, RUN, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.stagingPrefix(RUN, 1, "a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StorageLayout("/absolute")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recognisesOnlyThePublishedFilesOfTheRunItself() {
        StorageLayout layout = new StorageLayout("platform-a");
        UUID otherRun = UUID.fromString("33333333-3333-3333-3333-333333333333");

        assertThat(layout.isRunKey(FLUX, RUN, layout.runKey(FLUX, RUN, "observations.csv"))).isTrue();
        assertThat(layout.isRunKey(FLUX, RUN, layout.manifestKey(FLUX, RUN))).isTrue();
        assertThat(layout.isRunKey(FLUX, RUN, layout.runKey(FLUX, otherRun, "observations.csv"))).isFalse();
        assertThat(layout.isRunKey(FLUX, RUN, layout.runPrefix(FLUX, RUN) + "../" + otherRun + "/observations.csv")).isFalse();
        assertThat(layout.isRunKey(FLUX, RUN, layout.runPrefix(FLUX, RUN))).isFalse();
        assertThat(layout.isRunKey(FLUX, RUN, layout.stagingPrefix(RUN, 1, "w") + "observations.csv")).isFalse();
        assertThat(layout.isRunKey(FLUX, RUN, new StorageLayout("").runKey(FLUX, RUN, "observations.csv"))).isFalse();
        assertThat(layout.isRunKey(FLUX, RUN, null)).isFalse();
    }
}
