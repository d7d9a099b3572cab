package org.naturaflux.storage;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What only S3Proxy needs: its filesystem store (the local stack's) answers 501 to ListMultipartUploads,
 * but keeps each incomplete upload's state as an object named {@code .mpus-<uploadId>-<key>-stub} at the
 * root of the bucket (its parts beside it), so there the incomplete uploads are found by listing those
 * objects and reading the upload id and key out of their names. The names are S3Proxy's, not the
 * bucket's layout; nothing else reads them.
 */
final class S3ProxyIncompleteUploads {

    private static final String STUB_PREFIX = ".mpus-";
    private static final Pattern STUB = Pattern.compile(
            "\\.mpus-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-(.+)-stub");

    private S3ProxyIncompleteUploads() {
    }

    /** Whether a failure is the store's answer that it does not implement the call (HTTP 501). */
    static boolean isNotImplemented(Throwable cause) {
        if (cause instanceof ErrorResponseException e && e.errorResponse() != null) {
            return "NotImplemented".equals(e.errorResponse().code());
        }
        return cause instanceof InvalidResponseException && String.valueOf(cause.getMessage()).contains("Response code: 501");
    }

    /** The incomplete uploads under a prefix, from S3Proxy's stub objects (their last write as their start). */
    static List<ObjectStore.IncompleteUpload> under(ObjectStore store, String prefix) {
        List<ObjectStore.IncompleteUpload> uploads = new ArrayList<>();
        for (StoredObject object : store.list(STUB_PREFIX)) {
            Matcher stub = STUB.matcher(object.key());
            if (stub.matches() && stub.group(2).startsWith(prefix)) {
                uploads.add(new ObjectStore.IncompleteUpload(stub.group(2), stub.group(1), object.lastModified()));
            }
        }
        return uploads;
    }
}
