package org.naturaflux.worker.messaging;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.MalformedMessageException;
import org.naturaflux.model.message.MessageCodec;
import org.naturaflux.worker.logging.RunLogContext;
import org.naturaflux.worker.metrics.WorkerMetrics;
import org.naturaflux.worker.service.ExportCommandHandler;
import org.naturaflux.worker.service.ExportExecutor;
import org.naturaflux.worker.service.Outcome;

/**
 * Consumes export commands. Each Kafka consumer of the channel ({@code concurrency} of them per
 * process) hands its records one at a time to an export thread ({@link ExportExecutor}) and waits for
 * the outcome before taking the next, so one flux's commands (one partition) run in order.
 *
 * <ul>
 *   <li>succeeded (or already committed): the record is acknowledged; the throttled commit strategy
 *       commits its offset;</li>
 *   <li>failed for good, or undecodable (poison): the record is nacked with the reason, and the
 *       channel's {@code dead-letter-queue} failure strategy writes it to the dead-letter topic with the
 *       reason in its {@code dead-letter-reason} header; the run is reported FAILED when its ids are
 *       known;</li>
 *   <li>abandoned (the worker is stopping, or the command's partition was revoked by a rebalance):
 *       neither, so its offset is not committed and the command is redelivered to another worker.</li>
 * </ul>
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);
    private static final Outcome STOPPING = new Outcome.Abandoned("the worker is stopping");

    private final ExportExecutor executor;
    private final ExportCommandHandler handler;
    private final EventPublisher events;
    private final WorkerMetrics metrics;

    CommandConsumer(ExportExecutor executor, ExportCommandHandler handler, EventPublisher events,
                    WorkerMetrics metrics) {
        this.executor = executor;
        this.handler = handler;
        this.events = events;
        this.metrics = metrics;
    }

    @Incoming("export-commands")
    public CompletionStage<Void> consume(Message<byte[]> message) {
        ExportCommand command;
        try {
            command = decode(message.getPayload());
        } catch (MalformedMessageException e) {
            return poison(message, e);
        }
        TopicPartition partition = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> new TopicPartition(kafka.getTopic(), kafka.getPartition())).orElse(null);
        // The export thread takes the run's log context from here (ExportExecutor carries it).
        try (RunLogContext.Scope scope = RunLogContext.open(command.fluxId(), command.runId(), command.partnerId(),
                command.attempt(), handler.workerId())) {
            return executor.submit(partition, cancellation -> handler.handle(command, cancellation), STOPPING)
                    .thenCompose(outcome -> settle(message, command, outcome));
        }
    }

    private CompletionStage<Void> settle(Message<byte[]> message, ExportCommand command, Outcome outcome) {
        if (outcome instanceof Outcome.Succeeded) {
            return message.ack();
        }
        if (outcome instanceof Outcome.Failed failed) {
            return message.nack(new ExportFailedException("run " + command.runId() + " of flux " + command.fluxId()
                    + " (attempt " + command.attempt() + "): " + failed.reason()));
        }
        // Abandoned: neither acknowledged nor nacked, so the offset stays uncommitted for redelivery.
        return CompletableFuture.completedFuture(null);
    }

    private CompletionStage<Void> poison(Message<byte[]> message, MalformedMessageException e) {
        String reason = "undecodable export command: " + e.getMessage();
        Optional<CommandIds> ids = CommandIds.peek(message.getPayload());
        try (RunLogContext.Scope scope = RunLogContext.open(ids.map(CommandIds::fluxId).orElse(null),
                ids.map(CommandIds::runId).orElse(null), null, ids.map(CommandIds::attempt).orElse(0),
                handler.workerId())) {
            reportPoison(reason, ids);
        }
        metrics.run("poison");
        return message.nack(new ExportFailedException(reason));
    }

    private void reportPoison(String reason, Optional<CommandIds> ids) {
        LOG.errorf("%s%s: sending it to the dead-letter topic", reason,
                ids.map(i -> " (run " + i.runId() + ", flux " + i.fluxId() + ")").orElse(""));
        ids.ifPresent(i -> {
            try {
                events.send(i.failed(handler.workerId(), reason));
            } catch (RuntimeException failure) {
                LOG.errorf("could not send FAILED for run %s: %s", i.runId(), failure.getMessage());
            }
        });
    }

    private static ExportCommand decode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new MalformedMessageException("empty record (no command)");
        }
        return MessageCodec.decode(payload, ExportCommand.class);
    }
}
