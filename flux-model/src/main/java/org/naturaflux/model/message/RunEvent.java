package org.naturaflux.model.message;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a worker reports about one attempt of a run, on {@link Topics#EXPORT_EVENTS} keyed by flux id.
 * The request-service ignores duplicates and events of a superseded attempt.
 *
 * @param version   schema version ({@link MessageCodec#VERSION})
 * @param runId     the run
 * @param fluxId    the flux
 * @param attempt   the attempt this event belongs to
 * @param type      STARTED, PROGRESS, SUCCEEDED or FAILED
 * @param at        when the worker emitted it
 * @param workerId  which worker instance
 * @param rows      records processed so far (PROGRESS, SUCCEEDED); null otherwise
 * @param total     records expected, when known; null otherwise
 * @param counts    final counts (SUCCEEDED); null otherwise
 * @param artifacts published files (SUCCEEDED); empty otherwise
 * @param error     a reason a person can act on (FAILED); null otherwise
 */
public record RunEvent(int version, UUID runId, UUID fluxId, int attempt, RunEventType type, Instant at,
                       String workerId, Long rows, Long total, RunCounts counts, List<Artifact> artifacts,
                       String error) {
    public RunEvent {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(fluxId, "fluxId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    }

    public static RunEvent started(ExportCommand c, String workerId, Instant at) {
        return new RunEvent(MessageCodec.VERSION, c.runId(), c.fluxId(), c.attempt(), RunEventType.STARTED, at,
                workerId, null, null, null, List.of(), null);
    }

    public static RunEvent progress(ExportCommand c, String workerId, Instant at, long rows, Long total) {
        return new RunEvent(MessageCodec.VERSION, c.runId(), c.fluxId(), c.attempt(), RunEventType.PROGRESS, at,
                workerId, rows, total, null, List.of(), null);
    }

    public static RunEvent succeeded(ExportCommand c, String workerId, Instant at, RunCounts counts,
                                     List<Artifact> artifacts) {
        return new RunEvent(MessageCodec.VERSION, c.runId(), c.fluxId(), c.attempt(), RunEventType.SUCCEEDED, at,
                workerId, counts.exported() + counts.withheld(), null, counts, artifacts, null);
    }

    public static RunEvent failed(ExportCommand c, String workerId, Instant at, String error) {
        return new RunEvent(MessageCodec.VERSION, c.runId(), c.fluxId(), c.attempt(), RunEventType.FAILED, at,
                workerId, null, null, null, List.of(), Objects.requireNonNull(error, "error"));
    }
}
