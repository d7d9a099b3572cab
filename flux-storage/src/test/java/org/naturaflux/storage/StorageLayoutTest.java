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
    void eachExecutionUploadsToItsOwnFolderInTheRunsFolder() {
        StorageLayout layout = new StorageLayout("platform-a");

        String first = layout.executionKey(FLUX, RUN, "worker-0-1a2b3c4d", "observations.csv");
        String second = layout.executionKey(FLUX, RUN, "worker-1-5e6f7a8b", "observations.csv");

        assertThat(first).isEqualTo("platform-a/fluxes/11111111-1111-1111-1111-111111111111/runs/"
                + "22222222-2222-2222-2222-222222222222/x/worker-0-1a2b3c4d/observations.csv");
        assertThat(second).isNotEqualTo(first).startsWith(layout.executionsPrefix(FLUX, RUN));
        assertThat(layout.executionsPrefix(FLUX, RUN)).startsWith(layout.runPrefix(FLUX, RUN));
        assertThat(layout.intentKey(FLUX, RUN, "worker-0-1a2b3c4d"))
                .isEqualTo(layout.executionPrefix(FLUX, RUN, "worker-0-1a2b3c4d") + "manifest.json")
                .isNotEqualTo(layout.manifestKey(FLUX, RUN));
        assertThat(layout.executionOf(FLUX, RUN, first)).contains("worker-0-1a2b3c4d");
        assertThat(layout.executionOf(FLUX, RUN, layout.manifestKey(FLUX, RUN))).isEmpty();
        assertThat(layout.executionOf(FLUX, RUN, layout.executionsPrefix(FLUX, RUN) + "w/deeper/file.csv")).isEmpty();
    }

    @Test
    void aLeaseNamesItsExecution() {
        StorageLayout layout = new StorageLayout("platform-a");

        String lease = layout.leaseKey(FLUX, RUN, "worker-0-1a2b3c4d");

        assertThat(lease).isEqualTo("platform-a/executions/11111111-1111-1111-1111-111111111111/"
                + "22222222-2222-2222-2222-222222222222/worker-0-1a2b3c4d").startsWith(layout.leaseRoot());
        assertThat(layout.leaseOf(lease)).contains(new StorageLayout.Execution(FLUX, RUN, "worker-0-1a2b3c4d"));
        assertThat(layout.leaseOf(layout.leaseRoot() + "not-a-uuid/" + RUN + "/w")).isEmpty();
        assertThat(layout.leaseOf(layout.leaseRoot() + FLUX + "/" + RUN + "/w/extra")).isEmpty();
        assertThat(layout.leaseOf(layout.manifestKey(FLUX, RUN))).isEmpty();
        assertThat(layout.runPrefix(FLUX, RUN)).doesNotStartWith(layout.leaseRoot()).doesNotStartWith(layout.stagingRoot());
    }

    @Test
    void refusesNamesThatWouldLeaveTheirFolder() {
        StorageLayout layout = new StorageLayout("");

        assertThatThrownBy(() -> layout.runKey(FLUX, RUN, "../other-run/manifest.json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.runKey(FLUX, RUN, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.executionPrefix(FLUX, RUN, "a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.executionKey(FLUX, RUN, "..", "observations.csv")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StorageLayout("/absolute")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recognisesOnlyTheFilesOfTheRunItselfInBothLayouts() {
        StorageLayout layout = new StorageLayout("platform-a");
        UUID otherRun = UUID.fromString("33333333-3333-3333-3333-333333333333");

        // Runs committed before files went to their execution's folder: still their run's.
        assertThat(layout.isRunKey(FLUX, RUN, layout.runKey(FLUX, RUN, "observations.csv"))).isTrue();
        assertThat(layout.isRunKey(FLUX, RUN, layout.executionKey(FLUX, RUN, "w-1", "observations.csv"))).isTrue();
        assertThat(layout.isRunKey(FLUX, RUN, layout.executionKey(FLUX, otherRun, "w-1", "observations.csv"))).isFalse();
        assertThat(layout.isRunKey(FLUX, RUN, layout.executionsPrefix(FLUX, RUN) + "../observations.csv")).isFalse();
        assertThat(layout.isRunKey(FLUX, RUN, layout.executionsPrefix(FLUX, RUN) + "w-1/../../" + otherRun + "/x")).isFalse();
        assertThat(layout.isRunKey(FLUX, RUN, layout.executionPrefix(FLUX, RUN, "w-1"))).isFalse();
        assertThat(layout.isRunKey(FLUX, RUN, layout.leaseKey(FLUX, RUN, "w-1"))).isFalse();
        assertThat(layout.isRunKey(FLUX, RUN, layout.manifestKey(FLUX, RUN))).isTrue();
        assertThat(layout.isRunKey(FLUX, RUN, layout.runKey(FLUX, otherRun, "observations.csv"))).isFalse();
        assertThat(layout.isRunKey(FLUX, RUN, layout.runPrefix(FLUX, RUN) + "../" + otherRun + "/observations.csv")).isFalse();
        assertThat(layout.isRunKey(FLUX, RUN, layout.runPrefix(FLUX, RUN))).isFalse();
        assertThat(layout.isRunKey(FLUX, RUN, layout.stagingRoot() + RUN + "/1/w/observations.csv")).isFalse();
        assertThat(layout.isRunKey(FLUX, RUN, new StorageLayout("").runKey(FLUX, RUN, "observations.csv"))).isFalse();
        assertThat(layout.isRunKey(FLUX, RUN, null)).isFalse();
    }
}
