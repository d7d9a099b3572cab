package org.naturaflux.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.naturaflux.testkit.IsolatedBucketPrefix;
import org.naturaflux.testkit.TestStack;

/** URLs signed for the public endpoint, fetched from the stack's S3Proxy like a partner would. */
class PublicUrlSignerTest {

    private static final TestStack STACK = TestStack.fromEnvironment();

    private static StorageSettings settings(String publicEndpoint, String accessKey) {
        return new StorageSettings(STACK.s3Endpoint(), publicEndpoint, STACK.s3Region(), accessKey,
                STACK.s3SecretKey(), STACK.s3Bucket(), "", StorageSettings.DEFAULT_PART_SIZE);
    }

    @Test
    void aSignedUrlServesTheObjectOnThePublicEndpointUntilItsOwnExpiry() throws Exception {
        try (IsolatedBucketPrefix prefix = IsolatedBucketPrefix.create(PublicUrlSignerTest.class);
             ObjectStore store = new ObjectStore(settings(null, STACK.s3AccessKey()));
             PublicUrlSigner signer = new PublicUrlSigner(settings(STACK.s3PublicEndpoint(), STACK.s3AccessKey()))) {
            String key = prefix.key("fluxes/run/observations.csv");
            store.put(key, "a;b\n1;2\n".getBytes(StandardCharsets.UTF_8), "text/csv", Map.of());
            Instant before = Instant.now().minusSeconds(1);

            PublicUrlSigner.SignedGet signed = signer.signedGet(key, Duration.ofMinutes(15));

            assertThat(signed.url()).startsWith(STACK.s3PublicEndpoint() + "/" + STACK.s3Bucket() + "/");
            assertThat(signed.expiresAt()).isBetween(before.plus(Duration.ofMinutes(15)),
                    Instant.now().plus(Duration.ofMinutes(15)).plusSeconds(1));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(signed.url())).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("a;b\n1;2\n");

            HttpResponse<String> tampered = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(signed.url().replace("observations.csv", "other.csv"))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tampered.statusCode()).as("another key under the same signature").isEqualTo(403);
        }
    }

    @Test
    void s3AnswersTheSignedUrlWithTheFileNameItCarries() throws Exception {
        try (IsolatedBucketPrefix prefix = IsolatedBucketPrefix.create(PublicUrlSignerTest.class);
             ObjectStore store = new ObjectStore(settings(null, STACK.s3AccessKey()));
             PublicUrlSigner signer = new PublicUrlSigner(settings(STACK.s3PublicEndpoint(), STACK.s3AccessKey()))) {
            String key = prefix.key("fluxes/run/observations.csv");
            store.put(key, "a;b\n".getBytes(StandardCharsets.UTF_8), "text/csv", Map.of());

            String url = signer.signedGet(key, Duration.ofMinutes(5), "Réserve \"des\" Coteaux_3f2a1b4c_2026-12-07.csv").url();

            assertThat(url).contains("response-content-disposition=");
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("a;b\n");
            assertThat(response.headers().firstValue("Content-Disposition")).hasValue(
                    "attachment; filename=\"Reserve-des-Coteaux_3f2a1b4c_2026-12-07.csv\";"
                            + " filename*=UTF-8''R%C3%A9serve-des-Coteaux_3f2a1b4c_2026-12-07.csv");

            HttpResponse<String> renamed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    url.replace("filename%3D%22Reserve", "filename%3D%22Other"))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(renamed.statusCode()).as("the name is covered by the signature").isEqualTo(403);
        }
    }

    @Test
    void aTtlAboveSevenDaysIsCutToS3sLimit() {
        try (PublicUrlSigner signer = new PublicUrlSigner(settings(STACK.s3PublicEndpoint(), STACK.s3AccessKey()))) {
            Instant before = Instant.now().minusSeconds(1);

            PublicUrlSigner.SignedGet signed = signer.signedGet("fluxes/any/observations.csv", Duration.ofDays(30));

            assertThat(signed.url()).contains("X-Amz-Expires=604800");
            assertThat(signed.expiresAt()).isBetween(before.plus(Duration.ofDays(7)), Instant.now().plus(Duration.ofDays(7)));
        }
    }

    @Test
    void theExpiryIsReadFromTheUrlItself() {
        assertThat(PublicUrlSigner.expiryOf("http://s3/b/k?X-Amz-Date=20261207T010000Z&X-Amz-Expires=900&X-Amz-Signature=x"))
                .isEqualTo(Instant.parse("2026-12-07T01:15:00Z"));
        assertThatThrownBy(() -> PublicUrlSigner.expiryOf("http://s3/b/k?X-Amz-Expires=900"))
                .isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> PublicUrlSigner.expiryOf("http://s3/b/k?X-Amz-Date=yesterday&X-Amz-Expires=900"))
                .isInstanceOf(StorageException.class);
    }

    @Test
    void withoutCredentialsOrPublicEndpointNothingIsSigned() {
        try (PublicUrlSigner noKeys = new PublicUrlSigner(settings(STACK.s3PublicEndpoint(), null));
             PublicUrlSigner noEndpoint = new PublicUrlSigner(settings(null, STACK.s3AccessKey()))) {
            assertThat(noKeys.isConfigured()).isFalse();
            assertThat(noEndpoint.isConfigured()).isFalse();
            assertThatThrownBy(() -> noKeys.signedGet("k", Duration.ofMinutes(1))).isInstanceOf(StorageException.class);
            assertThatThrownBy(() -> noEndpoint.signedGet("k", Duration.ofMinutes(1))).isInstanceOf(StorageException.class);
        }
    }
}
