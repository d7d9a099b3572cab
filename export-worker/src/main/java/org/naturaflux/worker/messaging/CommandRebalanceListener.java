package org.naturaflux.worker.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.naturaflux.worker.service.ExportExecutor;

/**
 * Gives back the exports of partitions this worker loses in a rebalance (a replica joined or left).
 * Their offsets can no longer be committed here and their new owner receives the same commands again:
 * finishing them here would only race the new owner. The cancelled exports clean their staging; the
 * cooperative-sticky assignor keeps such moves to the partitions that must move.
 */
@ApplicationScoped
@Identifier(CommandRebalanceListener.NAME)
public class CommandRebalanceListener implements KafkaConsumerRebalanceListener {

    /** The name the command channel's {@code consumer-rebalance-listener.name} refers to. */
    public static final String NAME = "export-commands-rebalance";

    private static final Logger LOG = Logger.getLogger(CommandRebalanceListener.class);

    private final ExportExecutor executor;

    CommandRebalanceListener(ExportExecutor executor) {
        this.executor = executor;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        giveBack(partitions, "its partition was reassigned to another worker");
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        giveBack(partitions, "its partition was lost (this worker left the group)");
    }

    private void giveBack(Collection<TopicPartition> partitions, String reason) {
        if (partitions.isEmpty()) {
            return;
        }
        int cancelled = executor.cancelFrom(partitions, reason);
        if (cancelled > 0) {
            LOG.infof("partitions %s left this worker: %d running export(s) given back", partitions, cancelled);
        }
    }
}
