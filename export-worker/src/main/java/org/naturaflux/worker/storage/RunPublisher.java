package org.naturaflux.worker.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.storage.Manifest;
import org.naturaflux.storage.ObjectStore;
import org.naturaflux.storage.StorageException;
import org.naturaflux.storage.StorageLayout;
import org.naturaflux.storage.StoredObject;
import org.naturaflux.worker.config.WorkerConfig;

/**
 * The storage side of a run: the commit protocol.
 *
 * <ol>
 *   <li>{@link #stage}: each file is uploaded from disk under the execution's own staging folder
 *       ({@code staging/{runId}/{attempt}/{executionId}/}), or was uploaded there while being written
 *       ({@link #uploadWhileWriting}); nothing is visible to partners yet. A file
 *       above {@code naturaflux.s3.max-copy-size} (at most S3's 5 GiB one-copy limit) is not staged.</li>
 *   <li>{@link #publish}: each staged object is copied server-side to
 *       {@code fluxes/{fluxId}/runs/{runId}/{name}}; an unstaged (large) file is uploaded there from the
 *       scratch file by multipart upload (its parts are invisible until the upload completes, and an
 *       interrupted one is aborted by {@link #discardUncommitted} or {@link #cleanRun}); then
 *       {@code manifest.json} is written <b>last</b>:
 *       its presence is the commit marker. Before each copy and before the manifest, the manifest is
 *       looked for: if another execution of the run committed meanwhile, this one stops and answers
 *       with that commit, writing nothing more. A publication that fails before its manifest deletes
 *       what it copied ({@link #discardUncommitted}).</li>
 *   <li>{@link #cleanRun}: once committed, every staging object of the run (any attempt, any execution,
 *       e.g. one left by a killed worker) is deleted and its incomplete multipart uploads aborted.
 *       {@link #cleanExecution} does the same for one execution that gives up.</li>
 * </ol>
 *
 * <p><b>Residual window.</b> Object stores offer no atomic "create if absent" here, so two executions
 * of the same run that both pass the last check (a zombie consumer still exporting after its partition
 * moved, both finishing within the same few milliseconds) may both copy their files and write their
 * manifest. Keys are deterministic per run, so no second set of files can appear: the last writer's
 * objects remain. Both read the same source (differences can come only from source changes between
 * their snapshots). The manifest is read back after writing; an execution that finds another's
 * manifest reports that one, and the conflict is logged. Each object carries its SHA-256 in its
 * metadata ({@code x-amz-meta-sha256}), so a mismatch with the manifest can be detected afterwards.
 */
@ApplicationScoped
public class RunPublisher {

    private static final Logger LOG = Logger.getLogger(RunPublisher.class);
    private static final int CLEAN_TRIES = 4;
    private static final long CLEAN_PAUSE_MILLIS = 300;

    private final ObjectStore store;
    private final StorageLayout layout;
    private final long maxCopySize;
    private final boolean uploadWhileWriting;

    RunPublisher(ObjectStore store, StorageLayout layout, WorkerConfig config) {
        this.store = store;
        this.layout = layout;
        this.maxCopySize = Math.min(ObjectStore.MAX_SINGLE_COPY, config.s3().maxCopySize());
        this.uploadWhileWriting = config.s3().uploadWhileWriting();
    }

    public StorageLayout layout() {
        return layout;
    }

    /**
     * A file ready to publish: the local file and where it was staged, or no staging key when it is
     * too large to copy and is uploaded at publication.
     */
    public record StagedFile(OutputFile file, String stagingKey) {

        boolean staged() {
            return stagingKey != null;
        }
    }

    /** The run's commit, when its manifest exists. */
    public Optional<CommittedRun> findCommitted(UUID fluxId, UUID runId) {
        String key = layout.manifestKey(fluxId, runId);
        return store.read(key).map(bytes -> new CommittedRun(Manifest.fromJson(bytes),
                new Artifact("manifest", key, bytes.length, sha256(bytes))));
    }

    /**
     * Uploads the files under the execution's staging folder, in order; files above the copy limit are
     * left for {@link #publish} (their local file must exist until then).
     */
    public List<StagedFile> stage(UUID runId, int attempt, String executionId, List<OutputFile> files) {
        return stage(runId, attempt, executionId, files, Map.of());
    }

