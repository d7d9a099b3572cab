package org.naturaflux.worker.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.naturaflux.model.spec.ExportFormat;

/**
 * The CPU time of one run's stages, each measured on the thread doing it ({@code ThreadCpu}, the JVM's
 * per-thread CPU clock): a cost that does not depend on what else the machine runs, unlike durations.
 *
 * <ul>
 *   <li>{@value #READ}: the reading thread ({@code PrefetchingRows}: the query's rows fetched and decoded);</li>
 *   <li>{@value #DEGRADE}: the export thread while rows flow (degradation, taxon statuses, dataset counting,
 *       the delta's hashing, handing rows to the writers);</li>
 *   <li>{@code write.<format>}: each format's writer thread (and the GeoPackage's insert thread), the delta
 *       file's writer of the same format included;</li>
 *   <li>{@value #UPLOAD}: the thread uploading files while they are written, and the export thread staging
 *       what is left once they are;</li>
 *   <li>{@value #PUBLISH}: the export thread publishing the staged files and writing the manifest.</li>
 * </ul>
 *
 * <p>Written once per run in the worker's log, in a form {@code deploy/local/bench} parses ({@link #logLine}),
 * and added to {@code naturaflux_worker_stage_cpu_seconds_total{stage}} ({@link WorkerMetrics#stageCpu}).
 * Thread-safe.
 */
public final class StageCpu {

    public static final String READ = "read";
    public static final String DEGRADE = "degrade";
    public static final String UPLOAD = "upload";
    public static final String PUBLISH = "publish";

    /** Nanoseconds by stage, in the order of the log line. */
    private final Map<String, Long> nanos = new LinkedHashMap<>();

    /** The stages of a run writing these formats, at zero. */
    public StageCpu(List<ExportFormat> formats) {
        nanos.put(READ, 0L);
        nanos.put(DEGRADE, 0L);
        formats.forEach(format -> nanos.put(write(format), 0L));
        nanos.put(UPLOAD, 0L);
        nanos.put(PUBLISH, 0L);
    }

    /** The stage of the writer of {@code format}: {@code write.csv}... */
    public static String write(ExportFormat format) {
        return "write." + format.code();
    }

    /** Adds CPU time to a stage. */
    public synchronized void add(String stage, long cpuNanos) {
        if (!nanos.containsKey(stage)) {
            throw new IllegalArgumentException("no stage " + stage + " in this run: " + nanos.keySet());
        }
        nanos.merge(stage, Math.max(0, cpuNanos), Long::sum);
    }

    /** Nanoseconds by stage, in the order of the log line. */
    public synchronized Map<String, Long> nanos() {
        return new LinkedHashMap<>(nanos);
    }

    /**
     * {@code run <runId> cpu-seconds read=<s.sss> degrade=<s.sss> write.csv=<s.sss> ... upload=<s.sss>
     * publish=<s.sss> rows=<n>}: only the run's formats, seconds with three decimals.
     */
    public String logLine(UUID runId, long rows) {
        StringBuilder line = new StringBuilder("run ").append(runId).append(" cpu-seconds");
        nanos().forEach((stage, value) -> line.append(' ').append(stage).append('=')
                .append(String.format(Locale.ROOT, "%.3f", value / 1e9)));
        return line.append(" rows=").append(rows).toString();
    }
}
