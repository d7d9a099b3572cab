package org.naturaflux.model.message;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.naturaflux.model.spec.FluxSpec;

/**
 * "Export this flux now, as this run and attempt." Published by the request-service on
 * {@link Topics#EXPORT_COMMANDS} keyed by flux id; idempotent by {@code runId}.
 *
 * @param version   schema version ({@link MessageCodec#VERSION})
 * @param runId     the run; a worker never writes two sets of files for one run id
 * @param fluxId    the flux (the Kafka key)
 * @param partnerId the partner that owns the flux
 * @param attempt   1 for the first attempt; a higher attempt supersedes the earlier ones
 * @param spec      a snapshot of the flux's specification taken when the run was created
 * @param baseRunId for delta exports: the last successful run the delta is computed against; null otherwise
 * @param issuedAt  when the command was created
 */
public record ExportCommand(int version, UUID runId, UUID fluxId, UUID partnerId, int attempt, FluxSpec spec,
                            UUID baseRunId, Instant issuedAt) {
    public ExportCommand {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(fluxId, "fluxId");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1");
        }
    }

    /** A command of the current schema version. */
    public static ExportCommand of(UUID runId, UUID fluxId, UUID partnerId, int attempt, FluxSpec spec,
                                   UUID baseRunId, Instant issuedAt) {
        return new ExportCommand(MessageCodec.VERSION, runId, fluxId, partnerId, attempt, spec, baseRunId, issuedAt);
    }
}
