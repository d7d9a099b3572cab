package org.naturaflux.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What a service's Kafka consumer group has done, seen from outside through the admin client.
 *
 * <p>Needs {@code org.apache.kafka:kafka-clients} on the test classpath.
 */
public final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /**
     * Waits until {@code group} has a committed offset on every partition of {@code topic}: its position
     * there is then fixed, and a record written afterwards is read by it. A consumer that starts from
     * the end of a topic ({@code auto.offset.reset=latest}) and commits only what it processed has no
     * position anyone can see until it processed a record: {@code nudge} writes one (a record it must
     * process and may ignore) and is called again every {@code nudgeEvery} while no offset is committed,
     * since a record written before the consumer's first fetch is skipped.
     */
    public static void awaitCommittedPositions(Admin admin, String group, String topic, Duration timeout,
            Duration nudgeEvery, Runnable nudge) {
        long[] nextNudge = {0};
        Eventually.within(timeout, "consumer group " + group + " committed a position on every partition of " + topic)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (committedOnEveryPartition(admin, group, topic)) {
                        return true;
                    }
                    if (System.nanoTime() >= nextNudge[0]) {
                        nudge.run();
                        nextNudge[0] = System.nanoTime() + nudgeEvery.toNanos();
                    }
                    return false;
                });
    }

    /** Whether {@code group} has a committed offset on every partition of {@code topic}. */
    public static boolean committedOnEveryPartition(Admin admin, String group, String topic)
            throws InterruptedException, ExecutionException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Set<Integer> withOffset = committed.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .map(e -> e.getKey().partition()).collect(Collectors.toSet());
        return withOffset.size() == partitions;
    }
}
