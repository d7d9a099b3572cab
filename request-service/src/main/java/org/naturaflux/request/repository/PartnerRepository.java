package org.naturaflux.request.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.naturaflux.request.Partner;

@ApplicationScoped
public class PartnerRepository implements PanacheRepositoryBase<Partner, UUID> {

    /** A page of the partners, by name then id, and how many there are. */
    public Uni<Slice<Partner>> listByName(int pageIndex, int pageSize) {
        return findAll(Sort.by("name").and("id")).page(Page.of(pageIndex, pageSize)).list()
                .flatMap(items -> count().map(total -> new Slice<>(items, total)));
    }
}
