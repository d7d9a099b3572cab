package org.naturaflux.request;

/**
 * What kind of error a run met, as its partner sees it. The error's full text (a worker's message, which
 * may quote PostgreSQL or S3 with host names) is the admin's only; a partner gets the category, its
 * description and the error's reference to quote when asking.
 */
public enum RunErrorCategory {
    /** A worker reported that the export failed. */
    EXPORT_FAILED("the export failed"),
    /** A worker reported files outside the run's own folder: the result was refused. */
    RESULT_REFUSED("the export's result was refused"),
    /** The platform gave an attempt up (no worker progressed): a new attempt follows, or the run failed. */
    PLATFORM("the platform could not complete the export");

    private final String description;

    RunErrorCategory(String description) {
        this.description = description;
    }

    /** A sentence for partners, with nothing of the error's details. */
    public String description() {
        return description;
    }
}
