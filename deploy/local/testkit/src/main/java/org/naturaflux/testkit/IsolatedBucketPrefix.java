package org.naturaflux.testkit;

import java.util.ArrayList;
import java.util.List;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;

/**
 * A key prefix of one test class in the stack's bucket ({@code tests/<label>-<random>/}); every object
 * under it is deleted on {@link #close()}, and the client closed.
 *
 * <p>Needs {@code io.minio:minio} on the test classpath (optional in the testkit).
 */
public final class IsolatedBucketPrefix implements AutoCloseable {

    private final MinioClient client;
    private final String bucket;
    private final String prefix;
    private final String endpoint;

    private IsolatedBucketPrefix(TestStack stack, String label) {
        this.endpoint = stack.s3Endpoint();
        this.bucket = stack.s3Bucket();
        this.prefix = "tests/" + UniqueNames.label(label, '-', 40) + "-" + UniqueNames.suffix() + "/";
        this.client = MinioClient.builder()
                .endpoint(endpoint)
                .region(stack.s3Region())
                .credentials(stack.s3AccessKey(), stack.s3SecretKey())
                .build();
    }

    /** A prefix for the given test class, on the stack of this JVM's environment. */
    public static IsolatedBucketPrefix create(Class<?> testClass) {
        return create(TestStack.fromEnvironment(), testClass.getSimpleName());
    }

    public static IsolatedBucketPrefix create(TestStack stack, String label) {
        return new IsolatedBucketPrefix(stack, label);
    }

    public String bucket() {
        return bucket;
    }

    /** The prefix, ending with a slash. */
    public String prefix() {
        return prefix;
    }

    /** The key of a name under the prefix. */
    public String key(String name) {
        return prefix + name;
    }

    /** A client on the stack's S3 endpoint, open until {@link #close()}. */
    public MinioClient client() {
        return client;
    }

    /** Deletes every object under the prefix, then closes the client. */
    @Override
    public void close() {
        try {
            List<DeleteObject> objects = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucket).prefix(prefix).recursive(true).build())) {
                objects.add(new DeleteObject(result.get().objectName()));
            }
            if (!objects.isEmpty()) {
                List<String> failed = new ArrayList<>();
                for (Result<DeleteError> error : client.removeObjects(RemoveObjectsArgs.builder()
                        .bucket(bucket).objects(objects).build())) {
                    DeleteError deleteError = error.get();
                    failed.add(deleteError.objectName() + ": " + deleteError.message());
                }
                if (!failed.isEmpty()) {
                    throw new IllegalStateException("cannot delete test objects in " + bucket + ": " + failed);
                }
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot clean " + bucket + "/" + prefix + " at " + endpoint
                    + " (" + TestStack.HINT + ")", e);
        } finally {
            try {
                client.close();
            } catch (Exception e) {
                // Closing only releases the HTTP client's threads; nothing left to clean.
            }
        }
    }
}
