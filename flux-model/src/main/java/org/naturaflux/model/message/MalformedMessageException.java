package org.naturaflux.model.message;

/** A message that cannot be decoded: poison for a consumer, to be sent to a dead-letter topic. */
public class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
