package org.naturaflux.request.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.naturaflux.request.ApiToken;

@ApplicationScoped
public class ApiTokenRepository implements PanacheRepositoryBase<ApiToken, UUID> {

    /** A partner's tokens, oldest first (revoked ones included). */
    public Uni<List<ApiToken>> listOf(UUID partnerId) {
        return list("partnerId = ?1 ORDER BY createdAt, id", partnerId);
    }
}
