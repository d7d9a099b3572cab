package org.naturaflux.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.naturaflux.testkit.IsolatedBucketPrefix;
import org.naturaflux.testkit.TestStack;

/**
 * The object store against the stack's S3Proxy (under a prefix of this class's own): one behaviour for
 * delete (a missing key is not an error, whether the store is silent about it, as S3 and S3Proxy are, or
 * reports NoSuchKey, which a proxy injects), list (tried again on transient failures only, through a
 * proxy that fails listings) and incomplete uploads (S3Proxy's filesystem store through its fallback).
 */
class ObjectStoreTest {

    private static final TestStack STACK = TestStack.fromEnvironment();
    private static IsolatedBucketPrefix prefix;
    private static ObjectStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        prefix = IsolatedBucketPrefix.create(ObjectStoreTest.class);
        store = new ObjectStore(settings(STACK.s3Endpoint()));
    }

    @AfterAll
    static void close() {
        store.close();
        prefix.close();
    }

    private static StorageSettings settings(String endpoint) {
        return new StorageSettings(endpoint, STACK.s3PublicEndpoint(), STACK.s3Region(), STACK.s3AccessKey(),
                STACK.s3SecretKey(), STACK.s3Bucket(), prefix.prefix(), StorageSettings.DEFAULT_PART_SIZE);
    }

    private static void put(String key, String content) {
        store.put(key, content.getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
    }

    private static List<String> keys(String under) {
        return store.list(under).stream().map(StoredObject::key).toList();
    }

    @Test
    void deletingAMissingKeyIsNotAnError() {
        String present = prefix.key("delete/present.csv");
        String missing = prefix.key("delete/never-written.csv");
        put(present, "a;b\n");

        assertThat(store.delete(List.of(missing, present))).isEqualTo(2);
        assertThat(keys(prefix.key("delete/"))).isEmpty();
        assertThat(store.delete(List.of(present))).as("deleting again").isEqualTo(1);
    }

    @Test
    void aStoreReportingAMissingKeyOnDeleteIsNotAnErrorEither() {
        String missing = prefix.key("delete/reported-missing.csv");
        try (FaultInjectingProxy proxy = FaultInjectingProxy.deleteErrors(STACK.s3Endpoint(), STACK.s3Bucket(), missing,
                "NoSuchKey");
             ObjectStore throughProxy = new ObjectStore(settings(proxy.endpoint()))) {

            assertThat(throughProxy.delete(List.of(missing))).isEqualTo(1);
            assertThat(proxy.seen()).isEqualTo(1);
        }
    }

    @Test
    void aKeyTheStorageRefusesToDeleteIsAnError() {
        String refused = prefix.key("delete/refused.csv");
        try (FaultInjectingProxy proxy = FaultInjectingProxy.deleteErrors(STACK.s3Endpoint(), STACK.s3Bucket(), refused,
                "AccessDenied");
             ObjectStore throughProxy = new ObjectStore(settings(proxy.endpoint()))) {

            assertThatThrownBy(() -> throughProxy.delete(List.of(refused))).isInstanceOf(StorageException.class)
                    .hasMessageContaining(refused + " (AccessDenied)");
        }
    }

    @Test
    void deletingAPrefixRemovesWhatIsUnderItOnly() {
        put(prefix.key("folder/a/one.csv"), "1");
        put(prefix.key("folder/a/two.csv"), "2");
        put(prefix.key("folder/ab.csv"), "beside");

        assertThat(store.deletePrefix(prefix.key("folder/a/"))).isEqualTo(2);
        assertThat(keys(prefix.key("folder/"))).containsExactly(prefix.key("folder/ab.csv"));
        assertThat(store.deletePrefix(prefix.key("folder/a/"))).as("an empty prefix").isZero();
    }

    @Test
    void aListingFailingTransientlyIsTriedAgain() {
        put(prefix.key("listed/one.csv"), "1");
        try (FaultInjectingProxy proxy = FaultInjectingProxy.failing(STACK.s3Endpoint(), STACK.s3Bucket(),
                FaultInjectingProxy.Kind.LISTING, ObjectStore.LIST_TRIES - 1, 500, "InternalError");
             ObjectStore throughProxy = new ObjectStore(settings(proxy.endpoint()))) {

            List<StoredObject> listed = throughProxy.list(prefix.key("listed/"));

            assertThat(listed).extracting(StoredObject::key).containsExactly(prefix.key("listed/one.csv"));
            assertThat(listed.get(0).size()).isEqualTo(1);
            assertThat(listed.get(0).lastModified()).isNotNull();
            assertThat(proxy.seen()).isEqualTo(ObjectStore.LIST_TRIES);
        }
    }

    @Test
    void aListingStillFailingAfterItsTriesIsReported() {
        try (FaultInjectingProxy proxy = FaultInjectingProxy.failing(STACK.s3Endpoint(), STACK.s3Bucket(),
                FaultInjectingProxy.Kind.LISTING, ObjectStore.LIST_TRIES, 503, "SlowDown");
             ObjectStore throughProxy = new ObjectStore(settings(proxy.endpoint()))) {

            assertThatThrownBy(() -> throughProxy.list(prefix.key("listed/")))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("list " + prefix.key("listed/"))
                    .hasMessageContaining("SlowDown")
                    .satisfies(e -> assertThat(((StorageException) e).isTransient()).isTrue());
            assertThat(proxy.seen()).isEqualTo(ObjectStore.LIST_TRIES);
        }
    }

    @Test
    void aListingTheStorageRefusesIsNotTriedAgain() {
        try (FaultInjectingProxy proxy = FaultInjectingProxy.failing(STACK.s3Endpoint(), STACK.s3Bucket(),
                FaultInjectingProxy.Kind.LISTING, ObjectStore.LIST_TRIES, 403, "AccessDenied");
             ObjectStore throughProxy = new ObjectStore(settings(proxy.endpoint()))) {

            assertThatThrownBy(() -> throughProxy.list(prefix.key("listed/")))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("AccessDenied")
                    .satisfies(e -> assertThat(((StorageException) e).isTransient()).isFalse());
            assertThat(proxy.seen()).isEqualTo(1);
        }
    }

    @Test
    void anIncompleteUploadIsFoundAndAbortedOnS3Proxy() {
        String key = prefix.key("uploads/observations.gpkg");
        String uploadId = store.startUpload(key);

        assertThat(store.incompleteUploads(prefix.key("uploads/")))
                .extracting(ObjectStore.IncompleteUpload::key, ObjectStore.IncompleteUpload::uploadId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(key, uploadId));
        assertThat(store.incompleteUploads(prefix.key("elsewhere/"))).isEmpty();

        assertThat(store.abortIncompleteUploads(prefix.key("uploads/"), null)).isEqualTo(1);
        assertThat(store.incompleteUploads(prefix.key("uploads/"))).isEmpty();
    }

    @Test
    void aFileGoesUpFromDiskAndComesBackAndAMissingObjectIsEmpty() throws Exception {
        Path file = Files.writeString(dir.resolve("observations.csv"), "id_synthese\r\n1\r\n");
        String key = prefix.key("roundtrip/observations.csv");

        store.upload(key, file, "text/csv", Map.of("sha256", "0"));
        Path back = dir.resolve("back.csv");

        assertThat(store.download(key, back)).isTrue();
        assertThat(back).hasSameTextualContentAs(file);
        assertThat(store.read(prefix.key("roundtrip/missing.json"))).isEmpty();
        assertThat(store.download(prefix.key("roundtrip/missing.csv"), dir.resolve("missing.csv"))).isFalse();
    }

    @Test
    void aStoreWithoutCredentialsRefusesEveryCall() {
        StorageSettings none = new StorageSettings(STACK.s3Endpoint(), null, STACK.s3Region(), null, null,
                STACK.s3Bucket(), "", StorageSettings.DEFAULT_PART_SIZE);
        try (ObjectStore unconfigured = new ObjectStore(none)) {
            assertThat(unconfigured.isConfigured()).isFalse();
            assertThatThrownBy(() -> unconfigured.list("")).isInstanceOf(StorageException.class)
                    .hasMessageContaining("not configured");
            assertThatThrownBy(() -> unconfigured.delete(List.of("x"))).isInstanceOf(StorageException.class)
                    .hasMessageContaining("not configured");
        }
    }
}
