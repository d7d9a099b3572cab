package org.naturaflux.worker.service;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.naturaflux.model.message.MalformedMessageException;
import org.naturaflux.model.spec.InvalidSpecException;
import org.naturaflux.storage.StorageException;
import org.naturaflux.worker.messaging.EventDeliveryException;

/**
 * Tells transient failures (worth retrying: the database, S3 or the broker is briefly unavailable)
 * from permanent ones (the command itself cannot be exported: an invalid specification, a query the
 * source rejects, a record a library refuses), and words the reason for a person.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static ExportFailure classify(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof InvalidSpecException e) {
            return new ExportFailure("invalid flux specification: " + e.getMessage(), false);
        }
        if (t instanceof MalformedMessageException e) {
            return new ExportFailure("unreadable message: " + e.getMessage(), false);
        }
        if (t instanceof SQLException e) {
            return sql(e);
        }
        if (t instanceof StorageException e) {
            return new ExportFailure("object storage: " + e.getMessage(), true);
        }
        if (t instanceof EventDeliveryException e) {
            return new ExportFailure("Kafka: " + e.getMessage(), true);
        }
        if (t instanceof TimeoutException e) {
            return new ExportFailure("timed out: " + e.getMessage(), true);
        }
        if (t instanceof IOException e) {
            return new ExportFailure("I/O error writing the files in the scratch directory: " + describe(e), true);
        }
        return new ExportFailure("export failed: " + describe(t), false);
    }

    /**
     * SQL states of classes 08 (connection), 40 (transaction rollback), 53 (insufficient resources),
     * 57 (operator intervention: shutdown, cancel) and 58 (system error) are transient; a missing state
     * (the driver lost the connection) too. Anything else (syntax, data, undefined object, a PostGIS
     * error on a territory) is a property of the command or the source's schema.
     */
    static ExportFailure sql(SQLException e) {
        String state = e.getSQLState();
        boolean retryable = state == null || state.startsWith("08") || state.startsWith("40")
                || state.startsWith("53") || state.startsWith("57") || state.startsWith("58");
        String what = retryable ? "source database unavailable" : "the source database rejected the export query";
        return new ExportFailure(what + " (SQLSTATE " + state + "): " + e.getMessage(), retryable);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof java.io.UncheckedIOException || isWrapper(t)) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean isWrapper(Throwable t) {
        return t.getClass() == RuntimeException.class && t.getCause() instanceof SQLException;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
