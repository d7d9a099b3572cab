package org.naturaflux.worker.service;

import org.naturaflux.worker.storage.CommittedRun;

/** How the handling of one delivered command ended, which decides what happens to the command. */
public sealed interface Outcome {

    /**
     * The run is committed and SUCCEEDED was sent: the command is acknowledged.
     *
     * @param run       the committed run
     * @param duplicate whether it had been committed by another delivery (nothing was written now)
     */
    record Succeeded(CommittedRun run, boolean duplicate) implements Outcome {
    }

    /**
     * The command cannot be exported (permanent failure, or transient failures past the retries):
     * FAILED was sent and the command goes to the dead-letter topic.
     *
     * @param reason what a person can act on
     */
    record Failed(String reason) implements Outcome {
    }

    /**
     * The worker is stopping and gave the export up: its staging is cleaned and the command is left
     * uncommitted, so that another worker redoes it.
     *
     * @param reason why
     */
    record Abandoned(String reason) implements Outcome {
    }
}
