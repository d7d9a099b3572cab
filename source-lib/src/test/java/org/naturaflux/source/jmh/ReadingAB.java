package org.naturaflux.source.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.query.ExportQuery;
import org.naturaflux.source.query.RowStream;

/**
 * {@link ReadingBenchmark}'s two ways of reading, interleaved in one run on an existing source (ABBA order, so
 * that a drift of the machine's load weighs on both alike), with the server's side alone besides: the statement
 * under {@code EXPLAIN (ANALYZE)} with and without parallel workers, interleaved too. Prints one line per
 * measure. Arguments: JDBC URL, user, password, rounds (each round: cursor, copy, copy, cursor).
 * <pre>
 *   java -cp ... org.naturaflux.source.jmh.ReadingAB "$NATURAFLUX_SOURCE_DB_URL" user password 2
 * </pre>
 */
public final class ReadingAB {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ReadingAB() {
    }

    public static void main(String[] args) throws Exception {
        List<AreaRef> departements = new ArrayList<>();
        for (String code : List.of("75", "77", "78", "91", "92", "93", "94", "95")) {
            departements.add(new AreaRef("DEP", code));
        }
        ExportQuery query = ExportQuery.of(new Territory.Areas(departements), TaxaFilter.all(),
                FieldCatalogue.standard().basic(), SensitivityRules.standard().selectionPlan());
        int rounds = Integer.parseInt(args[3]);
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            for (int round = 0; round < rounds; round++) {
                for (String reading : List.of("cursor", "copy", "copy", "cursor")) {
                    read(connection, query, reading);
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (int workers : new int[]{2, 0, 0, 2}) {
                    explain(connection, query, workers);
                }
            }
        }
    }

    private static void read(Connection connection, ExportQuery query, String reading) throws SQLException {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        long rows;
        try (RowStream stream = reading.equals("copy") ? query.copy(connection) : query.stream(connection, 2000)) {
            for (ObservationRow row = stream.next(); row != null; row = stream.next()) {
                if (row.values().length < 0) {
                    throw new IllegalStateException();
                }
            }
            rows = stream.rowsRead();
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
        System.out.println(String.format(Locale.ROOT, "read %-6s rows=%d wall=%.2fs (%.2f s/M) readingThreadCpu=%.3fs (%.3f s/M)",
                reading, rows, wall, wall * 1e6 / rows, cpuSeconds, cpuSeconds * 1e6 / rows));
    }

    private static void explain(Connection connection, ExportQuery query, int workers) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL jit = off");
            st.execute("SET LOCAL max_parallel_workers_per_gather = " + workers);
            String launched = "no Gather";
            String time = "";
            try (ResultSet plan = st.executeQuery("EXPLAIN (ANALYZE, COSTS off, TIMING off, SUMMARY on) "
                    + query.inlinedSelectSql(connection))) {
                while (plan.next()) {
                    String line = plan.getString(1).strip();
                    if (line.startsWith("Workers Launched")) {
                        launched = line;
                    } else if (line.startsWith("Execution Time")) {
                        time = line;
                    }
                }
            }
            System.out.println("explain analyze max_parallel_workers_per_gather=" + workers + ": " + launched + ", " + time);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }
}
