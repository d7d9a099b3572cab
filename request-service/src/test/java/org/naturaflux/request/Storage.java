package org.naturaflux.request;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.naturaflux.storage.StorageLayout;
import org.naturaflux.testkit.TestStack;

/** The bucket as a worker writes it, for tests: puts objects under the class's prefix, tells if they exist. */
public final class Storage implements AutoCloseable {

    private final MinioClient client;
    private final String bucket;

    public Storage() {
        TestStack stack = TestStack.fromEnvironment();
        this.client = MinioClient.builder().endpoint(stack.s3Endpoint()).region(stack.s3Region())
                .credentials(stack.s3AccessKey(), stack.s3SecretKey()).build();
        this.bucket = stack.s3Bucket();
    }

    /**
     * The key of a file directly in the run's folder (under the class's prefix): the run's manifest, or a
     * file of a run committed by the earlier layout (staged, then copied there).
     */
    public String runKey(Object fluxId, Object runId, String name) {
        return key(fluxId, runId, name);
    }

    /** The key of a file in one execution's folder of a run, where a worker uploads it (under the class's prefix). */
    public String executionKey(Object fluxId, Object runId, String executionId, String name) {
        return layout().executionKey(UUID.fromString(fluxId.toString()), UUID.fromString(runId.toString()), executionId, name);
    }

    /** The key of a run's file by flux-storage's layout, under the class's prefix (no client needed). */
    public static String key(Object fluxId, Object runId, String name) {
        return layout().runKey(UUID.fromString(fluxId.toString()), UUID.fromString(runId.toString()), name);
    }

    /** The class's layout: its key prefix, which the service under test is configured with. */
    public static StorageLayout layout() {
        return new StorageLayout(ConfigProvider.getConfig().getValue(StackResource.BUCKET_PREFIX, String.class));
    }

    public void put(String key, byte[] bytes) {
        try {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
        } catch (Exception e) {
            throw new AssertionError("cannot put " + key, e);
        }
    }

    public boolean exists(String key) {
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return false;
            }
            throw new AssertionError("cannot stat " + key, e);
        } catch (Exception e) {
            throw new AssertionError("cannot stat " + key, e);
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
