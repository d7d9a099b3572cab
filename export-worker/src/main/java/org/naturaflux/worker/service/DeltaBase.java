package org.naturaflux.worker.service;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * What a run of a flux with delta files compares itself with.
 *
 * @param baseRunId      the flux's previous successful run (from the command); null for the first run
 * @param baseSnapshotAt that run's source snapshot time, when known
 * @param index          that run's record index, downloaded; null when there is none to compare with
 * @param reason         why there is none, when {@code index} is null
 */
public record DeltaBase(UUID baseRunId, Instant baseSnapshotAt, Path index, String reason) {

    public boolean comparable() {
        return index != null;
    }
}
