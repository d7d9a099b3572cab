package org.naturaflux.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.naturaflux.storage.ObjectStore;
import org.naturaflux.testkit.Eventually;
import org.naturaflux.testkit.TestStack;
import org.naturaflux.worker.testing.BucketProbe;
import org.naturaflux.worker.testing.IsolatedWorkerResources;

/**
 * Uploading while writing, against the stack's S3: a growing file ends up at its key in the execution's
 * folder byte for byte, with its content type and the execution's metadata; a file rewritten behind the
 * follower is not completed from what was uploaded; an export that stops leaves no incomplete upload.
 */
@QuarkusTest
@QuarkusTestResource(IsolatedWorkerResources.class)
class LiveUploadsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    RunPublisher publisher;
    @Inject
    ObjectStore store;

    @TempDir
    Path dir;

    private BucketProbe bucket;
    private UUID fluxId;
    private UUID runId;
    private String executionId;
    private String staging;

    @BeforeEach
    void open() {
        bucket = new BucketProbe(TestStack.fromEnvironment());
        fluxId = UUID.randomUUID();
        runId = UUID.randomUUID();
        executionId = "live-test-" + UUID.randomUUID().toString().substring(0, 8);
        staging = publisher.layout().executionPrefix(fluxId, runId, executionId);
    }

    @AfterEach
    void close() {
        bucket.close();
    }

    @Test
    void aFileStagedWhileWrittenHoldsExactlyTheFileWritten() throws Exception {
        Path file = dir.resolve("observations.csv");
        long size = store.partSize() * 5 / 2;
        byte[] written;
        Map<Path, String> staged;
        try (LiveUploads live = publisher.uploadWhileWriting(fluxId, runId, executionId, growing(file))) {
            written = writeSlowly(file, size);
            staged = live.complete(List.of(outputFile(file)));
        }
        assertThat(staged).containsEntry(file, staging + "observations.csv");
        byte[] uploaded = bucket.read(staging + "observations.csv");
        assertThat(sha256(uploaded)).isEqualTo(sha256(written));
        assertThat(uploaded).hasSize((int) size);
        assertThat(bucket.incompleteUploads(staging)).isEmpty();
        var stat = bucket.stat(staging + "observations.csv");
        assertThat(stat.contentType()).isEqualTo("text/csv");
        assertThat(stat.userMetadata()).containsEntry("execution-id", executionId).containsEntry("run-id", runId.toString());
    }

    @Test
    void aFileRewrittenBehindTheFollowerIsNotStagedFromWhatWasUploaded() throws Exception {
        Path file = dir.resolve("observations.json");
        Map<Path, String> staged;
        try (LiveUploads live = publisher.uploadWhileWriting(fluxId, runId, executionId, growing(file))) {
            writeSlowly(file, store.partSize() * 2 + 100);
            // The upload starts once its first part has been read: then change that part on disk.
            awaitIncompleteUpload();
            try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[] {'X'}));
            }
            staged = live.complete(List.of(outputFile(file)));
        }
        assertThat(staged).as("the uploaded bytes differ from the file: it must be staged the usual way").isEmpty();
        assertThat(bucket.keys(staging)).isEmpty();
        assertThat(bucket.incompleteUploads(staging)).isEmpty();
    }

    @Test
    void closingWithoutCompletingAbortsTheUpload() throws Exception {
        Path file = dir.resolve("observations.geojson");
        try (LiveUploads live = publisher.uploadWhileWriting(fluxId, runId, executionId, growing(file))) {
            writeSlowly(file, store.partSize() * 2 + 100);
            awaitIncompleteUpload();
        }
        assertThat(bucket.keys(staging)).isEmpty();
        assertThat(bucket.incompleteUploads(staging)).isEmpty();
    }

    /**
     * S3Proxy answers a listing with a 500 while a part file is half written under its stub folder (its
     * extended attributes not yet set): such a listing is looked at again within the deadline.
     */
    private void awaitIncompleteUpload() {
        Eventually.within(TIMEOUT, "an upload started under " + staging).pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(IllegalStateException.class)
                .until(() -> !bucket.incompleteUploads(staging).isEmpty());
    }

    /**
     * Random bytes appended in 64 KiB writes; once the first part is on disk, the writer waits until the
     * follower has started its upload: the follower sees the file grow.
     */
    private byte[] writeSlowly(Path file, long size) throws IOException {
        byte[] content = new byte[(int) size];
        new Random(size).nextBytes(content);
        try (OutputStream out = Files.newOutputStream(file)) {
            int chunk = 64 * 1024;
            boolean followed = false;
            for (int at = 0; at < content.length; at += chunk) {
                out.write(content, at, Math.min(chunk, content.length - at));
                out.flush();
                if (!followed && at + chunk > store.partSize()) {
                    awaitIncompleteUpload();
                    followed = true;
                }
            }
        }
        return content;
    }

    private static List<GrowingFile> growing(Path file) {
        return List.of(new GrowingFile(file, "text/csv"));
    }

    private static OutputFile outputFile(Path file) throws IOException {
        return OutputFile.ofFile("csv", file, "text/csv", 0);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
