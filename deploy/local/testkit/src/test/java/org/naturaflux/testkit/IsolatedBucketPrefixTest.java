package org.naturaflux.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.http.Method;
import org.junit.jupiter.api.Test;

class IsolatedBucketPrefixTest {

    private final TestStack stack = TestStack.fromEnvironment();

    @Test
    void objectsUnderThePrefixAreServedAndDeletedOnClose() throws Exception {
        String prefix;
        try (IsolatedBucketPrefix storage = IsolatedBucketPrefix.create(IsolatedBucketPrefixTest.class)) {
            prefix = storage.prefix();
            assertThat(prefix).matches("tests/isolatedbucketprefixtest-[0-9a-f]{8}/");
            byte[] content = "id;name\n1;Lynx\n".getBytes(StandardCharsets.UTF_8);
            for (String name : new String[] {"a.csv", "runs/1/b.csv"}) {
                storage.client().putObject(PutObjectArgs.builder().bucket(storage.bucket()).object(storage.key(name))
                        .stream(new ByteArrayInputStream(content), content.length, -1).contentType("text/csv").build());
            }

            String url = storage.client().getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET).bucket(storage.bucket()).object(storage.key("a.csv")).expiry(60).build());
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("id;name\n1;Lynx\n");
        }

        try (MinioClient client = MinioClient.builder().endpoint(stack.s3Endpoint()).region(stack.s3Region())
                .credentials(stack.s3AccessKey(), stack.s3SecretKey()).build()) {
            assertThat(client.listObjects(ListObjectsArgs.builder().bucket(stack.s3Bucket()).prefix(prefix).recursive(true).build()))
                    .isEmpty();
        }
    }
}
