package org.naturaflux.request.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.naturaflux.model.message.MalformedMessageException;
import org.naturaflux.model.message.MessageCodec;
import org.naturaflux.model.message.RunEvent;
import org.naturaflux.request.logging.LogContext;
import org.naturaflux.request.service.RunEventHandler;

/**
 * Consumes the workers' run events (channel {@code export-events}). A malformed event is logged and
 * skipped. A database failure is retried with back-off for a few minutes, holding the partition (so one
 * flux's events stay in order); past that the event is skipped: the run then goes stale and its next
 * attempt makes the worker report again.
 */
@ApplicationScoped
public class RunEventConsumer {

    private static final Logger LOG = Logger.getLogger(RunEventConsumer.class);

    private final RunEventHandler handler;

    RunEventConsumer(RunEventHandler handler) {
        this.handler = handler;
    }

    @Incoming("export-events")
    public Uni<Void> consume(byte[] payload) {
        RunEvent event;
        try {
            event = MessageCodec.decode(payload, RunEvent.class);
        } catch (MalformedMessageException e) {
            LOG.warnf("malformed run event skipped: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        LogContext.run(event.fluxId(), event.runId(), null, event.attempt(), event.workerId());
        return handler.apply(event)
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).atMost(10)
                .onFailure().invoke(e -> LOG.errorf(e, "run event %s of run %s skipped after retries", event.type(),
                        event.runId()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
