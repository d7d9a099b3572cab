package org.naturaflux.source.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKBWriter;

/**
 * Generates a realistic demo source in a GeoNature database, deterministic from a seed: the GeoNature
 * subset ({@link GeoNatureSchema}), the eight départements of Île-de-France and their communes
 * ({@link DemoGeography}), the INPN 1, 5 and 10 km grids, a few ZNIEFF, all in {@code ref_geo.l_areas}
 * (types DEP, COM, M1, M5, M10, ZNIEFF1; {@code geom} in the local projection and {@code geom_4326}); a TAXREF extract
 * ({@link DemoTaxonomy}); acquisition frameworks, datasets, sources and EUNIS habitats; and {@code rows}
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
 * {@value #REPROJECTED_STEP} m at most before they are transformed, as data digitised in that projection
 * has them: a straight edge of one projection bends in another, and transforming long edges by their ends
 * only would open slivers between a commune and its département (a few 1e-4 of a commune's surface
 * between Lambert-93 and CC49), so that neighbours would overlap.
 *
 * <p>{@link #regenerate} drops and recreates the subset in one transaction, as the owner of the
 * database, loads the data before creating keys and indexes, sets {@code REPLICA IDENTITY FULL} on
 * {@code gn_synthese.synthese} and {@code ref_geo.l_areas}, puts them back in the publications that
 * held them (change capture), and analyzes the tables.
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

    private static final int TAXON_SLOTS = 10_000;
    /** The projection the demo is drawn in (Lambert-93: the INPN grids are its squares). */
    private static final int DRAWN_SRID = 2154;
    /**
     * Longest segment, in metres, of an area's {@code geom} before it is transformed into {@code geom_4326}:
     * the step source-lib's {@code AreaLoader} computes an area's WGS84 form with (its
     * {@code ReferenceLoadersTest} compares the two, vertex for vertex, on a commune, a département and a
     * 10 km cell).
     */
    static final int WGS84_STEP_METRES = 100;
    /** Longest segment, in metres, of a line or polygon transformed to another local projection. */
    private static final int REPROJECTED_STEP = 100;
    /**
     * Whether a record must not come out precise (and so carries canaries): sensitivity NULL or 1 to 4
     * ({@code g.s_code}), or producer's restriction 1 to 4 ({@code g.d_code}).
     */
    private static final String MUST_NOT_BE_PRECISE =
            "coalesce(g.s_code IS NULL OR g.s_code BETWEEN 1 AND 4 OR g.d_code BETWEEN 1 AND 4, false)";
    /** The draw that decides whether a record is a point, a line or a polygon. */
    private static final int SHAPE_DRAW = 14;
    private static final String[] OBSERVERS = {"DUPONT Jean", "MARTIN Claire", "BERNARD Luc", "PETIT Anne",
            "ROBERT Hugo", "DURAND Léa", "MOREAU Paul", "LEFÈVRE Zoé", "GARCIA Inès", "ROUX Mathieu", "FOURNIER Élise",
            "GIRARD Noé", "BONNET Camille", "DUBOIS Louis", "LAMBERT Manon", "FONTAINE Jules", "ROUSSEAU Chloé",
            "VINCENT Arthur", "MULLER Lina", "LEFEBVRE Tom", "FAURE Alice", "ANDRÉ Victor", "MERCIER Jade",
            "BLANC Raphaël", "GUÉRIN Louise", "BOYER Nathan", "GARNIER Emma", "CHEVALIER Adam", "FRANÇOIS Rose",
            "LEGRAND Théo", "GAUTHIER Lou", "PERRIN Gabriel", "ROBIN Juliette", "CLÉMENT Sacha", "MORIN Anna",
            "NICOLAS Maël", "HENRY Lucie", "ROUSSEL Ethan", "MATHIEU Margaux", "MASSON Hélène"};
    private static final String[] VALIDATORS = {"SIMON Marc (CBNBP)", "LAURENT Sophie (ARB IdF)",
            "MICHEL Pierre (LPO IdF)", "LEROY Agnès (OPIE)", "DAVID Yves (SFEPM)"};
    private static final String[] PLACES = {"la Mare aux Fées", "le Bois Brûlé", "les Grands Prés", "la Queue de l''Étang",
            "le Moulin de la Planche", "les Sablons", "la Butte aux Loups", "le Gué de l''Aulne", "la Croix Saint-Jacques",
            "les Hauts de Seine", "le Chemin des Vaches", "la Ferme du Buisson", "le Parc du Château", "les Près Carrés",
            "la Fosse aux Chênes", "le Marais de la Haute-Île", "les Coteaux", "la Carrière", "le Trou Salé",
            "la Plaine de Montesson", "le Petit Bois", "les Noues", "l''Étang Neuf", "la Garenne", "le Val Joyeux"};
    private static final String[] CONTEXT_COMMENTS = {"Relevé réalisé par temps couvert.", "Passage en fin de matinée.",
            "Inventaire dans le cadre de l''ABC.", "Sortie naturaliste de l''association.", "Point d''écoute de 10 minutes.",
            "Prospection le long de la lisière.", "Comptage hivernal."};
    private static final String[] OCCURRENCE_COMMENTS = {"Individu en chasse.", "Observé aux jumelles.",
            "Chanteur cantonné.", "Plusieurs individus dispersés.", "Station déjà connue.", "Détermination sur photo.",
            "Individu posé sur une souche."};
    private static final String[] METHODS = {"Transect", "Point d''écoute", "Relevé phytosociologique", "Piégeage lumineux",
            "Recherche à vue"};

    /** Nomenclature picks: the column of {@code synthese}, the SINP type, and code/weight pairs. */
    private static final Object[][] PICKS = {
            {"valid_done", "STATUT_VALID", "1", 60, "2", 27, "3", 6, "4", 3, "5", 4},
            {"valid_pending", "STATUT_VALID", "0", 85, "6", 15},
            {"geo_object_nature", "NAT_OBJ_GEO", "St", 70, "In", 25, "NSP", 5},
            {"grp_typ", "TYP_GRP", "OBS", 40, "REL", 20, "POINT", 15, "PASS", 10, "INVSTA", 5, "CAMP", 5, "NSP", 5},
            {"obs_technique", "METH_OBS", "0", 60, "1", 20, "25", 8, "3", 3, "4", 2, "6", 2, "8", 2, "21", 3},
            {"bio_status", "STATUT_BIO", "1", 40, "2", 20, "3", 25, "4", 3, "13", 7, "0", 5},
            {"bio_condition", "ETA_BIO", "2", 90, "3", 3, "1", 5, "0", 2},
            {"biogeo_status", "STAT_BIOGEO", "2", 80, "1", 12, "3", 3, "4", 2, "0", 3},
            {"naturalness", "NATURALITE", "1", 88, "2", 3, "3", 3, "0", 6},
            {"proof_yes", "PREUVE_EXIST", "1", 1},
            {"proof_other", "PREUVE_EXIST", "2", 65, "0", 30, "3", 5},
            {"life_stage", "STADE_VIE", "2", 55, "1", 15, "0", 15, "3", 7, "4", 3, "6", 2, "9", 1, "8", 1, "7", 1},
            {"sex", "SEXE", "6", 40, "1", 25, "3", 15, "2", 12, "5", 5, "0", 3},
            {"obj_count", "OBJ_DENBR", "IND", 75, "CPL", 8, "NSP", 7, "COL", 3, "NID", 2, "TIGE", 3, "TOUF", 2},
            {"type_count", "TYP_DENBR", "Co", 60, "Es", 25, "NSP", 12, "Ca", 3},
            {"observation_status", "STATUT_OBS", "Pr", 97, "No", 3},
            {"blurring", "DEE_FLOU", "NON", 95, "OUI", 3, "NSP", 2},
            {"source_status", "STATUT_SOURCE", "Te", 90, "Li", 6, "Co", 3, "NSP", 1},
            {"info_geo_type", "TYP_INF_GEO", "1", 97, "2", 3},
            {"determination_method", "METH_DETERMIN", "18", 40, "1", 25, "9", 12, "21", 8, "22", 8, "20", 4, "2", 3},
            {"behaviour", "OCC_COMPORTEMENT", "1", 55, "0", 15, "18", 8, "8", 6, "15", 5, "10", 5, "6", 3, "17", 3}};

    /** Dataset id, framework id, name, short name, INPN groups 2 it is about (none: every group). */
    private static final Object[][] DATASETS = {
            {1, 3, "Oiseaux nicheurs de Seine-et-Marne", "ONSM", "Oiseaux"},
            {2, 3, "Suivi temporel des oiseaux communs (STOC)", "STOC", "Oiseaux"},
            {3, 2, "Atlas des mammifères d''Île-de-France", "AMIF", "Mammifères"},
            {4, 3, "Chiroptères en gîtes d''hiver", "CHIRO", "Mammifères"},
            {5, 2, "Amphibiens des mares franciliennes", "MARES", "Amphibiens"},
            {6, 2, "Reptiles d''Île-de-France", "REPT", "Reptiles"},
            {7, 2, "Flore vasculaire - inventaire régional", "FLORE", "Angiospermes|Gymnospermes|Fougères"},
            {8, 5, "Orchidées de la réserve des Coteaux", "ORCH", "Angiospermes"},
            {9, 3, "Papillons de jour - suivi régional", "RHOP", "Insectes"},
            {10, 5, "Odonates des étangs", "ODO", "Insectes"},
            {11, 2, "Coléoptères saproxyliques", "SAPRO", "Insectes"},
            {12, 1, "Atlas de la biodiversité communale - inventaire généraliste", "ABC", ""},
            {13, 4, "Observations opportunistes - sciences participatives", "OPPO", ""},
            {14, 2, "Pêches électriques d''inventaire", "PECHE", "Poissons"},
            {15, 2, "Mollusques continentaux", "MOLL", "Gastéropodes|Bivalves"},
            {16, 2, "Bryophytes des zones humides", "BRYO", "Mousses"},
            {17, 4, "Araignées des jardins", "ARAI", "Arachnides"}};
    private static final int[] GENERIC_DATASETS = {12, 13};

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
            List<String[]> publications = publicationsOfCapturedTables(st);
            st.execute("SET LOCAL synchronous_commit = off");
            st.execute("SET LOCAL maintenance_work_mem = '256MB'");
            st.execute("SET LOCAL work_mem = '64MB'");
            // compiling the wide generating statements would cost more than running them
            st.execute("SET LOCAL jit = off");
            GeoNatureSchema.drop(connection);
            GeoNatureSchema.createTables(connection);
            watch.lap("schema");
            DemoGeography geography = new DemoGeography(seed);
            areaTypes(st);
            areas(geography);
            grids(st);
            st.execute("CREATE INDEX index_l_areas_geom ON ref_geo.l_areas USING gist (geom)");
            watch.lap("areas");
            DemoTaxonomy taxonomy = DemoTaxonomy.build();
            taxa(taxonomy);
            metadata(st);
            watch.lap("taxa and metadata");
            st.execute(randomFunction());
            points(st, rows);
            watch.lap("observation places");
            pickTables(st, taxonomy);
            observations(st);
            watch.lap("observations");
            areaLinks(st);
            watch.lap("cor_area_synthese");
            if (localSrid != DRAWN_SRID) {
                reproject(st);
                watch.lap("EPSG:" + localSrid);
            }
            GeoNatureSchema.createKeys(connection);
            watch.lap("keys and indexes");
            for (String table : List.of("gn_synthese.synthese", "gn_synthese.cor_area_synthese", "ref_geo.l_areas",
                    "taxonomie.taxref", "ref_nomenclatures.t_nomenclatures")) {
                st.execute("ANALYZE " + table);
            }
            restorePublications(st, publications);
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

    private void areaTypes(Statement st) throws SQLException {
        st.execute("INSERT INTO ref_geo.bib_areas_types (type_name, type_code, type_desc, ref_name, ref_version,"
                + " size_hierarchy) VALUES"
                + " ('Communes', 'COM', 'Type commune', 'IGN admin_express', 2024, 1),"
                + " ('Départements', 'DEP', 'Type département', 'IGN admin_express', 2024, 2),"
                + " ('Mailles1*1', 'M1', 'Type maille INPN 1*1km', 'INPN', 2015, 1),"
                + " ('Mailles5*5', 'M5', 'Type maille INPN 5*5km', 'INPN', 2015, 5),"
                + " ('Mailles10*10', 'M10', 'Type maille INPN 10*10km', 'INPN', 2015, 10),"
                + " ('ZNIEFF1', 'ZNIEFF1', 'Zones naturelles d''intérêt écologique faunistique et floristique de type 1',"
                + " 'INPN', 2024, NULL)");
    }

    private void areas(DemoGeography geography) throws SQLException {
        WKBWriter wkb = new WKBWriter();
        String sql = "INSERT INTO ref_geo.l_areas (id_type, area_name, area_code, geom, geom_4326, centroid, source)"
                + " SELECT id_type, ?, ?, g, " + areaWgs84("g") + ", ST_Centroid(g), ? FROM ref_geo.bib_areas_types,"
                + " ST_Multi(ST_SetSRID(ST_GeomFromWKB(?), 2154)) AS g WHERE type_code = ?";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (DemoGeography.Area d : geography.departments()) {
                add(insert, wkb, d, "DEP", "IGN admin_express (démo)");
            }
            for (DemoGeography.Area c : geography.communes()) {
                add(insert, wkb, c, "COM", "IGN admin_express (démo)");
            }
            for (DemoGeography.Area z : geography.znieffs()) {
                add(insert, wkb, z, "ZNIEFF1", "INPN (démo)");
            }
            insert.executeBatch();
        }
    }

    private static void add(PreparedStatement insert, WKBWriter wkb, DemoGeography.Area area, String type, String source)
            throws SQLException {
        insert.setString(1, area.name());
        insert.setString(2, area.code());
        insert.setString(3, source);
        insert.setBytes(4, wkb.write(area.geometry()));
        insert.setString(5, type);
        insert.addBatch();
    }

    /** INPN grids: squares of the Lambert-93 grid aligned on multiples of their size, meeting the region. */
    private static void grids(Statement st) throws SQLException {
        Envelope e = DemoGeography.extent();
        String[][] grids = {
                {"M10", "10000", "'10kmL93E' || lpad((x / 10000)::text, 3, '0') || 'N' || lpad((y / 10000)::text, 3, '0')"},
                {"M5", "5000", "'5kmL93E' || lpad((x / 1000)::text, 4, '0') || 'N' || lpad((y / 1000)::text, 4, '0')"},
                {"M1", "1000", "'1kmL93E' || lpad((x / 1000)::text, 4, '0') || 'N' || lpad((y / 1000)::text, 4, '0')"}};
        for (String[] grid : grids) {
            long size = Long.parseLong(grid[1]);
            st.execute("INSERT INTO ref_geo.l_areas (id_type, area_name, area_code, geom, geom_4326, centroid, source)"
                    + " SELECT t.id_type, c.code, c.code, c.cell, " + areaWgs84("c.cell") + ", ST_Centroid(c.cell), 'INPN (démo)'"
                    + " FROM ref_geo.bib_areas_types t, LATERAL (SELECT " + grid[2] + " AS code,"
                    + "   ST_Multi(ST_MakeEnvelope(x, y, x + " + size + ", y + " + size + ", 2154)) AS cell"
                    + "   FROM generate_series(" + floor(e.getMinX(), size) + ", " + (long) e.getMaxX() + ", " + size + ") x,"
                    + "        generate_series(" + floor(e.getMinY(), size) + ", " + (long) e.getMaxY() + ", " + size + ") y) c"
                    + " WHERE t.type_code = '" + grid[0] + "' AND ST_Intersects(c.cell, " + outlineSql() + ")"
                    + " ORDER BY c.code");
        }
    }

    /** {@code geom_4326} of an area as the export computes it: a vertex every {@value #WGS84_STEP_METRES} m. */
    private static String areaWgs84(String geom) {
        return "ST_Transform(ST_Segmentize(" + geom + ", " + WGS84_STEP_METRES + "), 4326)";
    }

    private static long floor(double value, long size) {
        return (long) Math.floor(value / size) * size;
    }

    private static String outlineSql() {
        return "'SRID=2154;" + DemoGeography.outline().toText() + "'::geometry";
    }

    private void taxa(DemoTaxonomy taxonomy) throws SQLException {
        String sql = "INSERT INTO taxonomie.taxref (cd_nom, id_statut, id_habitat, id_rang, regne, phylum, classe, ordre,"
                + " famille, cd_taxsup, cd_sup, cd_ref, lb_nom, lb_auteur, nom_complet, nom_valide, nom_vern, group1_inpn,"
                + " group2_inpn, group3_inpn, url) VALUES (?, 'P', 3, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (DemoTaxonomy.Taxon t : taxonomy.taxa()) {
                int i = 1;
                insert.setInt(i++, t.cdNom());
                insert.setString(i++, t.rank());
                insert.setString(i++, t.regne());
                insert.setString(i++, t.phylum());
                insert.setString(i++, t.classe());
                insert.setString(i++, t.ordre());
                insert.setString(i++, t.famille());
                insert.setObject(i++, t.cdSup(), java.sql.Types.INTEGER);
                insert.setObject(i++, t.cdSup(), java.sql.Types.INTEGER);
                insert.setInt(i++, t.cdRef());
                insert.setString(i++, t.lbNom());
                insert.setString(i++, t.lbAuteur());
                insert.setString(i++, t.lbAuteur() == null ? t.lbNom() : t.lbNom() + " " + t.lbAuteur());
                insert.setString(i++, t.nomValide());
                insert.setString(i++, t.nomVern());
                insert.setString(i++, t.group1());
                insert.setString(i++, t.group2());
                insert.setString(i++, t.group3());
                insert.setString(i, "https://inpn.mnhn.fr/espece/cd_nom/" + t.cdNom());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void metadata(Statement st) throws SQLException {
        st.execute("INSERT INTO gn_synthese.t_sources (id_source, name_source, desc_source, entity_source_pk_field) VALUES"
                + " (1, 'Occtax', 'Données saisies dans le module Occtax', 'pr_occtax.cor_counting_occtax.id_counting_occtax'),"
                + " (2, 'Import CSV', 'Données importées par le module d''import', 'gn_imports.id_line'),"
                + " (3, 'Faune Île-de-France', 'Synchronisation de la base associative', 'id_sighting')");
        st.execute("INSERT INTO gn_meta.t_acquisition_frameworks (id_acquisition_framework, unique_acquisition_framework_id,"
                + " acquisition_framework_name, acquisition_framework_desc, acquisition_framework_start_date)"
                + " SELECT n, md5('af-" + seed + "-' || n)::uuid, name, name || ' (démonstration Naturaflux)', date '1995-01-01'"
                + " FROM (VALUES (1, 'Atlas de la biodiversité communale'), (2, 'Inventaires naturalistes régionaux'),"
                + " (3, 'Suivis protocolés'), (4, 'Sciences participatives franciliennes'),"
                + " (5, 'Données des réserves naturelles régionales')) v(n, name)");
        StringBuilder datasets = new StringBuilder("INSERT INTO gn_meta.t_datasets (id_dataset, unique_dataset_id,"
                + " id_acquisition_framework, dataset_name, dataset_shortname, dataset_desc, marine_domain, terrestrial_domain)"
                + " SELECT id, md5('jdd-" + seed + "-' || id)::uuid, af, name, short, name, false, true FROM (VALUES ");
        for (int i = 0; i < DATASETS.length; i++) {
            Object[] d = DATASETS[i];
            datasets.append(i == 0 ? "" : ", ").append("(").append(d[0]).append(", ").append(d[1]).append(", '")
                    .append(d[2]).append("', '").append(d[3]).append("')");
        }
        st.execute(datasets.append(") v(id, af, name, short)").toString());
        st.execute("INSERT INTO ref_habitats.typoref (cd_typo, cd_table, lb_nom_typo, nom_jeu_donnees) VALUES"
                + " (7, 'TYPO_EUNIS_04', 'EUNIS', 'EUNIS Habitat Classification 2004')");
        st.execute("INSERT INTO ref_habitats.habref (cd_hab, cd_typo, lb_code, lb_hab_fr, niveau, lb_niveau, france) VALUES"
                + " (1001, 7, 'C1', 'Eaux dormantes de surface', 2, 'Niveau 2', 'true'),"
                + " (1002, 7, 'C1.2', 'Lacs, étangs et mares mésotrophes permanents', 3, 'Niveau 3', 'true'),"
                + " (1003, 7, 'C2', 'Eaux courantes de surface', 2, 'Niveau 2', 'true'),"
                + " (1004, 7, 'C3.21', 'Phragmitaies à Phragmites australis', 4, 'Niveau 4', 'true'),"
                + " (1005, 7, 'D5', 'Roselières sèches et cariçaies, normalement sans eau libre', 2, 'Niveau 2', 'true'),"
                + " (1006, 7, 'E1', 'Pelouses sèches', 2, 'Niveau 2', 'true'),"
                + " (1007, 7, 'E2', 'Prairies mésiques', 2, 'Niveau 2', 'true'),"
                + " (1008, 7, 'E2.2', 'Prairies de fauche de basse et moyenne altitudes', 3, 'Niveau 3', 'true'),"
                + " (1009, 7, 'E5.1', 'Végétations herbacées anthropiques', 3, 'Niveau 3', 'true'),"
                + " (1010, 7, 'F3.11', 'Fourrés médio-européens sur sols riches', 4, 'Niveau 4', 'true'),"
                + " (1011, 7, 'F4.2', 'Landes sèches', 3, 'Niveau 3', 'true'),"
                + " (1012, 7, 'G1', 'Forêts de feuillus caducifoliés', 2, 'Niveau 2', 'true'),"
                + " (1013, 7, 'G1.6', 'Hêtraies', 3, 'Niveau 3', 'true'),"
                + " (1014, 7, 'G1.A1', 'Boisements sur sols eutrophes et mésotrophes à Quercus, Fraxinus et Carpinus betulus',"
                + "  4, 'Niveau 4', 'true'),"
                + " (1015, 7, 'G3', 'Forêts de conifères', 2, 'Niveau 2', 'true'),"
                + " (1016, 7, 'G3.4', 'Pinèdes à Pinus sylvestris au sud de la taïga', 3, 'Niveau 3', 'true'),"
                + " (1017, 7, 'H3', 'Falaises continentales, pavements rocheux et affleurements rocheux', 2, 'Niveau 2', 'true'),"
                + " (1018, 7, 'I1', 'Cultures et jardins maraîchers', 2, 'Niveau 2', 'true'),"
                + " (1019, 7, 'I2', 'Zones cultivées des jardins et des parcs', 2, 'Niveau 2', 'true'),"
                + " (1020, 7, 'J1', 'Bâtiments des villes et des villages', 2, 'Niveau 2', 'true'),"
                + " (1021, 7, 'J4', 'Réseaux de transport et autres zones de construction à surface dure', 2, 'Niveau 2', 'true')");
    }

    /**
     * {@code pg_temp.demo_u(n, k)}: the k-th uniform number in [0, 1) of record n, a hash of the seed, n and
     * k (inlined by the planner; independent of evaluation order).
     */
    private String randomFunction() {
        long base = (seed * 0x9E3779B97F4A7C15L ^ 0x5DEECE66DL) & 0x3FFF_FFFF_FFFF_FFFFL;
        return "CREATE OR REPLACE FUNCTION pg_temp.demo_u(n bigint, k integer) RETURNS double precision"
                + " LANGUAGE sql IMMUTABLE PARALLEL SAFE AS"
                + " 'SELECT (hashint8extended(n, " + base + " + k) & 9007199254740991)::double precision / 9007199254740992.0'";
    }

    private static String u(String n, int k) {
        return "pg_temp.demo_u(" + n + ", " + k + ")";
    }

    /**
     * {@code demo_point(id, x, y)}: the places of the observations, inside the region, drawn around the
     * hotspots or uniformly; candidates are numbered and the first {@code rows} inside the region kept.
     */
    private void points(Statement st, long rows) throws SQLException {
        Envelope e = DemoGeography.extent();
        StringBuilder hotspot = new StringBuilder("CASE");
        StringBuilder x = new StringBuilder("CASE hot");
        StringBuilder y = new StringBuilder("CASE hot");
        double cumulative = 0;
        int index = 1;
        for (DemoGeography.Hotspot h : DemoGeography.HOTSPOTS) {
            cumulative += h.share();
            hotspot.append(" WHEN h < ").append(cumulative).append(" THEN ").append(index);
            x.append(" WHEN ").append(index).append(" THEN ").append(h.x()).append(" + ").append(h.sigma()).append(" * r * cos(t)");
            y.append(" WHEN ").append(index).append(" THEN ").append(h.y()).append(" + ").append(h.sigma()).append(" * r * sin(t)");
            index++;
        }
        hotspot.append(" ELSE 0 END");
        x.append(" ELSE ").append(e.getMinX()).append(" + ").append(e.getWidth()).append(" * ").append(u("n", 2)).append(" END");
        y.append(" ELSE ").append(e.getMinY()).append(" + ").append(e.getHeight()).append(" * ").append(u("n", 3)).append(" END");
        long candidates = (long) Math.ceil(rows * 1.5) + 1000;
        while (true) {
            st.execute("DROP TABLE IF EXISTS demo_point");
            st.execute("CREATE TEMP TABLE demo_point ON COMMIT DROP AS"
                    + " SELECT (row_number() OVER (ORDER BY n))::integer AS id, x, y FROM ("
                    + "  SELECT n, x, y FROM ("
                    + "   SELECT n, " + x + " AS x, " + y + " AS y FROM ("
                    + "    SELECT n, " + hotspot + " AS hot, sqrt(-2 * ln(1 - " + u("n", 2) + ")) AS r, 2 * pi() * "
                    + u("n", 3) + " AS t FROM (SELECT n, " + u("n", 1) + " AS h FROM generate_series(1::bigint, "
                    + candidates + ") AS n) numbered) drawn) placed"
                    + "  WHERE ST_Intersects(" + outlineSql() + ", ST_SetSRID(ST_MakePoint(x, y), 2154))"
                    + "  ORDER BY n LIMIT " + rows + ") kept");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM demo_point")) {
                rs.next();
                if (rs.getLong(1) == rows) {
                    st.execute("ANALYZE demo_point");
                    return;
                }
            }
            candidates *= 2;
        }
    }

    /** Nomenclature picks (one row of weighted arrays) and taxon slots (weighted species choice). */
    private void pickTables(Statement st, DemoTaxonomy taxonomy) throws SQLException {
        StringBuilder picks = new StringBuilder("CREATE TEMP TABLE demo_pick ON COMMIT DROP AS SELECT ");
        StringBuilder check = new StringBuilder("SELECT ");
        for (int i = 0; i < PICKS.length; i++) {
            Object[] p = PICKS[i];
            StringBuilder values = new StringBuilder();
            int total = 0;
            for (int j = 2; j < p.length; j += 2) {
                values.append(j == 2 ? "" : ", ").append("(").append(j).append(", '").append(p[j]).append("', ").append(p[j + 1]).append(")");
                total += (Integer) p[j + 1];
            }
            picks.append(i == 0 ? "" : ", ").append("(SELECT array_agg(n.id_nomenclature ORDER BY w.ord, g.i) FROM (VALUES ")
                    .append(values).append(") w(ord, cd, weight) CROSS JOIN LATERAL generate_series(1, w.weight) g(i)")
                    .append(" JOIN ref_nomenclatures.t_nomenclatures n ON n.cd_nomenclature = w.cd")
                    .append(" JOIN ref_nomenclatures.bib_nomenclatures_types t ON t.id_type = n.id_type AND t.mnemonique = '")
                    .append(p[1]).append("') AS ").append(p[0]);
            check.append(i == 0 ? "" : " AND ").append("coalesce(cardinality(").append(p[0]).append("), 0) = ").append(total);
        }
        picks.append(", (SELECT array_agg(n.id_nomenclature ORDER BY n.cd_nomenclature) FROM ref_nomenclatures.t_nomenclatures n"
                + " JOIN ref_nomenclatures.bib_nomenclatures_types t ON t.id_type = n.id_type AND t.mnemonique = 'SENSIBILITE')"
                + " AS sensitivity, (SELECT array_agg(n.id_nomenclature ORDER BY n.cd_nomenclature) FROM"
                + " ref_nomenclatures.t_nomenclatures n JOIN ref_nomenclatures.bib_nomenclatures_types t"
                + " ON t.id_type = n.id_type AND t.mnemonique = 'NIV_PRECIS') AS diffusion");
        st.execute(picks.toString());
        try (ResultSet rs = st.executeQuery(check.append(" AND cardinality(sensitivity) = 5 AND cardinality(diffusion) = 6")
                .append(" FROM demo_pick").toString())) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new IllegalStateException("a nomenclature code the generator uses is missing from the SINP nomenclatures");
            }
        }

        st.execute("CREATE TEMP TABLE demo_name (cd_nom integer, nom_cite text, sensitivity integer, datasets integer[],"
                + " slot_from integer, slot_to integer) ON COMMIT DROP");
        List<DemoTaxonomy.CitedName> names = taxonomy.citedNames();
        double total = names.stream().mapToDouble(DemoTaxonomy.CitedName::weight).sum();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO demo_name VALUES (?, ?, ?, ?, ?, ?)")) {
            double cumulative = 0;
            int from = 0;
            for (DemoTaxonomy.CitedName name : names) {
                cumulative += name.weight();
                int to = (int) Math.round(cumulative / total * TAXON_SLOTS);
                if (to > from) {
                    insert.setInt(1, name.cdNom());
                    insert.setString(2, name.name());
                    insert.setInt(3, name.sensitivity());
                    insert.setArray(4, connection.createArrayOf("integer", datasetsOf(name.group2()).toArray()));
                    insert.setInt(5, from);
                    insert.setInt(6, to);
                    insert.addBatch();
                    from = to;
                }
            }
            insert.executeBatch();
        }
        st.execute("CREATE TEMP TABLE demo_taxon_slot ON COMMIT DROP AS SELECT s AS slot, n.cd_nom, n.nom_cite,"
                + " n.sensitivity, n.datasets FROM demo_name n, generate_series(n.slot_from, n.slot_to - 1) s");
        st.execute("ALTER TABLE demo_taxon_slot ADD PRIMARY KEY (slot)");
        st.execute("ANALYZE demo_taxon_slot");
    }

    private static List<Integer> datasetsOf(String group2) {
        List<Integer> ids = new ArrayList<>();
        for (Object[] d : DATASETS) {
            for (String g : ((String) d[4]).split("\\|")) {
                if (!g.isEmpty() && g.equals(group2)) {
                    ids.add((Integer) d[0]);
                }
            }
        }
        return ids;
    }

    private void observations(Statement st) throws SQLException {
        String id = "o.id";
        String canaryOf = "'" + CANARY_PREFIX + "' || o.id";
        StringBuilder sql = new StringBuilder();
        sql.append("INSERT INTO gn_synthese.synthese (id_synthese, unique_id_sinp, unique_id_sinp_grp, id_source,")
                .append(" entity_source_pk_value, id_dataset, cd_nom, nom_cite, meta_v_taxref, count_min, count_max,")
                .append(" altitude_min, altitude_max, place_name, the_geom_local, the_geom_4326, the_geom_point, \"precision\",")
                .append(" date_min, date_max, observers, determiner, validator, validation_comment, comment_context,")
                .append(" comment_description, additional_data, digital_proof, non_digital_proof, reference_biblio, grp_method,")
                .append(" cd_hab, meta_validation_date, meta_create_date, meta_update_date, last_action,")
                .append(" id_nomenclature_sensitivity, id_nomenclature_diffusion_level, id_nomenclature_valid_status,")
                .append(" id_nomenclature_exist_proof");
        for (Object[] p : PICKS) {
            String column = (String) p[0];
            if (!column.startsWith("valid_") && !column.startsWith("proof_")) {
                sql.append(", id_nomenclature_").append(column);
            }
        }
        sql.append(")\nSELECT o.id, md5('obs-").append(seed).append("-' || o.id)::uuid,")
                .append(" md5('grp-").append(seed).append("-' || (o.id / 4))::uuid,")
                .append(" 1 + floor(").append(u(id, 20)).append(" * 3)::integer,\n")
                .append("  CASE WHEN o.canary THEN ").append(canaryOf).append(" ELSE 'OBS-' || o.id END,\n")
                .append("  CASE WHEN cardinality(o.datasets) > 0 AND ").append(u(id, 21)).append(" < 0.65")
                .append(" THEN o.datasets[1 + floor(").append(u(id, 22)).append(" * cardinality(o.datasets))::integer]")
                .append(" ELSE (ARRAY").append(Arrays.toString(GENERIC_DATASETS)).append(")[1 + floor(")
                .append(u(id, 22)).append(" * ").append(GENERIC_DATASETS.length).append(")::integer] END,\n")
                .append("  o.cd_nom, o.nom_cite, 'Taxref V17.0', o.count_min,")
                .append(" o.count_min + CASE WHEN ").append(u(id, 23)).append(" < 0.2 THEN floor(").append(u(id, 24))
                .append(" * 5)::integer ELSE 0 END,\n")
                .append("  CASE WHEN ").append(u(id, 25)).append(" < 0.3 THEN NULL ELSE 25 + floor(").append(u(id, 26))
                .append(" * 170)::integer END,")
                .append(" CASE WHEN ").append(u(id, 25)).append(" < 0.3 THEN NULL ELSE 25 + floor(").append(u(id, 26))
                .append(" * 170)::integer + floor(").append(u(id, 86)).append(" * 15)::integer END,\n")
                .append("  CASE WHEN o.canary THEN 'Lieu-dit sensible ").append("' || ").append(canaryOf)
                .append(" WHEN ").append(u(id, 27)).append(" < 0.4 THEN NULL ELSE ").append(pickText(PLACES, u(id, 28))).append(" END,\n")
                .append("  o.geom, o.geom_4326, ST_Centroid(o.geom_4326),")
                .append(" CASE WHEN o.shape = 'P' THEN (ARRAY[5, 10, 10, 20, 25, 50, 100, 250])[1 + floor(").append(u(id, 29))
                .append(" * 8)::integer] WHEN o.shape = 'L' THEN 50 ELSE NULL END,\n")
                .append("  o.date_min, o.date_max,\n")
                .append("  ").append(pickText(OBSERVERS, u(id, 30))).append(" || CASE WHEN ").append(u(id, 31)).append(" < 0.3 THEN ', ' || ")
                .append(pickText(OBSERVERS, u(id, 32))).append(" ELSE '' END,\n")
                .append("  CASE WHEN ").append(u(id, 33)).append(" < 0.5 THEN ").append(pickText(OBSERVERS, u(id, 30))).append(" END,\n")
                .append("  CASE WHEN o.validated THEN ").append(pickText(VALIDATORS, u(id, 34))).append(" END,\n")
                .append("  CASE WHEN o.canary THEN 'Validé sur photo ' || ").append(canaryOf)
                .append(" WHEN o.validated THEN 'Validé par l''expert régional' END,\n")
                .append("  CASE WHEN o.canary THEN 'Relevé au bord du chemin ' || ").append(canaryOf)
                .append(" WHEN ").append(u(id, 35)).append(" < 0.5 THEN NULL ELSE ").append(pickText(CONTEXT_COMMENTS, u(id, 36))).append(" END,\n")
                .append("  CASE WHEN o.canary THEN 'Individu près du nid ' || ").append(canaryOf)
                .append(" WHEN ").append(u(id, 37)).append(" < 0.6 THEN NULL ELSE ").append(pickText(OCCURRENCE_COMMENTS, u(id, 38))).append(" END,\n")
                .append("  CASE WHEN o.canary THEN jsonb_build_object('remarque', ").append(canaryOf).append(", 'gps_origine', ")
                .append(canaryOf).append(")")
                .append(" WHEN ").append(u(id, 39)).append(" < 0.5 THEN NULL ELSE jsonb_build_object('meteo', ")
                .append(pickText(new String[]{"beau", "nuageux", "pluie", "brouillard"}, u(id, 40)))
                .append(", 'temperature_c', 2 + floor(").append(u(id, 41)).append(" * 28)::integer) END,\n")
                .append("  o.digital_proof, o.non_digital_proof,\n")
                .append("  CASE WHEN o.canary THEN 'Atlas local, observation ' || ").append(canaryOf)
                .append(" WHEN ").append(u(id, 42)).append(" < 0.05 THEN 'Bull. Soc. ent. Fr., ' || (1995 + floor(")
                .append(u(id, 43)).append(" * 30)::integer) END,\n")
                .append("  CASE WHEN o.canary THEN 'Transect ' || ").append(canaryOf)
                .append(" WHEN ").append(u(id, 44)).append(" < 0.6 THEN NULL ELSE ").append(pickText(METHODS, u(id, 45))).append(" END,\n")
                .append("  CASE WHEN ").append(u(id, 46)).append(" < 0.25 THEN 1001 + floor(").append(u(id, 47)).append(" * 21)::integer END,\n")
                .append("  CASE WHEN o.validated THEN o.created + floor(").append(u(id, 48)).append(" * 200) * interval '1 day' END,\n")
                .append("  o.created, o.created + CASE WHEN ").append(u(id, 49)).append(" < 0.3 THEN floor(").append(u(id, 50))
                .append(" * 500) * interval '1 day' ELSE interval '0' END,\n")
                .append("  CASE WHEN ").append(u(id, 49)).append(" < 0.3 THEN 'U' ELSE 'I' END,\n")
                .append("  pk.sensitivity[o.s_index], pk.diffusion[o.d_index],\n")
                .append("  CASE WHEN o.validated THEN ").append(pick("valid_done", u(id, 51)))
                .append(" ELSE ").append(pick("valid_pending", u(id, 51))).append(" END,\n")
                .append("  CASE WHEN o.digital_proof IS NOT NULL OR o.non_digital_proof IS NOT NULL THEN pk.proof_yes[1] ELSE ")
                .append(pick("proof_other", u(id, 52))).append(" END");
        int k = 53;
        for (Object[] p : PICKS) {
            String column = (String) p[0];
            if (!column.startsWith("valid_") && !column.startsWith("proof_")) {
                sql.append(",\n  ").append(pick(column, u(id, k++)));
            }
        }
        // o: a record's derived values, computed once
        sql.append("\nFROM (SELECT g.*, ST_Transform(g.geom, 4326) AS geom_4326,")
                .append(" ").append(MUST_NOT_BE_PRECISE).append(" AS canary,")
                .append(" 1 + g.s_code AS s_index, 1 + g.d_code AS d_index,")
                .append(" g.date_min + floor(").append(u("g.id", 80)).append(" * 400) * interval '1 day' AS created,")
                .append(" ").append(u("g.id", 81)).append(" < 0.7 AS validated,")
                .append(" CASE WHEN ").append(MUST_NOT_BE_PRECISE)
                .append(" THEN 'https://photos.naturaflux.example/obs/' || '").append(CANARY_PREFIX).append("' || g.id || '.jpg'")
                .append(" WHEN ").append(u("g.id", 82)).append(" < 0.15 THEN 'https://photos.naturaflux.example/obs/'")
                .append(" || md5('photo-").append(seed).append("-' || g.id) || '.jpg' END AS digital_proof,")
                .append(" CASE WHEN ").append(MUST_NOT_BE_PRECISE)
                .append(" THEN 'Spécimen en collection ' || '").append(CANARY_PREFIX).append("' || g.id")
                .append(" WHEN ").append(u("g.id", 83)).append(" < 0.03 THEN 'Spécimen en collection (herbier régional)' END")
                .append(" AS non_digital_proof")
                .append("\n FROM (SELECT b.*,")
                .append(" CASE b.shape WHEN 'P' THEN b.pt")
                .append(" WHEN 'L' THEN ST_MakeLine(ARRAY[b.pt, ST_Translate(b.pt, b.dx1, b.dy1), ST_Translate(b.pt, b.dx1 + b.dx2,")
                .append(" b.dy1 + b.dy2)]) ELSE ST_Buffer(b.pt, 20 + ").append(u("b.id", 84)).append(" * 380, 'quad_segs=2') END AS geom,")
                .append(" b.day + coalesce(b.minute, 0) * interval '1 minute' AS date_min,")
                .append(" b.day + CASE WHEN b.minute IS NULL THEN interval '0' ELSE (b.minute + floor(")
                .append(u("b.id", 85)).append(" * 180)) * interval '1 minute' END AS date_max")
                // b: the record's basic draws
                .append("\n  FROM (SELECT p.id, ST_SetSRID(ST_MakePoint(p.x, p.y), 2154) AS pt, ts.cd_nom, ts.nom_cite, ts.datasets,")
                .append(" CASE WHEN ").append(u("p.id", 10)).append(" < 0.04 THEN NULL")
                .append(" WHEN ts.sensitivity > 0 AND ").append(u("p.id", 11)).append(" < 0.85 THEN ts.sensitivity")
                .append(" WHEN ").append(u("p.id", 12)).append(" < 0.86 THEN 0 WHEN ").append(u("p.id", 12)).append(" < 0.91 THEN 1")
                .append(" WHEN ").append(u("p.id", 12)).append(" < 0.95 THEN 2 WHEN ").append(u("p.id", 12)).append(" < 0.98 THEN 3")
                .append(" ELSE 4 END AS s_code,")
                .append(" CASE WHEN ").append(u("p.id", 13)).append(" < 0.45 THEN NULL WHEN ").append(u("p.id", 13)).append(" < 0.75 THEN 0")
                .append(" WHEN ").append(u("p.id", 13)).append(" < 0.90 THEN 5 WHEN ").append(u("p.id", 13)).append(" < 0.93 THEN 1")
                .append(" WHEN ").append(u("p.id", 13)).append(" < 0.96 THEN 2 WHEN ").append(u("p.id", 13)).append(" < 0.98 THEN 3")
                .append(" ELSE 4 END AS d_code,")
                .append(" CASE WHEN ").append(isPoint("p.id")).append(" THEN 'P' WHEN ").append(u("p.id", SHAPE_DRAW))
                .append(" < 0.96 THEN 'L' ELSE 'A' END AS shape,")
                .append(" (").append(u("p.id", 15)).append(" - 0.5) * 1200 AS dx1, (").append(u("p.id", 16)).append(" - 0.5) * 1200 AS dy1,")
                .append(" (").append(u("p.id", 17)).append(" - 0.5) * 1200 AS dx2, (").append(u("p.id", 18)).append(" - 0.5) * 1200 AS dy2,")
                .append(" timestamp '1995-01-01' + floor(10957 * sqrt(").append(u("p.id", 19)).append(")) * interval '1 day' AS day,")
                .append(" CASE WHEN ").append(u("p.id", 6)).append(" < 0.25 THEN NULL ELSE 360 + floor(").append(u("p.id", 7))
                .append(" * 900)::integer END AS minute,")
                .append(" 1 + floor(-ln(1 - ").append(u("p.id", 8)).append(") * 3)::integer AS count_min")
                .append("\n   FROM demo_point p JOIN demo_taxon_slot ts ON ts.slot = floor(").append(u("p.id", 5))
                .append(" * ").append(TAXON_SLOTS).append(")::integer) b) g) o CROSS JOIN demo_pick pk");
        st.execute(sql.toString());
        st.execute("SELECT setval(pg_get_serial_sequence('gn_synthese.synthese', 'id_synthese'),"
                + " (SELECT coalesce(max(id_synthese), 0) + 1 FROM gn_synthese.synthese), false)");
        for (String sequenceOf : List.of("gn_synthese.t_sources|id_source", "gn_meta.t_datasets|id_dataset",
                "gn_meta.t_acquisition_frameworks|id_acquisition_framework")) {
            String[] parts = sequenceOf.split("\\|");
            st.execute("SELECT setval(pg_get_serial_sequence('" + parts[0] + "', '" + parts[1] + "'), (SELECT max("
                    + parts[1] + ") FROM " + parts[0] + "))");
        }
    }

    /** Whether record {@code id} is a point (91% are; the rest are lines and polygons). */
    private static String isPoint(String id) {
        return u(id, SHAPE_DRAW) + " < 0.91";
    }

    private static String pickText(String[] values, String random) {
        StringBuilder array = new StringBuilder("(ARRAY[");
        for (int i = 0; i < values.length; i++) {
            array.append(i == 0 ? "'" : ", '").append(values[i]).append("'");
        }
        return array.append("])[1 + floor(").append(random).append(" * ").append(values.length).append(")::integer]").toString();
    }

    private static String pick(String column, String random) {
        return "pk." + column + "[1 + floor(" + random + " * cardinality(pk." + column + "))::integer]";
    }

    /**
     * {@code cor_area_synthese} as GeoNature's triggers fill it: every enabled area a record's local
     * geometry intersects, except, for lines and polygons, the areas it only touches. A point strictly
     * inside a 1 km cell takes its three grid cells by arithmetic, and the other areas through its cell:
     * those that cover the cell, and those that meet it and contain the point; every other record is
     * intersected with the areas as GeoNature does.
     */
    private static void areaLinks(Statement st) throws SQLException {
        st.execute("CREATE TEMP TABLE demo_grid ON COMMIT DROP AS SELECT a.id_area, z.size,"
                + " (ST_XMin(a.geom) / z.size)::integer AS ix, (ST_YMin(a.geom) / z.size)::integer AS iy"
                + " FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type"
                + " JOIN (VALUES ('M1', 1000), ('M5', 5000), ('M10', 10000)) AS z(type_code, size) ON z.type_code = t.type_code"
                + " WHERE a.enable");
        st.execute("ALTER TABLE demo_grid ADD PRIMARY KEY (size, ix, iy)");
        st.execute("ANALYZE demo_grid");
        st.execute("CREATE TEMP TABLE demo_cell_area ON COMMIT DROP AS SELECT g.ix, g.iy, a.id_area,"
                + " ST_Covers(a.geom, cell.geom) AS covers, CASE WHEN ST_Covers(a.geom, cell.geom) THEN NULL ELSE a.geom END AS geom"
                + " FROM demo_grid g JOIN ref_geo.l_areas cell ON cell.id_area = g.id_area"
                + " JOIN ref_geo.l_areas a ON ST_Intersects(a.geom, cell.geom)"
                + " JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type"
                + " WHERE g.size = 1000 AND a.enable AND t.type_code NOT IN ('M1', 'M5', 'M10')");
        st.execute("CREATE INDEX ON demo_cell_area (ix, iy)");
        st.execute("ANALYZE demo_cell_area");
        String insideCell = isPoint("p.id")
                + " AND floor(p.x / 1000) * 1000 < p.x AND p.x < floor(p.x / 1000) * 1000 + 1000"
                + " AND floor(p.y / 1000) * 1000 < p.y AND p.y < floor(p.y / 1000) * 1000 + 1000";
        st.execute("INSERT INTO gn_synthese.cor_area_synthese (id_synthese, id_area)"
                + " SELECT p.id, g.id_area FROM demo_point p CROSS JOIN (VALUES (1000), (5000), (10000)) AS z(size)"
                + " JOIN demo_grid g ON g.size = z.size AND g.ix = floor(p.x / z.size)::integer AND g.iy = floor(p.y / z.size)::integer"
                + " WHERE " + insideCell
                + " UNION ALL SELECT p.id, c.id_area FROM demo_point p"
                + " JOIN demo_cell_area c ON c.ix = floor(p.x / 1000)::integer AND c.iy = floor(p.y / 1000)::integer"
                + " WHERE " + insideCell + " AND (c.covers OR ST_Intersects(c.geom, ST_SetSRID(ST_MakePoint(p.x, p.y), 2154)))"
                + " UNION ALL SELECT s.id_synthese, a.id_area FROM gn_synthese.synthese s"
                + " JOIN ref_geo.l_areas a ON ST_Intersects(s.the_geom_local, a.geom)"
                + " WHERE s.id_synthese IN (SELECT p.id FROM demo_point p WHERE NOT (" + insideCell + "))"
                + " AND a.enable AND (ST_GeometryType(s.the_geom_local) = 'ST_Point' OR NOT ST_Touches(s.the_geom_local, a.geom))");
    }

    /** The publications that held the captured tables (change capture), to put the new tables back in. */
    private static List<String[]> publicationsOfCapturedTables(Statement st) throws SQLException {
        List<String[]> memberships = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT pubname, schemaname || '.' || tablename FROM pg_publication_tables"
                + " WHERE (schemaname, tablename) IN (('gn_synthese', 'synthese'), ('ref_geo', 'l_areas'))")) {
            while (rs.next()) {
                memberships.add(new String[]{rs.getString(1), rs.getString(2)});
            }
        }
        return memberships;
    }

    private void restorePublications(Statement st, List<String[]> memberships) throws SQLException {
        for (String[] m : memberships) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                st.execute("ALTER PUBLICATION \"" + m[0].replace("\"", "\"\"") + "\" ADD TABLE " + m[1]);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                connection.rollback(savepoint);
                log.accept("warning: cannot put " + m[1] + " back in publication " + m[0] + " (" + e.getMessage()
                        + "): its owner must run ALTER PUBLICATION " + m[0] + " ADD TABLE " + m[1]);
            }
        }
    }

    /**
     * Stores the local geometries in {@link #localSrid}: the columns retyped (type modifier) and their
     * {@code enforce_srid_*} constraints restated, as GeoNature's install creates them with its SRID.
     */
    private void reproject(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM spatial_ref_sys WHERE srid = " + localSrid
                + " AND proj4text LIKE '%+units=m%'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                throw new IllegalArgumentException("EPSG:" + localSrid + " is not a projection in metres that PostGIS knows");
            }
        }
        int srid = localSrid;
        String step = String.valueOf(REPROJECTED_STEP);
        st.execute("ALTER TABLE ref_geo.l_areas DROP CONSTRAINT enforce_srid_l_areas_geom,"
                + " DROP CONSTRAINT enforce_srid_l_areas_centroid,"
                + " ALTER COLUMN geom TYPE geometry(MultiPolygon, " + srid + ") USING ST_Transform(ST_Segmentize(geom, " + step + "), " + srid + "),"
                + " ALTER COLUMN centroid TYPE geometry(Point, " + srid + ") USING ST_Transform(centroid, " + srid + "),"
                + " ADD CONSTRAINT enforce_srid_l_areas_geom CHECK (st_srid(geom) = " + srid + "),"
                + " ADD CONSTRAINT enforce_srid_l_areas_centroid CHECK (st_srid(centroid) = " + srid + ")");
        st.execute("ALTER TABLE gn_synthese.synthese DROP CONSTRAINT enforce_srid_the_geom_local,"
                + " ALTER COLUMN the_geom_local TYPE geometry(Geometry, " + srid + ") USING ST_Transform(ST_Segmentize(the_geom_local, " + step + "), " + srid + "),"
                + " ADD CONSTRAINT enforce_srid_the_geom_local CHECK (st_srid(the_geom_local) = " + srid + ")");
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
