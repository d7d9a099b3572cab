package org.naturaflux.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;

/**
 * A PostgreSQL cluster of the test's own (PostGIS available), on a free port in a temporary directory,
 * that the test may crash and start again: the shared stack's server must never be stopped, since other
 * test runs use it.
 *
 * <p>Built from the binaries of the stack's PostgreSQL ({@code NATURAFLUX_PG_BIN}, default
 * {@code /usr/lib/postgresql/15/bin}; {@code deploy/local/test} installs them with PostGIS). PostgreSQL
 * refuses to run as root: when the test runs as root, the cluster runs as the {@code postgres} user.
 * {@link #stack()} describes it as a {@link TestStack} (the owner's URL, a PostGIS template and a
 * read-only login), so that {@link IsolatedDatabase} creates the test's databases on it as on the shared
 * server.
 *
 * <pre>{@code
 * try (PrivatePostgres pg = PrivatePostgres.start("faults");
 *      IsolatedDatabase db = IsolatedDatabase.create(pg.stack(), "source")) {
 *     pg.crash();   // immediate shutdown: connections broken, recovery at the next start
 *     pg.start();
 * }
 * }</pre>
 *
 * <p>{@link #startStandby(String, Map)} adds a hot standby of it (a streaming replica made with
 * {@code pg_basebackup}, read-only, on its own port), as a production platform may give the export workers.
 */
public final class PrivatePostgres implements AutoCloseable {

    /** The owner (superuser of this cluster only). */
    public static final String OWNER = "naturaflux";
    /** A login without rights of its own, for {@link IsolatedDatabase#grantReadOnly(String)}. */
    public static final String READER = "naturaflux_reader";
    /** The PostGIS template that {@link IsolatedDatabase} clones. */
    public static final String TEMPLATE = "naturaflux_template_postgis";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final Path data;
    private final Path log;
    private final int port;
    private final String password;
    private final Thread shutdownHook;
    private boolean closed;

