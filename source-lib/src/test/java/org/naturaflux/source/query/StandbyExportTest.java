package org.naturaflux.source.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.testkit.Eventually;
import org.naturaflux.testkit.IsolatedDatabase;
import org.naturaflux.testkit.PrivatePostgres;

/**
 * Exports read from a hot standby (a streaming replica) of the source, as the workers may be pointed at
 * one so that a long export holds no snapshot on the primary: the standby exports what the primary does,
 * sees the primary's writes once replayed, refuses writes, and, with {@code hot_standby_feedback}, a long
 * export there is not cancelled when the primary vacuums away rows its snapshot still sees.
 */
class StandbyExportTest {

    /** The demo's whole extent (Île-de-France). */
    private static final Territory TERRITORY = new Territory.Wkt("POLYGON((1.4 48.1, 3.6 48.1, 3.6 49.3, 1.4 49.3, 1.4 48.1))");
    private static final ExportQuery QUERY = ExportQuery.of(TERRITORY, TaxaFilter.all(),
            FieldCatalogue.standard().fields(), SensitivityRules.standard().selectionPlan());
    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void theStandbyExportsWhatThePrimaryDoesSeesItsWritesAndRefusesItsOwn() throws Exception {
        try (PrivatePostgres primary = PrivatePostgres.start("standby-primary");
             PrivatePostgres standby = primary.startStandby("standby", Map.of());
             IsolatedDatabase db = IsolatedDatabase.create(primary.stack(), "standby");
             Connection onPrimary = db.connect()) {
            new DemoSourceGenerator(onPrimary, 5).regenerate(3_000);
            standby.awaitReplayOf(primary, REPLAY_TIMEOUT);
            try (Connection onStandby = connect(standby, db)) {
                assertThat(single(onStandby, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");
                Set<Long> expected = ids(onPrimary);
                assertThat(expected).hasSizeGreaterThan(1_000).hasSize((int) QUERY.count(onPrimary));
                assertThat(ids(onStandby)).isEqualTo(expected);
                assertThat(QUERY.count(onStandby)).isEqualTo(expected.size());

                Set<Long> deleted = expected.stream().limit(25).collect(Collectors.toCollection(TreeSet::new));
                String list = deleted.stream().map(String::valueOf).collect(Collectors.joining(","));
                try (Statement st = onPrimary.createStatement()) {
                    assertThat(st.executeUpdate("DELETE FROM gn_synthese.synthese WHERE id_synthese IN (" + list + ")"))
                            .isEqualTo(deleted.size());
                }
                standby.awaitReplayOf(primary, REPLAY_TIMEOUT);
                Set<Long> remaining = new HashSet<>(expected);
                remaining.removeAll(deleted);
                assertThat(ids(onStandby)).isEqualTo(remaining).isEqualTo(ids(onPrimary));

                try (Statement st = onStandby.createStatement()) {
                    assertThatThrownBy(() -> st.executeUpdate("DELETE FROM gn_synthese.synthese WHERE id_synthese = "
                            + remaining.iterator().next()))
                            .isInstanceOf(SQLException.class).hasMessageContaining("read-only transaction");
                }
            }
        }
    }

    /**
     * The standby cancels any query in the way of replay at once ({@code max_standby_streaming_delay = 0}),
     * so only {@code hot_standby_feedback} keeps the export alive: the primary then keeps the rows the
     * export's snapshot sees, and the export reads every record it started with.
     */
    @Test
    void aLongExportOnTheStandbyOutlivesDeletesAndVacuumOnThePrimaryWithHotStandbyFeedback() throws Exception {
        ExportAcrossVacuum run = exportAcrossVacuum(Map.of("hot_standby_feedback", "on", "max_standby_streaming_delay", "0"));
        assertThat((Throwable) run.failure()).isNull();
        assertThat(run.read()).isEqualTo(run.expected());
    }

    /** The same export without feedback is cancelled by the replay of the primary's vacuum: the setting matters. */
    @Test
    void withoutHotStandbyFeedbackTheSameExportIsCancelledByTheReplayOfThePrimarysVacuum() throws Exception {
        ExportAcrossVacuum run = exportAcrossVacuum(Map.of("hot_standby_feedback", "off", "max_standby_streaming_delay", "0"));
        assertThat((Throwable) run.failure()).isNotNull().hasMessageContaining("conflict with recovery");
        assertThat(run.read()).hasSizeLessThan(run.expected().size());
    }

    /** What an export on the standby read, of what it should have, and how it ended when it failed. */
    private record ExportAcrossVacuum(Set<Long> expected, Set<Long> read, SQLException failure) {
    }

    /**
     * A demo source on a primary with a standby of the given settings: an export on the standby reads its
     * first rows, then the primary deletes every record and vacuums, the standby replays that, and the
     * export reads on.
     */
    private static ExportAcrossVacuum exportAcrossVacuum(Map<String, String> standbySettings) throws Exception {
        try (PrivatePostgres primary = PrivatePostgres.start("standby-primary");
             PrivatePostgres standby = primary.startStandby("standby-vacuum", standbySettings);
             IsolatedDatabase db = IsolatedDatabase.create(primary.stack(), "vacuum");
             Connection onPrimary = db.connect()) {
            new DemoSourceGenerator(onPrimary, 6).regenerate(3_000);
            try (Statement st = onPrimary.createStatement()) {
                st.execute("VACUUM");   // nothing left to clean but what this test deletes
            }
            standby.awaitReplayOf(primary, REPLAY_TIMEOUT);
            Set<Long> expected = ids(onPrimary);
            assertThat(expected).hasSizeGreaterThan(1_000);

            try (Connection export = connect(standby, db); Connection watch = connect(standby, db)) {
                int exportPid = Integer.parseInt(single(export, "SELECT pg_backend_pid()::text"));
                Set<Long> read = new HashSet<>();
                try (RowStream rows = QUERY.stream(export, 100)) {
                    for (int i = 0; i < 100; i++) {
                        read.add(rows.next().id());
                    }
                    if ("on".equals(standbySettings.get("hot_standby_feedback"))) {
                        // The primary holds back for the export's snapshot once the standby's feedback says so.
                        long exportXmin = Long.parseLong(single(watch,
                                "SELECT backend_xmin::text FROM pg_stat_activity WHERE pid = " + exportPid));
                        awaitPrimaryHorizonAtMost(primary, exportXmin);
                    }
                    try (Statement st = onPrimary.createStatement()) {
                        st.executeUpdate("DELETE FROM gn_synthese.synthese");
                        st.execute("VACUUM gn_synthese.synthese");
                    }
                    standby.awaitReplayOf(primary, REPLAY_TIMEOUT);
                    for (ObservationRow row = rows.next(); row != null; row = rows.next()) {
                        read.add(row.id());
                    }
                } catch (SQLException e) {
                    return new ExportAcrossVacuum(expected, read, e);
                }
                assertThat(ids(watch)).as("the deletes, replayed").isEmpty();
                return new ExportAcrossVacuum(expected, read, null);
            }
        }
    }

    /** Waits until the primary's horizon for the standby (its reported xmin) is at most {@code xmin}. */
    private static void awaitPrimaryHorizonAtMost(PrivatePostgres primary, long xmin) throws Exception {
        try (Connection connection = DriverManager.getConnection(primary.jdbcUrl("postgres"), PrivatePostgres.OWNER,
                primary.password())) {
            String sql = "SELECT coalesce(bool_and(backend_xmin::text::bigint <= " + xmin + "), false)::text"
                    + " FROM pg_stat_replication";
            Eventually.within(REPLAY_TIMEOUT, "the standby's feedback (xmin <= " + xmin + ") reaching the primary")
                    .pollInterval(Duration.ofMillis(50)).until(() -> "true".equals(single(connection, sql)));
        }
    }

    private static Connection connect(PrivatePostgres server, IsolatedDatabase db) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(db.name()), PrivatePostgres.OWNER, server.password());
    }

    private static Set<Long> ids(Connection connection) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (RowStream rows = QUERY.stream(connection, 500)) {
            for (ObservationRow row = rows.next(); row != null; row = rows.next()) {
                assertThat(ids.add(row.id())).as("record %d twice", row.id()).isTrue();
            }
        }
        return ids;
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
