package org.naturaflux.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

/**
 * A packaged Quarkus service run as a separate process, for the tests that need two instances or must
 * kill one ({@code @QuarkusTest} runs one application inside the test JVM).
 *
 * <p>The process inherits this JVM's environment (the stack's variables), plus the overrides given,
 * listens on 127.0.0.1 at the given (or a free) port, serves its management interface (health,
 * metrics) on another free port, and logs (plain text unless {@code NATURAFLUX_LOG_JSON} is given as
 * {@code true}) to {@code target/service-logs/<name>-<port>.log} of the current module. {@link Builder#start()} returns once {@code /q/health/ready} (management port)
 * answers UP. The jar is built by the {@code package} phase: tests that
 * use this class are integration tests (failsafe, {@code *IT}), run after it.
 *
 * <pre>{@code
 * try (ServiceProcess worker = ServiceProcess.forModule("export-worker").env("X", "y").start()) {
 *     worker.kill();   // SIGKILL, as a crash
 * }
 * }</pre>
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final int managementPort;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(String name, int port, int managementPort, Path logFile, Process process) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.logFile = logFile;
        this.process = process;
    }

    /** The service of a module of this repository: {@code <module>/target/quarkus-app/quarkus-run.jar}. */
    public static Builder forModule(String module) {
        return new Builder(module, repositoryRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar"));
    }

    /** Any executable jar serving {@code /q/health/ready} on {@code QUARKUS_MANAGEMENT_PORT}. */
    public static Builder forJar(String name, Path jar) {
        return new Builder(name, jar);
    }

    /** The repository root: the nearest directory, from the working directory up, holding {@code mvnw}. */
    public static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no mvnw in " + start + " or above: not inside the repository");
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface's port: health, metrics. */
    public int managementPort() {
        return managementPort;
    }

    /** {@code http://127.0.0.1:<management port>} */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True when {@code /q/health/ready} answers 200 (UP) on the management port. */
    public boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until the service is ready.
     *
     * @throws IllegalStateException when the process exits or the timeout elapses (the process is then
     *         killed), with the end of its log
     */
    public void awaitReady(Duration timeout) {
        try {
            Eventually.within(timeout, name + " ready").pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with status " + process.exitValue()
                            + " before being ready" + logTail());
                }
                return isReady();
            });
        } catch (ConditionTimeoutException e) {
            kill();
            throw new IllegalStateException(name + " not ready on port " + port + " after "
                    + timeout.toSeconds() + " s" + logTail());
        }
    }

    /** SIGTERM (graceful shutdown), waits up to 30 s, then SIGKILL. Returns the exit status. */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                return kill();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return kill();
        }
    }

    /** SIGKILL, as a crash; waits for the process to be gone. Returns the exit status. */
    public int kill() {
        process.destroyForcibly();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
    }

    /** Stops the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", " + baseUrl() + ")";
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return "; last lines of " + logFile + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "; log " + logFile + " unreadable: " + e.getMessage();
        }
    }

    /** What to run, and how. */
    public static final class Builder {

        private final Path jar;
        private String name;
        private int port;
        private String heap = "256m";
        private Duration readyTimeout = Duration.ofSeconds(180);
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> jvmArguments = new ArrayList<>();

        private Builder(String name, Path jar) {
            this.name = name;
            this.jar = jar;
            environment.put("NATURAFLUX_LOG_JSON", "false");
        }

        /** The name in logs and messages (default: the module). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The HTTP port (default: a free one). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** An environment variable, over the inherited environment. */
        public Builder env(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** Maximum heap, e.g. {@code 256m} (the default). */
        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        /** An extra JVM argument, e.g. {@code -Dquarkus.log.level=DEBUG}. */
        public Builder jvmArgument(String argument) {
            jvmArguments.add(argument);
            return this;
        }

        /** How long {@link #start()} waits for readiness (default 180 s: two test lanes share the machine). */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        /** Starts the process and waits until it is ready. */
        public ServiceProcess start() {
            ServiceProcess service = spawn();
            service.awaitReady(readyTimeout);
            return service;
        }

        /** Starts the process without waiting for readiness (to watch a service that must not get ready). */
        public ServiceProcess spawn() {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " does not exist: package the service first"
                        + " (./mvnw -pl <module> -am package), or run this test in the integration-test phase");
            }
            int actualPort = port > 0 ? port : freePort();
            int managementPort = freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + heap);
            command.addAll(jvmArguments);
            command.add("-jar");
            command.add(jar.toString());
            try {
                Path logDir = Files.createDirectories(Path.of("target", "service-logs").toAbsolutePath());
                Path logFile = logDir.resolve(name + "-" + actualPort + ".log");
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(jar.getParent().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
                builder.environment().putAll(environment);
                builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
                builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(actualPort));
                builder.environment().put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
                builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
                return new ServiceProcess(name, actualPort, managementPort, logFile, builder.start());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name + " from " + jar, e);
            }
        }

        /** A port free on 127.0.0.1 now (also used by the testkit's private servers). */
        static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on 127.0.0.1", e);
            }
        }
    }
}
