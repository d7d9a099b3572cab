package org.naturaflux.source.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The last stage of a {@link DemoSourceGenerator} generation: what makes the generated tables a source as a
 * GeoNature keeps it, for the services to read and capture. {@code cor_area_synthese} derived as GeoNature's
 * triggers fill it; the local geometries stored in the platform's local projection when it is not the
 * drawing's; keys and indexes ({@link GeoNatureSchema#createKeys}, {@code REPLICA IDENTITY FULL} on the
 * captured tables); statistics; and the captured tables put back in the publications (change capture) that
 * held them before the schema was dropped.
 */
final class DemoPublication {

    /** Longest segment, in metres, of a line or polygon transformed to another local projection. */
    static final int REPROJECTED_STEP = 100;

    private final Connection connection;
    private final Consumer<String> log;
    private final List<String[]> memberships;

    private DemoPublication(Connection connection, Consumer<String> log, List<String[]> memberships) {
        this.connection = connection;
        this.log = log;
        this.memberships = memberships;
    }

    /**
     * Remembers the publications that hold the captured tables, to put the new tables back in them; call it
     * before the schema is dropped, in the generation's transaction.
     */
    static DemoPublication before(Connection connection, Statement st, Consumer<String> log) throws SQLException {
        return new DemoPublication(connection, log, publicationsOfCapturedTables(st));
    }


    /**
     * {@code cor_area_synthese} as GeoNature's triggers fill it: every enabled area a record's local
     * geometry intersects, except, for lines and polygons, the areas it only touches. A point strictly
     * inside a 1 km cell takes its three grid cells by arithmetic, and the other areas through its cell:
     * those that cover the cell, and those that meet it and contain the point; every other record is
     * intersected with the areas as GeoNature does.
     */
    void writeAreaLinks(Statement st) throws SQLException {
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
        String insideCell = DemoObservations.isPoint("p.id")
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

    /**
     * Stores the local geometries in EPSG:{@code localSrid}: the columns retyped (type modifier) and their
     * {@code enforce_srid_*} constraints restated, as GeoNature's install creates them with its SRID.
     */
    void reproject(Statement st, int localSrid) throws SQLException {
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

    /** The keys and indexes, once the data is in ({@link GeoNatureSchema#createKeys}). */
    void createKeys() throws SQLException {
        GeoNatureSchema.createKeys(connection);
    }

    /** Statistics on the tables the exports read, then the captured tables back in their publications. */
    void analyzeAndRepublish(Statement st) throws SQLException {
        for (String table : List.of("gn_synthese.synthese", "gn_synthese.cor_area_synthese", "ref_geo.l_areas",
                "taxonomie.taxref", "ref_nomenclatures.t_nomenclatures")) {
            st.execute("ANALYZE " + table);
        }
        restorePublications(st);
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

    private void restorePublications(Statement st) throws SQLException {
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
}
