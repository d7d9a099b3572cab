package org.naturaflux.worker.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.naturaflux.format.FanOutWriter;
import org.naturaflux.format.FormatWriters;
import org.naturaflux.format.WriterSettings;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.sensitivity.LevelAssignment;
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
import org.naturaflux.worker.config.WorkerConfig;

/**
 * One pass of one export into local files: source-lib streams the flux's records (selected with the
 * sensitivity rules' {@link SelectionPlan}, so degraded records are selected by their degraded area),
 * sensitivity-lib degrades or withholds each, format-lib writes every requested format at once. Memory
 * is bounded by the cursor's fetch size and the writers' buffers, whatever the row count.
 *
 * <p>Everything is read in one read-only REPEATABLE READ transaction: the count, the withheld counts
 * and the rows come from the same snapshot, whose time the manifest records.
 */
@ApplicationScoped
public class ExportPipeline {

    /** Listens to the rows going through. */
    @FunctionalInterface
    public interface ProgressListener {
        /** Called every {@code naturaflux.export.progress-rows} rows or {@code progress-interval}, whichever first. */
        void progress(long rowsRead, Long total);
    }

    private final SourceDatabase source;
    private final AreaIndexCache areas;
    private final SensitivityRules rules;
    private final FieldCatalogue catalogue;
    private final WorkerConfig.Export settings;
    private final int fetchSize;

    ExportPipeline(SourceDatabase source, AreaIndexCache areas, SensitivityRules rules, FieldCatalogue catalogue,
                   WorkerConfig config) {
        this.source = source;
        this.areas = areas;
        this.rules = rules;
        this.catalogue = catalogue;
        this.settings = config.export();
        this.fetchSize = config.source().fetchSize();
    }

    /**
     * Exports the spec into {@code directory}.
     *
     * @throws ExportCancelledException when cancelled (the partial files are deleted)
     */
    public LocalExport run(FluxSpec spec, Path directory, Cancellation cancellation, ProgressListener listener)
            throws SQLException, IOException {
        List<FieldDefinition> fields = spec.fieldDefinitions(catalogue);
        try (Connection connection = source.connect()) {
            AreaIndex index = areas.current(connection);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Instant snapshotAt;
                String snapshot;
                try (Statement statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT now(), txid_current_snapshot()::text")) {
                    rs.next();
                    snapshotAt = rs.getTimestamp(1).toInstant();
                    snapshot = rs.getString(2);
                }
                SelectionPlan plan = rules.selectionPlan();
                ExportQuery query = ExportQuery.of(spec.territory(), spec.taxa(), fields, plan);
                Long total = settings.countTotal() ? query.count(connection) : null;
                cancellation.check();
                Map<WithholdCause, Long> withheldBySelection = withheldBySelection(connection, spec, fields, plan);
                cancellation.check();

                RecordDegrader degrader = new RecordDegrader(rules, index, fields, spec.options());
                DegradationSummary summary = new DegradationSummary();
                long read = 0;
                List<WrittenFile> files;
                try (FanOutWriter writer = FormatWriters.openAll(targets(spec, directory), fields, spec.options(),
                        WriterSettings.defaults().withTempDirectory(directory));
                     RowStream rows = query.stream(connection, fetchSize)) {
                    long progressRows = Math.max(1, settings.progressRows());
                    long progressNanos = settings.progressInterval().toNanos();
                    long nextRows = progressRows;
                    long nextTime = System.nanoTime() + progressNanos;
                    ObservationRow row;
                    while ((row = rows.next()) != null) {
                        cancellation.check();
                        Degradation outcome = degrader.degrade(row);
                        summary.record(outcome);
                        if (outcome instanceof Degradation.Exported exported) {
                            writer.write(exported.row());
                        }
                        read++;
                        if (read >= nextRows || ((read & 255) == 0 && System.nanoTime() >= nextTime)) {
                            listener.progress(read, total);
                            nextRows = read + progressRows;
                            nextTime = System.nanoTime() + progressNanos;
                        }
                    }
                    cancellation.check();
                    files = writer.finish();
                }
                return new LocalExport(fields, files, withSelectionCounts(summary.toRunCounts(), withheldBySelection),
                        read, total, snapshotAt, snapshot);
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

    /** Each format's file: {@code <directory>/<base>.<extension>}, in the spec's order. */
    private Map<ExportFormat, Path> targets(FluxSpec spec, Path directory) {
        Map<ExportFormat, Path> targets = new LinkedHashMap<>();
        for (ExportFormat format : spec.formats()) {
            targets.put(format, directory.resolve(settings.fileBaseName() + "." + format.extension()));
        }
        return targets;
    }

    /**
     * The records the source query leaves out because the rules withhold them, per cause. The query
     * never returns them (selection must not locate them), so the degrader cannot count them: each
     * cause is counted by source-lib's {@link ExportQuery#countWithheld} under a plan that withholds
     * exactly the code pairs the rules withhold for that cause.
     */
    private Map<WithholdCause, Long> withheldBySelection(Connection connection, FluxSpec spec, List<FieldDefinition> fields,
                                                         SelectionPlan plan) throws SQLException {
        Map<WithholdCause, Long> counts = new EnumMap<>(WithholdCause.class);
        for (WithholdCause cause : List.of(WithholdCause.SENSITIVITY, WithholdCause.UNKNOWN_SENSITIVITY, WithholdCause.UNKNOWN_CODE)) {
            List<LevelAssignment> assignments = plan.assignments().stream()
                    .map(a -> new LevelAssignment(a.sensitivityCode(), a.diffusionCode(),
                            rules.decide(a.sensitivityCode(), a.diffusionCode()).withholdCause() == cause
                                    ? DiffusionLevel.WITHHELD : DiffusionLevel.PRECISE))
                    .toList();
            DiffusionLevel fallback = cause == WithholdCause.UNKNOWN_CODE ? DiffusionLevel.WITHHELD : DiffusionLevel.PRECISE;
            SelectionPlan only = new SelectionPlan(assignments, fallback, plan.areaTypeCodes());
            counts.put(cause, ExportQuery.of(spec.territory(), spec.taxa(), fields, only).countWithheld(connection));
        }
        return counts;
    }

    static RunCounts withSelectionCounts(RunCounts degraded, Map<WithholdCause, Long> bySelection) {
        long extra = bySelection.values().stream().mapToLong(Long::longValue).sum();
        Map<DiffusionLevel, Long> levels = new EnumMap<>(DiffusionLevel.class);
        levels.putAll(degraded.byLevel());
        levels.merge(DiffusionLevel.WITHHELD, extra, Long::sum);
        Map<String, Long> causes = new LinkedHashMap<>(degraded.withheldByCause());
        bySelection.forEach((cause, n) -> causes.merge(cause.name(), n, Long::sum));
        return new RunCounts(degraded.exported(), degraded.degraded(), degraded.withheld() + extra, levels, causes);
    }
}
