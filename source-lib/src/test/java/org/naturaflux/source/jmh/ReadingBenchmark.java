package org.naturaflux.source.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.source.query.ExportQuery;
import org.naturaflux.source.query.RowStream;
import org.naturaflux.testkit.IsolatedDatabase;
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
 * Reading the basic flux of the whole demo region as the worker does (one REPEATABLE READ transaction), through
 * a server-side cursor ({@link ExportQuery#stream}, fetch size 2000, the worker's default) or a binary COPY
 * ({@link ExportQuery#copy}): every row read and built, nothing else. JMH's score is the wall time of one whole
 * read; besides, each trial prints the reading thread's CPU time per million rows ({@link ThreadMXBean}) and,
 * once, the statement's plan with {@code EXPLAIN (ANALYZE)}: whether PostgreSQL runs it in parallel (a cursor
 * forbids it; COPY, like {@code EXPLAIN ANALYZE}, runs the statement to the end in one go).
 * Needs the local stack ({@code eval "$(deploy/local/env)"}): each trial generates its own demo source of
 * {@code rows} observations in a database of its own.
 * <pre>
 *   source-lib/bench.sh ReadingBenchmark -f 1 -wi 1 -i 3 -p rows=1000000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReadingBenchmark {

    private static final SensitivityRules RULES = SensitivityRules.standard();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Observations in the demo source. */
    @Param("1000000")
    public int rows;

    /** {@code cursor} or {@code copy}. */
    @Param({"cursor", "copy"})
    public String reading;

    private IsolatedDatabase database;
    private Connection connection;
    private ExportQuery query;
    private long cpuNanos;
    private long rowsRead;
    private final List<Double> cpuPerMillion = new ArrayList<>();

    @Setup(Level.Trial)
    public void generate() throws SQLException {
        database = IsolatedDatabase.create(ReadingBenchmark.class);
        connection = database.connect();
        new DemoSourceGenerator(connection, 42).regenerate(rows);
        List<AreaRef> departements = new ArrayList<>();
        for (String code : List.of("75", "77", "78", "91", "92", "93", "94", "95")) {
            departements.add(new AreaRef("DEP", code));
        }
        query = ExportQuery.of(new Territory.Areas(departements), TaxaFilter.all(), FieldCatalogue.standard().basic(),
                RULES.selectionPlan());
        if (reading.equals("copy")) {
            explain();
        }
    }

    private void explain() throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL jit = off");
            try (ResultSet plan = st.executeQuery("EXPLAIN (ANALYZE, COSTS off, TIMING off, SUMMARY on) "
                    + query.inlinedSelectSql(connection))) {
                while (plan.next()) {
                    String line = plan.getString(1);
                    if (line.contains("Gather") || line.contains("Workers") || line.contains("Parallel")
                            || line.contains("Execution Time") || line.contains("Append")) {
                        System.out.println("[plan rows=" + rows + "] " + line);
                    }
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    @Setup(Level.Iteration)
    public void resetCounters() {
        cpuNanos = 0;
        rowsRead = 0;
    }

    @TearDown(Level.Iteration)
    public void recordCpu() {
        if (rowsRead > 0) {
            cpuPerMillion.add(cpuNanos / 1e9 / (rowsRead / 1e6));
        }
    }

    @TearDown(Level.Trial)
    public void drop() throws SQLException {
        System.out.println(String.format(Locale.ROOT, "%n[reading=%s rows=%d] reading thread CPU-s per million rows, by iteration: %s",
                reading, rows, cpuPerMillion.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList()));
        connection.close();
        database.close();
    }

    @Benchmark
    public long read() throws SQLException {
        long cpu = THREADS.getCurrentThreadCpuTime();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        long values = 0;
        long read;
        try (RowStream stream = reading.equals("copy") ? query.copy(connection) : query.stream(connection, 2000)) {
            for (ObservationRow row = stream.next(); row != null; row = stream.next()) {
                values += row.values().length;
            }
            read = stream.rowsRead();
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
        rowsRead += read;
        return values;
    }
}
