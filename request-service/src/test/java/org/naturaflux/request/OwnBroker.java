package org.naturaflux.request;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.awaitility.core.ConditionTimeoutException;
import org.naturaflux.testkit.Eventually;

/**
 * A single-node Kafka (KRaft) of one test class, run as a separate process from the Maven test
 * classpath ({@code target/test-classpath.txt}, Kafka's own jars from Maven Central), so that a test
 * can stop it and start it again on the same port and data. Everything about it lives in its
 * directory ({@code broker.properties}, {@code broker.pid}, {@code broker.log}, {@code data/}); the
 * static methods take that directory, so any class loader can drive it.
 */
public final class OwnBroker {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private OwnBroker() {
    }

    /** Writes the configuration on two free ports and formats the storage; the bootstrap address. */
    public static String prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            int port = freePort();
            int controller = freePort();
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controller);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", dir.resolve("data").toString());
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "4");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "false");
            try (var out = Files.newBufferedWriter(dir.resolve("broker.properties"))) {
                props.store(out, "test broker");
            }
            run(dir, List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", dir.resolve("broker.properties").toString()));
            return bootstrap(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bootstrap address of a prepared broker. */
    public static String bootstrap(Path dir) {
        Properties props = properties(dir);
        return props.getProperty("advertised.listeners").substring("PLAINTEXT://".length());
    }

    /** Starts the broker and waits until it answers. */
    public static void start(Path dir) {
        try {
            List<String> command = java(dir, List.of("kafka.Kafka", dir.resolve("broker.properties").toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile())).start();
            Files.writeString(dir.resolve("broker.pid"), Long.toString(process.pid()));
            awaitReady(dir, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 30 s) and waits until its port is closed. */
    public static void stop(Path dir) {
        try {
            Path pidFile = dir.resolve("broker.pid");
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).ifPresent(handle -> {
                handle.destroy();
                try {
                    handle.onExit().get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                    handle.destroyForcibly();
                }
            });
            Files.delete(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitReady(Path dir, Process process) {
        String bootstrap = bootstrap(dir);
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        try {
            Eventually.within(READY_TIMEOUT, "the test broker ready").pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the test broker exited; see " + dir.resolve("broker.log"));
                }
                return accepts(port) && answers(bootstrap);
            });
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the test broker is not ready after " + READY_TIMEOUT.toSeconds() + " s; see "
                    + dir.resolve("broker.log"));
        }
    }

    private static boolean answers(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(Path dir, List<String> arguments) throws IOException {
        Process process = new ProcessBuilder(java(dir, arguments)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile())).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", arguments) + "' failed; see " + dir.resolve("broker.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<String> java(Path dir, List<String> arguments) throws IOException {
        Path classpathFile = Path.of("target", "test-classpath.txt").toAbsolutePath();
        if (!Files.exists(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: run the tests through Maven"
                    + " (the dependency plugin writes it in generate-test-resources)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-Dkafka.logs.dir=" + dir.resolve("logs"));
        command.add("-cp");
        command.add(Files.readString(classpathFile, StandardCharsets.UTF_8).strip());
        command.addAll(arguments);
        return command;
    }

    private static Properties properties(Path dir) {
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("broker.properties"))) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
