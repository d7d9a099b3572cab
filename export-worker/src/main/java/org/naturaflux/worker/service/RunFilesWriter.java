package org.naturaflux.worker.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.naturaflux.format.CompanionCsv;
import org.naturaflux.format.CompanionTable;
import org.naturaflux.format.FanOutWriter;
import org.naturaflux.format.FormatWriters;
import org.naturaflux.format.ThreadCpu;
import org.naturaflux.format.WriterSettings;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.sensitivity.SelectionPlan;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.degrade.Degradation;
import org.naturaflux.sensitivity.degrade.DegradationSummary;
import org.naturaflux.sensitivity.degrade.RecordDegrader;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.sensitivity.rules.WithholdCause;
import org.naturaflux.source.query.ExportQuery;
import org.naturaflux.source.query.RowStream;
import org.naturaflux.source.query.WithheldBySelection;
import org.naturaflux.source.reference.AreaIndexCache;
import org.naturaflux.source.status.RecordStatuses;
import org.naturaflux.source.status.TerritoryDepartements;
import org.naturaflux.storage.Manifest;
import org.naturaflux.worker.config.WorkerConfig;
import org.naturaflux.worker.delta.Deletions;
import org.naturaflux.worker.delta.RecordHasher;
import org.naturaflux.worker.delta.RecordIndex;
import org.naturaflux.worker.delta.RecordIndexWriter;
import org.naturaflux.worker.metrics.StageCpu;
import org.naturaflux.worker.source.PrefetchingRows;
import org.naturaflux.worker.source.SourceDatabase;
import org.naturaflux.worker.storage.GrowingFile;
import org.naturaflux.worker.storage.OutputFile;

/**
 * One pass of one export into local files: source-lib streams the flux's records (selected with the
 * sensitivity rules' {@link SelectionPlan}, so degraded records are selected by their degraded area),
 * sensitivity-lib degrades or withholds each, source-lib's {@link RecordStatuses} sets the taxon status
 * fields from the degraded record's extent (when asked for), format-lib writes every requested format at once; the
 * companion tables follow the pass (the datasets, {@link DatasetAttribution}; the taxa's statuses when the flux
 * asks, {@link StatusCompanion}). Memory
 * is bounded by one row of the binary COPY ({@link ExportQuery#copy}) and the writers' buffers, whatever the row count.
 *
 * <p>Everything is read in one read-only REPEATABLE READ transaction: the count, the withheld counts
 * and the rows come from the same snapshot, whose time the manifest records.
 */
@ApplicationScoped
public class RunFilesWriter {

    /** Listens to the rows going through. */
    @FunctionalInterface
    public interface ProgressListener {
        /** Called every {@code naturaflux.export.progress-rows} rows or {@code progress-interval}, whichever first. */
        void progress(long rowsRead, Long total);
    }

    /** The delta files: {@code observations_delta.csv}... (the records added or changed). */
    static final String DELTA_SUFFIX = "_delta";
    /** Artifact formats of the delta files: {@code delta-csv}... */
    static final String DELTA_FORMAT_PREFIX = "delta-";
    /** The ids of the base run's records this run no longer exports, as CSV. */
    static final String DELETIONS_SUFFIX = "_suppressions.csv";
    static final String DELETIONS_FORMAT = "delta-deleted";
    static final String INDEX_SUFFIX = "_index.bin";

    /** Rows handed from the reading thread to the export thread at a time. */
    private static final int PREFETCH_BATCH = 256;

    private final SourceDatabase source;
    private final AreaIndexCache areas;
    private final SensitivityRules rules;
    private final FieldCatalogue catalogue;
    private final WorkerConfig.Export settings;
    private final WorkerConfig.Publication publication;

    RunFilesWriter(SourceDatabase source, AreaIndexCache areas, SensitivityRules rules, FieldCatalogue catalogue,
                   WorkerConfig config) {
        this.source = source;
        this.areas = areas;
        this.rules = rules;
        this.catalogue = catalogue;
        this.settings = config.export();
        this.publication = config.publication();
    }

    /**
     * Exports the spec into {@code directory}.
     *
     * @throws ExportCancelledException when cancelled (the partial files are deleted)
     */
    public LocalRunFiles run(FluxSpec spec, Path directory, Cancellation cancellation, ProgressListener listener)
            throws SQLException, IOException {
        return run(spec, directory, cancellation, listener, null);
    }

    /**
     * Exports the spec into {@code directory}; with a {@code deltaBase} (a flux with delta files), also
     * writes the run's record index and, when the base can be compared with, the delta files: in the
     * same single pass, each exported record is hashed ({@link RecordHasher}) and looked up in the base
     * run's index, and written to the delta writers when it is new or changed; the base's records
     * missing from this run are listed afterwards by walking both sorted indexes.
     *
     * @throws ExportCancelledException when cancelled (the partial files are deleted)
     */
    public LocalRunFiles run(FluxSpec spec, Path directory, Cancellation cancellation, ProgressListener listener,
                             DeltaBase deltaBase) throws SQLException, IOException {
        return run(spec, directory, cancellation, listener, deltaBase, new StageCpu(spec.formats()));
    }

