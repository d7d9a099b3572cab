package org.naturaflux.request.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.naturaflux.request.Flux;
import org.naturaflux.request.FluxEvent;
import org.naturaflux.request.repository.FluxEventRepository;
import org.naturaflux.request.security.Caller;

/** A flux's history: each change of its life cycle recorded in the transaction that makes it, read oldest first. */
@ApplicationScoped
public class FluxHistory {

    private final FluxEventRepository events;
    private final Clock clock;

    FluxHistory(FluxEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Records what just happened to the flux (its status is the one after it), in the current transaction. */
    Uni<Void> record(Flux flux, FluxEvent.Kind kind, String reason, Caller caller) {
        String person = caller.isPerson() ? caller.person().username() : null;
        return events.persist(new FluxEvent(flux.id(), kind, flux.status(), reason, caller.admin(), person, clock.instant()))
                .replaceWithVoid();
    }

    /** The flux's history, oldest first (the caller's right to see the flux is checked before). */
    public Uni<List<FluxEvent>> of(UUID fluxId) {
        return Panache.withSession(() -> events.ofFlux(fluxId));
    }
}
