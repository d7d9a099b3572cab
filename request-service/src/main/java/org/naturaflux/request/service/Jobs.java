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
}
