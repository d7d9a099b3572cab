package org.naturaflux.storage;

import io.minio.errors.ErrorResponseException;

/**
 * A failed call to the object storage, naming what was attempted, or a store without credentials. The
 * one storage failure of both services.
 */
public class StorageException extends RuntimeException {

    /** A failure without an underlying error (the store is not configured, a check failed). */
    public StorageException(String message) {
        super(message);
    }

    /**
     * @param what  what was attempted ("list fluxes/...")
     * @param cause the client's error; its S3 error code, or its type and message, end the message
     */
    public StorageException(String what, Throwable cause) {
        super(what + ": " + describe(cause), cause);
    }

    /** The S3 error code (NoSuchKey, AccessDenied...), or null when the call failed before any answer. */
    public String errorCode() {
        return getCause() instanceof ErrorResponseException e && e.errorResponse() != null ? e.errorResponse().code() : null;
    }

    /** Whether the object (or upload) named in the call does not exist. */
    public boolean isNotFound() {
        String code = errorCode();
        return "NoSuchKey".equals(code) || "NoSuchUpload".equals(code) || "NoSuchObject".equals(code);
    }

    /**
     * Whether trying the same call again may succeed: every failure but a missing store configuration, an
     * interruption, and an answer of the storage refusing the request itself (HTTP 4xx, such as
     * AccessDenied or NoSuchBucket, but for 408 Request Timeout and 429 Too Many Requests). A 5xx answer,
     * an unreadable answer or no answer at all is transient.
     */
    public boolean isTransient() {
        Throwable cause = getCause();
        if (cause == null || cause instanceof InterruptedException) {
            return false;
        }
        if (cause instanceof ErrorResponseException e && e.response() != null) {
            int status = e.response().code();
            return status >= 500 || status == 408 || status == 429;
        }
        return true;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof ErrorResponseException e && e.errorResponse() != null) {
            return e.errorResponse().code() + " (" + e.errorResponse().message() + ")";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
    }
}
