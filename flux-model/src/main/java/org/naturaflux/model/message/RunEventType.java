package org.naturaflux.model.message;

/** The life of one attempt of a run, as a worker reports it. */
public enum RunEventType {
    STARTED, PROGRESS, SUCCEEDED, FAILED;

    /** Whether the attempt is over. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
