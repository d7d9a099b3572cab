package org.naturaflux.source.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the subset of GeoNature's schema that Naturaflux reads (real schema, table and column names),
 * with the SINP nomenclatures. On a platform GeoNature owns these tables and this class is not used;
 * it serves the demo source, the tests and the benchmarks. PostGIS must already be installed in the
 * database; the caller must own it (or the schemas).
 */
public final class GeoNatureSchema {

    /** Schemas a read-only role needs. */
    public static final String[] SCHEMAS = {"ref_nomenclatures", "taxonomie", "ref_geo", "ref_habitats", "gn_meta", "gn_synthese"};

    private GeoNatureSchema() {
    }

    /** Creates the tables, indexes and nomenclatures when missing (idempotent). */
    public static void create(Connection connection) throws SQLException {
        execute(connection, resource("geonature-subset.sql"));
        execute(connection, resource("nomenclatures.sql"));
    }

    /** Drops the schemas and everything in them (demo regeneration). */
    public static void drop(Connection connection) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (String schema : SCHEMAS) {
            sql.append("DROP SCHEMA IF EXISTS ").append(schema).append(" CASCADE;\n");
        }
        execute(connection, sql.toString());
    }

    /**
     * Grants read access on every schema to {@code role} (the services' read-only role), including the
     * tables the owner creates later.
     */
    public static void grantRead(Connection connection, String role) throws SQLException {
        if (!role.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a role name: " + role);
        }
        StringBuilder sql = new StringBuilder();
        for (String schema : SCHEMAS) {
            sql.append("GRANT USAGE ON SCHEMA ").append(schema).append(" TO ").append(role).append(";\n")
                    .append("GRANT SELECT ON ALL TABLES IN SCHEMA ").append(schema).append(" TO ").append(role).append(";\n")
                    .append("ALTER DEFAULT PRIVILEGES IN SCHEMA ").append(schema).append(" GRANT SELECT ON TABLES TO ")
                    .append(role).append(";\n");
        }
        execute(connection, sql.toString());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
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
