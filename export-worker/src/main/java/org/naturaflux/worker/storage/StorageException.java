package org.naturaflux.worker.storage;

import io.minio.errors.ErrorResponseException;

/** A failed call to the object storage, with what was attempted. Transient unless told otherwise. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message + ": " + describe(cause), cause);
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

    private static String describe(Throwable cause) {
        if (cause instanceof ErrorResponseException e && e.errorResponse() != null) {
            return e.errorResponse().code() + " (" + e.errorResponse().message() + ")";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
    }
}
