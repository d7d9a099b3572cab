package org.naturaflux.request.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.naturaflux.request.Flux;
import org.naturaflux.request.FluxStatus;

@ApplicationScoped
public class FluxRepository implements PanacheRepositoryBase<Flux, UUID> {

    /**
     * A page of the fluxes, newest first (or oldest first), then by id, and how many match.
     *
     * @param partnerId   only this partner's, or every partner's when null
     * @param status      only this status, or any when null
     * @param oldestFirst createdAt ascending instead of descending (the staff's queue of requests)
     */
    public Uni<Slice<Flux>> search(UUID partnerId, FluxStatus status, boolean oldestFirst, int pageIndex, int pageSize) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (partnerId != null) {
            query.append(" AND partnerId = :partner");
            parameters.and("partner", partnerId);
        }
        if (status != null) {
            query.append(" AND status = :status");
            parameters.and("status", status);
        }
        String filter = query.toString();
        return find(filter + (oldestFirst ? " ORDER BY createdAt, id" : " ORDER BY createdAt DESC, id"), parameters).page(Page.of(pageIndex, pageSize)).list()
                .flatMap(items -> count(filter, parameters).map(total -> new Slice<>(items, total)));
    }

    /** The flux, row-locked until the transaction ends; null when absent. */
    public Uni<Flux> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The next ACTIVE flux due at {@code now} that no other transaction holds, row-locked until this
     * transaction ends (so that replicas never take the same one); null when none is due.
     */
    public Uni<Flux> lockNextDue(Instant now) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT * FROM flux WHERE status = 'ACTIVE' AND next_run_at <= :now"
                                + " ORDER BY next_run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED", Flux.class)
                .setParameter("now", now)
                .getResultList())
                .map(list -> list.isEmpty() ? null : list.get(0));
    }
}
