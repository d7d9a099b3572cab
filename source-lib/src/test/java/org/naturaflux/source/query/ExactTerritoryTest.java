package org.naturaflux.source.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.degrade.Degradation;
import org.naturaflux.sensitivity.degrade.RecordDegrader;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.source.demo.DemoSourceGenerator;
import org.naturaflux.source.reference.AreaLoader;
import org.naturaflux.testkit.IsolatedDatabase;
import org.naturaflux.testkit.SourceEdits;

/**
 * Territories and areas at their edges, against an oracle on {@code geography} in WGS84.
 *
 * <p>A WGS84 territory's edges are straight in longitude/latitude (RFC 7946); a {@code geography} edge
 * follows a great circle, about 200 m away from it in the middle of a 1.3° edge at 49°N. So the oracle
 * cuts the territory into steps of 1e-4° (about 10 m, where the two lines are micrometres apart) and
 * then asks {@code ST_Intersects}/{@code ST_Covers} on {@code geography}: the territory as RFC 7946 draws
 * it, judged without any projection.
 */
class ExactTerritoryTest {

    private static final List<FieldDefinition> FIELDS = FieldCatalogue.standard().fields();
    private static final SensitivityRules RULES = SensitivityRules.standard();
    /** A 1.3° x 0.6° rectangle over the middle of the region. */
    private static final String RECTANGLE = "POLYGON((1.85 48.45, 3.15 48.45, 3.15 49.05, 1.85 49.05, 1.85 48.45))";
    /** A quadrilateral with long slanted edges. */
    private static final String SLANTED = "POLYGON((1.7 48.4, 3.25 48.62, 3.0 49.12, 1.9 48.93, 1.7 48.4))";
    private static final double METRE = 1.0;
    private static IsolatedDatabase database;
    private static Connection connection;
    /** The records placed beside the edges of each territory. */
    private static final Map<String, Set<Long>> EDGE_RECORDS = new HashMap<>();

