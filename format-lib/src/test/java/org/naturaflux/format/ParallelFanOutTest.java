package org.naturaflux.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.naturaflux.format.support.ExternalTools;
import org.naturaflux.format.support.Fixtures;
import org.naturaflux.format.support.SyntheticRows;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;

/**
 * The parallel fan-out (each writer on a thread of its own) against the sequential one, kept as the oracle:
 * the same files for the same rows, and every guarantee of {@link FanOutWriter} (all or nothing, a rejected
 * row, close without finish, a writer's failure in each position, interrupts), with no thread left behind.
 */
class ParallelFanOutTest {

    private static final List<ExportFormat> FORMATS = List.of(ExportFormat.CSV, ExportFormat.JSON,
            ExportFormat.GEOJSON, ExportFormat.GPKG);
    /** Small batches and queues, so that a few thousand rows go through many hand-overs and full queues. */
    private static final int BATCH = 7;
    private static final int QUEUE = 2;

    private final SyntheticRows synthetic = new SyntheticRows();
    private final FieldLayout layout = FieldLayout.of(synthetic.fields());
    private final String threadName = "fanout-test-" + UUID.randomUUID();

    @TempDir
    Path dir;

    private List<FormatWriter> open(Path into, String prefix) throws IOException {
        List<FormatWriter> writers = new ArrayList<>();
        for (ExportFormat format : FORMATS) {
            writers.add(FormatWriters.open(format, into.resolve(prefix + "." + format.extension()), synthetic.fields(),
                    ExportOptions.defaults(), WriterSettings.defaults().withTempDirectory(into)));
        }
        return writers;
    }

