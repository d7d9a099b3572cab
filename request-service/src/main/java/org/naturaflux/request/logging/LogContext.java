package org.naturaflux.request.logging;

import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * The flux, run and partner a piece of work is about, in the logging MDC, so that every log line
 * written meanwhile carries them (as fields of the JSON log in production): {@value #FLUX_ID},
 * {@value #RUN_ID}, {@value #PARTNER_ID}, {@value #ATTEMPT}, {@value #WORKER_ID}.
 *
 * <p>They are set where the work starts: an API request about a flux, a run or a partner; a run event;
 * one flux or run of a scheduled job. Quarkus keeps the MDC on the Vert.x duplicated context of that
 * request, message or job execution, so the reactive pipeline's later stages log with it whatever thread
 * they run on. A job handling several fluxes in turn sets each one's ids and {@link #clear clears} them
 * after it, so that the next one's lines do not carry them. Every setter replaces all five keys (a null
 * id removes its key).
 */
public final class LogContext {

    public static final String FLUX_ID = "fluxId";
    public static final String RUN_ID = "runId";
    public static final String PARTNER_ID = "partnerId";
    public static final String ATTEMPT = "attempt";
    public static final String WORKER_ID = "workerId";

    private LogContext() {
    }

    /** The work is about a flux (and its partner, when known). */
    public static void flux(UUID fluxId, UUID partnerId) {
        set(fluxId, null, partnerId, 0, null);
    }

    /** The work is about an attempt of a run ({@code attempt} 0: unknown), and the worker reporting it. */
    public static void run(UUID fluxId, UUID runId, UUID partnerId, int attempt, String workerId) {
        set(fluxId, runId, partnerId, attempt, workerId);
    }

    /** The work is about nothing in particular any more. */
    public static void clear() {
        set(null, null, null, 0, null);
    }

    private static void set(UUID fluxId, UUID runId, UUID partnerId, int attempt, String workerId) {
        put(FLUX_ID, fluxId);
        put(RUN_ID, runId);
        put(PARTNER_ID, partnerId);
        put(ATTEMPT, attempt > 0 ? attempt : null);
        put(WORKER_ID, workerId);
    }

    private static void put(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value.toString());
        }
    }
}
