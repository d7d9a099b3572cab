package org.naturaflux.worker.storage;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.jboss.logging.Logger;
import org.naturaflux.worker.config.WorkerConfig;

/**
 * Periodically removes what killed workers left in staging for runs that were never completed
 * (a completed run cleans its own staging): objects and incomplete multipart uploads older than
 * {@code naturaflux.s3.staging-max-age}, which exceeds the longest export, so nothing a live
 * export still uses is touched. Every replica sweeps; deleting twice is harmless.
 */
@ApplicationScoped
public class StagingSweeper {

    private static final Logger LOG = Logger.getLogger(StagingSweeper.class);

    private final RunPublisher publisher;
    private final Duration maxAge;

    StagingSweeper(RunPublisher publisher, WorkerConfig config) {
        this.publisher = publisher;
        this.maxAge = config.s3().stagingMaxAge();
    }

    @Scheduled(every = "${naturaflux.s3.staging-sweep-every:30m}", delayed = "${naturaflux.s3.staging-sweep-delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            sweepOlderThan(maxAge);
        } catch (RuntimeException e) {
            LOG.warnf("staging sweep failed (next one will retry): %s", e.getMessage());
        }
    }

    /** Removes staging objects and incomplete uploads older than {@code age}; returns how many. */
    public int sweepOlderThan(Duration age) {
        int removed = publisher.sweepStaging(ZonedDateTime.now().minus(age));
        if (removed > 0) {
            LOG.infof("staging sweep: %d stale staging objects or incomplete uploads removed", removed);
        }
        return removed;
    }
}
