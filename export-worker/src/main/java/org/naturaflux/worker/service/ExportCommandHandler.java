package org.naturaflux.worker.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import java.util.UUID;
import org.naturaflux.worker.storage.OutputFile;
import org.naturaflux.format.ThreadCpu;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunEvent;
import org.naturaflux.model.spec.InvalidSpecException;
import org.naturaflux.storage.Manifest;
import org.naturaflux.worker.config.WorkerConfig;
import org.naturaflux.worker.config.WorkerId;
import org.naturaflux.worker.messaging.EventPublisher;
import org.naturaflux.worker.metrics.StageCpu;
import org.naturaflux.worker.metrics.WorkerMetrics;
import org.naturaflux.worker.scratch.ScratchSpace;
import org.naturaflux.worker.storage.CommittedRun;
import org.naturaflux.worker.storage.LiveUploads;
import org.naturaflux.worker.storage.RunPublisher;

/**
 * Handles one delivered export command, end to end:
 * <ol>
 *   <li>idempotency first: when the run's manifest exists, SUCCEEDED is sent again from it (the first
 *       may have been lost), with the command's attempt so that a later attempt of a committed run is
 *       closed too, and nothing is written;</li>
 *   <li>the specification is checked against the field catalogue (a violation is permanent);</li>
 *   <li>STARTED; the pipeline writes every requested format into a scratch folder, with PROGRESS
 *       events; each file is uploaded once to the execution's folder and the run committed by the
 *       manifest ({@link RunPublisher}); the run's other executions' leftovers are cleaned; SUCCEEDED with
 *       the counts and artifacts;</li>
 *   <li>a transient failure (database, S3, broker) is retried with exponential backoff, up to
 *       {@code naturaflux.retry.max-attempts} in all, each retry starting again from the idempotency
 *       check; every failed try deletes the files of its execution; a permanent failure, or the last
 *       transient one, sends FAILED with the reason and reports {@link Outcome.Failed} (the command then
 *       goes to the dead-letter topic);</li>
 *   <li>a cancellation (shutdown) deletes the execution's files and reports {@link Outcome.Abandoned}.</li>
 * </ol>
 * Whatever happens, the execution's scratch folder is deleted.
 */
@ApplicationScoped
public class ExportCommandHandler {

