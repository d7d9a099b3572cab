package org.naturaflux.worker.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import org.naturaflux.model.message.MessageCodec;
import org.naturaflux.model.message.RunEvent;

/**
 * Publishes run events on the events topic, keyed by flux id (one flux's events stay ordered).
 * STARTED, SUCCEEDED and FAILED are sent and waited for ({@link #send}): a command is committed only
 * after its outcome reached the broker. PROGRESS events are sent without waiting ({@link #sendQuietly}).
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    /** How long an event may wait for the broker's acknowledgement. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Emitter<byte[]> emitter;

    EventPublisher(@Channel("export-events") Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends the event and waits for the broker's acknowledgement.
     *
     * @throws EventDeliveryException when the broker did not acknowledge it in time
     */
    public void send(RunEvent event) {
        CompletableFuture<Void> acked = emit(event);
        try {
            acked.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventDeliveryException("interrupted while sending " + describe(event), e);
        } catch (ExecutionException e) {
            throw new EventDeliveryException("cannot send " + describe(event) + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new EventDeliveryException("no acknowledgement within " + ACK_TIMEOUT.toSeconds() + " s for " + describe(event), e);
        }
    }

    /** Sends the event without waiting; a failure is logged, never thrown (progress is advisory). */
    public void sendQuietly(RunEvent event) {
        try {
            emit(event).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.warnf("could not send %s: %s", describe(event), failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("could not send %s: %s", describe(event), e.getMessage());
        }
    }

    private CompletableFuture<Void> emit(RunEvent event) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.fluxId().toString()).build();
        Message<byte[]> message = Message.of(MessageCodec.encode(event), Metadata.of(kafka),
                () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    private static String describe(RunEvent event) {
        return event.type() + " of run " + event.runId() + " (attempt " + event.attempt() + ")";
    }
}
