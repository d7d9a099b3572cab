package org.naturaflux.worker.service;

import java.util.Objects;

/**
 * Why an attempt failed, classified.
 *
 * @param reason    a reason a person can act on (it goes into the FAILED event and the dead-letter record)
 * @param retryable whether retrying the same command may succeed (database, S3 or broker trouble)
 */
public record ExportFailure(String reason, boolean retryable) {
    public ExportFailure {
        Objects.requireNonNull(reason, "reason");
    }
}
