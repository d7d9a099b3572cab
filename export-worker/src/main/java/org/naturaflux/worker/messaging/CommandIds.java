package org.naturaflux.worker.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.naturaflux.model.message.MessageCodec;
import org.naturaflux.model.message.RunEvent;
import org.naturaflux.model.message.RunEventType;

/**
 * The identity of a command that could not be decoded as a whole, when its JSON still tells it (run,
 * flux, attempt): enough to report the run FAILED.
 */
public record CommandIds(UUID runId, UUID fluxId, int attempt) {

    /** The ids of an undecodable command, when they can be read. */
    public static Optional<CommandIds> peek(byte[] payload) {
        if (payload == null) {
            return Optional.empty();
        }
        try {
            JsonNode tree = MessageCodec.mapper().readTree(payload);
            if (tree == null || !tree.isObject()) {
                return Optional.empty();
            }
            UUID runId = UUID.fromString(tree.path("runId").asText(""));
            UUID fluxId = UUID.fromString(tree.path("fluxId").asText(""));
            int attempt = tree.path("attempt").asInt(1);
            return Optional.of(new CommandIds(runId, fluxId, Math.max(1, attempt)));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A FAILED event for this run. */
    public RunEvent failed(String workerId, String error) {
        return new RunEvent(MessageCodec.VERSION, runId, fluxId, attempt, RunEventType.FAILED, Instant.now(), workerId,
                null, null, null, List.of(), error);
    }
}
