package org.naturaflux.request.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.request.Run;
import org.naturaflux.request.RunErrorCategory;
import org.naturaflux.request.RunOrigin;
import org.naturaflux.request.RunStatus;
import org.naturaflux.request.security.Caller;
import org.naturaflux.request.service.Retention;

/** The wire model of runs and downloads. */
public final class RunBodies {

    private RunBodies() {
    }

    /** 202 of {@code POST /api/v1/fluxes/{id}/runs}. */
    public record RunAccepted(UUID runId) {
    }

    /** How many change-driven fluxes will run again. */
    public record ChangeDrivenRuns(int fluxes) {
    }

    /** Records processed, and expected when known. */
    public record Progress(Long rows, Long total) {
    }

    /** What a run exported. */
    public record Counts(long exported, long degraded, long withheld, Map<DiffusionLevel, Long> byLevel,
                         Map<String, Long> withheldByCause) {
        static Counts of(RunCounts counts) {
            return counts == null ? null : new Counts(counts.exported(), counts.degraded(), counts.withheld(),
                    counts.byLevel(), counts.withheldByCause());
        }
    }

    /** A published file (its storage key stays internal: downloads go through signed URLs). */
    public record ArtifactView(String format, long bytes, String sha256) {
        static ArtifactView of(Artifact artifact) {
            return new ArtifactView(artifact.format(), artifact.bytes(), artifact.sha256());
        }
    }

    /**
     * A run as the API shows it. A partner sees an error as its category and reference only
     * ({@code error}: the category's description and the reference); the admin sees its full text, which
     * may quote the source database or the storage, and the retention pass's failure if any.
     * {@code definitionVersion} is the version of the flux's definition the run was made under: its
     * files are served only while it is the flux's. {@code eraseAfter}, on a SUCCEEDED run, is when its
     * files become due for erasure (its finish plus the retention, {@code Retention}): the retention pass
     * that follows erases them and the run becomes FILE_ERASED, {@code erasedAt} then telling when.
     */
    public record RunView(UUID id, UUID fluxId, RunStatus status, int attempt, RunOrigin origin, Instant scheduledFor,
                          Progress progress, Counts counts, List<ArtifactView> artifacts, String error,
                          RunErrorCategory errorCategory, String errorReference, int definitionVersion,
                          String retentionError, Instant createdAt, Instant finishedAt, Instant erasedAt,
                          Instant eraseAfter) {
        static RunView of(Run run, Caller caller, Retention retention) {
            String error = run.error() == null || caller.admin() ? run.error()
                    : run.errorCategory().description() + " (reference " + run.errorReference() + ")";
            List<ArtifactView> files;
            try {
                files = run.artifacts().stream().map(ArtifactView::of).toList();
            } catch (IllegalStateException e) {
                // an unreadable stored list must not hide the run (retention records it for the admin)
                files = List.of();
            }
            return new RunView(run.id(), run.fluxId(), run.status(), run.attempt(), run.origin(), run.scheduledFor(),
                    new Progress(run.rowsDone(), run.rowsTotal()), Counts.of(run.counts()), files, error,
                    run.errorCategory(),
                    run.errorReference(), run.definitionVersion(), caller.admin() ? run.retentionError() : null,
                    run.createdAt(), run.finishedAt(), run.erasedAt(), retention.eraseAfter(run));
        }
    }

    /** A signed URL, for clients that ask JSON instead of following the redirect. */
    public record DownloadLink(String url, Instant expiresAt) {
    }
}
