package org.naturaflux.source.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The subset of GeoNature's schema that Naturaflux reads, with GeoNature's schema, table, column and
 * constraint names and types: {@code gn_synthese.synthese} (GiST indexes on {@code the_geom_4326},
 * {@code the_geom_point} and {@code the_geom_local}, GeoNature's btree indexes) and
 * {@code cor_area_synthese}; {@code ref_geo.l_areas} (GiST on {@code geom}) and {@code bib_areas_types};
 * {@code taxonomie.taxref} and TAXREF's BDC statuts ({@code bdc_statut}, {@code bdc_statut_type},
 * {@code bdc_statut_text}, {@code bdc_statut_values}, {@code bdc_statut_cor_text_values},
 * {@code bdc_statut_taxons}, {@code bdc_statut_cor_text_area}, as TaxHub creates them); {@code ref_nomenclatures.t_nomenclatures} and {@code bib_nomenclatures_types}
 * with the SINP codes and French labels of SENSIBILITE, NIV_PRECIS and every nomenclature an export
 * field shows; {@code gn_meta.t_datasets}, {@code t_acquisition_frameworks} and their actors
 * ({@code cor_dataset_actor}, {@code cor_acquisition_framework_actor}) with UsersHub's
 * {@code utilisateurs.bib_organismes} and {@code t_roles} (what a run's attribution names); the habitat referential
 * {@code ref_habitats.habref} and {@code typoref}.
 *
 * <p>On a platform GeoNature owns these tables and this class is not used: it serves the demo source,
 * the tests and the benchmarks. Every method here is idempotent.
 *
 * <p><b>What the database needs.</b> PostGIS installed in the database (by its administrator:
 * {@code CREATE EXTENSION postgis}); the calling role may create schemas in the database (it owns it,
 * or holds {@code CREATE} on it). {@link #grantRead} is run by the owner of the schemas. A platform's
 * administrator gives the services the equivalent of {@link #grantRead} on the real GeoNature schemas,
 * and, for change capture, {@code wal_level = logical}, a role with {@code REPLICATION}, a publication
 * on {@code gn_synthese.synthese} and {@code ref_geo.l_areas}, a replication slot, and
 * {@code REPLICA IDENTITY FULL} on both tables (which {@link #createKeys} sets here).
 *
 * <p>Statements run in the caller's transaction when the connection is not in autocommit mode, and in
 * a transaction of their own otherwise.
 */
public final class GeoNatureSchema {

    /** The schemas of the subset, in creation order. */
    public static final List<String> SCHEMAS = List.of("ref_nomenclatures", "taxonomie", "ref_geo", "ref_habitats",
            "utilisateurs", "gn_meta", "gn_synthese");

    /** UsersHub's schema, of which a reader sees the organisms and the names of people only. */
    private static final String USERS_SCHEMA = "utilisateurs";
    /** The DDL: tables, then, after the {@link #KEYS_MARKER} line, keys and indexes. */
    private static final String SUBSET = "geonature-subset.sql";
    private static final String NOMENCLATURES = "nomenclatures.sql";
    private static final String KEYS_MARKER = "\n-- @keys";

    private GeoNatureSchema() {
    }

    /** Creates whatever is missing: tables, keys and indexes, SINP nomenclatures. */
    public static void create(Connection connection) throws SQLException {
        inTransaction(connection, () -> {
            run(connection, resource(SUBSET));
            run(connection, resource(NOMENCLATURES));
        });
    }

    /**
     * The first half of {@link #create} for a bulk load: schemas and tables (with their CHECK
     * constraints and defaults) and the SINP nomenclatures, but no key, foreign key or index; call
     * {@link #createKeys} once the data is in.
     */
    public static void createTables(Connection connection) throws SQLException {
        inTransaction(connection, () -> {
            run(connection, subsetPart(false));
            run(connection, resource(NOMENCLATURES));
        });
    }

    /**
     * The second half of {@link #create}: primary keys, unique constraints, foreign keys and indexes
     * (GeoNature's names), and {@code REPLICA IDENTITY FULL} on {@code gn_synthese.synthese} and
     * {@code ref_geo.l_areas}. Fails if the data breaks a key.
     */
    public static void createKeys(Connection connection) throws SQLException {
        inTransaction(connection, () -> run(connection, subsetPart(true)));
    }

    /** Drops the schemas of the subset and everything in them. */
    public static void drop(Connection connection) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (int i = SCHEMAS.size() - 1; i >= 0; i--) {
            sql.append("DROP SCHEMA IF EXISTS ").append(SCHEMAS.get(i)).append(" CASCADE;\n");
        }
        inTransaction(connection, () -> run(connection, sql.toString()));
    }

    /**
     * Lets {@code role} read, and only read, the subset: {@code CONNECT} on the database, {@code USAGE}
     * on the schemas, {@code SELECT} on their tables, and {@code SELECT} on the tables the calling role
     * creates in them later; in {@code utilisateurs}, only the organisms and the names of people.
     *
     * @throws IllegalArgumentException if {@code role} is not a plain role name
     */
    public static void grantRead(Connection connection, String role) throws SQLException {
        if (role == null || !role.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
            throw new IllegalArgumentException("not a role name: " + role);
        }
        String grantee = '"' + role + '"';
        StringBuilder sql = new StringBuilder("DO $grant$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO ")
                .append(grantee.replace("'", "''")).append("', current_database()); END $grant$;\n");
        for (String schema : SCHEMAS) {
            if (schema.equals(USERS_SCHEMA)) {
                // UsersHub: the organisms, and only the names of people (never logins, passwords or e-mails)
                sql.append("GRANT USAGE ON SCHEMA ").append(schema).append(" TO ").append(grantee).append(";\n")
                        .append("GRANT SELECT ON utilisateurs.bib_organismes TO ").append(grantee).append(";\n")
                        .append("GRANT SELECT (id_role, nom_role, prenom_role, id_organisme) ON utilisateurs.t_roles TO ")
                        .append(grantee).append(";\n");
                continue;
            }
            sql.append("GRANT USAGE ON SCHEMA ").append(schema).append(" TO ").append(grantee).append(";\n")
                    .append("GRANT SELECT ON ALL TABLES IN SCHEMA ").append(schema).append(" TO ").append(grantee).append(";\n")
                    .append("ALTER DEFAULT PRIVILEGES IN SCHEMA ").append(schema)
                    .append(" GRANT SELECT ON TABLES TO ").append(grantee).append(";\n");
        }
        inTransaction(connection, () -> run(connection, sql.toString()));
    }

    private interface Work {
        void run() throws SQLException;
    }

    private static void inTransaction(Connection connection, Work work) throws SQLException {
        if (!connection.getAutoCommit()) {
            work.run();
            return;
        }
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The tables part of the DDL, or its keys part. */
    private static String subsetPart(boolean keys) {
        String ddl = resource(SUBSET);
        int marker = ddl.indexOf(KEYS_MARKER);
        if (marker < 0) {
            throw new IllegalStateException(SUBSET + " has no '" + KEYS_MARKER.strip() + "' line");
        }
        return keys ? ddl.substring(marker) : ddl.substring(0, marker);
    }

    private static String resource(String name) {
        try (InputStream in = GeoNatureSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