    /**
     * Starts staging growing files while they are written ({@link LiveUploads}), when
     * {@code naturaflux.s3.upload-while-writing} is on; otherwise follows nothing.
     *
     * @param growing the files that will be written in order and never rewritten
     */
    public LiveUploads uploadWhileWriting(UUID runId, int attempt, String executionId, List<java.nio.file.Path> growing) {
        return new LiveUploads(store, layout.stagingPrefix(runId, attempt, executionId), uploadWhileWriting ? growing : List.of(),
                maxCopySize, Thread.currentThread().getName() + "-upload");
    }

    /**
     * Stages the files, in order, but those already staged while written ({@code live}: each file's
     * staging key, from {@link LiveUploads#complete}).
     */
    public List<StagedFile> stage(UUID runId, int attempt, String executionId, List<OutputFile> files,
                                  Map<java.nio.file.Path, String> live) {
        String prefix = layout.stagingPrefix(runId, attempt, executionId);
        List<StagedFile> staged = new ArrayList<>();
        for (OutputFile file : files) {
            if (file.bytes() > maxCopySize) {
                staged.add(new StagedFile(file, null));
                continue;
            }
            String liveKey = live.get(file.path());
            if (liveKey != null) {
                staged.add(new StagedFile(file, liveKey));
                continue;
            }
            String key = prefix + file.fileName();
            store.upload(key, file.path(), file.mediaType(), metadata(file, runId));
            staged.add(new StagedFile(file, key));
        }
        return staged;
    }

    /**
     * Downloads a committed run's record index to {@code target}; false when the run is not committed,
     * has no index, or its index object is gone.
     */
    public boolean downloadRecordIndex(UUID fluxId, UUID runId, java.nio.file.Path target) {
        Optional<CommittedRun> base = findCommitted(fluxId, runId);
        if (base.isEmpty() || base.get().manifest().recordIndex() == null) {
            return false;
        }
        return store.download(base.get().manifest().recordIndex().key(), target);
    }

