package org.naturaflux.request;

/**
 * What kind of error a run met, as its partner sees it. The error's full text (a worker's message, which
 * may quote PostgreSQL or S3 with host names) is the admin's only; a partner gets the category, its
 * description and the error's reference to quote when asking.
 */
public enum RunErrorCategory {
    /** A worker reported that the export failed. */
    EXPORT_FAILED("the export failed", "l'export a échoué"),
    /** A worker reported files outside the run's own folder: the result was refused. */
    RESULT_REFUSED("the export's result was refused", "le résultat de l'export a été refusé"),
    /** The platform gave an attempt up (no worker progressed): a new attempt follows, or the run failed. */
    PLATFORM("the platform could not complete the export", "la plateforme n'a pas pu terminer l'export");

    private final String description;
    private final String label;

    RunErrorCategory(String description, String label) {
        this.description = description;
        this.label = label;
    }

    /** The same sentence in French, for partners' e-mails. */
    public String label() {
        return label;
    }

    /** A sentence for partners, with nothing of the error's details. */
    public String description() {
        return description;
    }
}