    @BeforeAll
    static void generate() throws SQLException, ParseException {
        database = IsolatedDatabase.create(ExactTerritoryTest.class);
        connection = database.connect();
        new DemoSourceGenerator(connection, 5).regenerate(5_000);
        for (String wkt : List.of(RECTANGLE, SLANTED)) {
            EDGE_RECORDS.put(wkt, new TreeSet<>(insert(besideEdges(wkt, METRE), "0")));
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void recordsAMetreFromTheLongEdgesOfARectangleAreSelectedAsInWgs84() throws SQLException, ParseException {
        assertSelectedAsInWgs84(RECTANGLE);
    }

    @Test
    void recordsAMetreFromSlantedEdgesAreSelectedAsInWgs84() throws SQLException, ParseException {
        assertSelectedAsInWgs84(SLANTED);
    }

    /**
     * Degraded records, among them points 5 cm either side of the longest commune edges, are published
     * as geometries that cover their own WGS84 geometry.
     */
    @Test
    void theGeometryADegradedRecordIsPublishedAsCoversItsOwn() throws SQLException {
        List<String> points = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT ST_X(ST_StartPoint(seg)),"
                + " ST_Y(ST_StartPoint(seg)), ST_X(ST_EndPoint(seg)), ST_Y(ST_EndPoint(seg)) FROM (SELECT"
                + " (ST_DumpSegments(a.geom)).geom AS seg FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t USING (id_type)"
                + " WHERE t.type_code = 'COM') s ORDER BY ST_Length(seg) DESC, 1, 2 LIMIT 12")) {
            while (rs.next()) {
                double ax = rs.getDouble(1), ay = rs.getDouble(2), bx = rs.getDouble(3), by = rs.getDouble(4);
                double length = Math.hypot(bx - ax, by - ay);
                assertThat(length).isGreaterThan(3_000);
                double nx = -(by - ay) / length * 0.05, ny = (bx - ax) / length * 0.05;
                for (int side : new int[]{-1, 1}) {
                    points.add(String.format(Locale.ROOT, "ST_SetSRID(ST_MakePoint(%.4f, %.4f), 2154)",
                            (ax + bx) / 2 + side * nx, (ay + by) / 2 + side * ny));
                }
            }
        }
        List<Long> inserted = insert(points, "1");
        // those in a commune (the outline of the region has long edges too)
        Set<Long> commune = new TreeSet<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT s.id_synthese FROM gn_synthese.synthese s"
                + " WHERE s.id_synthese = ANY(?) AND EXISTS (SELECT 1 FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t"
                + " USING (id_type) WHERE t.type_code = 'COM' AND ST_Intersects(a.geom, s.the_geom_local))")) {
            st.setArray(1, connection.createArrayOf("bigint", inserted.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    commune.add(rs.getLong(1));
                }
            }
        }
        assertThat(commune).hasSizeGreaterThan(inserted.size() / 2);
        Territory region = new Territory.Areas(List.of("75", "77", "78", "91", "92", "93", "94", "95").stream()
                .map(code -> new AreaRef("DEP", code)).toList());
        AreaIndex index = AreaIndex.of(AreaLoader.load(connection, List.of("COM", "M10", "DEP")));
        RecordDegrader degrader = new RecordDegrader(RULES, index, FIELDS, ExportOptions.defaults());
        int geometry = FIELDS.indexOf(FIELDS.stream().filter(FieldDefinition::isGeometry).findFirst().orElseThrow());
        WKBWriter wkb = new WKBWriter(2);
        List<Long> ids = new ArrayList<>();
        List<String> published = new ArrayList<>();
        List<String> own = new ArrayList<>();
        Set<Long> degradedCommune = new TreeSet<>();
        try (RowStream rows = ExportQuery.of(region, TaxaFilter.all(), FIELDS, RULES.selectionPlan()).stream(connection, 1000)) {
            for (ObservationRow row = rows.next(); row != null; row = rows.next()) {
                if (degrader.degrade(row) instanceof Degradation.Exported e && !e.areaCodes().isEmpty()) {
                    ids.add(row.id());
                    published.add(WKBWriter.toHex(wkb.write((Geometry) e.row().values()[geometry])));
                    own.add(WKBWriter.toHex(wkb.write(row.geometry())));
                    if (commune.contains(row.id())) {
                        degradedCommune.add(row.id());
                    }
                }
            }
        }
        assertThat(degradedCommune).as("the points beside commune edges, degraded to their commune").isEqualTo(commune);
        assertThat(ids).hasSizeGreaterThan(300);
        try (PreparedStatement st = connection.prepareStatement("SELECT u.id FROM unnest(?::bigint[], ?::text[], ?::text[])"
                + " AS u(id, published, own) WHERE NOT ST_Covers(geography(ST_GeomFromWKB(decode(u.published, 'hex'), 4326)),"
                + " geography(ST_GeomFromWKB(decode(u.own, 'hex'), 4326))) ORDER BY u.id")) {
            st.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            st.setArray(2, connection.createArrayOf("text", published.toArray()));
            st.setArray(3, connection.createArrayOf("text", own.toArray()));
            List<Long> stickingOut = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    stickingOut.add(rs.getLong(1));
                }
            }
            assertThat(stickingOut).as("degraded records sticking out of their published geometry").isEmpty();
        }
    }

    /**
     * The PRECISE records the export selects, those the change router's territory (source-lib's
     * {@code territoryEwkb}) intersects, and those the export counts are the oracle's.
     */
    private static void assertSelectedAsInWgs84(String wkt) throws SQLException, ParseException {
        ExportQuery query = ExportQuery.of(new Territory.Wkt(wkt), TaxaFilter.all(), List.of(), RULES.selectionPlan());
        Set<Long> expected = new TreeSet<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT s.id_synthese FROM gn_synthese.synthese s"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures ns ON ns.id_nomenclature = s.id_nomenclature_sensitivity"
                + " LEFT JOIN ref_nomenclatures.t_nomenclatures nd ON nd.id_nomenclature = s.id_nomenclature_diffusion_level"
                + " WHERE (" + Plans.STANDARD.levelSql() + ") = 0"
                + " AND ST_Intersects(geography(ST_Segmentize(ST_GeomFromText(?, 4326), 1e-4)), geography(s.the_geom_4326))")) {
            st.setString(1, wkt);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    expected.add(rs.getLong(1));
                }
            }
        }
        Set<Long> edgeRecords = EDGE_RECORDS.get(wkt);
        Set<Long> edgeInside = new TreeSet<>(expected);
        edgeInside.retainAll(edgeRecords);
        assertThat(edgeInside).as("one of the two points beside each edge point of this territory lies in it").hasSize(40);

        Set<Long> selected = new TreeSet<>();
        Geometry routed = new WKBReader().read(query.territoryEwkb(connection));
        Set<Long> routedEdge = new TreeSet<>();
        try (RowStream rows = query.stream(connection, 1000)) {
            for (ObservationRow row = rows.next(); row != null; row = rows.next()) {
                if (RULES.levelOf(row.sensitivityCode(), row.diffusionCode()).name().equals("PRECISE")) {
                    selected.add(row.id());
                }
            }
        }
        try (PreparedStatement st = connection.prepareStatement("SELECT id_synthese, ST_AsBinary(the_geom_local)"
                + " FROM gn_synthese.synthese WHERE id_synthese = ANY(?)")) {
            st.setArray(1, connection.createArrayOf("bigint", edgeRecords.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (routed.intersects(new WKBReader().read(rs.getBytes(2)))) {
                        routedEdge.add(rs.getLong(1));
                    }
                }
            }
        }
        assertThat(selected).isEqualTo(expected);
        assertThat(routedEdge).isEqualTo(edgeInside);
    }

    /**
     * Points {@code metres} either side of 10 points spread along each edge of a WGS84 polygon's ring
     * (the edge's own straight line in longitude/latitude), as SQL geometries in EPSG:2154.
     */
    private static List<String> besideEdges(String wkt, double metres) throws ParseException {
        Coordinate[] ring = new WKTReader().read(wkt).getCoordinates();
        List<String> points = new ArrayList<>();
        for (int i = 0; i + 1 < ring.length; i++) {
            Coordinate a = ring[i];
            Coordinate b = ring[i + 1];
            for (int k = 0; k < 10; k++) {
                double t = 0.05 + k * 0.1;
                double lon = a.x + t * (b.x - a.x);
                double lat = a.y + t * (b.y - a.y);
                // metres per degree here, then the unit normal of the edge in metres, back in degrees
                double mx = 111_320 * Math.cos(Math.toRadians(lat));
                double my = 110_574;
                double ex = (b.x - a.x) * mx;
                double ey = (b.y - a.y) * my;
                double norm = Math.hypot(ex, ey);
                for (int side : new int[]{-1, 1}) {
                    points.add(String.format(Locale.ROOT, "ST_Transform(ST_SetSRID(ST_MakePoint(%.10f, %.10f), 4326), 2154)",
                            lon + side * (-ey / norm) * metres / mx, lat + side * (ex / norm) * metres / my));
                }
            }
        }
        return points;
    }

    /**
     * Inserts one copy of the source's first record per geometry (SQL, EPSG:2154), with this SENSIBILITE
     * code and no producer restriction, its WGS84 geometry transformed from it; returns their ids.
     */
    private static List<Long> insert(List<String> localGeometries, String sensitivity) throws SQLException {
        String columns;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns"
                        + " WHERE table_schema = 'gn_synthese' AND table_name = 'synthese' AND is_generated = 'NEVER' AND column_name NOT IN"
                        + " ('id_synthese', 'unique_id_sinp', 'the_geom_4326', 'the_geom_point', 'the_geom_local',"
                        + " 'id_nomenclature_sensitivity', 'id_nomenclature_diffusion_level')")) {
            rs.next();
            columns = rs.getString(1);
        }
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < localGeometries.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(").append(i + 1).append(", ").append(localGeometries.get(i)).append(")");
        }
        List<Long> ids = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "INSERT INTO gn_synthese.synthese (id_synthese, unique_id_sinp, the_geom_4326, the_geom_point, the_geom_local,"
                        + " id_nomenclature_sensitivity, id_nomenclature_diffusion_level, " + columns + ")"
                        + " SELECT (SELECT max(id_synthese) FROM gn_synthese.synthese) + p.n, gen_random_uuid(),"
                        + " ST_Transform(p.g, 4326), ST_Transform(p.g, 4326), p.g,"
                        + " " + SourceEdits.sensitivity(sensitivity) + ", NULL, " + columns
                        + " FROM (SELECT * FROM gn_synthese.synthese ORDER BY id_synthese LIMIT 1) template,"
                        + " (VALUES " + values + ") AS p(n, g) ORDER BY p.n RETURNING id_synthese")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
