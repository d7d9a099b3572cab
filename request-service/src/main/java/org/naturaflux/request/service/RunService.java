package org.naturaflux.request.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.model.message.MessageCodec;
import org.naturaflux.request.Flux;
import org.naturaflux.request.FluxStatus;
import org.naturaflux.request.OutboxMessage;
import org.naturaflux.request.Run;
import org.naturaflux.request.RunOrigin;
import org.naturaflux.request.RunStatus;
import org.naturaflux.request.config.FluxConfig;
import org.naturaflux.request.config.TopicsConfig;
import org.naturaflux.request.repository.FluxRepository;
import org.naturaflux.request.repository.OutboxRepository;
import org.naturaflux.request.repository.RunRepository;
import org.naturaflux.request.repository.Slice;
import org.naturaflux.request.security.Caller;

/**
 * Runs: creating one (with its export command in the outbox, in the same transaction), "run now", and
 * reading them with the caller's isolation (a partner sees only its fluxes' runs; others' are 404).
 */
@ApplicationScoped
public class RunService {

    private final RunRepository runs;
    private final FluxRepository fluxes;
    private final OutboxRepository outbox;
    private final TopicsConfig topics;
    private final FluxConfig fluxConfig;
    private final Clock clock;
    private final ServiceMetrics metrics;

    RunService(RunRepository runs, FluxRepository fluxes, OutboxRepository outbox, TopicsConfig topics,
               FluxConfig fluxConfig, Clock clock, ServiceMetrics metrics) {
        this.metrics = metrics;
        this.runs = runs;
        this.fluxes = fluxes;
        this.outbox = outbox;
        this.topics = topics;
        this.fluxConfig = fluxConfig;
        this.clock = clock;
    }

    /**
     * Creates a run of a flux and its command, inside the caller's transaction: both are committed
     * together or not at all, so the run and its command never disagree.
     *
     * @param scheduledFor the period of a scheduled run, null for a manual one
     */
    public Uni<Run> create(Flux flux, RunOrigin origin, Instant scheduledFor) {
        Instant now = clock.instant();
        Run run = new Run(UUID.randomUUID(), flux.id(), origin, scheduledFor, flux.specJson(),
                flux.definitionVersion(), now);
        return runs.persist(run)
                .flatMap(r -> enqueueCommand(r, flux.partnerId(), now))
                .invoke(() -> metrics.runCreated(origin.name()))
                .replaceWith(run);
    }

    /**
     * Puts the command of the run's current attempt in the outbox (caller's transaction). For a flux
     * with delta files, the command names the flux's latest successful run whose files are still
     * there as the base the worker computes the delta against (none for the first run: the worker then
     * writes the snapshot and starts the chain).
     */
    public Uni<OutboxMessage> enqueueCommand(Run run, UUID partnerId, Instant now) {
        FluxSpec spec = SpecJson.read(run.specJson());
        Uni<UUID> base = spec.options().delta()
                ? runs.latestSucceeded(run.fluxId()).map(last -> last == null || last.id().equals(run.id()) ? null : last.id())
                : Uni.createFrom().nullItem();
        return base.flatMap(baseRunId -> {
            ExportCommand command = ExportCommand.of(run.id(), run.fluxId(), partnerId, run.attempt(), spec, baseRunId, now);
            return outbox.persist(new OutboxMessage(topics.commands(), run.fluxId().toString(), MessageCodec.encode(command),
                    run.id(), now));
        });
    }

    /**
     * "Run now" by an admin or the flux's owner: the flux must be ACTIVE with no run QUEUED or RUNNING;
     * a partner may not ask more often than {@code naturaflux.flux.partner-run-now-interval}.
     */
    public Uni<Run> runNow(Caller caller, UUID fluxId) {
        return Panache.withTransaction(() -> fluxes.findForUpdate(fluxId)
                .map(flux -> FluxService.visible(caller, flux, fluxId))
                .flatMap(flux -> {
                    if (flux.status() != FluxStatus.ACTIVE) {
                        throw ApiException.conflict("flux " + fluxId + " is " + flux.status() + ": only an ACTIVE flux runs");
                    }
                    return runs.activeOf(fluxId).flatMap(active -> {
                        if (active != null) {
                            throw ApiException.conflict("run " + active.id() + " of this flux is " + active.status()
                                    + " already");
                        }
                        return caller.admin() ? create(flux, RunOrigin.MANUAL, null) : partnerRun(flux);
                    });
                }));
    }

    private Uni<Run> partnerRun(Flux flux) {
        return runs.latestOf(flux.id(), RunOrigin.MANUAL).flatMap(last -> {
            Instant allowed = last == null ? Instant.MIN : last.createdAt().plus(fluxConfig.partnerRunNowInterval());
            if (clock.instant().isBefore(allowed)) {
                throw new ApiException(429, "a manual run of this flux was asked at " + last.createdAt()
                        + "; the next may be asked from " + allowed);
            }
            return create(flux, RunOrigin.MANUAL, null);
        });
    }

    /** A run the caller may see. */
    public Uni<Run> get(Caller caller, UUID runId) {
        return Panache.withSession(() -> runs.findById(runId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("no run " + runId))
                .flatMap(run -> fluxes.findById(run.fluxId())
                        .map(flux -> {
                            if (flux == null || !caller.mayAccess(flux.partnerId())) {
                                throw ApiException.notFound("no run " + runId);
                            }
                            return run;
                        })));
    }

    /** The runs of a flux the caller may see, newest first. */
    public Uni<Slice<Run>> list(Caller caller, UUID fluxId, int pageIndex, int pageSize) {
        return Panache.withSession(() -> fluxes.findById(fluxId)
                .map(flux -> FluxService.visible(caller, flux, fluxId))
                .flatMap(flux -> runs.listOf(fluxId, pageIndex, pageSize)));
    }

    /** Every flux's runs, failures first, then the newest (the admin's view: the resource lets only the admin in). */
    public Uni<Slice<Run>> listAll(RunStatus status, int pageIndex, int pageSize) {
        return Panache.withSession(() -> runs.search(status, pageIndex, pageSize));
    }
}
