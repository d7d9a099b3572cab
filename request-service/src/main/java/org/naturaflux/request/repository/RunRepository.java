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
import org.naturaflux.request.Run;
import org.naturaflux.request.RunOrigin;
import org.naturaflux.request.RunStatus;

@ApplicationScoped
public class RunRepository implements PanacheRepositoryBase<Run, UUID> {

    /** A page of a flux's runs, newest first (then by id), and how many it has. */
    public Uni<Slice<Run>> listOf(UUID fluxId, int pageIndex, int pageSize) {
        return find("fluxId = ?1 ORDER BY createdAt DESC, id", fluxId).page(Page.of(pageIndex, pageSize)).list()
                .flatMap(items -> count("fluxId = ?1", fluxId).map(total -> new Slice<>(items, total)));
    }

    /**
     * A page of every flux's runs, FAILED ones first, then the newest (createdAt descending), then by id;
     * and how many match.
     *
     * @param status only this status, or any when null
     */
    public Uni<Slice<Run>> search(RunStatus status, int pageIndex, int pageSize) {
        String filter = status == null ? "1 = 1" : "status = :status";
        Parameters parameters = status == null ? new Parameters() : Parameters.with("status", status);
        Parameters ordered = status == null ? Parameters.with("failed", RunStatus.FAILED)
                : Parameters.with("status", status).and("failed", RunStatus.FAILED);
        return find(filter + " ORDER BY CASE WHEN status = :failed THEN 0 ELSE 1 END, createdAt DESC, id", ordered)
                .page(Page.of(pageIndex, pageSize)).list()
                .flatMap(items -> count(filter, parameters).map(total -> new Slice<>(items, total)));
    }

    /** The run, row-locked until the transaction ends; null when absent. */
    public Uni<Run> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The most recent run of a flux that is still QUEUED or RUNNING, or null. */
    public Uni<Run> activeOf(UUID fluxId) {
        return find("fluxId = ?1 AND status IN ?2 ORDER BY createdAt DESC", fluxId,
                List.of(RunStatus.QUEUED, RunStatus.RUNNING)).firstResult();
    }

    /** The most recent run of a flux with this origin, or null. */
    public Uni<Run> latestOf(UUID fluxId, RunOrigin origin) {
        return find("fluxId = ?1 AND origin = ?2 ORDER BY createdAt DESC", fluxId, origin).firstResult();
    }

    /** The most recent SUCCEEDED run of a flux (files still there), or null. */
    public Uni<Run> latestSucceeded(UUID fluxId) {
        return find("fluxId = ?1 AND status = ?2 ORDER BY finishedAt DESC, createdAt DESC", fluxId, RunStatus.SUCCEEDED)
                .firstResult();
    }

    /** The most recent SUCCEEDED run of a flux made under a version of its definition, or null. */
    public Uni<Run> latestSucceeded(UUID fluxId, int definitionVersion) {
        return find("fluxId = ?1 AND status = ?2 AND definitionVersion = ?3 ORDER BY finishedAt DESC, createdAt DESC",
                fluxId, RunStatus.SUCCEEDED, definitionVersion).firstResult();
    }

    /**
     * The ids of QUEUED or RUNNING runs whose current attempt reached the broker but has shown no sign of
     * life since {@code cutoff}, oldest first (not locked: {@link #lockIfStale} takes each).
     */
    public Uni<List<UUID>> staleIds(Instant cutoff, int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT CAST(id AS text) FROM run WHERE " + STALE + " ORDER BY dispatched_at LIMIT :limit", String.class)
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .getResultList())
                .map(ids -> ids.stream().map(UUID::fromString).toList());
    }

    /** The run if it is still stale, row-locked; null when no longer stale or held by another replica. */
    public Uni<Run> lockIfStale(UUID id, Instant cutoff) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT * FROM run WHERE id = :id AND " + STALE + " FOR UPDATE SKIP LOCKED", Run.class)
                .setParameter("id", id)
                .setParameter("cutoff", cutoff)
                .getResultList())
                .map(list -> list.isEmpty() ? null : list.get(0));
    }

    private static final String STALE = "status IN ('QUEUED', 'RUNNING') AND dispatched_at IS NOT NULL"
            + " AND greatest(dispatched_at, coalesce(last_event_at, dispatched_at)) < :cutoff";

    /**
     * The ids of SUCCEEDED runs finished before {@code cutoff}, those whose erasure never failed first, then
     * those that failed longest ago (a run that keeps failing never holds the others back).
     */
    public Uni<List<UUID>> expiredIds(Instant cutoff, int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT id FROM run WHERE status = 'SUCCEEDED' AND finished_at < :cutoff"
                                + " ORDER BY retention_failed_at NULLS FIRST, finished_at LIMIT :limit", UUID.class)
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .getResultList());
    }

    /**
     * The run if it is still SUCCEEDED and finished before {@code cutoff}, row-locked; null when another
     * replica holds it or it changed meanwhile.
     */
    public Uni<Run> lockExpired(UUID id, Instant cutoff) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT * FROM run WHERE id = :id AND status = 'SUCCEEDED' AND finished_at < :cutoff"
                                + " FOR UPDATE SKIP LOCKED", Run.class)
                .setParameter("id", id)
                .setParameter("cutoff", cutoff)
                .getResultList()).map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** Fluxes with SUCCEEDED runs finished before {@code cutoff} whose erasure was not announced yet. */
    public Uni<List<UUID>> fluxesToNoticeErasure(Instant cutoff, int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT DISTINCT flux_id FROM run WHERE status = 'SUCCEEDED' AND erasure_noticed_at IS NULL"
                                + " AND finished_at < :cutoff LIMIT :limit", UUID.class)
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .getResultList());
    }

    /**
     * A flux's SUCCEEDED runs finished before {@code cutoff} whose erasure was not announced yet, row-locked
     * (rows another replica holds are skipped), oldest first.
     */
    public Uni<List<Run>> lockErasureNotices(UUID fluxId, Instant cutoff) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "SELECT * FROM run WHERE flux_id = :flux AND status = 'SUCCEEDED' AND erasure_noticed_at IS NULL"
                                + " AND finished_at < :cutoff ORDER BY finished_at FOR UPDATE SKIP LOCKED", Run.class)
                .setParameter("flux", fluxId)
                .setParameter("cutoff", cutoff)
                .getResultList());
    }
}
