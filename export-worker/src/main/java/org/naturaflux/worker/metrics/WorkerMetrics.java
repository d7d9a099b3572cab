package org.naturaflux.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker's Prometheus metrics ({@code /q/metrics}). Consumer lag comes from the Kafka client's own
 * metrics ({@code kafka_consumer_fetch_manager_records_lag*}), which Quarkus exposes beside these.
 *
 * <ul>
 *   <li>{@code naturaflux_worker_runs_total{outcome}}: commands handled, by outcome (succeeded,
 *       duplicate, failed, abandoned, poison);</li>
 *   <li>{@code naturaflux_worker_rows_total}: rows streamed from the source; {@code
 *       naturaflux_worker_rows_exported_total}: rows written to the files;</li>
 *   <li>{@code naturaflux_worker_bytes_total}: bytes of files published;</li>
 *   <li>{@code naturaflux_worker_export_seconds{outcome}}: duration of exports;</li>
 *   <li>{@code naturaflux_worker_last_export_rows_per_second}: throughput of the last successful export;</li>
 *   <li>{@code naturaflux_worker_exports_active}: exports running now;</li>
 *   <li>{@code naturaflux_worker_retries_total}: transient failures retried;</li>
 *   <li>{@code naturaflux_worker_stage_cpu_seconds_total{stage}}: CPU time of successful runs by stage
 *       ({@link StageCpu}: read, degrade, write.csv..., upload, publish).</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class WorkerMetrics {

    private final MeterRegistry registry;
    private final Counter rows;
    private final Counter rowsExported;
    private final Counter bytes;
    private final Counter retries;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong lastRowsPerSecond = new AtomicLong();

    WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rows = Counter.builder("naturaflux.worker.rows").description("Rows streamed from the source").register(registry);
        this.rowsExported = Counter.builder("naturaflux.worker.rows.exported").description("Rows written to the files").register(registry);
        this.bytes = Counter.builder("naturaflux.worker.bytes").description("Bytes of files published").baseUnit("bytes").register(registry);
        this.retries = Counter.builder("naturaflux.worker.retries").description("Transient failures retried").register(registry);
        registry.gauge("naturaflux.worker.exports.active", active);
        registry.gauge("naturaflux.worker.last.export.rows.per.second", lastRowsPerSecond);
    }

    /** One command handled. */
    public void run(String outcome) {
        Counter.builder("naturaflux.worker.runs").description("Export commands handled, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    public void exportStarted() {
        active.incrementAndGet();
    }

    /** An export ended (whatever the outcome) after {@code elapsed}. */
    public void exportEnded(String outcome, Duration elapsed) {
        active.decrementAndGet();
        Timer.builder("naturaflux.worker.export").description("Duration of exports").tag("outcome", outcome)
                .register(registry).record(elapsed);
    }

    /** Rows streamed from the source since the last call (counted as they go, for a live rate). */
    public void rowsRead(long count) {
        rows.increment(count);
    }

    /** A successful export's volume. */
    public void exported(long rowsRead, long rowsWritten, long fileBytes, Duration elapsed) {
        rowsExported.increment(rowsWritten);
        bytes.increment(fileBytes);
        long millis = Math.max(1, elapsed.toMillis());
        lastRowsPerSecond.set(rowsRead * 1000 / millis);
    }

    /** A successful run's CPU time by stage. */
    public void stageCpu(StageCpu cpu) {
        cpu.nanos().forEach((stage, nanos) -> Counter.builder("naturaflux.worker.stage.cpu")
                .description("CPU time of successful runs, by stage").baseUnit("seconds").tag("stage", stage)
                .register(registry).increment(nanos / 1e9));
    }

    public void retried() {
        retries.increment();
    }
}
