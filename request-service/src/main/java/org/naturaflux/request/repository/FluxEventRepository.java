package org.naturaflux.request.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.naturaflux.request.FluxEvent;

@ApplicationScoped
public class FluxEventRepository implements PanacheRepositoryBase<FluxEvent, UUID> {

    /** A flux's history, oldest first. */
    public Uni<List<FluxEvent>> ofFlux(UUID fluxId) {
        return list("fluxId = :flux ORDER BY at, id", Parameters.with("flux", fluxId));
    }
}
