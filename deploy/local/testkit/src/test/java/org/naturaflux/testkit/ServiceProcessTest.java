package org.naturaflux.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs a stand-in service (a tiny HTTP server built here: an API port, and health on the management port)
 * through the same life cycle as a real one.
 */
class ServiceProcessTest {

    /** Ready after READY_AFTER_MS; reports a graceful shutdown in its log; never ready when NEVER_READY is set. */
    private static final String FAKE_SERVICE = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;

            public class FakeService {
                public static void main(String[] args) throws Exception {
                    long readyAt = System.currentTimeMillis() + Long.parseLong(System.getenv("READY_AFTER_MS"));
                    boolean never = System.getenv("NEVER_READY") != null;
                    HttpServer api = HttpServer.create(new InetSocketAddress(System.getenv("QUARKUS_HTTP_HOST"),
                            Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"))), 0);
                    api.start();
                    HttpServer server = HttpServer.create(new InetSocketAddress(System.getenv("QUARKUS_MANAGEMENT_HOST"),
                            Integer.parseInt(System.getenv("QUARKUS_MANAGEMENT_PORT"))), 0);
                    server.createContext("/q/health/ready", exchange -> {
                        boolean up = !never && System.currentTimeMillis() >= readyAt;
                        byte[] body = ("{\\"status\\": \\"" + (up ? "UP" : "DOWN") + "\\"}").getBytes();
                        exchange.sendResponseHeaders(up ? 200 : 503, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("graceful shutdown")));
                    server.start();
                    System.out.println("listening");
                }
            }
            """;

    private static Path jar;

    @BeforeAll
    static void buildFakeService() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "fake-service").toAbsolutePath());
        Path source = Files.writeString(dir.resolve("FakeService.java"), FAKE_SERVICE);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, "-d", dir.toString(), source.toString())).isZero();

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "FakeService");
        jar = dir.resolve("fake-service.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            try (DirectoryStream<Path> classes = Files.newDirectoryStream(dir, "*.class")) {
                for (Path compiled : classes) {
                    out.putNextEntry(new JarEntry(compiled.getFileName().toString()));
                    Files.copy(compiled, (OutputStream) out);
                    out.closeEntry();
                }
            }
        }
    }

    @Test
    void startsWaitsForReadinessAndStopsGracefully() throws IOException {
        ServiceProcess service = ServiceProcess.forJar("fake", jar).env("READY_AFTER_MS", "1500").heap("64m").start();

        assertThat(service.isReady()).isTrue();
        assertThat(service.pid()).isPositive();
        assertThat(ProcessHandle.of(service.pid())).isPresent();
        assertThat(service.baseUrl()).isEqualTo("http://127.0.0.1:" + service.port());
        assertThat(service.managementUrl()).isEqualTo("http://127.0.0.1:" + service.managementPort());
        assertThat(service.managementPort()).isNotEqualTo(service.port());

        assertThat(service.stop()).isEqualTo(143);
        assertThat(service.isAlive()).isFalse();
        assertThat(Files.readString(service.logFile())).contains("listening", "graceful shutdown");
    }

    @Test
    void killEndsTheProcessWithoutShutdown() throws IOException {
        try (ServiceProcess service = ServiceProcess.forJar("fake-killed", jar).env("READY_AFTER_MS", "0").heap("64m").start()) {
            assertThat(service.kill()).isEqualTo(137);
            assertThat(service.isAlive()).isFalse();
            assertThat(Files.readString(service.logFile())).doesNotContain("graceful shutdown");
        }
    }

    @Test
    void neverReadyFailsWithTheLogAndLeavesNoProcess() {
        ServiceProcess.Builder builder = ServiceProcess.forJar("fake-stuck", jar)
                .env("READY_AFTER_MS", "0").env("NEVER_READY", "1").heap("64m").readyTimeout(Duration.ofSeconds(3));

        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fake-stuck not ready")
                .hasMessageContaining("listening");
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(jar.toString())).orElse(false))
                .filter(ProcessHandle::isAlive))
                .isEmpty();
    }

    @Test
    void aMissingJarSaysToPackageTheService() {
        assertThatThrownBy(() -> ServiceProcess.forJar("absent", Path.of("target", "nothing.jar")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("package the service first");
    }

    @Test
    void findsTheRepositoryRoot() {
        assertThat(ServiceProcess.repositoryRoot().resolve("deploy/local/testkit/pom.xml")).exists();
    }
}
