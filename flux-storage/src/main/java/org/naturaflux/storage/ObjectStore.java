package org.naturaflux.storage;

import com.google.common.collect.ImmutableMultimap;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListMultipartUploadsResponse;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.UploadObjectArgs;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import io.minio.messages.Part;
import io.minio.messages.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The calls to the bucket, on the internal endpoint, for both services: synchronous (call off any event
 * loop), each failure a {@link StorageException} naming what was attempted. One behaviour for all:
 *
 * <ul>
 *   <li><b>delete</b> is idempotent: deleting a key that does not exist is not an error (a cleanup that
 *       meets another's cleanup, or that runs twice, succeeds);</li>
 *   <li><b>list</b> is read-only, so a listing that fails transiently ({@link StorageException#isTransient})
 *       is tried again, {@value #LIST_TRIES} times in all with a growing pause: S3Proxy's filesystem store
 *       answers 500 when its walk meets a multipart part another upload of the bucket is writing;</li>
 *   <li>nothing else is retried here: writes are retried, when at all, by the protocol that knows whether
 *       they may be repeated (the worker's publication).</li>
 * </ul>
 *
 * Files go up from disk ({@code uploadObject}): above the part size by multipart upload in parts of that
 * size, so a file is never held in memory. Without credentials ({@link StorageSettings#hasCredentials})
 * the store is not configured and every call fails.
 */
public final class ObjectStore implements AutoCloseable {

    /** How many times a listing is tried before its failure is reported. */
    public static final int LIST_TRIES = 5;
    private static final long LIST_PAUSE_MILLIS = 200;

    /** The most parts one multipart upload may have (S3's limit). */
    public static final int MAX_PARTS = 10_000;
    /** S3's smallest part (but the last). */
    private static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    private static final int DELETE_BATCH = 1000;

    private final MinioAsyncClient client;
    private final String bucket;
    private final long partSize;

    /** A store on {@code settings.endpoint()}; not configured when the settings have no credentials. */
    public ObjectStore(StorageSettings settings) {
        this.client = settings.hasCredentials()
                ? MinioAsyncClient.builder()
                        .endpoint(settings.endpoint())
                        .region(settings.region())
                        .credentials(settings.accessKey(), settings.secretKey())
                        .build()
                : null;
        this.bucket = settings.bucket();
        this.partSize = Math.max(MIN_PART_SIZE, settings.partSize());
    }

    /** Whether credentials are configured (otherwise every call fails). */
    public boolean isConfigured() {
        return client != null;
    }

    public String bucket() {
        return bucket;
    }

    /** The multipart part size (at least S3's 5 MiB). */
    public long partSize() {
        return partSize;
    }

    /** Whether the bucket exists, within the timeout (readiness). */
    public boolean bucketExists(Duration timeout) {
        try {
            return client().bucketExists(BucketExistsArgs.builder().bucket(bucket).build())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (StorageException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("check bucket " + bucket, e);
        } catch (ExecutionException e) {
            throw new StorageException("check bucket " + bucket, e.getCause());
        } catch (TimeoutException e) {
            throw new StorageException("check bucket " + bucket + " (no answer within " + timeout.toMillis() + " ms)", e);
        } catch (Exception e) {
            throw new StorageException("check bucket " + bucket, e);
        }
    }

    /** The object's bytes (small objects only: manifests), or empty when it does not exist. */
    public Optional<byte[]> read(String key) {
        try {
            GetObjectResponse response = call("read " + key, () -> client().getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
            try (InputStream in = response) {
                return Optional.of(in.readAllBytes());
            } catch (IOException e) {
                throw new StorageException("read " + key, e);
            }
        } catch (StorageException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Streams an object to a local file (replaced if present); false when the object does not exist. */
    public boolean download(String key, Path target) {
        try {
            GetObjectResponse response = call("download " + key, () -> client().getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
            try (InputStream in = response) {
                java.nio.file.Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return true;
            } catch (IOException e) {
                throw new StorageException("download " + key, e);
            }
        } catch (StorageException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    /** Uploads a file from disk, by multipart upload when it is larger than the part size. */
    public void upload(String key, Path file, String contentType, Map<String, String> metadata) {
        call("upload " + file.getFileName() + " to " + key, () -> client().uploadObject(UploadObjectArgs.builder()
                .bucket(bucket).object(key).filename(file.toString(), partSize)
                .contentType(contentType).userMetadata(metadata).build()));
    }

    /** Writes a small object from memory. */
    public void put(String key, byte[] content, String contentType, Map<String, String> metadata) {
        call("write " + key, () -> client().putObject(PutObjectArgs.builder()
                .bucket(bucket).object(key).stream(new ByteArrayInputStream(content), content.length, -1)
                .contentType(contentType).userMetadata(metadata).build()));
    }

    /** Starts a multipart upload to {@code key}; returns its upload id. */
    public String startUpload(String key) {
        return startUpload(key, null, Map.of());
    }

    /**
     * Starts a multipart upload to {@code key}, the object to be stored with this content type (none:
     * the store's default) and user metadata; returns its upload id.
     */
    public String startUpload(String key, String contentType, Map<String, String> metadata) {
        ImmutableMultimap.Builder<String, String> headers = ImmutableMultimap.builder();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        metadata.forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
        return call("start an upload to " + key,
                () -> client().createMultipartUploadAsync(bucket, null, key, headers.build(), null)).result().uploadId();
    }

    /** Uploads part {@code number} (from 1) of an upload: the first {@code length} bytes of {@code data}. */
    public Part uploadPart(String key, String uploadId, int number, byte[] data, int length) {
        String etag = call("upload part " + number + " of " + key,
                () -> client().uploadPartAsync(bucket, null, key, data, length, uploadId, number, null, null)).etag();
        return new Part(number, etag);
    }

    /** Completes an upload from its parts, in order: the object appears. */
    public void completeUpload(String key, String uploadId, List<Part> parts) {
        call("complete the upload of " + key,
                () -> client().completeMultipartUploadAsync(bucket, null, key, uploadId, parts.toArray(Part[]::new), null, null));
    }

    /** Aborts an upload: its parts are deleted. */
    public void abortUpload(String key, String uploadId) {
        call("abort the upload of " + key, () -> client().abortMultipartUploadAsync(bucket, null, key, uploadId, null, null));
    }

    /**
     * The objects under a prefix (recursive), tried again on a transient failure (see the class).
     *
     * @throws StorageException when the last try failed, or the failure is not transient
     */
    public List<StoredObject> list(String prefix) {
        for (int attempt = 1; ; attempt++) {
            try {
                return listOnce(prefix);
            } catch (StorageException e) {
                if (attempt >= LIST_TRIES || !e.isTransient()) {
                    throw e;
                }
                try {
                    Thread.sleep(LIST_PAUSE_MILLIS * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private List<StoredObject> listOnce(String prefix) {
        List<StoredObject> objects = new ArrayList<>();
        try {
            for (Result<Item> result : client().listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).build())) {
                Item item = result.get();
                objects.add(new StoredObject(item.objectName(), item.size(), item.lastModified()));
            }
        } catch (StorageException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageException("list " + prefix, e);
        }
        return objects;
    }

    /**
     * Deletes these keys, by batches of a thousand; a key that does not exist counts as deleted.
     *
     * @return how many keys were asked
     * @throws StorageException when the storage refuses to delete one of them or cannot be reached
     */
    public int delete(List<String> keys) {
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<DeleteObject> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
                    .map(DeleteObject::new).toList();
            List<String> failed = new ArrayList<>();
            try {
                for (Result<DeleteError> result : client().removeObjects(RemoveObjectsArgs.builder().bucket(bucket)
                        .objects(batch).build())) {
                    DeleteError error = result.get();
                    if (!"NoSuchKey".equals(error.code())) {
                        failed.add(error.objectName() + " (" + error.code() + ")");
                    }
                }
            } catch (StorageException e) {
                throw e;
            } catch (Exception e) {
                throw new StorageException("delete " + batch.size() + " objects", e);
            }
            if (!failed.isEmpty()) {
                throw new StorageException("delete " + failed, new IllegalStateException(failed.size() + " objects not deleted"));
            }
        }
        return keys.size();
    }

    /** Deletes every object under a prefix (listed as {@link #list} does); returns how many. */
    public int deletePrefix(String prefix) {
        return delete(list(prefix).stream().map(StoredObject::key).toList());
    }

    /** An incomplete multipart upload: its key, id and start (null when the store does not tell). */
    public record IncompleteUpload(String key, String uploadId, ZonedDateTime initiated) {
    }

    /**
     * The incomplete multipart uploads under a prefix (uploads started and neither completed nor
     * aborted: a killed or failed upload, whose parts take space without being visible as objects).
     * S3 and MinIO list them (ListMultipartUploads); S3Proxy's filesystem store, which the local stack
     * uses, does not implement that call, and its uploads are found the way {@link S3ProxyIncompleteUploads}
     * says.
     */
    public List<IncompleteUpload> incompleteUploads(String prefix) {
        try {
            return listedUploads(prefix);
        } catch (StorageException e) {
            if (!S3ProxyIncompleteUploads.isNotImplemented(e.getCause())) {
                throw e;
            }
            return S3ProxyIncompleteUploads.under(this, prefix);
        }
    }

    private List<IncompleteUpload> listedUploads(String prefix) {
        List<IncompleteUpload> uploads = new ArrayList<>();
        String keyMarker = null;
        String uploadIdMarker = null;
        while (true) {
            String key = keyMarker;
            String id = uploadIdMarker;
            ListMultipartUploadsResponse response = call("list incomplete uploads under " + prefix,
                    () -> client().listMultipartUploadsAsync(bucket, null, null, null, key, 1000, prefix, id, null, null));
            for (Upload upload : response.result().uploads()) {
                uploads.add(new IncompleteUpload(upload.objectName(), upload.uploadId(), upload.initiated()));
            }
            if (!response.result().isTruncated()) {
                return uploads;
            }
            keyMarker = response.result().nextKeyMarker();
            uploadIdMarker = response.result().nextUploadIdMarker();
        }
    }

    /**
     * Aborts the incomplete multipart uploads under a prefix started before {@code initiatedBefore}
     * (null: all); returns how many.
     */
    public int abortIncompleteUploads(String prefix, ZonedDateTime initiatedBefore) {
        int aborted = 0;
        for (IncompleteUpload upload : incompleteUploads(prefix)) {
            if (initiatedBefore != null && upload.initiated() != null && !upload.initiated().isBefore(initiatedBefore)) {
                continue;
            }
            try {
                call("abort upload of " + upload.key(),
                        () -> client().abortMultipartUploadAsync(bucket, null, upload.key(), upload.uploadId(), null, null));
                aborted++;
            } catch (StorageException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        return aborted;
    }

    /** Releases the client's threads and connections. */
    @Override
    public void close() {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (Exception e) {
            // Only releases the HTTP client's threads and connections.
        }
    }

    private MinioAsyncClient client() {
        if (client == null) {
            throw new StorageException("object storage credentials are not configured");
        }
        return client;
    }

    @FunctionalInterface
    private interface AsyncCall<T> {
        CompletableFuture<T> start() throws Exception;
    }

    private static <T> T call(String what, AsyncCall<T> call) {
        try {
            return call.start().get();
        } catch (StorageException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new StorageException(what, cause);
        } catch (Exception e) {
            throw new StorageException(what, e);
        }
    }
}