    /**
     * Publishes staged files and writes the manifest last. Returns the run's commit: this execution's,
     * or another's when it committed first (then this one wrote no manifest).
     *
     * @param manifestOf the manifest of this execution, given the published files (internal ones, such
     *                   as the record index, included: the function sorts them out)
     */
    public CommittedRun publish(UUID fluxId, UUID runId, List<StagedFile> staged, Function<List<Manifest.File>, Manifest> manifestOf) {
        try {
            return copyThenCommit(fluxId, runId, staged, manifestOf);
        } catch (RuntimeException e) {
            try {
                discardUncommitted(fluxId, runId);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private CommittedRun copyThenCommit(UUID fluxId, UUID runId, List<StagedFile> staged,
                                        Function<List<Manifest.File>, Manifest> manifestOf) {
        List<Manifest.File> published = new ArrayList<>();
        for (StagedFile s : staged) {
            Optional<CommittedRun> other = findCommitted(fluxId, runId);
            if (other.isPresent()) {
                return other.get();
            }
            OutputFile file = s.file();
            String key = layout.runKey(fluxId, runId, file.fileName());
            try {
                if (s.staged()) {
                    store.copy(s.stagingKey(), key, file.bytes(), file.mediaType(), metadata(file, runId));
                } else {
                    LOG.infof("run %s: %s (%d bytes) is above the copy limit, uploaded to its published key",
                            runId, file.fileName(), file.bytes());
                    store.upload(key, file.path(), file.mediaType(), metadata(file, runId));
                }
            } catch (StorageException e) {
                // Another execution committed and cleaned the run's staging under our feet.
                Optional<CommittedRun> committed = e.isNotFound() ? findCommitted(fluxId, runId) : Optional.empty();
                if (committed.isPresent()) {
                    return committed.get();
                }
                throw e;
            }
            published.add(new Manifest.File(file.format(), file.fileName(), key, file.mediaType(), file.rows(),
                    file.bytes(), file.sha256()));
        }
        Manifest manifest = manifestOf.apply(published);
        Optional<CommittedRun> other = findCommitted(fluxId, runId);
        if (other.isPresent()) {
            return other.get();
        }
        store.put(layout.manifestKey(fluxId, runId), manifest.toJson(), Manifest.MEDIA_TYPE, Map.of());
        CommittedRun landed = findCommitted(fluxId, runId).orElseThrow(() -> new StorageException(
                "read back the manifest of run " + runId, new IllegalStateException("manifest missing right after writing it")));
        if (!manifest.executionId().equals(landed.manifest().executionId())) {
            LOG.warnf("run %s was committed concurrently by execution %s (worker %s) and by this one (%s); "
                            + "the manifest that landed is %s's", runId, landed.manifest().executionId(),
                    landed.manifest().workerId(), manifest.executionId(), landed.manifest().executionId());
        }
        return landed;
    }

    /**
     * Deletes what a run published without committing it (files copied before a failure, or before a
     * worker died, and no manifest): nothing stays outside staging unless a manifest names it. Does
     * nothing when the run is committed. Returns how many objects were deleted.
     */
    public int discardUncommitted(UUID fluxId, UUID runId) {
        if (findCommitted(fluxId, runId).isPresent()) {
            return 0;
        }
        int deleted = store.deletePrefix(layout.runPrefix(fluxId, runId))
                + store.abortIncompleteUploads(layout.runPrefix(fluxId, runId), null);
        if (deleted > 0) {
            LOG.infof("run %s: %d published objects without a manifest deleted", runId, deleted);
        }
        return deleted;
    }

    /**
     * Once the run is committed: deletes every staging object of the run and aborts its incomplete
     * multipart uploads, there and under the run's published folder (an upload of a large file by an
     * execution that died or lost the race).
     */
    public void cleanRun(UUID fluxId, UUID runId) {
        clean(layout.stagingRunPrefix(runId));
        store.abortIncompleteUploads(layout.runPrefix(fluxId, runId), null);
    }

    /** Deletes one execution's staging objects and aborts its incomplete multipart uploads. */
    public void cleanExecution(UUID runId, int attempt, String executionId) {
        clean(layout.stagingPrefix(runId, attempt, executionId));
    }

    /**
     * Deletes staging objects last modified before {@code before} and aborts incomplete uploads under
     * staging started before it (what killed workers left of runs never completed). Returns how many.
     */
    public int sweepStaging(ZonedDateTime before) {
        List<String> stale = store.list(layout.stagingRoot()).stream()
                .filter(object -> object.lastModified() == null || object.lastModified().isBefore(before))
                .map(StoredObject::key)
                .toList();
        return store.delete(stale) + store.abortIncompleteUploads(layout.stagingRoot(), before);
    }

    /**
     * Cleans a staging prefix, trying again a few times: listing a bucket's multipart uploads can fail
     * while other uploads of the bucket are in flight (S3Proxy's filesystem store answers 500 when it
     * meets a part being written), and a cleanup that gives up at once would leave staging objects
     * until the periodic sweep.
     */
    private void clean(String prefix) {
        StorageException last = null;
        for (int attempt = 1; attempt <= CLEAN_TRIES; attempt++) {
            try {
                int deleted = store.deletePrefix(prefix);
                int aborted = store.abortIncompleteUploads(prefix, null);
                // Parts completed between the two calls: delete again what they produced.
                deleted += store.deletePrefix(prefix);
                if (aborted + deleted > 0) {
                    LOG.debugf("cleaned %s: %d objects deleted, %d incomplete uploads aborted", prefix, deleted, aborted);
                }
                return;
            } catch (StorageException e) {
                last = e;
                if (attempt < CLEAN_TRIES) {
                    LOG.debugf("cleaning %s failed (try %d of %d), trying again: %s", prefix, attempt, CLEAN_TRIES, e.getMessage());
                    try {
                        Thread.sleep(CLEAN_PAUSE_MILLIS * attempt);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        throw last;
    }

    private static Map<String, String> metadata(OutputFile file, UUID runId) {
        return Map.of("sha256", file.sha256(), "run-id", runId.toString());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
