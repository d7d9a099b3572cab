package org.naturaflux.worker.storage;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.jboss.logging.Logger;
import org.naturaflux.worker.config.WorkerConfig;

/**
 * Periodically removes what killed workers left ({@link RunPublisher#sweep}): the files and incomplete
 * multipart uploads of executions whose lease is older than {@code naturaflux.s3.staging-max-age} and
 * which did not commit (never a committed execution's files), and the earlier layout's staging objects
 * older than that. The age exceeds the longest export, so nothing a live export still uses is touched.
 * Every replica sweeps; deleting twice is harmless.
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
            LOG.warnf("sweep failed (next one will retry): %s", e.getMessage());
        }
    }

    /** Removes what executions older than {@code age} left; returns how many objects and uploads. */
    public int sweepOlderThan(Duration age) {
        int removed = publisher.sweep(ZonedDateTime.now().minus(age));
        if (removed > 0) {
            LOG.infof("sweep: %d objects or incomplete uploads left by stale executions removed", removed);
        }
        return removed;
    }
}
