package org.naturaflux.request.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.naturaflux.request.Run;
import org.naturaflux.request.RunStatus;
import org.naturaflux.request.config.StorageConfig;
import org.naturaflux.storage.ObjectStore;

/**
 * The retention rule, in one place for {@link RetentionJob} that applies it and the API that announces
 * it: a SUCCEEDED run's files are kept {@code naturaflux.s3.retention} (30 days by default) after it
 * finished, then erased by the first retention pass ({@code naturaflux.retention.interval}) that finds
 * them due.
 */
@ApplicationScoped
public class Retention {

    private final Duration keep;
    private final boolean erasing;

    Retention(StorageConfig config, ObjectStore store) {
        this.keep = config.retention();
        // without credentials the job erases nothing (and serves nothing)
        this.erasing = store.isConfigured();
    }

    /**
     * When a run's files become due for erasure: its finish time plus the retention; they are erased by
     * the next pass after it. Null when the run has no files kept (not SUCCEEDED, or already erased) or
     * when nothing is erased (no storage credentials).
     */
    public Instant eraseAfter(Run run) {
        return erasing && run.status() == RunStatus.SUCCEEDED && run.finishedAt() != null
                ? run.finishedAt().plus(keep) : null;
    }

    /** The runs that SUCCEEDED before this instant are due at {@code now}. */
    Instant cutoff(Instant now) {
        return now.minus(keep);
    }

    /** The runs that SUCCEEDED before this instant are due within {@code lead} of {@code now}. */
    Instant cutoff(Instant now, Duration lead) {
        return now.plus(lead).minus(keep);
    }

    /** Whether files are erased at all (storage credentials configured). */
    boolean erasing() {
        return erasing;
    }
}
