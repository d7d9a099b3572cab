package org.naturaflux.source.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Generates a realistic demo source in a GeoNature database, deterministic from a seed: the GeoNature
 * subset ({@link GeoNatureSchema}), the eight départements of Île-de-France and their communes
 * ({@link DemoGeography}), the INPN 1, 5 and 10 km grids, a few ZNIEFF, all in {@code ref_geo.l_areas}
 * (types DEP, COM, M1, M5, M10, ZNIEFF1; {@code geom} in the local projection and {@code geom_4326}); a TAXREF extract
 * ({@link DemoTaxonomy}) and its taxa's statuses in the BDC statuts ({@link DemoStatuses}); acquisition frameworks, datasets, sources and EUNIS habitats; and {@code rows}
 * observations, with {@code cor_area_synthese} filled as GeoNature's triggers fill it.
 *
 * <p>Observations are generated in SQL, set-based, from a hash of the seed and the record's id (so the
 * result depends on neither the plan nor the machine): 30 years of dates, more in recent years; 91%
 * points, 5% lines, 4% polygons, concentrated around a few {@linkplain DemoGeography#HOTSPOTS hotspots};
 * observers, place names, comments, proof URLs, additional data; nomenclature values in plausible
 * proportions. Sensitivity (SENSIBILITE): NULL for 4% of the records; most records of a sensitive
 * species get its level; otherwise about 86% code 0, 5% code 1, 4% code 2, 3% code 3 and 2% code 4.
 * Producer's diffusion precision (NIV_PRECIS): 45% NULL, 30% code 0, 15% code 5, 3% code 1, 3% code 2,
 * 2% code 3, 2% code 4.
 *
 * <p><b>Canaries.</b> Every record that must not come out precise (sensitivity NULL or 1 to 4, or
 * NIV_PRECIS 1 to 4) carries its token {@link #canary(long) CANARY-&lt;id_synthese&gt;} in
 * {@code place_name}, {@code comment_context}, {@code comment_description}, {@code additional_data},
 * {@code digital_proof}, {@code non_digital_proof}, {@code validation_comment},
 * {@code entity_source_pk_value}, {@code reference_biblio} and {@code grp_method}; no other record
 * carries any: a test can search exported bytes for {@value #CANARY_PREFIX}.
 *
 * <p><b>Local projection.</b> GeoNature takes its local SRID at install; the demo is drawn in Lambert-93
 * (EPSG:2154, the INPN grids are its squares) and, with {@link #withLocalSrid} another SRID, stored in that
 * one: {@code l_areas.geom}, {@code centroid} and {@code synthese.the_geom_local} transformed (columns,
 * type modifiers and {@code enforce_srid_*} constraints as a GeoNature installed with that SRID has them),
 * while {@code geom_4326} and {@code the_geom_4326} stay those of the Lambert-93 drawing: the same demo,
 * record for record, in another projection. Lines and polygons get a vertex every
 * {@value DemoPublication#REPROJECTED_STEP} m at most before they are transformed, as data digitised in that projection
 * has them: a straight edge of one projection bends in another, and transforming long edges by their ends
 * only would open slivers between a commune and its département (a few 1e-4 of a commune's surface
 * between Lambert-93 and CC49), so that neighbours would overlap.
 *
 * <p>{@link #regenerate} drops and recreates the subset in one transaction, as the owner of the
 * database, loads the data before creating keys and indexes, sets {@code REPLICA IDENTITY FULL} on
 * {@code gn_synthese.synthese} and {@code ref_geo.l_areas}, puts them back in the publications that
 * held them (change capture), and analyzes the tables.
 *
 * <p>A generation runs in three stages, each a class: {@link DemoReferenceData} (areas, taxa, metadata; the
 * nomenclatures come with the schema), {@link DemoObservations} (places, then observations), and
 * {@link DemoPublication} (the derived {@code cor_area_synthese}, the local projection, keys, statistics and
 * change capture's publications).
 */
public final class DemoSourceGenerator {

    /** The prefix of every canary token. */
    public static final String CANARY_PREFIX = "CANARY-";

    /** The canary token of a record that must not come out precise. */
    public static String canary(long idSynthese) {
        return CANARY_PREFIX + idSynthese;
    }

    /**
     * What a generation produced, and how long each stage took.
     *
     * @param observations the rows of {@code gn_synthese.synthese}
     * @param areas        the rows of {@code ref_geo.l_areas}, per type code
     * @param taxa         the rows of {@code taxonomie.taxref}
     * @param areaLinks    the rows of {@code gn_synthese.cor_area_synthese}
     * @param stages       the duration of each stage, in order
     */
    public record Summary(long observations, Map<String, Long> areas, long taxa, long areaLinks,
                          Map<String, Duration> stages) {
        /** The total duration. */
        public Duration total() {
            return stages.values().stream().reduce(Duration.ZERO, Duration::plus);
        }
    }

    /** The projection the demo is drawn in (Lambert-93: the INPN grids are its squares). */
    private static final int DRAWN_SRID = 2154;

    private final Connection connection;
    private final long seed;
    private int localSrid = DRAWN_SRID;
    private Consumer<String> log = message -> { };

    /**
     * A generator writing through {@code connection} (as the owner of the database; autocommit is
     * restored after each generation).
     */
    public DemoSourceGenerator(Connection connection, long seed) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.seed = seed;
    }

    /** The same generator, reporting each finished stage to {@code log}. */
    public DemoSourceGenerator withLog(Consumer<String> log) {
        this.log = Objects.requireNonNull(log, "log");
        return this;
    }

    /**
     * The same generator, storing the local geometries in EPSG:{@code srid} (2154 by default), as a
     * GeoNature installed with that local SRID does; the SRID must be a projected one PostGIS knows
     * (checked when generating).
     */
    public DemoSourceGenerator withLocalSrid(int srid) {
        if (srid <= 0) {
            throw new IllegalArgumentException("not an SRID: " + srid);
        }
        this.localSrid = srid;
        return this;
    }

    /**
     * Drops the GeoNature subset and recreates it with {@code rows} observations (10,000 to 10,000,000
     * in practice; 0 gives the referentials alone), in one transaction.
     *
     * @throws IllegalArgumentException if {@code rows} is negative or above 100,000,000
     */
    public Summary regenerate(long rows) throws SQLException {
        if (rows < 0 || rows > 100_000_000L) {
            throw new IllegalArgumentException("rows must be between 0 and 100,000,000: " + rows);
        }
        Map<String, Duration> stages = new LinkedHashMap<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            Stopwatch watch = new Stopwatch(stages);
            DemoPublication publication = DemoPublication.before(connection, st, log);
            st.execute("SET LOCAL synchronous_commit = off");
            st.execute("SET LOCAL maintenance_work_mem = '256MB'");
            st.execute("SET LOCAL work_mem = '64MB'");
            // compiling the wide generating statements would cost more than running them
            st.execute("SET LOCAL jit = off");
            GeoNatureSchema.drop(connection);
            GeoNatureSchema.drop(connection);
            GeoNatureSchema.createTables(connection);
            watch.lap("schema");
            DemoReferenceData reference = new DemoReferenceData(connection, seed);
            reference.writeAreas(st);
            watch.lap("areas");
            DemoTaxonomy taxonomy = reference.writeTaxaAndMetadata(st);
            watch.lap("taxa and metadata");
            new DemoStatuses(connection).write(st, taxonomy);
            watch.lap("taxon statuses");
            DemoObservations observations = new DemoObservations(connection, seed);
            observations.writePlaces(st, rows);
            watch.lap("observation places");
            observations.writeObservations(st, taxonomy);
            watch.lap("observations");
            publication.writeAreaLinks(st);
            watch.lap("cor_area_synthese");
            if (localSrid != DRAWN_SRID) {
                publication.reproject(st, localSrid);
                watch.lap("EPSG:" + localSrid);
            }
            publication.createKeys();
            watch.lap("keys and indexes");
            publication.analyzeAndRepublish(st);
            connection.commit();
            watch.lap("analyze and commit");
            return summary(st, stages);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Times the stages of a generation and reports each one to the log. */
    private final class Stopwatch {
        private final Map<String, Duration> stages;
        private long start = System.nanoTime();

        Stopwatch(Map<String, Duration> stages) {
            this.stages = stages;
        }

        void lap(String stage) {
            long now = System.nanoTime();
            Duration d = Duration.ofNanos(now - start);
            stages.put(stage, d);
            log.accept(String.format(Locale.ROOT, "%-20s %7.1f s", stage, d.toMillis() / 1000.0));
            start = now;
        }
    }

    private static Summary summary(Statement st, Map<String, Duration> stages) throws SQLException {
        long observations;
        long taxa;
        long links;
        Map<String, Long> areas = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM gn_synthese.synthese),"
                + " (SELECT count(*) FROM taxonomie.taxref), (SELECT count(*) FROM gn_synthese.cor_area_synthese)")) {
            rs.next();
            observations = rs.getLong(1);
            taxa = rs.getLong(2);
            links = rs.getLong(3);
        }
        try (ResultSet rs = st.executeQuery("SELECT t.type_code, count(a.id_area) FROM ref_geo.bib_areas_types t"
                + " LEFT JOIN ref_geo.l_areas a ON a.id_type = t.id_type GROUP BY t.type_code, t.id_type ORDER BY t.id_type")) {
            while (rs.next()) {
                areas.put(rs.getString(1), rs.getLong(2));
            }
        }
        return new Summary(observations, Collections.unmodifiableMap(areas), taxa, links,
                Collections.unmodifiableMap(new LinkedHashMap<>(stages)));
    }

    /**
     * Command line: {@code DemoSourceGenerator <jdbcUrl> <user> <password> <rows> <seed> [readRole [localSrid]]};
     * connects as the owner of the database, regenerates the demo source (local geometries in EPSG:{@code localSrid},
     * 2154 when absent) and grants read access to {@code readRole}.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: DemoSourceGenerator <jdbcUrl> <user> <password> <rows> <seed> [readRole [localSrid]]");
            System.exit(2);
        }
        long rows = Long.parseLong(args[3]);
        long seed = Long.parseLong(args[4]);
        int srid = args.length > 6 ? Integer.parseInt(args[6]) : DRAWN_SRID;
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            Summary summary = new DemoSourceGenerator(connection, seed).withLocalSrid(srid).withLog(System.out::println)
                    .regenerate(rows);
            if (args.length > 5 && !args[5].isBlank()) {
                GeoNatureSchema.grantRead(connection, args[5]);
            }
            System.out.printf(Locale.ROOT, "generated %,d observations (seed %d) in %.1f s: areas %s, %,d taxa, %,d area links%n",
                    summary.observations(), seed, summary.total().toMillis() / 1000.0, summary.areas(), summary.taxa(),
                    summary.areaLinks());
        }
    }
}
