package org.naturaflux.worker.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.naturaflux.model.message.Topics;
import org.naturaflux.testkit.IsolatedBucketPrefix;
import org.naturaflux.testkit.IsolatedTopics;
import org.naturaflux.testkit.TestStack;

/**
 * Gives the in-JVM worker of {@code @QuarkusTest}s its own command, event and dead-letter topics, its own
 * consumer group and its own key prefix in the stack's bucket, so that it never meets the stack's
 * running workers nor another test run. Everything is deleted when the tests end.
 */
public class IsolatedWorkerResources implements QuarkusTestResourceLifecycleManager {

    private IsolatedTopics topics;
    private IsolatedBucketPrefix prefix;

    @Override
    public Map<String, String> start() {
        TestStack stack = TestStack.fromEnvironment();
        topics = IsolatedTopics.create(stack, "export-worker-test");
        prefix = IsolatedBucketPrefix.create(stack, "export-worker-test");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.messaging.incoming.export-commands.topic", topics.create(Topics.EXPORT_COMMANDS, 4));
        config.put("mp.messaging.outgoing.export-events.topic", topics.create(Topics.EXPORT_EVENTS, 2));
        config.put("mp.messaging.incoming.export-commands.dead-letter-queue.topic", topics.create(Topics.EXPORT_COMMANDS_DLQ, 1));
        config.put("mp.messaging.incoming.export-commands.group.id", "export-worker-test-" + UUID.randomUUID());
        config.put("naturaflux.s3.key-prefix", prefix.prefix());
        config.put("naturaflux.worker.id", "quarkus-test-worker");
        config.put("naturaflux.retry.initial-backoff", "200ms");
        config.put("naturaflux.retry.max-attempts", "2");
        return config;
    }

    @Override
    public void stop() {
        try {
            if (prefix != null) {
                prefix.close();
            }
        } finally {
            if (topics != null) {
                topics.close();
            }
        }
    }
}
