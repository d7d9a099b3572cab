package org.naturaflux.storage;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Download URLs signed for the public endpoint: the signature covers the host, so a URL must be signed
 * for the host partners reach, which may differ from the one the services reach. Signing needs no call
 * to the server (the region is configured). Not configured without credentials or without a public
 * endpoint: then {@link #signedGet} fails.
 */
public final class PublicUrlSigner implements AutoCloseable {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final MinioClient signer;
    private final String bucket;

    public PublicUrlSigner(StorageSettings settings) {
        this.signer = settings.hasCredentials() && settings.publicEndpoint() != null
                ? MinioClient.builder().endpoint(settings.publicEndpoint()).region(settings.region())
                        .credentials(settings.accessKey(), settings.secretKey()).build()
                : null;
        this.bucket = settings.bucket();
    }

    /** Whether URLs can be signed (credentials and a public endpoint configured). */
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
    public SignedGet signedGet(String key, Duration ttl) {
        return signedGet(key, ttl, null);
    }

    /**
     * As {@link #signedGet(String, Duration)}, the URL also carrying {@code response-content-disposition}
     * (covered by the signature): S3 answers it with {@code Content-Disposition: attachment} and the file
     * name {@link ContentDisposition#attachment} makes of {@code fileName}, so a browser or
     * {@code curl -OJ} saves the file under that name rather than the key's last segment.
     *
     * @param fileName the name to save the file under, or null for none (S3's default)
     */
    public SignedGet signedGet(String key, Duration ttl, String fileName) {
        if (signer == null) {
            throw new StorageException("object storage credentials or public endpoint are not configured");
        }
        int seconds = (int) Math.max(1, Math.min(ttl.toSeconds(), GetPresignedObjectUrlArgs.DEFAULT_EXPIRY_TIME));
        String url;
        try {
            GetPresignedObjectUrlArgs.Builder args = GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET).bucket(bucket).object(key).expiry(seconds);
            if (fileName != null) {
                args.extraQueryParams(Map.of("response-content-disposition", ContentDisposition.attachment(fileName)));
            }
            url = signer.getPresignedObjectUrl(args.build());
        } catch (Exception e) {
            throw new StorageException("sign a URL for " + key, e);
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
            throw new StorageException("read the expiry of a presigned URL (X-Amz-Date or X-Amz-Expires)", e);
        }
    }

    /**
     * @param url       the presigned URL on the public endpoint
     * @param expiresAt when S3 stops accepting it
     */
    public record SignedGet(String url, Instant expiresAt) {
    }

    /** Releases the client's threads and connections. */
    @Override
    public void close() {
        if (signer == null) {
            return;
        }
        try {
            signer.close();
        } catch (Exception e) {
            // Only releases the HTTP client's threads and connections.
        }
    }
}
