package org.naturaflux.worker.logging;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * The ids of the run a thread works for, in the logging MDC, so that every log line written meanwhile
 * carries them (as fields of the JSON log in production): {@value #FLUX_ID}, {@value #RUN_ID},
 * {@value #PARTNER_ID}, {@value #ATTEMPT}, {@value #WORKER_ID}.
 *
 * <p>They are set once where a run's work starts ({@link #open}) and restored when it ends; a thread
 * the run starts (an export thread, the row prefetcher, the counting and live-upload threads) gets them
 * through {@link #carried(Runnable)}: the MDC is per thread, and pool threads must not keep a previous
 * run's ids.
 */
public final class RunLogContext {

    public static final String FLUX_ID = "fluxId";
    public static final String RUN_ID = "runId";
    public static final String PARTNER_ID = "partnerId";
    public static final String ATTEMPT = "attempt";
    public static final String WORKER_ID = "workerId";

    private RunLogContext() {
    }

    /**
     * Puts the run's ids in the current thread's MDC (a null id is left out) until the returned scope
     * is closed, which restores the MDC as it was.
     */
    public static Scope open(UUID fluxId, UUID runId, UUID partnerId, int attempt, String workerId) {
        Map<String, Object> previous = MDC.getMap();
        put(FLUX_ID, fluxId);
        put(RUN_ID, runId);
        put(PARTNER_ID, partnerId);
        put(ATTEMPT, attempt > 0 ? Integer.toString(attempt) : null);
        put(WORKER_ID, workerId);
        return () -> replace(previous);
    }

    /** {@code task}, run with the MDC of the thread calling this method (not the one running it). */
    public static Runnable carried(Runnable task) {
        Map<String, Object> captured = MDC.getMap();
        return () -> {
            Map<String, Object> previous = MDC.getMap();
            replace(captured);
            try {
                task.run();
            } finally {
                replace(previous);
            }
        };
    }

    /** {@code task}, run with the MDC of the thread calling this method (not the one running it). */
    public static <T> Supplier<T> carried(Supplier<T> task) {
        Map<String, Object> captured = MDC.getMap();
        return () -> {
            Map<String, Object> previous = MDC.getMap();
            replace(captured);
            try {
                return task.get();
            } finally {
                replace(previous);
            }
        };
    }

    private static void put(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value.toString());
        }
    }

    private static void replace(Map<String, Object> values) {
        MDC.clear();
        values.forEach(MDC::put);
    }

    /** Restores the MDC as it was when the scope was opened (and throws nothing). */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
