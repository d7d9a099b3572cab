package org.naturaflux.request;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.naturaflux.model.message.Topics;
import org.naturaflux.testkit.IsolatedBucketPrefix;
import org.naturaflux.testkit.IsolatedDatabase;
import org.naturaflux.testkit.IsolatedTopics;
import org.naturaflux.testkit.TestStack;

/**
 * Gives a test class its own world on the real stack: a fresh service database (the application's
 * migrations create the schema), its own command and event topics, its own key prefix in the bucket,
 * its own admin token; the shared read-only {@link SourceDatabase}. Short scheduler periods. Init
 * arguments are more configuration overrides (e.g. a tiny URL TTL); {@code label} names the resources.
 *
 * <p>Tests read what they need through the configuration ({@code @ConfigProperty}): the admin token
 * ({@code naturaflux.auth.admin-token}), the topics, the database URL, and {@link #BUCKET_PREFIX}.
 */
public class StackResource implements QuarkusTestResourceLifecycleManager {

    /** The key prefix of the class in the bucket (a test-only property). */
    public static final String BUCKET_PREFIX = "naturaflux.test.bucket-prefix";

    private final Map<String, String> extra = new HashMap<>();
    private String label = "request-service";
    private IsolatedDatabase database;
    private IsolatedTopics topics;
    private IsolatedBucketPrefix prefix;

    @Override
    public void init(Map<String, String> initArgs) {
        extra.putAll(initArgs);
        String named = extra.remove("label");
        if (named != null) {
            label = named;
        }
    }

    /** The stack this class runs against (subclasses may swap a component). */
    protected TestStack stack() {
        return TestStack.fromEnvironment();
    }

    @Override
    public Map<String, String> start() {
        TestStack stack = stack();
        IsolatedDatabase source = SourceDatabase.get();
        database = IsolatedDatabase.create(stack, label);
        topics = IsolatedTopics.create(stack, label);
        prefix = IsolatedBucketPrefix.create(stack, label);
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.reactive.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.user());
        config.put("quarkus.datasource.password", database.password());
        config.put("quarkus.datasource.source.jdbc.url", source.jdbcUrl());
        config.put("quarkus.datasource.source.username", stack.sourceDbUser());
        config.put("quarkus.datasource.source.password", stack.sourceDbPassword());
        config.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        config.put("naturaflux.topics.commands", topics.create(Topics.EXPORT_COMMANDS, 4));
        config.put("mp.messaging.incoming.export-events.topic", topics.create(Topics.EXPORT_EVENTS, 4));
        config.put("naturaflux.s3.endpoint", stack.s3Endpoint());
        config.put("naturaflux.s3.public-endpoint", stack.s3PublicEndpoint());
        config.put("naturaflux.s3.region", stack.s3Region());
        config.put("naturaflux.s3.access-key", stack.s3AccessKey());
        config.put("naturaflux.s3.secret-key", stack.s3SecretKey());
        config.put("naturaflux.s3.bucket", stack.s3Bucket());
        config.put(BUCKET_PREFIX, prefix.prefix());
        config.put("naturaflux.s3.key-prefix", prefix.prefix());
        config.put("naturaflux.auth.admin-token", "test-admin-" + HexFormat.of().formatHex(secret));
        config.put("naturaflux.scheduler.interval", "1s");
        config.put("naturaflux.scheduler.initial-delay", "1s");
        config.put("naturaflux.outbox.interval", "PT0.3S");
        config.put("naturaflux.runs.stale-check-interval", "1s");
        config.put("naturaflux.retention.interval", "1s");
        // Change capture follows the stack's real source database: off unless a class asks for it, and
        // then in a consumer group of its own.
        config.put("naturaflux.changes.enabled", "false");
        String changesGroup = "request-service-changes-" + label + "-" + HexFormat.of().formatHex(secret, 0, 4);
        config.put("mp.messaging.incoming.source-changes.group.id", changesGroup);
        config.put("mp.messaging.incoming.area-changes.group.id", changesGroup);
        config.put("naturaflux.changes.check-interval", "1s");
        // Tests submit and fail authentication faster than any partner: the limits get their own classes.
        config.put("naturaflux.limits.submissions-per-minute", "100000");
        config.put("naturaflux.limits.max-pending-requests", "100000");
        config.put("naturaflux.limits.auth-failures", "100000");
        config.putAll(extra);
        return config;
    }

    @Override
    public void stop() {
        try (IsolatedDatabase db = database; IsolatedTopics t = topics; IsolatedBucketPrefix p = prefix) {
            // closed in reverse order: objects, topics, database
        }
    }
}
