package org.naturaflux.testkit;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An S3Proxy of the test's own (filesystem backend in a temporary directory, one bucket), on a fixed free
 * port, that the test may kill and start again on the same port and files: the shared stack's S3 server
 * must never be stopped, since other test runs use it.
 *
 * <p>Run from the classpath that {@code deploy/local} resolves for its own S3Proxy
 * ({@code NATURAFLUX_S3PROXY_LIB}, default {@code deploy/local/.run/lib/s3proxy}; {@code deploy/local/test}
 * resolves it), configured as {@code deploy/local/lib.sh} configures the stack's (signed requests only,
 * path style). Log in {@code target/service-logs/s3proxy-<port>.log}. Needs {@code io.minio:minio}.
 */
public final class PrivateS3Proxy implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path directory;
    private final Path logFile;
    private final int port;
    private final String accessKey = "s3-" + UniqueNames.suffix();
    private final String secretKey = "s3-" + UniqueNames.suffix() + UniqueNames.suffix();
    private final String region;
    private final String bucket = "naturaflux";
    private Process process;
    private boolean closed;

    private PrivateS3Proxy(Path directory, int port, String region) throws IOException {
        this.directory = directory;
        this.port = port;
        this.region = region;
        this.logFile = Files.createDirectories(Path.of("target", "service-logs").toAbsolutePath())
                .resolve("s3proxy-" + port + ".log");
    }

    /** Starts a proxy on a free port and creates its bucket. */
    public static PrivateS3Proxy start(String label) {
        PrivateS3Proxy proxy;
        try {
            Path directory = Files.createTempDirectory("nf-s3-" + UniqueNames.label(label, '-', 30) + "-");
            Files.createDirectories(directory.resolve("data"));
            proxy = new PrivateS3Proxy(directory, ServiceProcess.Builder.freePort(),
                    System.getenv().getOrDefault("NATURAFLUX_S3_REGION", "us-east-1"));
            proxy.writeConfiguration();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a private S3Proxy", e);
        }
        try {
            proxy.start();
            try (MinioClient client = proxy.client()) {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(proxy.bucket).build())) {
                    client.makeBucket(MakeBucketArgs.builder().bucket(proxy.bucket).build());
                }
            }
            return proxy;
        } catch (Exception e) {
            proxy.close();
            throw new IllegalStateException("cannot start a private S3Proxy" + proxy.logTail(), e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The variables of {@link TestStack} that point at this proxy ({@code NATURAFLUX_S3_*}). */
    public Map<String, String> variables() {
        Map<String, String> variables = new HashMap<>();
        variables.put("NATURAFLUX_S3_ENDPOINT", endpoint());
        variables.put("NATURAFLUX_S3_PUBLIC_ENDPOINT", endpoint());
        variables.put("NATURAFLUX_S3_REGION", region);
        variables.put("NATURAFLUX_S3_ACCESS_KEY", accessKey);
        variables.put("NATURAFLUX_S3_SECRET_KEY", secretKey);
        variables.put("NATURAFLUX_S3_BUCKET", bucket);
        return variables;
    }

    /** A new client of this proxy; the caller closes it. */
    public MinioClient client() {
        return MinioClient.builder().endpoint(endpoint()).region(region).credentials(accessKey, secretKey).build();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the proxy (again) on its port and files, and waits until it answers HTTP. */
    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException("S3Proxy on port " + port + " is already running");
        }
        Path lib = Path.of(System.getenv().getOrDefault("NATURAFLUX_S3PROXY_LIB",
                ServiceProcess.repositoryRoot().resolve("deploy/local/.run/lib/s3proxy").toString()));
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " not found: deploy/local/test (or deploy/local/stack-up) resolves"
                    + " S3Proxy's classpath there; or set NATURAFLUX_S3PROXY_LIB");
        }
        discardTornParts();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-Djava.awt.headless=true", "-Dlogback.configurationFile=" + directory.resolve("logback.xml"),
                "-cp", lib + "/*", "org.gaul.s3proxy.Main", "--properties", directory.resolve("s3proxy.properties").toString());
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy from " + lib, e);
        }
        try {
            Eventually.within(READY_TIMEOUT, "S3Proxy answering on port " + port).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("S3Proxy exited with status " + process.exitValue() + logTail());
                }
                return answers();
            });
        } catch (ConditionTimeoutException e) {
            kill();
            throw new IllegalStateException("S3Proxy not answering on port " + port + logTail());
        }
    }

    /**
     * The crash recovery S3Proxy's filesystem store lacks. It writes an uploaded part's bytes, then its
     * extended attributes ({@code user.content-md5}...); a part torn by a kill has none, and every later listing
     * of the bucket then answers 500 ("Unable to get size of extended attribute"). A real S3 server never keeps a
     * part whose upload was not answered; neither does this one: such files under the multipart staging folders
     * ({@code .mpus-*}) are deleted before it starts again, as if the torn request had never arrived.
     */
    private void discardTornParts() {
        Path data = directory.resolve("data");
        if (!Files.isDirectory(data)) {
            return;
        }
        try (Stream<Path> files = Files.walk(data)) {
            // parts only: the upload's "-stub" is S3Proxy's own record of it, which its abort needs
            for (Path file : files.filter(Files::isRegularFile).filter(f -> data.relativize(f).toString().contains(".mpus-"))
                    .filter(f -> !f.getFileName().toString().endsWith("-stub")).toList()) {
                UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
                if (view != null && !view.list().contains("content-md5")) {
                    Files.delete(file);
                    System.err.println("PrivateS3Proxy: discarded the part torn by the kill: " + data.relativize(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for torn parts under " + data, e);
        }
    }

    /** Where the filesystem store keeps the buckets (one folder per bucket). */
    Path dataDirectory() {
        return directory.resolve("data");
    }

    /** SIGKILL, as a crash; returns once the process is gone (its port is then refused). */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("S3Proxy " + process.pid() + " survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing S3Proxy", e);
        }
    }

    /** Kills the proxy and deletes its files. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        kill();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    /** Any HTTP answer (S3Proxy refuses an unsigned request with 403): the server is listening. */
    private boolean answers() {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void writeConfiguration() throws IOException {
        Files.writeString(directory.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=" + endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + accessKey,
                "s3proxy.credential=" + secretKey,
                "jclouds.provider=filesystem-nio2",
                "jclouds.identity=local",
                "jclouds.credential=local",
                "jclouds.region=" + region,
                "jclouds.filesystem.basedir=" + directory.resolve("data"),
                ""));
        Files.writeString(directory.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return "; last lines of " + logFile + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
