package org.naturaflux.worker.messaging;

/** A run event the broker did not acknowledge in time. */
public class EventDeliveryException extends RuntimeException {
    public EventDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
