package org.naturaflux.worker.service;

/** The export was stopped on purpose (shutdown): its command is left for another worker. */
public class ExportCancelledException extends RuntimeException {
    public ExportCancelledException(String reason) {
        super(reason);
    }
}
