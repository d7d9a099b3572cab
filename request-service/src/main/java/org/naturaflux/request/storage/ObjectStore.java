package org.naturaflux.request.storage;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.http.Method;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.naturaflux.request.config.StorageConfig;

/**
 * The bucket, through two MinIO clients: one on the public endpoint, only to sign download URLs (the
 * signature covers the host, so it must be signed for the host partners reach; signing needs no call
 * to the server since the region is configured), one on the internal endpoint to delete files.
 */
@ApplicationScoped
public class ObjectStore {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final StorageConfig config;
    private final MinioClient signer;
    private final MinioClient internal;

    ObjectStore(StorageConfig config) {
        this.config = config;
        if (config.accessKey().isEmpty() || config.secretKey().isEmpty()) {
            LOG.warn("no S3 credentials configured (NATURAFLUX_S3_ACCESS_KEY/SECRET_KEY): downloads and retention disabled");
            this.signer = null;
            this.internal = null;
        } else {
            this.signer = client(config.publicEndpoint());
            this.internal = client(config.endpoint());
        }
    }

    private MinioClient client(String endpoint) {
        return MinioClient.builder().endpoint(endpoint).region(config.region())
                .credentials(config.accessKey().get(), config.secretKey().get()).build();
    }

    /** Whether credentials are configured. */
    public boolean isConfigured() {
        return signer != null;
    }

    /**
     * A presigned GET URL of an object on the public endpoint, valid for {@code ttl} in whole seconds, at
     * least one and at most S3's limit of seven days (a longer TTL is cut to it).
     *
     * @return the URL and when it really expires: its signing time plus its validity, both read back from
     *         the URL's own {@code X-Amz-Date} and {@code X-Amz-Expires}, the values S3 enforces
     * @throws StorageException when it cannot be signed
     */
    public SignedGet signedGetUrl(String key, Duration ttl) {
        requireConfigured();
        int seconds = (int) Math.max(1, Math.min(ttl.toSeconds(), GetPresignedObjectUrlArgs.DEFAULT_EXPIRY_TIME));
        String url;
        try {
            url = signer.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET).bucket(config.bucket()).object(key).expiry(seconds).build());
        } catch (Exception e) {
            throw new StorageException("cannot sign a URL for " + key + ": " + e.getMessage(), e);
        }
        return new SignedGet(url, expiryOf(url));
    }

    /** When a presigned URL stops working, from its {@code X-Amz-Date} and {@code X-Amz-Expires}. */
    static Instant expiryOf(String url) {
        String signedAt = null;
        String validFor = null;
        String query = URI.create(url).getRawQuery();
        for (String parameter : query == null ? new String[0] : query.split("&")) {
            int eq = parameter.indexOf('=');
            String name = eq < 0 ? parameter : parameter.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
            if (name.equals("X-Amz-Date")) {
                signedAt = value;
            } else if (name.equals("X-Amz-Expires")) {
                validFor = value;
            }
        }
        if (signedAt == null || validFor == null) {
            throw new StorageException("a presigned URL without X-Amz-Date or X-Amz-Expires");
        }
        try {
            return AMZ_DATE.parse(signedAt, Instant::from).plusSeconds(Long.parseLong(validFor));
        } catch (RuntimeException e) {
            throw new StorageException("a presigned URL with an unreadable X-Amz-Date or X-Amz-Expires", e);
        }
    }

    /**
     * @param url       the presigned URL on the public endpoint
     * @param expiresAt when S3 stops accepting it
     */
    public record SignedGet(String url, Instant expiresAt) {
    }

    /**
     * Deletes objects (blocking: call off the event loop). Deleting an absent object is not an error.
     *
     * @throws StorageException when the storage refuses or cannot be reached
     */
    public void delete(List<String> keys) {
        requireConfigured();
        if (keys.isEmpty()) {
            return;
        }
        List<DeleteObject> objects = keys.stream().map(DeleteObject::new).toList();
        List<String> failed = new ArrayList<>();
        try {
            for (Result<DeleteError> result : internal.removeObjects(RemoveObjectsArgs.builder()
                    .bucket(config.bucket()).objects(objects).build())) {
                DeleteError error = result.get();
                if (!"NoSuchKey".equals(error.code())) {
                    failed.add(error.objectName() + ": " + error.message());
                }
            }
        } catch (Exception e) {
            throw new StorageException("cannot delete " + keys.size() + " object(s): " + e.getMessage(), e);
        }
        if (!failed.isEmpty()) {
            throw new StorageException("cannot delete " + failed);
        }
    }

    /**
     * The keys of the objects under a prefix (blocking: call off the event loop).
     *
     * @throws StorageException when the storage refuses or cannot be reached
     */
    public List<String> list(String prefix) {
        requireConfigured();
        List<String> keys = new ArrayList<>();
        try {
            for (Result<io.minio.messages.Item> result : internal.listObjects(io.minio.ListObjectsArgs.builder()
                    .bucket(config.bucket()).prefix(prefix).recursive(true).build())) {
                keys.add(result.get().objectName());
            }
        } catch (Exception e) {
            throw new StorageException("cannot list " + prefix + ": " + e.getMessage(), e);
        }
        return keys;
    }

    private void requireConfigured() {
        if (signer == null) {
            throw new StorageException("object storage credentials are not configured");
        }
    }

    @PreDestroy
    void close() throws Exception {
        if (signer != null) {
            signer.close();
            internal.close();
        }
    }
}
