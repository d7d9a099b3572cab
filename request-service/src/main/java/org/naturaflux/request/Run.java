package org.naturaflux.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.MessageCodec;
import org.naturaflux.model.message.RunCounts;

/**
 * One export of a flux, with its attempts. The specification is a snapshot taken when the run was
 * created; counts and artifacts are what the worker reported (flux-model's JSON).
 */
@Entity
@Table(name = "run")
public class Run {

    private static final TypeReference<List<Artifact>> ARTIFACTS = new TypeReference<>() {
    };
    private static final SecureRandom REFERENCES = new SecureRandom();

    @Id
    private UUID id;
    @Column(name = "flux_id")
    private UUID fluxId;
    @Enumerated(EnumType.STRING)
    private RunOrigin origin;
    @Column(name = "scheduled_for")
    private Instant scheduledFor;
    @Enumerated(EnumType.STRING)
    private RunStatus status;
    private int attempt;
    private String spec;
    @Column(name = "rows_done")
    private Long rowsDone;
    @Column(name = "rows_total")
    private Long rowsTotal;
    private String counts;
    private String artifacts;
    private String error;
    @Enumerated(EnumType.STRING)
    @Column(name = "error_category")
    private RunErrorCategory errorCategory;
    @Column(name = "error_reference")
    private String errorReference;
    @Column(name = "definition_version")
    private int definitionVersion;
    @Column(name = "retention_error")
    private String retentionError;
    @Column(name = "retention_failed_at")
    private Instant retentionFailedAt;
    @Column(name = "worker_id")
    private String workerId;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "dispatched_at")
    private Instant dispatchedAt;
    @Column(name = "last_event_at")
    private Instant lastEventAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "erased_at")
    private Instant erasedAt;
    @Column(name = "erasure_noticed_at")
    private Instant erasureNoticedAt;

    protected Run() {
    }

    /** A new run, QUEUED, first attempt, of the given version of its flux's definition. */
    public Run(UUID id, UUID fluxId, RunOrigin origin, Instant scheduledFor, String specJson, int definitionVersion,
               Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.fluxId = Objects.requireNonNull(fluxId, "fluxId");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.scheduledFor = scheduledFor;
        this.status = RunStatus.QUEUED;
        this.attempt = 1;
        this.spec = Objects.requireNonNull(specJson, "specJson");
        this.definitionVersion = definitionVersion;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public UUID id() {
        return id;
    }

    public UUID fluxId() {
        return fluxId;
    }

    public RunOrigin origin() {
        return origin;
    }

    /** The period a scheduled run is for; null for a manual run. */
    public Instant scheduledFor() {
        return scheduledFor;
    }

    public RunStatus status() {
        return status;
    }

    /** The current attempt (1, 2, ...); events of earlier attempts are ignored. */
    public int attempt() {
        return attempt;
    }

    /** The specification snapshot (flux-model's FluxSpec JSON). */
    public String specJson() {
        return spec;
    }

    /** Records processed so far, as last reported, or null. */
    public Long rowsDone() {
        return rowsDone;
    }

    /** Records expected, when the worker knows it, or null. */
    public Long rowsTotal() {
        return rowsTotal;
    }

    /** The final counts, or null before success. */
    public RunCounts counts() {
        return counts == null ? null : read(counts, RunCounts.class);
    }

    /** The published files (empty before success). */
    public List<Artifact> artifacts() {
        if (artifacts == null) {
            return List.of();
        }
        try {
            return MessageCodec.mapper().readValue(artifacts, ARTIFACTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored artifacts of run " + id + " are not valid JSON", e);
        }
    }

    /** The error's full text (admin only: it may name hosts and databases), or null. */
    public String error() {
        return error;
    }

    /** The error's category (what a partner sees), or null without error. */
    public RunErrorCategory errorCategory() {
        return errorCategory;
    }

    /** The error's reference, shown to the partner and logged with the full text, or null without error. */
    public String errorReference() {
        return errorReference;
    }

    /** The version of the flux's definition this run was made under ({@link Flux#definitionVersion()}). */
    public int definitionVersion() {
        return definitionVersion;
    }

    /** Why the retention pass last failed to erase the files (admin only), or null. */
    public String retentionError() {
        return retentionError;
    }

    /** When the retention pass last failed to erase the files, or null. */
    public Instant retentionFailedAt() {
        return retentionFailedAt;
    }

    public String workerId() {
        return workerId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** When the current attempt's command reached the broker, or null while it has not. */
    public Instant dispatchedAt() {
        return dispatchedAt;
    }

    public Instant lastEventAt() {
        return lastEventAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Instant erasedAt() {
        return erasedAt;
    }

    /** The current attempt's command was acknowledged by the broker. */
    public void dispatched(Instant at) {
        this.dispatchedAt = at;
    }

    /** A worker started the current attempt. */
    public void started(String worker, Instant at) {
        this.status = RunStatus.RUNNING;
        this.workerId = worker;
        this.lastEventAt = at;
    }

    /** Progress of the current attempt; the count never goes backwards. */
    public void progressed(String worker, Long rows, Long total, Instant at) {
        this.status = RunStatus.RUNNING;
        this.workerId = worker;
        if (rows != null && (rowsDone == null || rows > rowsDone)) {
            this.rowsDone = rows;
        }
        if (total != null) {
            this.rowsTotal = total;
        }
        this.lastEventAt = at;
    }

    /** The current attempt published its files. */
    public void succeeded(String worker, RunCounts finalCounts, List<Artifact> files, Long rows, Instant at) {
        this.status = RunStatus.SUCCEEDED;
        this.workerId = worker;
        this.counts = MessageCodec.encodeToString(finalCounts == null ? RunCounts.empty() : finalCounts);
        this.artifacts = MessageCodec.encodeToString(files == null ? List.of() : files);
        if (rows != null) {
            this.rowsDone = rows;
        }
        this.error = null;
        this.errorCategory = null;
        this.errorReference = null;
        this.lastEventAt = at;
        this.finishedAt = at;
    }

    /** The run failed for good, as the platform decided (no worker brought it to an end). */
    public void failed(String reason, Instant at) {
        failed(RunErrorCategory.PLATFORM, reason, at);
    }

    /** The run failed for good; the reason is the admin's, the category and a new reference the partner's. */
    public void failed(RunErrorCategory category, String reason, Instant at) {
        this.status = RunStatus.FAILED;
        recordError(category, reason);
        this.lastEventAt = at;
        this.finishedAt = at;
    }

    /** A new attempt supersedes the current one: QUEUED again, waiting for its command to be sent. */
    public void retry(String reason) {
        this.attempt++;
        this.status = RunStatus.QUEUED;
        recordError(RunErrorCategory.PLATFORM, reason);
        this.dispatchedAt = null;
        this.workerId = null;
    }

    /** When its flux was told that its files will be erased soon, or null. */
    public Instant erasureNoticedAt() {
        return erasureNoticedAt;
    }

    /** Its flux was told (or, when it gets no mail, would have been) that its files will be erased soon. */
    public void erasureNoticed(Instant at) {
        this.erasureNoticedAt = Objects.requireNonNull(at, "at");
    }

    /** The run's files were erased by the retention policy. */
    public void erased(Instant at) {
        this.status = RunStatus.FILE_ERASED;
        this.erasedAt = at;
        this.retentionError = null;
        this.retentionFailedAt = null;
    }

    /** The retention pass could not erase the files: kept SUCCEEDED, tried again after the other runs. */
    public void retentionFailed(String reason, Instant at) {
        this.retentionError = Objects.requireNonNull(reason, "reason");
        this.retentionFailedAt = at;
    }

    private void recordError(RunErrorCategory category, String reason) {
        this.error = reason;
        this.errorCategory = Objects.requireNonNull(category, "category");
        // Random, so that it says nothing about the error; the admin finds it in the run and in the log.
        byte[] reference = new byte[6];
        REFERENCES.nextBytes(reference);
        this.errorReference = HexFormat.of().formatHex(reference);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MessageCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not valid JSON", e);
        }
    }
}
