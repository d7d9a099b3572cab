package org.naturaflux.storage;

import java.util.Objects;
import java.util.UUID;

/**
 * Where a run's objects live in the bucket.
 *
 * <pre>
 * {prefix}fluxes/{fluxId}/runs/{runId}/{name}          published files
 * {prefix}fluxes/{fluxId}/runs/{runId}/manifest.json   the commit marker, written last
 * {prefix}staging/{runId}/{attempt}/{executionId}/{name} uploads of one execution, before publication
 * </pre>
 *
 * Published keys depend only on the run (never on the worker or the execution), so two executions of
 * one run can only ever write the same keys. Each execution stages under its own folder, so cleaning
 * one execution's staging never touches another's. The worker writes by this layout and the
 * request-service checks and erases by it (both with the same {@code naturaflux.s3.key-prefix}): a
 * reported key is trusted only when {@link #isRunKey} says it is the run's.
 *
 * @param keyPrefix a prefix before every key (empty, or ending with {@code /})
 */
public record StorageLayout(String keyPrefix) {

    /** The name of the commit marker. */
    public static final String MANIFEST = "manifest.json";

    public StorageLayout {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (!keyPrefix.isEmpty() && !keyPrefix.endsWith("/")) {
            keyPrefix = keyPrefix + "/";
        }
        if (keyPrefix.startsWith("/")) {
            throw new IllegalArgumentException("a key prefix cannot start with '/': " + keyPrefix);
        }
    }

    /** The folder of a run's published files. */
    public String runPrefix(UUID fluxId, UUID runId) {
        return keyPrefix + "fluxes/" + fluxId + "/runs/" + runId + "/";
    }

    /** The published key of a file of a run. */
    public String runKey(UUID fluxId, UUID runId, String name) {
        return runPrefix(fluxId, runId) + checkName(name);
    }

    /**
     * Whether a key is a published file of this run: directly in the run's folder, one plain name.
     * Keys of another run, of staging, or with {@code ..} segments are not.
     */
    public boolean isRunKey(UUID fluxId, UUID runId, String key) {
        String folder = runPrefix(fluxId, runId);
        return key != null && key.startsWith(folder) && isName(key.substring(folder.length()));
    }

    /** The run's manifest, whose presence means the run is committed. */
    public String manifestKey(UUID fluxId, UUID runId) {
        return runPrefix(fluxId, runId) + MANIFEST;
    }

    /** Every staging object of every run. */
    public String stagingRoot() {
        return keyPrefix + "staging/";
    }

    /** Every staging object of a run, whatever the attempt and execution. */
    public String stagingRunPrefix(UUID runId) {
        return stagingRoot() + runId + "/";
    }

    /** The staging folder of one execution of one attempt. */
    public String stagingPrefix(UUID runId, int attempt, String executionId) {
        return stagingRunPrefix(runId) + attempt + "/" + checkName(executionId) + "/";
    }

    private static String checkName(String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("not a single key segment: " + name);
        }
        return name;
    }

    private static boolean isName(String name) {
        return name != null && !name.isEmpty() && !name.contains("/") && !name.equals(".") && !name.equals("..");
    }
}
