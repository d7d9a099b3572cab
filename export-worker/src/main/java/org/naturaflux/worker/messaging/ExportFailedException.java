package org.naturaflux.worker.messaging;

/**
 * Why a command goes to the dead-letter topic; its message becomes the record's
 * {@code dead-letter-reason} header.
 */
public class ExportFailedException extends RuntimeException {
    public ExportFailedException(String reason) {
        super(reason, null, false, false);
    }
}
