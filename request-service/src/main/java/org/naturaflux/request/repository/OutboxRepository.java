package org.naturaflux.request.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.naturaflux.request.OutboxMessage;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxMessage, Long> {

    /**
     * Unsent messages in creation order (those the broker refused for good excepted), row-locked until the
     * transaction ends; rows another replica's relay holds are skipped, so no message is sent by two relays at once.
     */
    public Uni<List<OutboxMessage>> lockPending(int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT * FROM outbox WHERE sent_at IS NULL AND rejected_at IS NULL ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED",
                        OutboxMessage.class)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** Deletes messages sent before {@code cutoff}; the number deleted. */
    public Uni<Long> deleteSentBefore(Instant cutoff) {
        return delete("sentAt IS NOT NULL AND sentAt < ?1", cutoff);
    }
}
