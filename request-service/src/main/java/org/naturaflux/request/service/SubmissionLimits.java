package org.naturaflux.request.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.naturaflux.request.FluxStatus;
import org.naturaflux.request.config.LimitsConfig;
import org.naturaflux.request.repository.FluxRepository;

/**
 * A partner's share of the service when it submits fluxes: at most so many submissions per minute, so
 * many source checks at once (the source's JDBC pool is small and shared by every partner), and so many
 * fluxes waiting for the admin's decision. Past a limit: {@link TooManyRequests}. The admin is not
 * limited. State is per replica and per partner (the partners are few and authenticated).
 */
@ApplicationScoped
public class SubmissionLimits {

    private static final Logger LOG = Logger.getLogger(SubmissionLimits.class);
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final LimitsConfig config;
    private final ServiceMetrics metrics;
    private final Map<UUID, TokenBucket> rates = new ConcurrentHashMap<>();
    private final Map<UUID, Semaphore> sourceChecks = new ConcurrentHashMap<>();

    SubmissionLimits(LimitsConfig config, ServiceMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Takes one submission from the partner's allowance.
     *
     * @throws TooManyRequests when the partner has sent {@code submissions-per-minute} lately
     */
    public void admitSubmission(UUID partnerId) {
        TokenBucket bucket = rates.computeIfAbsent(partnerId, id -> new TokenBucket(config.submissionsPerMinute()));
        long waitNanos = bucket.take(System.nanoTime());
        if (waitNanos > 0) {
            metrics.limitReached("submission-rate");
            throw new TooManyRequests("too many submissions: at most " + config.submissionsPerMinute()
                    + " per minute per partner", Duration.ofNanos(waitNanos));
        }
    }

    /**
     * Runs {@code check} (a source check) unless the partner already runs {@code source-checks-per-partner}
     * of them; the slot is given back when it ends, however it ends.
     */
    public <T> Uni<T> sourceCheck(UUID partnerId, Supplier<Uni<T>> check) {
        // Deferred: the slot is taken on subscription, so that it is always given back on termination.
        return Uni.createFrom().deferred(() -> {
            Semaphore slots = sourceChecks.computeIfAbsent(partnerId, id -> new Semaphore(config.sourceChecksPerPartner()));
            if (!slots.tryAcquire()) {
                metrics.limitReached("source-checks");
                return Uni.createFrom().failure(new TooManyRequests("too many submissions checked at once: at most "
                        + config.sourceChecksPerPartner() + " per partner", Duration.ofSeconds(1)));
            }
            Uni<T> started;
            try {
                started = check.get();
            } catch (RuntimeException e) {
                slots.release();
                throw e;
            }
            return started.onTermination().invoke(slots::release);
        });
    }

    /**
     * Fails with {@link TooManyRequests} when the partner has {@code max-pending-requests} REQUESTED fluxes.
     * Counted in the database inside the submission's transaction, after its partner row is locked: the
     * bound holds across replicas.
     */
    public Uni<Void> checkPending(FluxRepository fluxes, UUID partnerId) {
        return fluxes.count("partnerId = ?1 and status = ?2", partnerId, FluxStatus.REQUESTED).invoke(pending -> {
            if (pending >= config.maxPendingRequests()) {
                LOG.debugf("partner %s has %d pending requests", partnerId, pending);
                metrics.limitReached("pending-requests");
                throw new TooManyRequests("too many pending requests: at most " + config.maxPendingRequests()
                        + " fluxes per partner may wait for the admin's decision", config.pendingRetryAfter());
            }
        }).replaceWithVoid();
    }

    /** A token bucket of {@code capacity} tokens refilled at {@code capacity} per minute. */
    static final class TokenBucket {

        private final int capacity;
        private double tokens;
        private long updatedNanos;
        private boolean started;

        TokenBucket(int capacity) {
            this.capacity = capacity;
            this.tokens = capacity;
        }

        /** Takes a token at {@code nowNanos}: 0 when taken, else the nanoseconds until one is there. */
        synchronized long take(long nowNanos) {
            if (started) {
                tokens = Math.min(capacity, tokens + (double) (nowNanos - updatedNanos) * capacity / MINUTE_NANOS);
            }
            started = true;
            updatedNanos = nowNanos;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * MINUTE_NANOS / capacity);
        }
    }
}