    private FanOutWriter parallel(List<FormatWriter> writers) {
        return FanOutWriter.parallel(writers, BATCH, QUEUE, threadName);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The threads of this test's fan-outs and of the GeoPackage writers' loaders still alive. */
    private List<String> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(threadName) || name.equals("naturaflux-gpkg-loader")).toList();
    }

    private static CompanionTable datasets() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {1L, "Inventaire régional n°1", 60L});
        rows.add(new Object[] {2L, "Atlas \"oiseaux\"; 2024", 40L});
        return new CompanionTable("jeux_de_donnees", List.of(Fixtures.field("id_jdd", FieldType.INTEGER),
                Fixtures.field("nom_jdd", FieldType.TEXT), Fixtures.field("nombre_observations", FieldType.INTEGER)), rows);
    }

    @Test
    void writesTheSameFilesAsTheSequentialFanOut() throws Exception {
        ExternalTools.requireGdal();
        Path sequentialDir = Files.createDirectory(dir.resolve("sequential"));
        Path parallelDir = Files.createDirectory(dir.resolve("parallel"));
        int rows = 3_001;   // 428 batches of 7 and a last one of 5
        ObservationRow rejected = new ObservationRow(9, null, null, null, null, new Object[] {1L});

        List<WrittenFile> expected;
        try (FanOutWriter sequential = new FanOutWriter(open(sequentialDir, "obs"))) {
            for (long i = 0; i < rows; i++) {
                sequential.write(synthetic.row(i));
            }
            assertThat(sequential.addTable(datasets())).isTrue();
            expected = sequential.finish();
        }
        List<WrittenFile> actual;
        try (FanOutWriter fanOut = parallel(open(parallelDir, "obs"))) {
            assertThat(fanOut.isParallel()).isTrue();
            assertThat(ourThreads()).hasSize(FORMATS.size() + 1);   // a thread per writer, and the GeoPackage's loader
            for (long i = 0; i < rows; i++) {
                fanOut.write(synthetic.row(i));
                if (i == 1_000) {
                    assertThatThrownBy(() -> fanOut.write(rejected)).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("row 9");
                }
            }
            assertThat(fanOut.rowCount()).isEqualTo(rows);
            assertThat(fanOut.addTable(datasets())).isTrue();
            actual = fanOut.finish();
            assertThat(fanOut.writerCpuNanos()).containsOnlyKeys(FORMATS).allSatisfy((format, nanos) ->
                    assertThat(nanos).as("CPU time of the %s writer's thread", format).isPositive());
        }
        assertThat(ourThreads()).isEmpty();

        assertThat(actual).extracting(WrittenFile::format).containsExactlyElementsOf(FORMATS);
        assertThat(actual).extracting(WrittenFile::rows).containsOnly((long) rows);
        for (int i = 0; i < FORMATS.size(); i++) {
            WrittenFile seq = expected.get(i);
            WrittenFile par = actual.get(i);
            assertThat(par.sha256()).as("%s SHA-256 as sha256sum reads it", par.format())
                    .isEqualTo(ExternalTools.sha256sum(par.path()));
            if (par.format() != ExportFormat.GPKG) {
                assertThat(Files.mismatch(seq.path(), par.path())).as("%s byte for byte", par.format()).isEqualTo(-1);
                continue;
            }
            // The GeoPackage records when it was written (gpkg_contents.last_change): compared as GDAL reads it.
            ExternalTools.Layer seqLayer = ExternalTools.readLayer(seq.path(), "observations");
            ExternalTools.Layer parLayer = ExternalTools.readLayer(par.path(), "observations");
            assertThat(parLayer.meta().path("featureCount").asLong()).isEqualTo(rows);
            assertThat(parLayer.meta()).isEqualTo(seqLayer.meta());
            assertThat(parLayer.features()).isEqualTo(seqLayer.features());
            assertThat(ExternalTools.readLayer(par.path(), "jeux_de_donnees").features())
                    .isEqualTo(ExternalTools.readLayer(seq.path(), "jeux_de_donnees").features()).hasSize(2);
            ExternalTools.Result validation = ExternalTools.validateGeoPackage(par.path());
            assertThat(validation.exitCode()).as("validate_gpkg: %s%s", validation.stdout(), validation.stderr()).isZero();
        }
    }

    @Test
    void theDefaultOpensTheParallelModeAndTheSettingTheSequentialOne() throws IOException {
        Map<ExportFormat, Path> targets = Map.of(ExportFormat.CSV, dir.resolve("o.csv"));
        List<FieldDefinition> fields = synthetic.fields();
        WriterSettings settings = WriterSettings.defaults().withTempDirectory(dir);
        try (FanOutWriter parallel = FormatWriters.openAll(targets, fields, ExportOptions.defaults(), settings);
             FanOutWriter sequential = FormatWriters.openAll(Map.of(ExportFormat.CSV, dir.resolve("p.csv")), fields,
                     ExportOptions.defaults(), settings.withWriterThreads(false))) {
            assertThat(parallel.isParallel()).isTrue();
            assertThat(sequential.isParallel()).isFalse();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .contains(Thread.currentThread().getName() + "-write-csv");
        }
        assertThat(files()).isEmpty();
    }

    /** A writer failing while rows flow, in each position: the original exception, nothing left, no thread. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void aWriterFailingWhileWritingFailsTheWholeAndStopsTheOthersPromptly(int position) throws IOException {
        IOException boom = new IOException("disk full (simulated) in position " + position);
        List<FormatWriter> writers = open(dir, "obs");
        FaultyWriter faulty = FaultyWriter.failing(writers.get(position), layout, 100, boom);
        writers.set(position, faulty);
        long fed = 0;
        Throwable thrown = null;
        try (FanOutWriter fanOut = parallel(writers)) {
            try {
                for (; fed < 1_000_000; fed++) {
                    fanOut.write(synthetic.row(fed));
                }
                fanOut.finish();
            } catch (IOException e) {
                thrown = e;
                assertThatThrownBy(() -> fanOut.write(synthetic.row(0))).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("close it");
                assertThatThrownBy(fanOut::finish).isInstanceOf(IllegalStateException.class);
            }
        }
        assertThat(thrown).as("the writer's own exception").isSameAs(boom);
        // Surfaced within the rows the queues can hold past the failure, not after the million.
        long bound = 100 + (long) (QUEUE + 2) * BATCH;
        assertThat(fed).isLessThanOrEqualTo(bound);
        for (int i = 0; i < writers.size(); i++) {
            if (i != position) {
                assertThat(writers.get(i).rowCount()).as("rows the %s writer wrote", writers.get(i).format())
                        .isLessThanOrEqualTo(bound);
            }
        }
        assertThat(faulty.written()).isEqualTo(100);
        assertThat(ourThreads()).isEmpty();
        assertThat(files()).isEmpty();
    }

    /** A writer failing when finishing, in each position: the others' finished files are deleted too. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void aWriterFailingWhenFinishingDeletesEveryFile(int position) throws IOException {
        IllegalStateException boom = new IllegalStateException("geometry the format cannot carry (simulated)");
        List<FormatWriter> writers = open(dir, "obs");
        writers.set(position, FaultyWriter.failing(writers.get(position), layout, -1, boom));
        try (FanOutWriter fanOut = parallel(writers)) {
            for (long i = 0; i < 500; i++) {
                fanOut.write(synthetic.row(i));
            }
            assertThatThrownBy(fanOut::finish).isSameAs(boom);
        }
        assertThat(ourThreads()).isEmpty();
        assertThat(files()).isEmpty();
    }

    @Test
    void closedWithoutFinishingLeavesNoFileAndNoThread() throws IOException {
        try (FanOutWriter fanOut = parallel(open(dir, "obs"))) {
            for (long i = 0; i < 2_000; i++) {
                fanOut.write(synthetic.row(i));
            }
            assertThat(ourThreads()).isNotEmpty();
        }
        assertThat(ourThreads()).isEmpty();
        assertThat(files()).isEmpty();
    }

    /**
     * What the worker does when its export is cancelled: the export thread stops feeding and closes the
     * fan-out, even while a writer is stuck in a row (it is interrupted).
     */
    @Test
    void closingWhileAWriterIsStuckInterruptsItAndLeavesNothing() throws Exception {
        List<FormatWriter> writers = open(dir, "obs");
        FaultyWriter stuck = FaultyWriter.blocking(writers.get(3), layout, 50);
        writers.set(3, stuck);
        try (FanOutWriter fanOut = parallel(writers)) {
            for (long i = 0; i < 60; i++) {
                fanOut.write(synthetic.row(i));
            }
            assertThat(stuck.blocked.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(stuck.interrupted).isTrue();
        assertThat(ourThreads()).isEmpty();
        assertThat(files()).isEmpty();
    }

    /**
     * The caller interrupted while it waits for room in a stuck writer's queue: an InterruptedIOException
     * (its interrupt status kept), then close ends every thread.
     */
    @Test
    void anInterruptOfTheCallerWhileItWaitsEndsTheFanOut() throws Exception {
        List<FormatWriter> writers = open(dir, "obs");
        FaultyWriter stuck = FaultyWriter.blocking(writers.get(0), layout, 10);
        writers.set(0, stuck);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try (FanOutWriter fanOut = parallel(writers)) {
                for (long i = 0; i < 1_000_000; i++) {
                    fanOut.write(synthetic.row(i));
                }
            } catch (Throwable e) {
                thrown.set(e);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        }, threadName + "-caller");
        caller.start();
        assertThat(stuck.blocked.await(30, TimeUnit.SECONDS)).isTrue();
        // The caller soon fills the stuck writer's queue and waits for room; wherever the interrupt lands, the
        // wait (lockInterruptibly, then the timed offer) sees it.
        caller.interrupt();
        caller.join(30_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(ourThreads()).isEmpty();
        assertThat(files()).isEmpty();
    }

    @Test
    void companionTablesReachTheGeoPackageAndANameTakenIsRefusedWithoutBreakingTheRun() throws Exception {
        ExternalTools.requireGdal();
        Map<ExportFormat, Path> targets = new LinkedHashMap<>();
        targets.put(ExportFormat.CSV, dir.resolve("o.csv"));
        targets.put(ExportFormat.GPKG, dir.resolve("o.gpkg"));
        List<WrittenFile> files;
        try (FanOutWriter fanOut = FormatWriters.openAll(targets, synthetic.fields(), ExportOptions.defaults(),
                WriterSettings.defaults().withTempDirectory(dir))) {
            for (long i = 0; i < 300; i++) {
                fanOut.write(synthetic.row(i));
            }
            assertThat(fanOut.addTable(datasets())).isTrue();
            assertThatThrownBy(() -> fanOut.addTable(datasets())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("jeux_de_donnees");
            fanOut.write(synthetic.row(300));
            files = fanOut.finish();
        }
        assertThat(files).extracting(WrittenFile::rows).containsOnly(301L);
        List<JsonNode> table = ExternalTools.readLayer(files.get(1).path(), "jeux_de_donnees").features();
        assertThat(table).extracting(f -> f.path("properties").path("nom_jdd").asText())
                .containsExactly("Inventaire régional n°1", "Atlas \"oiseaux\"; 2024");
    }
}
