package org.naturaflux.request.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.RunEvent;
import org.naturaflux.request.Run;
import org.naturaflux.request.RunErrorCategory;
import org.naturaflux.request.RunStatus;
import org.naturaflux.request.repository.RunRepository;
import org.naturaflux.storage.StorageLayout;

/**
 * Applies a worker's run event to its run, under the run's row lock. Events are delivered at least
 * once and may come late, so an event is ignored when its run is unknown, when it belongs to another
 * attempt than the run's current one (a superseded attempt), or when the run is already final
 * (duplicates of SUCCEEDED or FAILED). Progress never goes backwards.
 *
 * <p>A success is accepted only when every file it reports lies in the run's own folder by flux-storage's
 * {@link StorageLayout} (the run's flux and id as stored, not as the event says): a worker bug or a
 * forged event must not make another run's, flux's or partner's objects downloadable or erasable
 * through this run. Otherwise the run FAILS (RESULT_REFUSED) with the keys refused in its error.
 */
@ApplicationScoped
public class RunEventHandler {

    private static final Logger LOG = Logger.getLogger(RunEventHandler.class);

    private final RunRepository runs;
    private final ServiceMetrics metrics;
    private final StorageLayout layout;
    private final Notifications notifications;

    RunEventHandler(RunRepository runs, ServiceMetrics metrics, StorageLayout layout, Notifications notifications) {
        this.notifications = notifications;
        this.runs = runs;
        this.metrics = metrics;
        this.layout = layout;
    }

    /** Applies the event; the outcome says what was done with it. */
    public Uni<Outcome> apply(RunEvent event) {
        return Panache.withTransaction(() -> runs.findForUpdate(event.runId()).flatMap(run -> {
                    Outcome outcome = decide(run, layout, event);
                    // only an event that changed the run can have failed it: a failure is told once
                    boolean failedNow = (outcome == Outcome.APPLIED || outcome == Outcome.REFUSED)
                            && run.status() == RunStatus.FAILED;
                    return failedNow ? notifications.runFailed(run).replaceWith(outcome) : Uni.createFrom().item(outcome);
                }))
                .invoke(outcome -> metrics.runEvent(outcome.name()));
    }

    static Outcome decide(Run run, StorageLayout layout, RunEvent event) {
        if (run == null) {
            LOG.warnf("event %s for unknown run %s ignored", event.type(), event.runId());
            return Outcome.UNKNOWN_RUN;
        }
        if (event.attempt() != run.attempt()) {
            LOG.infof("event %s of attempt %d of run %s ignored: the current attempt is %d", event.type(),
                    event.attempt(), run.id(), run.attempt());
            return Outcome.OTHER_ATTEMPT;
        }
        if (run.status().isFinal()) {
            LOG.debugf("event %s of run %s ignored: the run is already %s", event.type(), run.id(), run.status());
            return Outcome.ALREADY_FINAL;
        }
        switch (event.type()) {
            case STARTED -> run.started(event.workerId(), event.at());
            case PROGRESS -> run.progressed(event.workerId(), event.rows(), event.total(), event.at());
            case SUCCEEDED -> {
                List<String> foreign = event.artifacts() == null ? List.of() : event.artifacts().stream()
                        .map(Artifact::key).filter(key -> !layout.isRunKey(run.fluxId(), run.id(), key)).toList();
                if (!foreign.isEmpty()) {
                    run.failed(RunErrorCategory.RESULT_REFUSED, "worker " + event.workerId() + " reported files outside"
                            + " the run's folder " + layout.runPrefix(run.fluxId(), run.id()) + ": " + foreign, event.at());
                    LOG.errorf("run %s of flux %s FAILED (reference %s): %s", run.id(), run.fluxId(), run.errorReference(),
                            run.error());
                    return Outcome.REFUSED;
                }
                run.succeeded(event.workerId(), event.counts(), event.artifacts(), event.rows(), event.at());
            }
            case FAILED -> {
                run.failed(RunErrorCategory.EXPORT_FAILED,
                        event.error() == null ? "the worker reported a failure" : event.error(), event.at());
                LOG.warnf("run %s of flux %s FAILED (reference %s): %s", run.id(), run.fluxId(), run.errorReference(),
                        run.error());
            }
        }
        return Outcome.APPLIED;
    }

    /** What became of an event. */
    public enum Outcome {
        APPLIED, UNKNOWN_RUN, OTHER_ATTEMPT, ALREADY_FINAL,
        /** A success whose files lie outside the run's folder: the run FAILED instead. */
        REFUSED
    }
}
