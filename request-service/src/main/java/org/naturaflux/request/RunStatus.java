package org.naturaflux.request;

/** The state of a run, as the API shows it. */
public enum RunStatus {
    /** Created; its command is on its way to (or waiting in) the command topic. */
    QUEUED,
    /** A worker started it. */
    RUNNING,
    /** Files published. */
    SUCCEEDED,
    /** Failed for good (by the worker, or after the last attempt went stale). */
    FAILED,
    /** Succeeded, and its files were later erased by the retention policy. */
    FILE_ERASED;

    /** Whether no event can change the run any more. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == FILE_ERASED;
    }
}
