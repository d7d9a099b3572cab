package org.naturaflux.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.storage.Manifest;
import org.naturaflux.storage.ObjectStore;
import org.naturaflux.storage.StorageLayout;
import org.naturaflux.testkit.Eventually;
import org.naturaflux.testkit.TestStack;
import org.naturaflux.worker.testing.BucketProbe;
import org.naturaflux.worker.testing.IsolatedWorkerResources;

/**
 * The commit protocol against the stack's S3, one step at a time (the ITs run it through whole workers):
 * two executions of one run interleaved as the class comment of {@link RunPublisher} says they may be,
 * what a killed execution leaves, and the sweep. The oracle is the bucket listed and read by the test's
 * own client ({@link BucketProbe}): keys, ETags, and the SHA-256 of each object against the manifest.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedWorkerResources.class)
class RunPublisherTest {

    @Inject
    RunPublisher publisher;
    @Inject
    ObjectStore store;

    @TempDir
    Path dir;

    private BucketProbe bucket;
    private StorageLayout layout;
    private UUID fluxId;
    private UUID runId;

    @BeforeEach
    void open() {
        bucket = new BucketProbe(TestStack.fromEnvironment());
        layout = publisher.layout();
        fluxId = UUID.randomUUID();
        runId = UUID.randomUUID();
    }

    @AfterEach
    void close() {
        bucket.close();
    }

    @Test
    void eachFileGoesOnceToItsExecutionsFolderAndOnlyTheManifestCommitsIt() throws Exception {
        String execution = "worker-a-00000001";
        publisher.begin(fluxId, runId, execution);
        List<Manifest.File> files = upload(execution, "a");

        assertThat(bucket.keys(layout.runPrefix(fluxId, runId))).as("uploaded, not committed: no manifest")
                .containsExactlyInAnyOrder(keysOf(files).toArray(String[]::new));
        assertThat(publisher.findCommitted(fluxId, runId)).isEmpty();

        CommittedRun run = publisher.commit(fluxId, runId, execution, files, this.manifestOf(execution));
        publisher.cleanRun(fluxId, runId, execution);

        assertThat(run.manifest().executionId()).isEqualTo(execution);
        assertThat(run.manifest().files()).extracting(Manifest.File::key)
                .allSatisfy(key -> assertThat(key).startsWith(layout.executionPrefix(fluxId, runId, execution)));
        assertCommittedSetIs(execution);
        assertThat(bucket.keys(layout.leaseRoot() + fluxId + "/")).as("the lease released").isEmpty();
    }

    @Test
    void aSlowExecutionOvertakenBySecondNeitherReplacesNorMixesIntoTheCommittedSet() throws Exception {
        String slow = "worker-a-00000001";
        String fast = "worker-b-00000002";
        publisher.begin(fluxId, runId, slow);
        List<Manifest.File> slowFiles = upload(slow, "slow");
        publisher.begin(fluxId, runId, fast);
        List<Manifest.File> fastFiles = upload(fast, "fast");
        CommittedRun committed = publisher.commit(fluxId, runId, fast, fastFiles, manifestOf(fast));
        Map<String, String> committedEtags = committedSet(fast);
        assertThat(committedEtags).hasSize(fastFiles.size() + 2);

        // The slow one finishes later: it must answer with the committed run, change nothing, and go.
        CommittedRun answer = publisher.commit(fluxId, runId, slow, slowFiles, manifestOf(slow));

        assertThat(answer.manifest().executionId()).isEqualTo(fast);
        assertThat(answer.manifestArtifact()).isEqualTo(committed.manifestArtifact());
        assertThat(bucket.keys(layout.executionPrefix(fluxId, runId, slow))).as("the loser's files deleted").isEmpty();
        assertThat(bucket.etags(layout.runPrefix(fluxId, runId))).as("no object of the committed set changed, nothing else left")
                .isEqualTo(committedEtags);
        publisher.cleanRun(fluxId, runId, fast);
        assertCommittedSetIs(fast);
        assertThat(bucket.keys(layout.leaseRoot() + fluxId + "/")).isEmpty();
    }

    @Test
    void aKilledExecutionsFilesAndIncompleteUploadsAreRemovedByTheCommitterNeverTheCommittedOnes() throws Exception {
        String killed = "worker-a-00000001";
        String winner = "worker-b-00000002";
        publisher.begin(fluxId, runId, killed);
        upload(killed, "killed");
        String torn = layout.executionKey(fluxId, runId, killed, "observations.geojson");
        store.startUpload(torn, "application/geo+json", Map.of());
        assertThat(bucket.incompleteUploads(layout.executionPrefix(fluxId, runId, killed))).containsExactly(torn);

        publisher.begin(fluxId, runId, winner);
        List<Manifest.File> files = upload(winner, "winner");
        publisher.commit(fluxId, runId, winner, files, manifestOf(winner));
        publisher.cleanRun(fluxId, runId, winner);

        assertCommittedSetIs(winner);
        assertThat(bucket.incompleteUploads(layout.runPrefix(fluxId, runId))).isEmpty();
        assertThat(bucket.keys(layout.leaseRoot() + fluxId + "/")).as("the killed execution's lease released too").isEmpty();
        // A sweep afterwards (the winner's lease written again, as if its release had failed) keeps the set.
        publisher.begin(fluxId, runId, winner);
        Map<String, String> committed = bucket.etags(layout.runPrefix(fluxId, runId));
        sweepUntilNoLeaseOf(fluxId);
        assertThat(bucket.etags(layout.runPrefix(fluxId, runId))).isEqualTo(committed);
    }

    @Test
    void theSweepDeletesAnUncommittedRunsStaleExecutionAndKeepsEveryCommittedOnesFiles() throws Exception {
        UUID otherRun = UUID.randomUUID();
        String abandoned = "worker-a-00000001";
        publisher.begin(fluxId, otherRun, abandoned);
        String leftover = layout.executionKey(fluxId, otherRun, abandoned, "observations.csv");
        bucket.put(leftover, "id_synthese\r\n1\r\n".getBytes(StandardCharsets.UTF_8));
        store.startUpload(layout.executionKey(fluxId, otherRun, abandoned, "observations.json"), "application/json", Map.of());

        // A committed run whose committer's cleanup never ran, and an execution of it that wrote its intent
        // (the residual window: it may have reported its files) and one that did not.
        String winner = "worker-b-00000002";
        String intent = "worker-c-00000003";
        String plain = "worker-d-00000004";
        for (String execution : List.of(winner, intent, plain)) {
            publisher.begin(fluxId, runId, execution);
        }
        List<Manifest.File> intentFiles = upload(intent, "intent");
        bucket.put(layout.intentKey(fluxId, runId, intent), manifestOf(intent).apply(intentFiles).toJson());
        List<String> plainKeys = keysOf(upload(plain, "plain"));
        publisher.commit(fluxId, runId, winner, upload(winner, "winner"), manifestOf(winner));
        Map<String, String> winnerAndIntent = bucket.etags(layout.runPrefix(fluxId, runId));
        plainKeys.forEach(winnerAndIntent::remove);

        sweepUntilNoLeaseOf(fluxId);

        assertThat(bucket.keys(layout.runPrefix(fluxId, otherRun))).as("never committed: swept").isEmpty();
        assertThat(bucket.incompleteUploads(layout.runPrefix(fluxId, otherRun))).isEmpty();
        assertThat(bucket.etags(layout.runPrefix(fluxId, runId))).as("the committed set and the intent's kept, the rest swept")
                .isEqualTo(winnerAndIntent);
    }

    @Test
    void anExecutionThatFailsAfterItsIntentKeepsItsFilesForTheCommitToDecide() throws Exception {
        String execution = "worker-a-00000001";
        publisher.begin(fluxId, runId, execution);
        List<Manifest.File> files = upload(execution, "a");
        publisher.commit(fluxId, runId, execution, files, manifestOf(execution));
        Map<String, String> committed = bucket.etags(layout.runPrefix(fluxId, runId));

        // E.g. sending SUCCEEDED failed after the commit: the try's cleanup must not touch the run's files.
        publisher.cleanExecution(fluxId, runId, execution);
        assertThat(bucket.etags(layout.runPrefix(fluxId, runId))).isEqualTo(committed);

        String before = "worker-b-00000002";
        UUID otherRun = UUID.randomUUID();
        publisher.begin(fluxId, otherRun, before);
        upload(otherRun, before, "b");
        publisher.cleanExecution(fluxId, otherRun, before);
        assertThat(bucket.keys(layout.runPrefix(fluxId, otherRun))).as("failed before its intent: deleted").isEmpty();
        assertThat(bucket.keys(layout.leaseRoot() + fluxId + "/")).isEmpty();
    }

    /** Sweeps with an age of zero until no lease of the flux is left (S3's clock has a one-second grain). */
    private void sweepUntilNoLeaseOf(UUID flux) {
        Eventually.within(Duration.ofSeconds(15), "the leases of flux " + flux + " swept").pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    publisher.sweep(ZonedDateTime.now().plusSeconds(1));
                    return bucket.keys(layout.leaseRoot() + flux + "/").isEmpty();
                });
    }

    /** The ETags of the run's manifest and of an execution's folder. */
    private Map<String, String> committedSet(String execution) {
        Map<String, String> etags = new java.util.TreeMap<>(bucket.etags(layout.executionPrefix(fluxId, runId, execution)));
        etags.putAll(bucket.etags(layout.manifestKey(fluxId, runId)));
        return etags;
    }

    /** Exactly the manifest and the files it names, each object's SHA-256 the manifest's. */
    private void assertCommittedSetIs(String execution) throws Exception {
        Manifest manifest = Manifest.fromJson(bucket.read(layout.manifestKey(fluxId, runId)));
        assertThat(manifest.executionId()).isEqualTo(execution);
        List<String> expected = new java.util.ArrayList<>(keysOf(manifest.files()));
        expected.add(layout.manifestKey(fluxId, runId));
        expected.add(layout.intentKey(fluxId, runId, execution));
        assertThat(bucket.keys(layout.runPrefix(fluxId, runId))).containsExactlyInAnyOrderElementsOf(expected);
        for (Manifest.File file : manifest.files()) {
            assertThat(sha256(bucket.read(file.key()))).as(file.key()).isEqualTo(file.sha256());
            assertThat(bucket.stat(file.key()).userMetadata()).containsEntry("execution-id", execution);
        }
    }

    private List<Manifest.File> upload(String execution, String content) throws Exception {
        return upload(runId, execution, content);
    }

    /** Two small files of an execution, uploaded as after writing; their content names the execution. */
    private List<Manifest.File> upload(UUID run, String execution, String content) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(run + "-" + execution));
        Path csv = Files.writeString(folder.resolve("observations.csv"), "id_synthese\r\n" + content + "\r\n");
        Path datasets = Files.writeString(folder.resolve("jeux_de_donnees.csv"), "id_jdd\r\n" + content + "\r\n");
        List<OutputFile> files = List.of(OutputFile.ofFile("csv", csv, "text/csv", 1),
                OutputFile.ofFile("jeux_de_donnees-csv", datasets, "text/csv", 1));
        return publisher.upload(fluxId, run, execution, files, Map.of());
    }

    private java.util.function.Function<List<Manifest.File>, Manifest> manifestOf(String execution) {
        return files -> new Manifest(Manifest.VERSION, fluxId, runId, UUID.randomUUID(), 1, execution.substring(0, 8),
                execution, Instant.now(), "1:1:", Instant.now(), null, List.of(), RunCounts.empty(), files, "Etalab-2.0",
                "test", Map.of(), null, null);
    }

    private static List<String> keysOf(List<Manifest.File> files) {
        return files.stream().map(Manifest.File::key).toList();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
