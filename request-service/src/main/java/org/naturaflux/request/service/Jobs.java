package org.naturaflux.request.service;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs the service's periodic jobs: a failed pass is logged and left for the next one; once the
 * application is shutting down no pass starts, and failures of a pass cut short by the shutdown (pools
 * closing) are not reported as errors.
 */
@ApplicationScoped
public class Jobs {

    private static final int MAX_ERROR_LENGTH = 2000;

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Runs one pass of a job unless the application is stopping; never fails. */
    public Uni<Void> pass(String job, Logger log, Supplier<Uni<?>> pass) {
        if (stopping) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(pass)
                .onFailure().invoke(e -> {
                    if (stopping) {
                        log.debugf("%s pass cut short by the shutdown: %s", job, e.getMessage());
                    } else {
                        log.errorf(e, "%s pass failed; the next pass will try again", job);
                    }
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * A failure as the text a pass records where the admin sees it (on a flux, a run, an outbox row):
     * each exception of the chain's type and message, at most {@value #MAX_ERROR_LENGTH} characters.
     */
    public static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable e = failure; e != null && text.length() < MAX_ERROR_LENGTH; e = e.getCause() == e ? null : e.getCause()) {
            text.append(text.isEmpty() ? "" : "; caused by ").append(e.getClass().getSimpleName()).append(": ")
                    .append(e.getMessage());
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text.toString();
    }
}
