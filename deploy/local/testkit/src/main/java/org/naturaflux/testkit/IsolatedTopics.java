package org.naturaflux.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Kafka topics of one test class, with unique names ({@code <base>.<label>-<random>}), created with
 * the asked partition count and deleted on {@link #close()}.
 *
 * <p>Needs {@code org.apache.kafka:kafka-clients} on the test classpath (the testkit leaves it to the
 * modules that use Kafka).
 */
public final class IsolatedTopics implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String label;
    private final String bootstrapServers;
    private final Admin admin;
    private final List<String> created = new ArrayList<>();

    private IsolatedTopics(String label, String bootstrapServers) {
        this.label = UniqueNames.label(label, '-', 40);
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "testkit-" + this.label,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }

    /** Topics for the given test class, on the stack of this JVM's environment. */
    public static IsolatedTopics create(Class<?> testClass) {
        return create(TestStack.fromEnvironment(), testClass.getSimpleName());
    }

    public static IsolatedTopics create(TestStack stack, String label) {
        return new IsolatedTopics(label, stack.kafkaBootstrapServers());
    }

    /**
     * Creates a topic and waits until every partition has a leader.
     *
     * @param baseName e.g. {@code naturaflux.export-commands}
     * @return the unique topic name
     */
    public String create(String baseName, int partitions) {
        String name = baseName + "." + label + "-" + UniqueNames.suffix();
        NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty());
        await(admin.createTopics(List.of(topic)).all().toCompletionStage().toCompletableFuture(), "create topic " + name);
        created.add(name);
        awaitLeaders(name, partitions);
        return name;
    }

    /** The bootstrap servers, for the test's producers and consumers. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The admin client, open until {@link #close()}. */
    public Admin admin() {
        return admin;
    }

    /** Deletes the topics created here, then closes the admin client. */
    @Override
    public void close() {
        try {
            if (!created.isEmpty()) {
                await(admin.deleteTopics(created).all().toCompletionStage().toCompletableFuture(), "delete topics " + created);
                created.clear();
            }
        } finally {
            admin.close(Duration.ofSeconds(10));
        }
    }

    private void awaitLeaders(String name, int partitions) {
        try {
            Eventually.within(TIMEOUT, "the leaders of " + name).until(() -> {
                try {
                    TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames()
                            .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(name);
                    return description.partitions().size() == partitions
                            && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                } catch (ExecutionException e) {
                    return false; // Metadata not propagated yet: retry until the deadline.
                } catch (InterruptedException | TimeoutException e) {
                    throw failure("wait for the leaders of " + name, e);
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("topic " + name + " has no leader for all " + partitions
                    + " partitions after " + TIMEOUT.toSeconds() + " s");
        }
    }

    private void await(CompletableFuture<?> future, String action) {
        try {
            future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(action, e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw failure(action, e);
        }
    }

    private IllegalStateException failure(String action, Throwable cause) {
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException("cannot " + action + " on Kafka at " + bootstrapServers
                + " (" + TestStack.HINT + ")", cause);
    }
}
