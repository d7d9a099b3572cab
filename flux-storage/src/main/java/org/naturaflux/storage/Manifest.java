package org.naturaflux.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.MalformedMessageException;
import org.naturaflux.model.message.MessageCodec;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.spec.FluxSpec;

/**
 * {@code manifest.json}: what a committed run published and how, for the partner and for the worker
 * itself (its presence is the commit marker; a redelivered command re-sends SUCCEEDED from it). The
 * worker writes it; anything that reads a run's manifest reads it by this record.
 *
 * @param version          manifest schema version ({@link #VERSION})
 * @param fluxId           the flux
 * @param runId            the run
 * @param partnerId        the partner that owns the flux
 * @param attempt          the attempt that committed the run
 * @param workerId         the worker that committed it
 * @param executionId      the execution that committed it (unique per delivery and retry)
 * @param sourceSnapshotAt the time of the source database snapshot every file was read from
 * @param sourceSnapshot   that snapshot's transaction snapshot ({@code txid_current_snapshot()})
 * @param committedAt      when the manifest was written
 * @param spec             the flux specification exported (territory, taxa, fields, formats, options)
 * @param fields           the columns of the files, in order
 * @param counts           records exported per diffusion level, withheld per cause
 * @param files            the published files
 * @param licence          the data's licence
 * @param citation         how to cite the data
 * @param sensitivity      the sensitivity settings applied (levels' area types, policies)
 * @param delta            for a flux with delta files: what the delta applies to and holds; null otherwise
 * @param recordIndex      for a flux with delta files: the run's (record id, content hash) set, an
 *                         internal object the next run's delta is computed from (not a partner file)
 */
public record Manifest(int version, UUID fluxId, UUID runId, UUID partnerId, int attempt, String workerId,
                       String executionId, Instant sourceSnapshotAt, String sourceSnapshot, Instant committedAt,
                       FluxSpec spec, List<Field> fields, RunCounts counts, List<File> files, String licence,
                       String citation, Map<String, String> sensitivity, Delta delta, File recordIndex) {

    /** The schema version this code writes. */
    public static final int VERSION = 1;
    /** The media type manifests are stored with. */
    public static final String MEDIA_TYPE = "application/json";

    public Manifest {
        Objects.requireNonNull(fluxId, "fluxId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(counts, "counts");
        fields = fields == null ? List.of() : List.copyOf(fields);
        files = files == null ? List.of() : List.copyOf(files);
        sensitivity = sensitivity == null ? Map.of() : Map.copyOf(sensitivity);
    }

    /**
     * One column.
     *
     * @param code  the column name
     * @param label its French label
     * @param type  its value type
     */
    public record Field(String code, String label, String type) {
    }

    /**
     * One published file.
     *
     * @param format    the format's code ({@code csv}, {@code json}, {@code geojson}, {@code gpkg})
     * @param name      the file name (compression suffix included)
     * @param key       the object key
     * @param mediaType the content type it is served with
     * @param rows      records in the file
     * @param bytes     its size
     * @param sha256    its SHA-256, lower-case hex
     */
    public record File(String format, String name, String key, String mediaType, long rows, long bytes, String sha256) {
        public Artifact toArtifact() {
            return new Artifact(format, key, bytes, sha256);
        }
    }

    /**
     * The delta of a run: the records added or changed since the base run, in the {@code delta-*} files,
     * and the ids of the base run's records this run no longer exports ({@code delta-deleted}). Applying
     * it to the base run's snapshot gives this run's snapshot, so partners can chain deltas.
     *
     * @param baseRunId        the run it applies to (the flux's previous successful run); null when there
     *                         was none: the run is the first of the chain and only the snapshot counts
     * @param baseSnapshotAt   the time of that run's source snapshot
     * @param available        whether delta files were written (false: first run, or the base run's record
     *                         set is gone, as {@code reason} says; then use the full snapshot)
     * @param reason           why no delta was written, when {@code available} is false
     * @param added            records exported now and not by the base run
     * @param changed          records both exported whose content differs (values, level, geometry)
     * @param unchanged        records both exported identically (in no delta file)
     * @param deleted          records the base run exported and this one does not
     */
    public record Delta(UUID baseRunId, Instant baseSnapshotAt, boolean available, String reason, long added,
                        long changed, long unchanged, long deleted) {
    }

    /** The JSON form. */
    public byte[] toJson() {
        try {
            return MessageCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest of run " + runId, e);
        }
    }

    /**
     * Reads a manifest.
     *
     * @throws MalformedMessageException when the bytes are not a manifest this code can read
     */
    public static Manifest fromJson(byte[] json) {
        try {
            Manifest manifest = MessageCodec.mapper().readValue(json, Manifest.class);
            if (manifest.version() < 1 || manifest.version() > VERSION) {
                throw new MalformedMessageException("unsupported manifest version " + manifest.version());
            }
            return manifest;
        } catch (java.io.IOException | IllegalArgumentException | NullPointerException e) {
            throw new MalformedMessageException("invalid manifest: " + e.getMessage(), e);
        }
    }

    /** The published files as run artifacts (the manifest itself not included). */
    public List<Artifact> fileArtifacts() {
        return files.stream().map(File::toArtifact).toList();
    }
}
