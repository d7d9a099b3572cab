package org.naturaflux.worker.service;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.naturaflux.worker.config.WorkerConfig;
import org.naturaflux.worker.logging.RunLogContext;

/**
 * The threads exports run on ({@code naturaflux.worker.concurrency} of them, never the Kafka event
 * loop), and the graceful stop.
 *
 * <p>On SIGTERM (Quarkus's {@link ShutdownEvent}, before the Kafka consumers close) no new export
 * starts; running ones get {@code naturaflux.worker.shutdown-grace} to finish (their command is then
 * committed as usual); past it they are cancelled: they clean their staging and leave their command
 * uncommitted, so that another worker redoes it.
 */
@ApplicationScoped
public class ExportExecutor {

    private static final Logger LOG = Logger.getLogger(ExportExecutor.class);
    /** Time given to cancelled exports to clean up after the grace period. */
    private static final Duration CLEANUP_WAIT = Duration.ofSeconds(8);
    private static final Object NO_SOURCE = new Object();

    private final ExecutorService executor;
    private final Duration grace;
    /** Running exports, with the command partition each came from (null when unknown). */
    private final Map<Cancellation, Object> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    ExportExecutor(WorkerConfig config) {
        int threads = Math.max(1, config.worker().concurrency());
        AtomicInteger number = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "export-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.grace = config.worker().shutdownGrace();
    }

    /** Whether the worker is stopping (no new export may start). */
    public boolean isStopping() {
        return stopping;
    }

    /**
     * Runs {@code work} on an export thread with a {@link Cancellation} that the stop, or the loss of
     * {@code source} (the command's partition), may trigger. When the worker is stopping,
     * {@code whenStopping} is returned instead and {@code work} never runs. {@code work} runs with the
     * caller's log context ({@link RunLogContext}).
     */
    public <T> CompletableFuture<T> submit(Object source, Function<Cancellation, T> work, T whenStopping) {
        if (stopping) {
            return CompletableFuture.completedFuture(whenStopping);
        }
        try {
            return CompletableFuture.supplyAsync(RunLogContext.carried(() -> {
                if (stopping) {
                    return whenStopping;
                }
                Cancellation cancellation = new Cancellation();
                running.put(cancellation, source == null ? NO_SOURCE : source);
                try {
                    return work.apply(cancellation);
                } finally {
                    running.remove(cancellation);
                }
            }), executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(whenStopping);
        }
    }

    /**
     * Cancels the running exports whose command came from one of these sources (partitions this worker
     * no longer owns: their offsets can no longer be committed here, and their new owner redoes them).
     * Returns how many were cancelled.
     */
    public int cancelFrom(Collection<?> sources, String reason) {
        int cancelled = 0;
        for (Map.Entry<Cancellation, Object> export : running.entrySet()) {
            if (sources.contains(export.getValue())) {
                export.getKey().cancel(reason);
                cancelled++;
            }
        }
        return cancelled;
    }

    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping = true;
        executor.shutdown();
        try {
            if (!running.isEmpty()) {
                LOG.infof("stopping: waiting up to %d s for %d running export(s)", grace.toSeconds(), running.size());
            }
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("stopping: %d export(s) still running after %d s: giving them back", running.size(), grace.toSeconds());
                running.keySet().forEach(c -> c.cancel("the worker is stopping"));
                if (!executor.awaitTermination(CLEANUP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    executor.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
