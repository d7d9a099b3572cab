package org.naturaflux.storage;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a run's objects live in the bucket.
 *
 * <pre>
 * {prefix}fluxes/{fluxId}/runs/{runId}/manifest.json                 the commit marker, written last
 * {prefix}fluxes/{fluxId}/runs/{runId}/x/{executionId}/{name}        files of one execution, each uploaded once
 * {prefix}fluxes/{fluxId}/runs/{runId}/x/{executionId}/manifest.json that execution's manifest, written before
 *                                                                   it may commit (its intent to commit)
 * {prefix}fluxes/{fluxId}/runs/{runId}/{name}                        files of runs committed by the earlier
 *                                                                   layout (staged, then copied): still served
 * {prefix}executions/{fluxId}/{runId}/{executionId}                  an execution under way (its lease), for
 *                                                                   the sweep of what a killed one left
 * {prefix}staging/{runId}/{attempt}/{executionId}/{name}             the earlier layout's staging: only swept
 * </pre>
 *
 * Each execution of a run writes its files under its own folder, so two executions never write the same
 * key and cleaning one execution never touches another's files; only the run's manifest, at a key that
 * depends on the run alone, says which execution's files are the run's. The worker writes by this layout
 * and the request-service checks and erases by it (both with the same {@code naturaflux.s3.key-prefix}):
 * a reported key is trusted only when {@link #isRunKey} says it is the run's.
 *
 * @param keyPrefix a prefix before every key (empty, or ending with {@code /})
 */
public record StorageLayout(String keyPrefix) {

    /** The name of the commit marker (and of an execution's intent to commit, in its folder). */
    public static final String MANIFEST = "manifest.json";
    /** The folder, in a run's folder, of its executions' folders. */
    private static final String EXECUTIONS = "x/";

    public StorageLayout {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (!keyPrefix.isEmpty() && !keyPrefix.endsWith("/")) {
            keyPrefix = keyPrefix + "/";
        }
        if (keyPrefix.startsWith("/")) {
            throw new IllegalArgumentException("a key prefix cannot start with '/': " + keyPrefix);
        }
    }

    /** The folder of everything a run has in the bucket (its manifest, its executions' files). */
    public String runPrefix(UUID fluxId, UUID runId) {
        return keyPrefix + "fluxes/" + fluxId + "/runs/" + runId + "/";
    }

    /**
     * The key of a file directly in the run's folder: the earlier layout's published files (runs
     * committed before files went to their execution's folder).
     */
    public String runKey(UUID fluxId, UUID runId, String name) {
        return runPrefix(fluxId, runId) + checkName(name);
    }

    /** The folder of every execution of a run. */
    public String executionsPrefix(UUID fluxId, UUID runId) {
        return runPrefix(fluxId, runId) + EXECUTIONS;
    }

    /** The folder of one execution's files. */
    public String executionPrefix(UUID fluxId, UUID runId, String executionId) {
        return executionsPrefix(fluxId, runId) + checkName(executionId) + "/";
    }

    /** The key a file of one execution is uploaded to, once, and published at when that execution commits. */
    public String executionKey(UUID fluxId, UUID runId, String executionId, String name) {
        return executionPrefix(fluxId, runId, executionId) + checkName(name);
    }

    /** An execution's manifest in its own folder: written before it may commit the run. */
    public String intentKey(UUID fluxId, UUID runId, String executionId) {
        return executionKey(fluxId, runId, executionId, MANIFEST);
    }

    /**
     * Whether a key is a file of this run: one plain name directly in the run's folder (its manifest, or
     * a file of the earlier layout), or in one of its executions' folders. Keys of another run, of
     * staging, with {@code ..} segments or deeper folders are not.
     */
    public boolean isRunKey(UUID fluxId, UUID runId, String key) {
        String folder = runPrefix(fluxId, runId);
        if (key == null || !key.startsWith(folder)) {
            return false;
        }
        String rest = key.substring(folder.length());
        if (isName(rest)) {
            return true;
        }
        return executionOf(fluxId, runId, key).isPresent();
    }

    /**
     * The execution whose folder holds {@code key} ({@code .../x/{executionId}/{name}}, one plain name),
     * or empty for any other key.
     */
    public Optional<String> executionOf(UUID fluxId, UUID runId, String key) {
        String folder = executionsPrefix(fluxId, runId);
        if (key == null || !key.startsWith(folder)) {
            return Optional.empty();
        }
        String rest = key.substring(folder.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || !isName(rest.substring(0, slash)) || !isName(rest.substring(slash + 1))) {
            return Optional.empty();
        }
        return Optional.of(rest.substring(0, slash));
    }

    /** The run's manifest, whose presence means the run is committed. */
    public String manifestKey(UUID fluxId, UUID runId) {
        return runPrefix(fluxId, runId) + MANIFEST;
    }

    /** Every lease of every execution under way. */
    public String leaseRoot() {
        return keyPrefix + "executions/";
    }

    /** The leases of a run's executions. */
    public String leasePrefix(UUID fluxId, UUID runId) {
        return leaseRoot() + fluxId + "/" + runId + "/";
    }

    /** The lease of one execution: present while it runs, the sweep's way to what a killed one left. */
    public String leaseKey(UUID fluxId, UUID runId, String executionId) {
        return leasePrefix(fluxId, runId) + checkName(executionId);
    }

    /** The execution a lease key names, or empty for a key that is not a lease. */
    public Optional<Execution> leaseOf(String key) {
        if (key == null || !key.startsWith(leaseRoot())) {
            return Optional.empty();
        }
        String[] parts = key.substring(leaseRoot().length()).split("/", -1);
        if (parts.length != 3 || !isName(parts[2])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Execution(UUID.fromString(parts[0]), UUID.fromString(parts[1]), parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * One execution of a run.
     *
     * @param fluxId      the flux
     * @param runId       the run
     * @param executionId the execution (unique per delivery and retry)
     */
    public record Execution(UUID fluxId, UUID runId, String executionId) {
    }

    /** Every staging object of the earlier layout (files were staged, then copied to the run's folder). */
    public String stagingRoot() {
        return keyPrefix + "staging/";
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