    /**
     * As {@link #run(FluxSpec, Path, Cancellation, ProgressListener, DeltaBase)}, adding the CPU time of
     * reading, degrading and each format's writing to {@code cpu} (see {@link StageCpu}) when it succeeds.
     */
    public LocalRunFiles run(FluxSpec spec, Path directory, Cancellation cancellation, ProgressListener listener,
                             DeltaBase deltaBase, StageCpu cpu) throws SQLException, IOException {
        List<FieldDefinition> fields = spec.fieldDefinitions(catalogue);
        try (Connection connection = source.connect()) {
            AreaIndex index = areas.current(connection);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Instant snapshotAt;
                String snapshot;
                String exportedSnapshot;
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT now(), txid_current_snapshot()::text, pg_export_snapshot()")) {
                    rs.next();
                    snapshotAt = rs.getTimestamp(1).toInstant();
                    snapshot = rs.getString(2);
                    exportedSnapshot = rs.getString(3);
                }
                SelectionPlan plan = rules.selectionPlan();
                ExportQuery query = ExportQuery.of(spec.territory(), spec.taxa(), spec.filters(), fields, plan);
                cancellation.check();

                RecordDegrader degrader = new RecordDegrader(rules, index, fields, spec.options());
                // the départements the territory reaches, when statuses are shown (fields) or joined (companion)
                TerritoryDepartements territory = spec.options().statuses() || !RecordStatuses.types(fields).isEmpty()
                        ? TerritoryDepartements.of(connection, query) : null;
                // the taxa's statuses, once, under the export's snapshot (only when a status field is asked for)
                RecordStatuses statuses = territory == null ? null
                        : RecordStatuses.load(connection, fields, rules, index, query, territory).orElse(null);
                StatusCompanion statusCompanion = spec.options().statuses() ? new StatusCompanion() : null;
                DegradationSummary summary = new DegradationSummary();
                long read = 0;
                List<OutputFile> files = new ArrayList<>();
                SnapshotCounts.Counts counts;
                Manifest.Delta delta = null;
                boolean withDelta = deltaBase != null;
                boolean compare = withDelta && deltaBase.comparable();
                long added = 0;
                long changed = 0;
                long unchanged = 0;
                RecordHasher hasher = withDelta ? new RecordHasher() : null;
                DatasetAttribution datasets = new DatasetAttribution();
                DatasetAttribution.Attribution attribution;
                WriterSettings writerSettings = WriterSettings.defaults().withTempDirectory(directory);
                try (FanOutWriter writer = FormatWriters.openAll(targets(spec, directory, ""), fields, spec.options(), writerSettings);
                     RecordIndexWriter indexWriter = withDelta ? new RecordIndexWriter(directory) : null;
                     RecordIndex base = compare ? RecordIndex.open(deltaBase.index()) : null;
                     FanOutWriter deltaWriter = compare ? FormatWriters.openAll(targets(spec, directory, DELTA_SUFFIX), fields,
                             spec.options(), writerSettings) : null;
                     // The total and the withheld counts, beside the stream, from the same snapshot.
                     SnapshotCounts counting = SnapshotCounts.start(source, exportedSnapshot, new SnapshotCounts.Counting() {
                         @Override
                         public Long total(Connection c) throws SQLException {
                             return settings.countTotal() ? query.count(c) : null;
                         }

                         @Override
                         public Map<WithholdCause, Long> withheld(Connection c) throws SQLException {
                             return WithheldBySelection.count(c, ExportQuery.of(spec.territory(), spec.taxa(), spec.filters(), fields, plan),
                                     rules);
                         }
                     }, Thread.currentThread().getName() + "-counts");
                     // binary COPY: the statement runs to its end in one go (a plan PostgreSQL may run in parallel)
                     RowStream stream = query.copy(connection);
                     PrefetchingRows rows = new PrefetchingRows(stream, PREFETCH_BATCH, settings.prefetchBatches(),
                             Thread.currentThread().getName() + "-rows")) {
                    long progressRows = Math.max(1, settings.progressRows());
                    long progressNanos = settings.progressInterval().toNanos();
                    long nextRows = progressRows;
                    long nextTime = System.nanoTime() + progressNanos;
                    long flowStarted = ThreadCpu.current();
                    ObservationRow row;
                    while ((row = rows.next()) != null) {
                        cancellation.check();
                        Degradation outcome = degrader.degrade(row);
                        summary.record(outcome);
                        if (outcome instanceof Degradation.Exported exported) {
                            ObservationRow out = statuses == null ? exported.row() : statuses.apply(exported, row);
                            writer.write(out);
                            datasets.count(out);
                            if (statusCompanion != null) {
                                statusCompanion.count(out);
                            }
                            if (withDelta) {
                                long hash = hasher.hash(out);
                                indexWriter.add(out.id(), hash);
                                if (compare) {
                                    int at = base.find(out.id());
                                    if (at < 0 || base.hashAt(at) != hash) {
                                        deltaWriter.write(out);
                                        if (at < 0) {
                                            added++;
                                        } else {
                                            changed++;
                                        }
                                    } else {
                                        unchanged++;
                                    }
                                }
                            }
                        }
                        read++;
                        if (read >= nextRows || ((read & 255) == 0 && System.nanoTime() >= nextTime)) {
                            listener.progress(read, counting.totalIfKnown());
                            nextRows = read + progressRows;
                            nextTime = System.nanoTime() + progressNanos;
                        }
                    }
                    cpu.add(StageCpu.DEGRADE, ThreadCpu.current() - flowStarted);
                    cancellation.check();
                    counts = counting.await();
                    // The last PROGRESS: every row read, with the total (known by now in any case).
                    listener.progress(read, counts.total());
                    // Every row read: the reader is stopped, the connection is ours again for the metadata.
                    rows.close();
                    cpu.add(StageCpu.READ, rows.readerCpuNanos());
                    stream.close();
                    attribution = datasets.complete(connection, publication.licence(), publication.citation(),
                            snapshotAt.atZone(ZoneOffset.UTC).toLocalDate());
                    writer.addTable(attribution.table());
                    CompanionTable statusTable = statusCompanion == null ? null : statusCompanion.complete(connection, territory);
                    if (statusTable != null) {
                        writer.addTable(statusTable);
                    }
                    writer.finish().forEach(file -> files.add(OutputFile.of("", file)));
                    writer.writerCpuNanos().forEach((format, nanos) -> cpu.add(StageCpu.write(format), nanos));
                    WrittenFile companion = CompanionCsv.write(attribution.table(),
                            directory.resolve(DatasetAttribution.TABLE + ".csv"), spec.options());
                    files.add(OutputFile.ofCompanion(DatasetAttribution.FORMAT, companion));
                    if (statusTable != null) {
                        files.add(OutputFile.ofCompanion(StatusCompanion.FORMAT, CompanionCsv.write(statusTable,
                                directory.resolve(StatusCompanion.TABLE + ".csv"), spec.options())));
                    }
                    if (withDelta) {
                        Path indexFile = directory.resolve(settings.fileBaseName() + INDEX_SUFFIX);
                        indexWriter.finish(indexFile);
                        long deleted = 0;
                        if (compare) {
                            deltaWriter.finish().forEach(file -> files.add(OutputFile.of(DELTA_FORMAT_PREFIX, file)));
                            deltaWriter.writerCpuNanos().forEach((format, nanos) -> cpu.add(StageCpu.write(format), nanos));
                            Path deletions = directory.resolve(settings.fileBaseName() + DELETIONS_SUFFIX);
                            try (RecordIndex current = RecordIndex.open(indexFile)) {
                                deleted = Deletions.write(base, current, deletions);
                            }
                            files.add(OutputFile.ofFile(DELETIONS_FORMAT, deletions, "text/csv", deleted));
                        }
                        files.add(OutputFile.ofFile(OutputFile.RECORD_INDEX, indexFile, "application/octet-stream",
                                indexWriter.count()));
                        delta = new Manifest.Delta(deltaBase.baseRunId(), deltaBase.baseSnapshotAt(), compare,
                                compare ? null : deltaBase.reason(), added, changed,
                                unchanged, deleted);
                    }
                }
                return new LocalRunFiles(fields, files, summary.toRunCounts(counts.withheld()),
                          read, counts.total(), snapshotAt, snapshot, delta, attribution.citation());
            } finally {
                endTransaction(connection);
            }
        }
    }

    /** Ends the read-only transaction; a failure here only means the connection, closed next, is gone. */
    private static void endTransaction(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // Nothing was written in it; closing the connection releases the server side.
        }
    }

    /**
     * The files {@link #run} writes in order and never rewrites (the streaming formats of the snapshot,
     * under their compression's name), with the content type each is published with: they can be uploaded while written.
     */
    public List<GrowingFile> appendOnlyFiles(FluxSpec spec, Path directory) {
        List<GrowingFile> files = new ArrayList<>();
        targets(spec, directory, "").forEach((format, target) -> FormatWriters.appendOnlyFile(format, target, spec.options())
                .ifPresent(file -> files.add(new GrowingFile(file, WrittenFile.mediaTypeOf(format, file)))));
        return files;
    }

    /** Each format's file: {@code <directory>/<base><suffix>.<extension>}, in the spec's order. */
    private Map<ExportFormat, Path> targets(FluxSpec spec, Path directory, String suffix) {
        Map<ExportFormat, Path> targets = new LinkedHashMap<>();
        for (ExportFormat format : spec.formats()) {
            targets.put(format, directory.resolve(settings.fileBaseName() + suffix + "." + format.extension()));
        }
        return targets;
    }
}
