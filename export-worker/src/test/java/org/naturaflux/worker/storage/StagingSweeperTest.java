package org.naturaflux.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.testkit.Eventually;
import org.naturaflux.testkit.TestStack;
import org.naturaflux.worker.testing.BucketProbe;
import org.naturaflux.worker.testing.IsolatedWorkerResources;

/** What a killed worker leaves in staging is swept: objects and incomplete multipart uploads. */
@QuarkusTest
@QuarkusTestResource(IsolatedWorkerResources.class)
class StagingSweeperTest {

    @Inject
    StagingSweeper sweeper;

    @ConfigProperty(name = "naturaflux.s3.key-prefix")
    String keyPrefix;

    @Test
    void sweepRemovesStaleStagingObjectsAndAbortsIncompleteUploads() throws Exception {
        TestStack stack = TestStack.fromEnvironment();
        String bucket = stack.s3Bucket();
        String staging = keyPrefix + "staging/" + UUID.randomUUID() + "/1/killed-worker-1234/";
        String published = keyPrefix + "fluxes/" + UUID.randomUUID() + "/runs/" + UUID.randomUUID() + "/observations.csv";
        try (MinioAsyncClient s3 = MinioAsyncClient.builder().endpoint(stack.s3Endpoint()).region(stack.s3Region())
                .credentials(stack.s3AccessKey(), stack.s3SecretKey()).build()) {
            byte[] content = "id_synthese\r\n1\r\n".getBytes();
            for (String key : List.of(staging + "observations.csv", published)) {
                s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                        .stream(new ByteArrayInputStream(content), content.length, -1).build()).get();
            }
            s3.createMultipartUploadAsync(bucket, null, staging + "observations.gpkg", null, null).get();
            assertThat(incompleteUploads(s3, bucket, keyPrefix + "staging/")).isNotEmpty();

            // Stale by S3's own clock (Last-Modified has a one-second resolution) half a second to a second
            // from now: swept as soon as it is.
            int[] removed = {0};
            Eventually.within(Duration.ofSeconds(15), "the staging swept").pollInterval(Duration.ofMillis(200))
                    .until(() -> (removed[0] += sweeper.sweepOlderThan(Duration.ofMillis(500))) >= 2);

            assertThat(removed[0]).isGreaterThanOrEqualTo(2);
            assertThat(keys(s3, bucket, keyPrefix + "staging/")).isEmpty();
            assertThat(incompleteUploads(s3, bucket, keyPrefix + "staging/")).isEmpty();
            assertThat(keys(s3, bucket, published)).containsExactly(published);
        }
    }

    @Test
    void sweepLeavesRecentStagingAlone() throws Exception {
        TestStack stack = TestStack.fromEnvironment();
        String key = keyPrefix + "staging/" + UUID.randomUUID() + "/1/live-worker-1/observations.csv";
        try (MinioAsyncClient s3 = MinioAsyncClient.builder().endpoint(stack.s3Endpoint()).region(stack.s3Region())
                .credentials(stack.s3AccessKey(), stack.s3SecretKey()).build()) {
            s3.putObject(PutObjectArgs.builder().bucket(stack.s3Bucket()).object(key)
                    .stream(new ByteArrayInputStream(new byte[] {1}), 1, -1).build()).get();

            sweeper.sweepOlderThan(Duration.ofHours(1));

            assertThat(keys(s3, stack.s3Bucket(), key)).containsExactly(key);
        }
    }

    private static List<String> keys(MinioAsyncClient s3, String bucket, String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> result : s3.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
            keys.add(result.get().objectName());
        }
        return keys;
    }

    private static List<String> incompleteUploads(MinioAsyncClient s3, String bucket, String prefix) {
        try (BucketProbe probe = new BucketProbe(TestStack.fromEnvironment())) {
            return probe.incompleteUploads(prefix);
        }
    }
}
