package org.naturaflux.format.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.naturaflux.format.FanOutWriter;
import org.naturaflux.format.FormatWriter;
import org.naturaflux.format.FormatWriters;
import org.naturaflux.format.ThreadCpu;
import org.naturaflux.format.WriterSettings;
import org.naturaflux.format.WrittenFile;
import org.naturaflux.format.support.SyntheticRows;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH benchmark (not a test): one fan-out of {@code rows} synthetic rows of 30 fields ({@link SyntheticRows})
 * to one format or to the four, the writers fed in turn on the caller's thread ({@code sequential}) or each
 * on a thread of its own ({@code parallel}), side by side in one JMH run. One operation opens the writers,
 * writes every row and finishes the files (deleted afterwards). After each operation it prints the wall
 * time, the process's CPU time and, per million rows, the CPU time of the caller's thread and of each
 * writer's thread (parallel mode; the GeoPackage's insert thread included): on a loaded machine the
 * wall time says little, while the longest thread's CPU time is what a run costs given free cores.
 *
 * <p>The rows are built beforehand (a pool of 20,000 rows, renumbered as they cycle: the GeoPackage's
 * feature ids stay unique), so that the caller's thread does what the worker's export thread does around
 * the writers (hands rows over), not the building of rows. Run by {@code format-lib/jmh.sh FanOutBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FanOutBenchmark {

    private static final int POOL = 20_000;

    @Param({"250000"})
    public int rows;

    @Param({"csv", "csv,json,geojson,gpkg"})
    public String formats;

    @Param({"sequential", "parallel"})
    public String mode;

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private SyntheticRows synthetic;
    private ObservationRow[] pool;
    private Path directory;
    private long cpuBefore;
    private long wallBefore;
    private long callerCpu;
    private Map<ExportFormat, Long> writersCpu = Map.of();

    @Setup(Level.Trial)
    public void rows() throws IOException {
        synthetic = new SyntheticRows();
        pool = new ObservationRow[POOL];
        for (int i = 0; i < POOL; i++) {
            pool[i] = synthetic.row(i);
        }
        directory = Files.createTempDirectory("fanout-bench");
    }

    @Setup(Level.Invocation)
    public void clock() {
        cpuBefore = os.getProcessCpuTime();
        wallBefore = System.nanoTime();
    }

    @Benchmark
    public long write() throws IOException {
        List<FormatWriter> writers = new ArrayList<>();
        WriterSettings settings = WriterSettings.defaults().withTempDirectory(directory);
        for (String code : formats.split(",")) {
            ExportFormat format = ExportFormat.fromCode(code);
            writers.add(FormatWriters.open(format, directory.resolve("bench." + format.extension()), synthetic.fields(),
                    ExportOptions.defaults(), settings));
        }
        long bytes = 0;
        long callerBefore = ThreadCpu.current();
        try (FanOutWriter fanOut = "parallel".equals(mode) ? FanOutWriter.parallel(writers, "bench-write")
                : new FanOutWriter(writers)) {
            for (int i = 0; i < rows; i++) {
                ObservationRow row = pool[i % POOL];
                fanOut.write(new ObservationRow(i + 1L, row.sensitivityCode(), row.diffusionCode(), null, row.geometry(),
                        row.values(), row.datasetId()));
            }
            for (WrittenFile file : fanOut.finish()) {
                bytes += file.bytes();
                Files.delete(file.path());
            }
            callerCpu = ThreadCpu.current() - callerBefore;
            writersCpu = fanOut.writerCpuNanos();
        }
        return bytes;
    }

    @TearDown(Level.Invocation)
    public void report() {
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        System.out.printf(Locale.ROOT, "%n[fan-out] %s %s: wall %.2f s (%.2f s per million rows), process CPU %.2f s"
                + " (%.2f s per million rows); per million rows, the caller's thread %.2f s CPU, writers' threads %s%n",
                mode, formats, wall, wall * 1e6 / rows, cpu, cpu * 1e6 / rows, callerCpu * 1e6 / rows / 1e9,
                writersCpu.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey().code(),
                        e.getValue() * 1e6 / rows / 1e9)).toList());
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