    private PrivatePostgres(Path directory, int port, String password) {
        this.directory = directory;
        this.password = password;
        this.data = directory.resolve("data");
        this.log = directory.resolve("postgresql.log");
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "private-postgres-" + port);
    }

    /**
     * Creates the cluster (initdb), starts it, and creates the PostGIS template and the reader role.
     *
     * @throws IllegalStateException when a step fails, with PostgreSQL's own output
     */
    public static PrivatePostgres start(String label) {
        Path directory;
        try {
            directory = Files.createTempDirectory("nf-pg-" + UniqueNames.label(label, '-', 30) + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for a private PostgreSQL", e);
        }
        PrivatePostgres pg = new PrivatePostgres(directory, ServiceProcess.Builder.freePort(),
                "pg-" + UniqueNames.suffix() + UniqueNames.suffix());
        Runtime.getRuntime().addShutdownHook(pg.shutdownHook);
        try {
            pg.initialise();
            pg.start();
            pg.createTemplateAndReader();
            return pg;
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /**
     * Starts a hot standby of this (running) cluster: {@code pg_basebackup -R} copies it, as its owner
     * (a superuser may replicate; initdb's pg_hba.conf allows replication from 127.0.0.1), into a
     * directory of its own, and the copy streams this cluster's WAL from then on, read-only, on a free
     * port. Same roles and password as this cluster; {@code settings} are appended to its
     * postgresql.conf (e.g. {@code hot_standby_feedback}, {@code max_standby_streaming_delay}); its
     * standby status is sent every second ({@code wal_receiver_status_interval}) so that feedback
     * reaches this cluster quickly. Close it before this cluster.
     *
     * @throws IllegalStateException when the copy or the start fails, with PostgreSQL's own output
     */
    public PrivatePostgres startStandby(String label, Map<String, String> settings) {
        Path standbyDirectory;
        try {
            standbyDirectory = Files.createTempDirectory("nf-pg-standby-" + UniqueNames.label(label, '-', 30) + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for a private PostgreSQL standby", e);
        }
        PrivatePostgres standby = new PrivatePostgres(standbyDirectory, ServiceProcess.Builder.freePort(), password);
        Runtime.getRuntime().addShutdownHook(standby.shutdownHook);
        try {
            if (asRoot()) {
                standby.run(List.of("chown", "-R", "postgres:postgres", standbyDirectory.toString()));
            }
            standby.run(asServerUser(List.of(binary("pg_basebackup"), "-D", standby.data.toString(),
                    "-d", "host=127.0.0.1 port=" + port + " user=" + OWNER + " password=" + password,
                    "-R", "-X", "stream", "-c", "fast")));
            // The copied postgresql.conf names this cluster's port and socket directory: later lines win.
            Map<String, String> all = new TreeMap<>(settings);
            all.put("port", Integer.toString(standby.port));
            all.put("unix_socket_directories", "'" + standbyDirectory + "'");
            all.put("hot_standby", "on");
            all.putIfAbsent("wal_receiver_status_interval", "'1s'");
            StringBuilder lines = new StringBuilder("\n# naturaflux testkit PrivatePostgres standby\n");
            all.forEach((key, value) -> lines.append(key).append(" = ").append(value).append('\n'));
            Path conf = standby.data.resolve("postgresql.conf");
            Files.writeString(conf, Files.readString(conf) + lines);
            standby.start();
            return standby;
        } catch (IOException e) {
            standby.close();
            throw new UncheckedIOException("cannot configure the standby in " + standbyDirectory, e);
        } catch (RuntimeException e) {
            standby.close();
            throw e;
        }
    }

    /**
     * Waits until this standby has replayed everything the primary had written when called (its WAL
     * position then), so that what was committed there is visible here.
     *
     * @throws IllegalStateException when it has not within the timeout
     */
    public void awaitReplayOf(PrivatePostgres primary, Duration timeout) {
        String target = primary.single("SELECT pg_current_wal_lsn()::text");
        try {
            Eventually.within(timeout, "the standby replaying up to " + target).pollInterval(Duration.ofMillis(50))
                    .until(() -> "t".equals(single("SELECT pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn")));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the standby on port " + port + " has not replayed the primary's WAL up to "
                    + target + " within " + timeout + " (replayed: " + single("SELECT pg_last_wal_replay_lsn()") + ")" + logTail());
        }
    }

    /** The first column of the first row of a query run as the owner in database postgres, as text. */
    private String single(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), OWNER, password);
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("query on the private PostgreSQL on port " + port + " failed: " + sql, e);
        }
    }

    public int port() {
        return port;
    }

    /** The owner's JDBC URL of a database of this cluster. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String password() {
        return password;
    }

    /**
     * The variables of {@link TestStack} that point at this cluster: the service database ({@code
     * NATURAFLUX_DB_*}), the template, and the source roles (reader, owner as source admin).
     */
    public Map<String, String> variables() {
        Map<String, String> variables = new HashMap<>();
        variables.put("NATURAFLUX_DB_URL", jdbcUrl("postgres"));
        variables.put("NATURAFLUX_DB_USER", OWNER);
        variables.put("NATURAFLUX_DB_PASSWORD", password);
        variables.put("NATURAFLUX_TEST_DB_TEMPLATE", TEMPLATE);
        variables.put("NATURAFLUX_SOURCE_DB_USER", READER);
        variables.put("NATURAFLUX_SOURCE_DB_PASSWORD", password);
        variables.put("NATURAFLUX_SOURCE_ADMIN_DB_USER", OWNER);
        variables.put("NATURAFLUX_SOURCE_ADMIN_DB_PASSWORD", password);
        return variables;
    }

    /** This JVM's stack with the database variables replaced by this cluster's. */
    public TestStack stack() {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.putAll(variables());
        return TestStack.of(variables);
    }

    /** True when the server accepts connections. */
    public boolean isRunning() {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres") + "?connectTimeout=2", OWNER, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Starts the server and waits until it accepts connections (after crash recovery, if any). */
    public void start() {
        pgCtl("start", "-w", "-t", Long.toString(START_TIMEOUT.toSeconds()), "-l", log.toString());
    }

    /**
     * Immediate shutdown, as a crash: every backend ends at once, clients see their connections broken,
     * nothing is checkpointed (the next start recovers from the WAL). Returns once the server is gone.
     */
    public void crash() {
        pgCtl("stop", "-m", "immediate", "-w");
    }

    /** {@link #crash()} then {@link #start()}. */
    public void restart() {
        crash();
        start();
    }

    /** Stops the server and deletes its directory. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    private void stopQuietly() {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                pgCtl("stop", "-m", "immediate", "-w");
            } catch (RuntimeException e) {
                System.err.println("private PostgreSQL on port " + port + " not stopped: " + e.getMessage());
            }
        }
    }

    private void initialise() {
        try {
            Path passwordFile = directory.resolve("password");
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
            if (asRoot()) {
                run(List.of("chown", "-R", "postgres:postgres", directory.toString()));
            }
            run(asServerUser(List.of(binary("initdb"), "-D", data.toString(), "-U", OWNER, "--pwfile=" + passwordFile,
                    "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--no-locale")));
            Files.delete(passwordFile);
            // Tuned for a throwaway test server: small, no fsync (an immediate stop still recovers from
            // the WAL: only an operating system crash could lose data, and then the test is lost anyway).
            // synchronous_commit stays on: off, a crash loses commits already acknowledged to clients,
            // which no production server does, and the tests would see approvals vanish.
            String settings = String.join("\n",
                    "port = " + port,
                    "listen_addresses = '127.0.0.1'",
                    "unix_socket_directories = '" + directory + "'",
                    "max_connections = 60",
                    "shared_buffers = 32MB",
                    "fsync = off",
                    "full_page_writes = off",
                    "logging_collector = off",
                    "");
            Path conf = data.resolve("postgresql.conf");
            Files.writeString(conf, Files.readString(conf) + "\n# naturaflux testkit PrivatePostgres\n" + settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot initialise a private PostgreSQL in " + directory, e);
        }
    }

    private void createTemplateAndReader() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), OWNER, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + READER + " LOGIN PASSWORD '" + password + "'");
            statement.execute("CREATE DATABASE " + TEMPLATE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the private PostgreSQL on port " + port + logTail(), e);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(TEMPLATE), OWNER, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION postgis");
            statement.execute("ALTER DATABASE " + TEMPLATE + " IS_TEMPLATE true");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot install PostGIS in the private PostgreSQL (is postgresql-15-postgis-3"
                    + " installed? deploy/local/test installs it)" + logTail(), e);
        }
    }

    private void pgCtl(String action, String... options) {
        List<String> command = new ArrayList<>(List.of(binary("pg_ctl"), action, "-D", data.toString()));
        command.addAll(List.of(options));
        run(asServerUser(command));
    }

    private static String binary(String name) {
        String bin = System.getenv().getOrDefault("NATURAFLUX_PG_BIN", "/usr/lib/postgresql/15/bin");
        Path path = Path.of(bin, name);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(path + " not found: install postgresql-15 and postgresql-15-postgis-3"
                    + " (deploy/local/test does), or set NATURAFLUX_PG_BIN");
        }
        return path.toString();
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asServerUser(List<String> command) {
        if (!asRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(START_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + ":\n" + output + logTail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private String logTail() {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log);
            return "\nlast lines of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
