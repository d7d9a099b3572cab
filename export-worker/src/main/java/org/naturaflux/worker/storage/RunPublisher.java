package org.naturaflux.worker.storage;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * The storage side of a run: the commit protocol. Every file is uploaded <b>once</b>, to its key in the
 * execution's own folder ({@code fluxes/{fluxId}/runs/{runId}/x/{executionId}/{name}}, flux-storage's
 * {@link StorageLayout}); the run's {@code manifest.json}, at a key that depends on the run alone, is
 * written last and names the keys: it alone makes them the run's.
 *
 * <ol>
 *   <li>{@link #begin}: the execution's lease ({@code executions/{fluxId}/{runId}/{executionId}}), by
 *       which the sweep finds what a killed execution left.</li>
 *   <li>{@link #uploadWhileWriting}, {@link #upload}: the streaming formats go up while written (multipart:
 *       parts are invisible until the upload completes, and a completed object is the whole file), the
 *       others (the GeoPackage, built in place; the companion and delta files) once finished. Nothing is
 *       reachable yet: no manifest names these keys.</li>
 *   <li>{@link #commit}: if the run is committed, this execution lost: it deletes its own folder and
 *       answers with that commit. Otherwise it writes its manifest into its own folder (its intent to
 *       commit), looks for the run's manifest once more, and writes the run's manifest; then reads it back.
 *       The manifest that landed is the commit; a manifest naming another execution means this one lost,
 *       and it deletes its own folder before reporting anything.</li>
 *   <li>{@link #cleanRun}: once this execution committed, the folders of the run's other executions
 *       without an intent (a killed or slower execution: none of them can commit any more, see below) are
 *       deleted and every incomplete upload of the run aborted.</li>
 *   <li>{@link #cleanExecution}: an execution that fails or gives its run back deletes its folder and its
 *       lease, unless it wrote its intent (then {@link #commit} alone decides about its files).</li>
 *   <li>{@link #sweep}: leases older than {@code naturaflux.s3.staging-max-age} (an execution killed, or
 *       whose cleanup failed) are resolved: an uncommitted run's execution folder is deleted; so is,
 *       in a committed run, the folder of another execution that never wrote its intent. A committed
 *       execution's files are never deleted, nor those of an execution with an intent in a committed
 *       run. The earlier layout's staging ({@code staging/}) is swept by age as before.</li>
 * </ol>
 *
 * <p><b>Why an execution without an intent can no longer commit once the run's manifest exists:</b> an
 * execution looks for the run's manifest <em>after</em> writing its intent, and object stores read
 * their writes; so when {@link #cleanRun} lists the folders after writing the run's manifest, an
 * execution whose intent is not yet listed will see that manifest and give up. Deleting its files
 * (even some it completes afterwards, which it then deletes itself) can never remove a file a
 * manifest names.
 *
 * <p><b>Residual window.</b> Object stores offer no atomic "create if absent" here, so two executions
 * of the same run that both pass the last check (a zombie consumer still exporting after its partition
 * moved, both within the same few milliseconds) may both write the run's manifest. Each names only its
 * own execution's keys, so a manifest never mixes two executions' files, and no file is ever written
 * twice. Each reads the manifest back: the first writer whose read-back already shows the second's
 * manifest deletes its own files and reports the second's commit. Only when both read back their own
 * (the second manifest landed between the first's read-back and its own) do both report SUCCEEDED with
 * their own keys; the request-service keeps the first event it receives, whose files then stay: neither
 * execution deletes the other's (both wrote an intent), nor its own (its read-back was its own), and the
 * sweep keeps folders with an intent in a committed run. Both sets then stay until retention erases the
 * run's folder; the run's manifest names one of them, the files served may be the other's (both from
 * the same flux specification, differing only by source changes between the two snapshots). A conflict
 * seen on read-back is logged.
 */
@ApplicationScoped
public class RunPublisher {

    private static final Logger LOG = Logger.getLogger(RunPublisher.class);
    private static final int CLEAN_TRIES = 4;
    private static final long CLEAN_PAUSE_MILLIS = 300;

    private final ObjectStore store;
    private final StorageLayout layout;
    private final boolean uploadWhileWriting;

    RunPublisher(ObjectStore store, StorageLayout layout, WorkerConfig config) {
        this.store = store;
        this.layout = layout;
        this.uploadWhileWriting = config.s3().uploadWhileWriting();
    }

    public StorageLayout layout() {
        return layout;
    }

    /** The run's commit, when its manifest exists. */
    public Optional<CommittedRun> findCommitted(UUID fluxId, UUID runId) {
        String key = layout.manifestKey(fluxId, runId);
        return store.read(key).map(bytes -> new CommittedRun(Manifest.fromJson(bytes),
                new Artifact("manifest", key, bytes.length, sha256(bytes))));
    }

    /** Writes the execution's lease, before anything of it goes up. */
    public void begin(UUID fluxId, UUID runId, String executionId) {
        store.put(layout.leaseKey(fluxId, runId, executionId), new byte[0], "application/octet-stream", Map.of());
    }

    /**
     * Starts uploading growing files while they are written ({@link LiveUploads}) to their keys in the
     * execution's folder, when {@code naturaflux.s3.upload-while-writing} is on; otherwise follows nothing.
     *
     * @param growing the files that will be written in order and never rewritten
     */
    public LiveUploads uploadWhileWriting(UUID fluxId, UUID runId, String executionId, List<GrowingFile> growing) {
        return new LiveUploads(store, layout.executionPrefix(fluxId, runId, executionId),
                uploadWhileWriting ? growing : List.of(), metadata(runId, executionId),
                Thread.currentThread().getName() + "-upload");
    }

    /**
     * Uploads the files, in order, to their keys in the execution's folder, but those already uploaded
     * while written ({@code live}: each file's key, from {@link LiveUploads#complete}). Returns the files
     * as the manifest will name them.
     */
    public List<Manifest.File> upload(UUID fluxId, UUID runId, String executionId, List<OutputFile> files,
                                      Map<Path, String> live) {
        List<Manifest.File> uploaded = new ArrayList<>();
        for (OutputFile file : files) {
            String key = layout.executionKey(fluxId, runId, executionId, file.fileName());
            String liveKey = live.get(file.path());
            if (!key.equals(liveKey)) {
                store.upload(key, file.path(), file.mediaType(), metadata(runId, executionId));
            }
            uploaded.add(new Manifest.File(file.format(), file.fileName(), key, file.mediaType(), file.rows(),
                    file.bytes(), file.sha256()));
        }
        return uploaded;
    }

    /**
     * Downloads a committed run's record index to {@code target}; false when the run is not committed,
     * has no index, or its index object is gone.
     */
    public boolean downloadRecordIndex(UUID fluxId, UUID runId, Path target) {
        Optional<CommittedRun> base = findCommitted(fluxId, runId);
        if (base.isEmpty() || base.get().manifest().recordIndex() == null) {
            return false;
        }
        return store.download(base.get().manifest().recordIndex().key(), target);
    }

    /**
     * Commits the run with this execution's uploaded files, by writing its manifest last. Returns the
     * run's commit: this execution's, or another's (then this execution's files are deleted).
     *
     * @param files      this execution's files, as {@link #upload} returned them
     * @param manifestOf the manifest of this execution, given its files (internal ones, such as the
     *                   record index, included: the function sorts them out)
     */
    public CommittedRun commit(UUID fluxId, UUID runId, String executionId, List<Manifest.File> files,
                               Function<List<Manifest.File>, Manifest> manifestOf) {
        Manifest manifest = manifestOf.apply(files);
        if (!executionId.equals(manifest.executionId())) {
            throw new IllegalArgumentException("the manifest of execution " + executionId + " names execution "
                    + manifest.executionId());
        }
        Optional<CommittedRun> first = findCommitted(fluxId, runId);
        if (first.isPresent()) {
            return lost(fluxId, runId, executionId, first.get());
        }
        byte[] json = manifest.toJson();
        CommittedRun landed;
        try {
            store.put(layout.intentKey(fluxId, runId, executionId), json, Manifest.MEDIA_TYPE, Map.of());
            Optional<CommittedRun> other = findCommitted(fluxId, runId);
            if (other.isPresent()) {
                return lost(fluxId, runId, executionId, other.get());
            }
            store.put(layout.manifestKey(fluxId, runId), json, Manifest.MEDIA_TYPE, Map.of());
            landed = findCommitted(fluxId, runId).orElseThrow(() -> new StorageException(
                    "read back the manifest of run " + runId, new IllegalStateException("manifest missing right after writing it")));
        } catch (RuntimeException e) {
            return afterFailedCommit(fluxId, runId, executionId, e);
        }
        if (!executionId.equals(landed.manifest().executionId())) {
            LOG.warnf("run %s was committed concurrently by execution %s (worker %s) and by this one (%s); "
                            + "the manifest that landed is %s's: this execution's files are deleted", runId,
                    landed.manifest().executionId(), landed.manifest().workerId(), executionId,
                    landed.manifest().executionId());
            return lost(fluxId, runId, executionId, landed);
        }
        return landed;
    }

    /**
     * A commit that failed between writing its intent and reading the manifest back: whether its manifest
     * landed is read again. This execution's commit is returned as a success; otherwise nothing of this
     * execution was reported, so its folder is deleted, and another's commit is returned or the failure
     * thrown. When the manifest cannot even be read, nothing is deleted (the sweep decides later).
     */
    private CommittedRun afterFailedCommit(UUID fluxId, UUID runId, String executionId, RuntimeException failure) {
        Optional<CommittedRun> now;
        try {
            now = findCommitted(fluxId, runId);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            throw failure;
        }
        if (now.isPresent() && executionId.equals(now.get().manifest().executionId())) {
            LOG.infof("run %s: committing failed after the manifest landed (%s): the run is committed", runId,
                    failure.getMessage());
            return now.get();
        }
        try {
            discardExecution(fluxId, runId, executionId);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        if (now.isPresent()) {
            return now.get();
        }
        throw failure;
    }

    private CommittedRun lost(UUID fluxId, UUID runId, String executionId, CommittedRun winner) {
        LOG.infof("run %s was committed by execution %s: the files of execution %s are deleted", runId,
                winner.manifest().executionId(), executionId);
        discardExecution(fluxId, runId, executionId);
        return winner;
    }

    /**
     * Once this execution committed the run: deletes the folders of the run's other executions that
     * wrote no intent (killed, failed or overtaken executions; they can no longer commit), aborts the
     * run's incomplete multipart uploads, and deletes their leases and this execution's. Returns how many
     * objects and uploads were removed. (An execution still alive that completes an upload after this
     * listing deletes it itself when it sees the manifest; one killed right after completing it leaves
     * that object in the run's folder, where retention erases it with the run.)
     */
    public int cleanRun(UUID fluxId, UUID runId, String executionId) {
        Map<String, List<String>> byExecution = new LinkedHashMap<>();
        Set<String> intents = new LinkedHashSet<>();
        for (StoredObject object : store.list(layout.executionsPrefix(fluxId, runId))) {
            layout.executionOf(fluxId, runId, object.key()).ifPresent(execution -> {
                byExecution.computeIfAbsent(execution, e -> new ArrayList<>()).add(object.key());
                if (object.key().equals(layout.intentKey(fluxId, runId, execution))) {
                    intents.add(execution);
                }
            });
        }
        List<String> doomed = new ArrayList<>();
        byExecution.forEach((execution, keys) -> {
            if (!execution.equals(executionId) && !intents.contains(execution)) {
                doomed.addAll(keys);
            }
        });
        int removed = store.delete(doomed) + store.abortIncompleteUploads(layout.executionsPrefix(fluxId, runId), null);
        // Their leases too (an execution with an intent keeps its lease: the sweep looks at it later).
        List<String> leases = store.list(layout.leasePrefix(fluxId, runId)).stream().map(StoredObject::key)
                .filter(key -> layout.leaseOf(key).map(StorageLayout.Execution::executionId)
                        .filter(execution -> !intents.contains(execution) || execution.equals(executionId)).isPresent())
                .toList();
        store.delete(leases);
        if (removed > 0) {
            LOG.infof("run %s: %d objects or incomplete uploads of other executions removed", runId, removed);
        }
        return removed;
    }

    /**
     * An execution that fails or gives its run back: deletes its files, aborts its incomplete uploads and
     * releases its lease, unless it wrote its intent to commit (then {@link #commit} decided about its
     * files, or, when it could not, the sweep will).
     */
    public void cleanExecution(UUID fluxId, UUID runId, String executionId) {
        if (store.read(layout.intentKey(fluxId, runId, executionId)).isPresent()) {
            store.delete(List.of(layout.leaseKey(fluxId, runId, executionId)));
            return;
        }
        discardExecution(fluxId, runId, executionId);
    }

    /** Deletes an execution's folder (its intent included) and its incomplete uploads, then its lease. */
    private void discardExecution(UUID fluxId, UUID runId, String executionId) {
        clean(layout.executionPrefix(fluxId, runId, executionId));
        store.delete(List.of(layout.leaseKey(fluxId, runId, executionId)));
    }

    /**
     * Resolves the leases written before {@code before} (executions killed, or whose cleanup failed) as
     * the class comment says, and deletes the earlier layout's staging objects and incomplete uploads
     * older than that. Returns how many objects and uploads were removed.
     */
    public int sweep(ZonedDateTime before) {
        int removed = 0;
        for (StoredObject lease : store.list(layout.leaseRoot())) {
            if (lease.lastModified() != null && !lease.lastModified().isBefore(before)) {
                continue;
            }
            Optional<StorageLayout.Execution> execution = layout.leaseOf(lease.key());
            if (execution.isEmpty()) {
                continue;
            }
            removed += sweepExecution(execution.get());
            store.delete(List.of(lease.key()));
        }
        List<String> staging = store.list(layout.stagingRoot()).stream()
                .filter(object -> object.lastModified() == null || object.lastModified().isBefore(before))
                .map(StoredObject::key)
                .toList();
        return removed + store.delete(staging) + store.abortIncompleteUploads(layout.stagingRoot(), before);
    }

    private int sweepExecution(StorageLayout.Execution execution) {
        UUID fluxId = execution.fluxId();
        UUID runId = execution.runId();
        String executionId = execution.executionId();
        Optional<CommittedRun> committed = findCommitted(fluxId, runId);
        if (committed.isPresent() && executionId.equals(committed.get().manifest().executionId())) {
            return 0;
        }
        if (committed.isPresent() && store.read(layout.intentKey(fluxId, runId, executionId)).isPresent()) {
            LOG.infof("sweep: execution %s of run %s wrote its intent but run %s is committed by %s: its files are"
                    + " kept (it may have reported them)", executionId, runId, runId, committed.get().manifest().executionId());
            return 0;
        }
        String prefix = layout.executionPrefix(fluxId, runId, executionId);
        int removed = store.deletePrefix(prefix) + store.abortIncompleteUploads(prefix, null);
        if (removed > 0) {
            LOG.infof("sweep: %d objects or incomplete uploads of execution %s of run %s (%s) removed", removed,
                    executionId, runId, committed.isPresent() ? "committed by another" : "never committed");
        }
        return removed;
    }

    /**
     * Cleans a prefix, trying again a few times: listing a bucket's multipart uploads can fail while
     * other uploads of the bucket are in flight (S3Proxy's filesystem store answers 500 when it meets a
     * part being written), and a cleanup that gives up at once would leave objects until the sweep.
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

    /** Every object of an execution says whose it is. */
    private static Map<String, String> metadata(UUID runId, String executionId) {
        return Map.of("run-id", runId.toString(), "execution-id", executionId);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
