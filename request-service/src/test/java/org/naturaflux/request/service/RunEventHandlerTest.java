package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.MessageCodec;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.message.RunEvent;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.request.Run;
import org.naturaflux.request.RunOrigin;
import org.naturaflux.request.RunStatus;
import org.naturaflux.request.service.RunEventHandler.Outcome;
import org.naturaflux.storage.StorageLayout;

/** How run events change a run, event by event (the database part is in the @QuarkusTest suites). */
class RunEventHandlerTest {

    private final Run run = new Run(UUID.randomUUID(), UUID.randomUUID(), RunOrigin.MANUAL, null, "{}", 1, Instant.EPOCH);
    private final StorageLayout layout = new StorageLayout("");

    private RunEvent event(int attempt, RunEventType type, Long rows, RunCounts counts, List<Artifact> artifacts) {
        return new RunEvent(MessageCodec.VERSION, run.id(), run.fluxId(), attempt, type, Instant.parse("2026-01-01T00:00:00Z"),
                "w1", rows, null, counts, artifacts, type == RunEventType.FAILED ? "disk full" : null);
    }

    @Test
    void followsAnAttemptToSuccessAndIgnoresWhatComesAfter() {
        assertThat(RunEventHandler.decide(run, layout, event(1, RunEventType.STARTED, null, null, null))).isEqualTo(Outcome.APPLIED);
        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        RunEventHandler.decide(run, layout, event(1, RunEventType.PROGRESS, 500L, null, null));
        RunEventHandler.decide(run, layout, event(1, RunEventType.PROGRESS, 200L, null, null));
        assertThat(run.rowsDone()).isEqualTo(500L);

        RunCounts counts = new RunCounts(7, 2, 1, Map.of(DiffusionLevel.PRECISE, 5L), Map.of());
        List<Artifact> files = List.of(new Artifact("csv", layout.runKey(run.fluxId(), run.id(), "observations.csv"), 10, "ff"));
        assertThat(RunEventHandler.decide(run, layout, event(1, RunEventType.SUCCEEDED, 8L, counts, files))).isEqualTo(Outcome.APPLIED);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.counts()).isEqualTo(counts);
        assertThat(run.artifacts()).isEqualTo(files);

        assertThat(RunEventHandler.decide(run, layout, event(1, RunEventType.FAILED, null, null, null))).isEqualTo(Outcome.ALREADY_FINAL);
        assertThat(RunEventHandler.decide(run, layout, event(1, RunEventType.SUCCEEDED, 1L, RunCounts.empty(), List.of())))
                .isEqualTo(Outcome.ALREADY_FINAL);
        assertThat(run.counts()).isEqualTo(counts);
        assertThat(run.error()).isNull();
    }

    @Test
    void ignoresEventsOfOtherAttempts() {
        run.retry("stale");
        assertThat(run.attempt()).isEqualTo(2);
        assertThat(RunEventHandler.decide(run, layout, event(1, RunEventType.SUCCEEDED, 1L, RunCounts.empty(), List.of())))
                .isEqualTo(Outcome.OTHER_ATTEMPT);
        assertThat(RunEventHandler.decide(run, layout, event(3, RunEventType.STARTED, null, null, null))).isEqualTo(Outcome.OTHER_ATTEMPT);
        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(RunEventHandler.decide(run, layout, event(2, RunEventType.FAILED, null, null, null))).isEqualTo(Outcome.APPLIED);
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).isEqualTo("disk full");
    }

    @Test
    void acceptsTheFilesOfAnExecutionsFolderAndOfTheEarlierLayoutButNoOtherRunsFolder() {
        String execution = "worker-1-0a1b2c3d";
        List<Artifact> files = List.of(
                new Artifact("csv", layout.executionKey(run.fluxId(), run.id(), execution, "observations.csv"), 10, "ff"),
                new Artifact("jeux_de_donnees-csv", layout.executionKey(run.fluxId(), run.id(), execution, "jeux_de_donnees.csv"), 5, "ee"),
                new Artifact("manifest", layout.manifestKey(run.fluxId(), run.id()), 3, "dd"));
        assertThat(RunEventHandler.decide(run, layout, event(1, RunEventType.SUCCEEDED, 1L, RunCounts.empty(), files)))
                .isEqualTo(Outcome.APPLIED);
        assertThat(run.artifacts()).isEqualTo(files);

        Run other = new Run(UUID.randomUUID(), run.fluxId(), RunOrigin.MANUAL, null, "{}", 1, Instant.EPOCH);
        List<Artifact> foreign = List.of(new Artifact("csv", layout.executionKey(run.fluxId(), run.id(), execution,
                "observations.csv"), 10, "ff"));
        RunEvent claimed = new RunEvent(MessageCodec.VERSION, other.id(), other.fluxId(), 1, RunEventType.SUCCEEDED,
                Instant.EPOCH, "w1", 1L, null, RunCounts.empty(), foreign, null);
        assertThat(RunEventHandler.decide(other, layout, claimed)).isEqualTo(Outcome.REFUSED);
        assertThat(other.status()).isEqualTo(RunStatus.FAILED);
        assertThat(other.artifacts()).isEmpty();
    }

    @Test
    void anUnknownRunIsReported() {
        assertThat(RunEventHandler.decide(null, layout, event(1, RunEventType.STARTED, null, null, null))).isEqualTo(Outcome.UNKNOWN_RUN);
    }
}
