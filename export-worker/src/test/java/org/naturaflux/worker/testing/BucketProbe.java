package org.naturaflux.worker.testing;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.Item;
import io.minio.messages.Upload;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.naturaflux.testkit.TestStack;

/**
 * What the tests see of the bucket, through the S3 API only: keys and ETags under a prefix, objects'
 * bytes, and incomplete multipart uploads.
 */
public final class BucketProbe implements AutoCloseable {

    private final MinioAsyncClient client;
    private final String bucket;

    public BucketProbe(TestStack stack) {
        this.client = MinioAsyncClient.builder().endpoint(stack.s3Endpoint()).region(stack.s3Region())
                .credentials(stack.s3AccessKey(), stack.s3SecretKey()).build();
        this.bucket = stack.s3Bucket();
    }

    public MinioAsyncClient client() {
        return client;
    }

    public String bucket() {
        return bucket;
    }

    /** Keys under a prefix, with their ETags, sorted by key. */
    public Map<String, String> etags(String prefix) {
        Map<String, String> etags = new TreeMap<>();
        try {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                etags.put(result.get().objectName(), result.get().etag());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot list " + prefix, e);
        }
        return etags;
    }

    public List<String> keys(String prefix) {
        return List.copyOf(etags(prefix).keySet());
    }

    public StatObjectResponse stat(String key) {
        try {
            return client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stat " + key, e);
        }
    }

    public byte[] read(String key) {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()).get()) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + key, e);
        }
    }

    /** Downloads an object to a file. */
    public Path download(String key, Path file) {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()).get()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("cannot download " + key, e);
        }
    }

    public void put(String key, byte[] content) {
        try {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(content), content.length, -1).build()).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + key, e);
        }
    }

    /**
     * The keys of incomplete multipart uploads under a prefix: ListMultipartUploads where the store
     * implements it; on S3Proxy's filesystem store (501 to that call), its upload stubs
     * {@code .mpus-<uploadId>-<key>-stub}, which it keeps as objects until the upload completes or is
     * aborted.
     */
    public List<String> incompleteUploads(String prefix) {
        try {
            List<String> keys = new ArrayList<>();
            for (Upload upload : client.listMultipartUploadsAsync(bucket, null, null, null, null, 1000, prefix, null, null, null)
                    .get().result().uploads()) {
                keys.add(upload.objectName());
            }
            return keys;
        } catch (ExecutionException e) {
            if (!String.valueOf(e.getCause().getMessage()).contains("Response code: 501")) {
                throw new IllegalStateException("cannot list incomplete uploads", e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot list incomplete uploads", e);
        }
        List<String> stubs = new ArrayList<>();
        for (String key : keys(".mpus-")) {
            if (key.endsWith("-stub") && key.length() > ".mpus-".length() + 37) {
                String uploadKey = key.substring(".mpus-".length() + 37, key.length() - "-stub".length());
                if (uploadKey.startsWith(prefix)) {
                    stubs.add(uploadKey);
                }
            }
        }
        return stubs;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            // Releases the HTTP client's threads only.
        }
    }
}
