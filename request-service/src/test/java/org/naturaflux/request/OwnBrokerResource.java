package org.naturaflux.request;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.naturaflux.testkit.TestStack;

/**
 * {@link StackResource} with a Kafka broker of the class's own ({@link OwnBroker}), which the test may
 * stop and start; its directory is the configuration property {@link #BROKER_DIR}.
 */
public class OwnBrokerResource extends StackResource {

    /** The directory of the class's broker (a test-only property). */
    public static final String BROKER_DIR = "naturaflux.test.broker-dir";

    private Path dir;
    private String bootstrap;

    @Override
    protected TestStack stack() {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        return TestStack.of(variables);
    }

    @Override
    public Map<String, String> start() {
        dir = Path.of("target", "test-brokers", UUID.randomUUID().toString()).toAbsolutePath();
        bootstrap = OwnBroker.prepare(dir);
        OwnBroker.start(dir);
        Map<String, String> config = new HashMap<>(super.start());
        config.put(BROKER_DIR, dir.toString());
        return config;
    }

    @Override
    public void stop() {
        try {
            super.stop();
        } finally {
            OwnBroker.stop(dir);
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // only disk space of a test run under target/
        }
    }
}