    private static final Logger LOG = Logger.getLogger(ExportCommandHandler.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RunFilesWriter filesWriter;
    private final RunPublisher publisher;
    private final EventPublisher events;
    private final ScratchSpace scratch;
    private final WorkerMetrics metrics;
    private final FieldCatalogue catalogue;
    private final WorkerConfig config;
    private final String workerId;

    ExportCommandHandler(RunFilesWriter filesWriter, RunPublisher publisher, EventPublisher events,
                         ScratchSpace scratch, WorkerMetrics metrics, FieldCatalogue catalogue, WorkerConfig config,
                         WorkerId workerId) {
        this.filesWriter = filesWriter;
        this.publisher = publisher;
        this.events = events;
        this.scratch = scratch;
        this.metrics = metrics;
        this.catalogue = catalogue;
        this.config = config;
        this.workerId = workerId.value();
    }

    public String workerId() {
        return workerId;
    }

    /** Handles the command; never throws. */
    public Outcome handle(ExportCommand command, Cancellation cancellation) {
        long started = System.nanoTime();
        metrics.exportStarted();
        Outcome outcome = new Outcome.Failed("not handled");
        try {
            outcome = attempts(command, cancellation);
            return outcome;
        } finally {
            String name = outcomeName(outcome);
            metrics.exportEnded(name, Duration.ofNanos(System.nanoTime() - started));
            metrics.run(name);
        }
    }

    private Outcome attempts(ExportCommand command, Cancellation cancellation) {
        boolean startedSent = false;
        int maxAttempts = Math.max(1, config.retry().maxAttempts());
        for (int attempt = 1; ; attempt++) {
            String executionId = newExecutionId();
            Path directory = null;
            try {
                cancellation.check();
                Optional<CommittedRun> committed = publisher.findCommitted(command.fluxId(), command.runId());
                if (committed.isPresent()) {
                    LOG.infof("run %s (flux %s) is already committed: sending SUCCEEDED again, writing nothing",
                            command.runId(), command.fluxId());
                    sendSucceeded(command, committed.get());
                    return new Outcome.Succeeded(committed.get(), true);
                }
                command.spec().validateForExport(catalogue);
                if (!startedSent) {
                    events.send(RunEvent.started(command, workerId, Instant.now()));
                    startedSent = true;
                }
                directory = scratch.newExecutionDirectory(executionId);
                publisher.begin(command.fluxId(), command.runId(), executionId);
                return export(command, executionId, directory, cancellation);
            } catch (ExportCancelledException e) {
                cleanExecution(command, executionId);
                LOG.infof("run %s (flux %s) given back: %s; its command stays uncommitted for another worker",
                        command.runId(), command.fluxId(), e.getMessage());
                return new Outcome.Abandoned(e.getMessage());
            } catch (Exception e) {
                cleanExecution(command, executionId);
                ExportFailure failure = FailureClassifier.classify(e);
                if (failure.retryable() && attempt < maxAttempts) {
                    Duration pause = backoff(config.retry().initialBackoff(), config.retry().maxBackoff(), attempt);
                    LOG.warnf("run %s (flux %s), try %d of %d failed, retrying in %d ms: %s", command.runId(),
                            command.fluxId(), attempt, maxAttempts, pause.toMillis(), failure.reason());
                    metrics.retried();
                    try {
                        cancellation.pause(pause);
                    } catch (ExportCancelledException cancelled) {
                        return new Outcome.Abandoned(cancelled.getMessage());
                    }
                    continue;
                }
                String reason = failure.retryable()
                        ? failure.reason() + " (gave up after " + attempt + " tries)" : failure.reason();
                if (e instanceof InvalidSpecException || failure.retryable()) {
                    LOG.errorf("run %s (flux %s) failed: %s", command.runId(), command.fluxId(), reason);
                } else {
                    LOG.errorf(e, "run %s (flux %s) failed: %s", command.runId(), command.fluxId(), reason);
                }
                sendFailed(command, reason);
                return new Outcome.Failed(reason);
            } finally {
                if (directory != null) {
                    scratch.delete(directory);
                }
            }
        }
    }

    private Outcome export(ExportCommand command, String executionId, Path directory, Cancellation cancellation) throws Exception {
        long startedNanos = System.nanoTime();
        AtomicLong reported = new AtomicLong();
        DeltaBase deltaBase = command.spec().options().delta() ? deltaBase(command, directory) : null;
        LocalRunFiles local;
        long written;
        List<Manifest.File> files;
        StageCpu cpu = new StageCpu(command.spec().formats());
        LiveUploads uploads;
        // The streaming formats go up while written; the other files once written; each file once, to its
        // key in the execution's folder.
        try (LiveUploads live = publisher.uploadWhileWriting(command.fluxId(), command.runId(), executionId,
                filesWriter.appendOnlyFiles(command.spec(), directory))) {
            uploads = live;
            local = filesWriter.run(command.spec(), directory, cancellation, (rows, total) -> {
                metrics.rowsRead(rows - reported.getAndSet(rows));
                events.sendQuietly(RunEvent.progress(command, workerId, Instant.now(), rows, total));
            }, deltaBase, cpu);
            metrics.rowsRead(local.rowsRead() - reported.get());
            written = System.nanoTime();
            cancellation.check();
            long stageStarted = ThreadCpu.current();
            files = publisher.upload(command.fluxId(), command.runId(), executionId, local.files(),
                    live.complete(local.files()));
            cpu.add(StageCpu.UPLOAD, ThreadCpu.current() - stageStarted);
        }
        cpu.add(StageCpu.UPLOAD, uploads.cpuNanos());
        long uploaded = System.nanoTime();
        // The last point where a stopping worker gives the run back; past it, publishing is short.
        cancellation.check();
        long publishStarted = ThreadCpu.current();
        CommittedRun run = publisher.commit(command.fluxId(), command.runId(), executionId, files,
                published -> manifest(command, executionId, local, published));
        cpu.add(StageCpu.PUBLISH, ThreadCpu.current() - publishStarted);
        long publishedAt = System.nanoTime();
        boolean ours = executionId.equals(run.manifest().executionId());
        LOG.info(cpu.logLine(command.runId(), local.rowsRead()));
        metrics.stageCpu(cpu);
        if (ours) {
            cleanRun(command, executionId);
        }
        sendSucceeded(command, run);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        long bytes = local.files().stream().mapToLong(OutputFile::bytes).sum();
        if (ours) {
            metrics.exported(local.rowsRead(), run.manifest().counts().exported(), bytes, elapsed);
        }
        LOG.infof("run %s (flux %s) %s: %d rows read, %d exported (%d degraded), %d withheld, %d bytes in %d ms"
                        + " (read and write %d ms, upload after writing %d ms, publish %d ms)",
                command.runId(), command.fluxId(), ours ? "committed" : "committed by another execution",
                local.rowsRead(), run.manifest().counts().exported(), run.manifest().counts().degraded(),
                run.manifest().counts().withheld(), bytes, elapsed.toMillis(), (written - startedNanos) / 1_000_000,
                (uploaded - written) / 1_000_000, (publishedAt - uploaded) / 1_000_000);
        return new Outcome.Succeeded(run, !ours);
    }

    /**
     * The base a delta flux's run compares itself with: the command's base run (the flux's previous
     * successful run, chosen by the request-service), its record index downloaded into the execution's
     * folder. Without one (first run, base erased by retention, base from before delta files were
     * asked for) the run writes its snapshot and index only, and its manifest says why.
     */
    private DeltaBase deltaBase(ExportCommand command, Path directory) {
        UUID baseRunId = command.baseRunId();
        if (baseRunId == null) {
            return new DeltaBase(null, null, null, "no previous successful run: this run starts the chain of deltas");
        }
        Optional<CommittedRun> base = publisher.findCommitted(command.fluxId(), baseRunId);
        if (base.isEmpty()) {
            return new DeltaBase(baseRunId, null, null, "the base run " + baseRunId + " has no manifest (erased?): use the snapshot");
        }
        Instant baseSnapshotAt = base.get().manifest().sourceSnapshotAt();
        Path index = directory.resolve("base" + RunFilesWriter.INDEX_SUFFIX);
        if (!publisher.downloadRecordIndex(command.fluxId(), baseRunId, index)) {
            return new DeltaBase(baseRunId, baseSnapshotAt, null,
                    "the base run " + baseRunId + " kept no record set (it did not have delta files): use the snapshot");
        }
        return new DeltaBase(baseRunId, baseSnapshotAt, index, null);
    }

    private Manifest manifest(ExportCommand command, String executionId, LocalRunFiles local, List<Manifest.File> published) {
        List<Manifest.Field> fields = local.fields().stream()
                .map((FieldDefinition f) -> new Manifest.Field(f.code(), f.label(), f.type().name())).toList();
        List<Manifest.File> files = published.stream().filter(f -> !OutputFile.RECORD_INDEX.equals(f.format())).toList();
        Manifest.File recordIndex = published.stream().filter(f -> OutputFile.RECORD_INDEX.equals(f.format())).findFirst()
                .orElse(null);
        return new Manifest(Manifest.VERSION, command.fluxId(), command.runId(), command.partnerId(), command.attempt(),
                workerId, executionId, local.snapshotAt(), local.snapshot(), Instant.now(), command.spec(), fields,
                local.counts(), files, config.publication().licence(), local.citation(),
                sensitivitySettings(), local.delta(), recordIndex);
    }

    private Map<String, String> sensitivitySettings() {
        WorkerConfig.Sensitivity s = config.sensitivity();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("COMMUNE", s.communeAreaType());
        settings.put("GRID", s.gridAreaType());
        settings.put("DEPARTEMENT", s.departementAreaType());
        settings.put("missingSensitivity", s.missingSensitivity().name());
        settings.put("producerStandard", s.producerStandard().name());
        settings.put("producerPrecise", s.producerPrecise().name());
        settings.put("producerMissing", s.producerMissing().name());
        settings.put("coverageToleranceMetres", Double.toString(s.coverageTolerance()));
        return settings;
    }

    private void sendSucceeded(ExportCommand command, CommittedRun run) {
        events.send(RunEvent.succeeded(command, workerId, Instant.now(), run.manifest().counts(), run.artifacts()));
    }

    private void sendFailed(ExportCommand command, String reason) {
        try {
            events.send(RunEvent.failed(command, workerId, Instant.now(), reason));
        } catch (RuntimeException e) {
            LOG.errorf("could not send FAILED for run %s: %s (the command still goes to the dead-letter topic)",
                    command.runId(), e.getMessage());
        }
    }

    /**
     * Once this execution committed: removes what the run's other executions left (a killed one's files);
     * a failure is left to the periodic sweep.
     */
    private void cleanRun(ExportCommand command, String executionId) {
        try {
            publisher.cleanRun(command.fluxId(), command.runId(), executionId);
        } catch (RuntimeException e) {
            LOG.warnf("run %s committed, but its other executions' objects could not be cleaned (the periodic sweep"
                    + " will): %s", command.runId(), e.getMessage());
        }
    }

    private void cleanExecution(ExportCommand command, String executionId) {
        try {
            publisher.cleanExecution(command.fluxId(), command.runId(), executionId);
        } catch (RuntimeException e) {
            LOG.warnf("files of run %s, execution %s, could not be deleted (the periodic sweep will): %s",
                    command.runId(), executionId, e.getMessage());
        }
    }

    /** The pause after try {@code attempt} failed: the initial backoff doubled each time, capped. */
    static Duration backoff(Duration initial, Duration max, int attempt) {
        long millis = initial.toMillis() << Math.min(20, attempt - 1);
        return Duration.ofMillis(Math.min(max.toMillis(), Math.max(0, millis)));
    }

    private String newExecutionId() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return workerId.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + HexFormat.of().formatHex(bytes);
    }

    private static String outcomeName(Outcome outcome) {
        if (outcome instanceof Outcome.Succeeded s) {
            return s.duplicate() ? "duplicate" : "succeeded";
        }
        return outcome instanceof Outcome.Abandoned ? "abandoned" : "failed";
    }
}
