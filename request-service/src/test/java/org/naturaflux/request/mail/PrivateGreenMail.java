package org.naturaflux.request.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.naturaflux.request.MailBox;
import org.naturaflux.testkit.Eventually;

/**
 * A GreenMail of the test's own (the stack's SMTP server must never be stopped: other runs use it), on
 * ports chosen before it starts, so that a service can be pointed at an SMTP server that is down and
 * then comes up. Run from the jar {@code deploy/local} resolves for its own server
 * ({@code NATURAFLUX_GREENMAIL_JAR}, default {@code deploy/local/.run/lib/smtp/greenmail-standalone-*.jar}).
 */
final class PrivateGreenMail implements AutoCloseable {

    private final int smtpPort;
    private final int apiPort;
    private Process process;

    PrivateGreenMail() {
        this.smtpPort = freePort();
        this.apiPort = freePort();
    }

    int smtpPort() {
        return smtpPort;
    }

    MailBox box() {
        return new MailBox("http://127.0.0.1:" + apiPort);
    }

    /** Starts it and waits until its API answers. */
    void start() {
        Path log = Path.of("target", "service-logs", "greenmail-" + smtpPort + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(List.of(java, "-Xmx96m",
                    "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + smtpPort,
                    "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + apiPort,
                    "-Dgreenmail.auth.disabled", "-jar", jar().toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start GreenMail (log " + log + ")", e);
        }
        MailBox box = box();
        Eventually.within(Duration.ofSeconds(60), "GreenMail ready on " + apiPort).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("GreenMail exited; log " + log);
            }
            return box.ready();
        });
    }

    private static Path jar() throws IOException {
        String given = System.getenv("NATURAFLUX_GREENMAIL_JAR");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path dir = Path.of("..", "deploy", "local", ".run", "lib", "smtp").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("greenmail-standalone-")).findFirst()
                    .orElseThrow(() -> new IOException("no greenmail-standalone jar in " + dir + ": run deploy/local/up"));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
