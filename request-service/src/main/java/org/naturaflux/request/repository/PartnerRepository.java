package org.naturaflux.request.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.naturaflux.request.Partner;

@ApplicationScoped
public class PartnerRepository implements PanacheRepositoryBase<Partner, UUID> {

    /** Every partner, by name. */
    public Uni<List<Partner>> listByName() {
        return list("ORDER BY name, id");
    }
}
