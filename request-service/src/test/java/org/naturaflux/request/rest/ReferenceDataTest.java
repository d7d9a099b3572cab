package org.naturaflux.request.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.Api;
import org.naturaflux.request.SourceAccess;
import org.naturaflux.request.StackResource;

/**
 * The portal's reference data against the test source, each answer checked against SQL or Java written
 * here: vector tiles decoded by {@link MvtTile} hold exactly the areas SQL finds in the tile's envelope,
 * with their ids, codes and names; the area search finds what a Java accent folding of every name finds,
 * its areas go straight into a flux request, and an area's simplified geometry stays close to its own.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class)
class ReferenceDataTest {

    /** Central Paris, inside the demo source. */
    private static final double LON = 2.35;
    private static final double LAT = 48.86;

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;

    private Api.Partner partner;

    @BeforeEach
    void partner() {
        partner = Api.newPartner(admin, "Atlas " + System.nanoTime());
    }

    @Test
    void tilesHoldTheAreasOfTheirEnvelope() throws SQLException {
        checkTile("communes", "COM", 11);
        checkTile("communes", "COM", 9);
        checkTile("grid", "M10", 8);
        checkTile("departements", "DEP", 6);
        checkTile("departements", "DEP", 0);
    }

    private void checkTile(String layer, String type, int z) throws SQLException {
        int x = tileX(z);
        int y = tileY(z);
        Response response = as(partner.token()).get("/api/v1/tiles/" + layer + "/" + z + "/" + x + "/" + y + ".mvt");
        response.then().statusCode(200).contentType("application/vnd.mapbox-vector-tile")
                .header("Cache-Control", containsString("max-age=3600")).header("Cache-Control", containsString("private"));
        MvtTile tile = MvtTile.decode(response.asByteArray());
        assertThat(tile.layers()).containsOnlyKeys(layer);
        MvtTile.Layer decoded = tile.layers().get(layer);
        assertThat(decoded.version()).isEqualTo(2);
        assertThat(decoded.extent()).isEqualTo(4096);

        Map<String, Object[]> expected = new HashMap<>();
        try (Connection connection = SourceAccess.connect(); PreparedStatement st = connection.prepareStatement(
                "SELECT a.area_code, a.id_area, a.area_name FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type"
                        + " WHERE t.type_code = ? AND a.enable AND a.geom IS NOT NULL"
                        + " AND ST_Intersects(ST_Transform(a.geom, 3857), ST_TileEnvelope(?, ?, ?))")) {
            st.setString(1, type);
            st.setInt(2, z);
            st.setInt(3, x);
            st.setInt(4, y);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    expected.put(rs.getString(1), new Object[] {rs.getLong(2), rs.getString(3)});
                }
            }
        }
        assertThat(expected).as("areas of %s in tile %d/%d/%d", type, z, x, y).isNotEmpty();
        Set<String> codes = new TreeSet<>();
        for (MvtTile.Feature feature : decoded.features()) {
            String code = (String) feature.properties().get("code");
            codes.add(code);
            assertThat(expected).containsKey(code);
            assertThat(feature.geometryType()).isEqualTo(3);
            assertThat(feature.commands()).isGreaterThan(3);
            assertThat(feature.id()).isEqualTo(expected.get(code)[0]);
            assertThat(((Number) feature.properties().get("id")).longValue()).isEqualTo(expected.get(code)[0]);
            assertThat(feature.properties().get("name")).isEqualTo(expected.get(code)[1]);
            assertThat(feature.properties().get("type")).isEqualTo(type);
        }
        assertThat(decoded.features()).hasSize(codes.size());
        assertThat(codes).as("codes of tile %s/%d/%d/%d", layer, z, x, y).isEqualTo(new TreeSet<>(expected.keySet()));
    }

    @Test
    void tilesAreBoundedAndAuthenticated() {
        // far from the source's areas: an empty tile is a 204, cacheable too
        as(partner.token()).get("/api/v1/tiles/communes/12/0/0.mvt").then().statusCode(204)
                .header("Cache-Control", containsString("max-age"));
        // never every commune in one tile: below the layer's minimum zoom is a 400
        as(partner.token()).get("/api/v1/tiles/communes/8/" + tileX(8) + "/" + tileY(8) + ".mvt").then().statusCode(400)
                .body("violations[0].path", is("/path/z"));
        as(partner.token()).get("/api/v1/tiles/grid/17/0/0.mvt").then().statusCode(400).body("violations[0].path", is("/path/z"));
        as(partner.token()).get("/api/v1/tiles/grid/8/256/0.mvt").then().statusCode(400).body("violations[0].path", is("/path/x"));
        as(partner.token()).get("/api/v1/tiles/grid/8/0/-1.mvt").then().statusCode(400).body("violations[0].path", is("/path/y"));
        as(partner.token()).get("/api/v1/tiles/grid/8/0/99999999999.mvt").then().statusCode(400)
                .body("violations[0].path", is("/path/y"));
        as(partner.token()).get("/api/v1/tiles/rivers/8/0/0.mvt").then().statusCode(404);
        RestAssured.given().get("/api/v1/tiles/communes/11/" + tileX(11) + "/" + tileY(11) + ".mvt").then().statusCode(401);
        as(partner.token()).get("/api/v1/tiles").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.contains("communes", "grid", "departements"))
                .body("find { it.name == 'communes' }.minZoom", is(9))
                .body("find { it.name == 'grid' }.areaType", is("M10"));
    }

    @Test
    void areaSearchFindsWhatAnAccentFoldingFinds() throws SQLException {
        // an accented, hyphenated commune name, searched without accents, in capitals, with spaces
        String name = single("SELECT a.area_name FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type"
                + " WHERE t.type_code = 'COM' AND a.area_name ~ '^[ÉÈ].*-' ORDER BY a.id_area LIMIT 1");
        String words = fold(name).replace('-', ' ');
        String q = words.substring(0, Math.min(words.length(), 12)).toUpperCase(Locale.ROOT);
        Set<Long> expected = new TreeSet<>();
        for (Object[] row : rows("SELECT a.id_area, a.area_name, a.area_code FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t"
                + " ON t.id_type = a.id_type WHERE t.type_code = 'COM' AND a.enable AND a.geom IS NOT NULL AND a.area_code IS NOT NULL")) {
            String folded = fold((String) row[1]).replace('-', ' ');
            if (folded.contains(fold(q)) || ((String) row[2]).toLowerCase(Locale.ROOT).startsWith(fold(q))) {
                expected.add(((Number) row[0]).longValue());
            }
        }
        assertThat(expected).isNotEmpty();
        Response found = as(partner.token()).queryParam("type", "COM").queryParam("q", q).queryParam("size", "500")
                .get("/api/v1/areas");
        found.then().statusCode(200).header(Paging.TOTAL, String.valueOf(expected.size()));
        List<Map<String, Object>> items = found.jsonPath().getList("$");
        assertThat(items).extracting(item -> ((Number) item.get("id")).longValue()).containsExactlyInAnyOrderElementsOf(expected);
        // names starting with the text first
        assertThat(fold((String) items.get(0).get("name")).replace('-', ' ')).startsWith(fold(q));

        // by code: the départements whose code starts with 9, paged 2 at a time
        List<String> depCodes = new ArrayList<>();
        for (Object[] row : rows("SELECT a.area_code FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type"
                + " WHERE t.type_code = 'DEP' AND a.enable AND a.geom IS NOT NULL AND a.area_code LIKE '9%'")) {
            depCodes.add((String) row[0]);
        }
        assertThat(depCodes).hasSizeGreaterThan(2);
        Response page0 = as(partner.token()).get("/api/v1/areas?type=DEP&q=9&size=2");
        page0.then().statusCode(200).header(Paging.TOTAL, String.valueOf(depCodes.size()))
                .header("Link", containsString("type=DEP")).header("Link", containsString("rel=\"next\""));
        Set<String> walked = new HashSet<>();
        for (int page = 0; page * 2 < depCodes.size(); page++) {
            walked.addAll(as(partner.token()).get("/api/v1/areas?type=DEP&q=9&size=2&page=" + page).jsonPath()
                    .getList("code", String.class));
        }
        assertThat(walked).containsExactlyInAnyOrderElementsOf(depCodes);

        // the bounds are the area's WGS84 bounds (SQL over the area's own geometry)
        Map<String, Object> first = items.get(0);
        Object[] box = rows("SELECT ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g) FROM (SELECT ST_Transform(geom, 4326) AS g"
                + " FROM ref_geo.l_areas WHERE id_area = " + ((Number) first.get("id")).longValue() + ") s").get(0);
        @SuppressWarnings("unchecked")
        List<Number> bbox = (List<Number>) first.get("bbox");
        // PostGIS keeps a geometry's bounds in single precision: within 1e-5 degrees (about a metre)
        for (int i = 0; i < 4; i++) {
            assertThat(bbox.get(i).doubleValue()).isCloseTo((Double) box[i], org.assertj.core.data.Offset.offset(1e-5));
        }

        // a picked area goes straight into a flux request
        var body = Api.fluxBody();
        body.putObject("territory").putArray("areas").addObject().put("type", (String) first.get("type"))
                .put("code", (String) first.get("code"));
        Api.createFlux(partner.token(), body);

        // bad input
        as(partner.token()).get("/api/v1/areas?type=NOPE").then().statusCode(400).body("violations[0].path", is("/query/type"));
        as(partner.token()).get("/api/v1/areas?q=" + "a".repeat(101)).then().statusCode(400).body("violations[0].path", is("/query/q"));
        as(partner.token()).get("/api/v1/areas?size=0").then().statusCode(400).body("violations[0].path", is("/query/size"));
        // LIKE wildcards are plain text
        as(partner.token()).get("/api/v1/areas?q=%25").then().statusCode(200).header(Paging.TOTAL, "0");
        RestAssured.given().get("/api/v1/areas?q=a").then().statusCode(401);
    }

    @Test
    void anAreaComesWithItsSimplifiedGeometry() throws Exception {
        Object[] commune = rows("SELECT a.id_area, a.area_code, ST_NPoints(a.geom) FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t"
                + " ON t.id_type = a.id_type WHERE t.type_code = 'COM' AND a.enable ORDER BY ST_NPoints(a.geom) DESC, a.id_area LIMIT 1").get(0);
        long id = ((Number) commune[0]).longValue();
        Response response = as(partner.token()).get("/api/v1/areas/" + id);
        response.then().statusCode(200).body("code", is(commune[1])).body("type", is("COM"))
                .body("geometry.type", org.hamcrest.Matchers.oneOf("Polygon", "MultiPolygon"));
        int vertices = response.path("vertices");
        assertThat(vertices).isBetween(4, 5000);
        // SQL: the answer's geometry is within 1/500 of the area's diagonal of the area itself, and covers most of it
        String geometry = Api.JSON.readTree(response.asString()).get("geometry").toString();
        Object[] check = rows("SELECT ST_HausdorffDistance(ST_Transform(geom, 4326), ST_SetSRID(ST_GeomFromGeoJSON('" + geometry
                + "'), 4326)), sqrt(power(ST_XMax(g) - ST_XMin(g), 2) + power(ST_YMax(g) - ST_YMin(g), 2)),"
                + " ST_NPoints(ST_GeomFromGeoJSON('" + geometry + "')) FROM (SELECT geom, ST_Transform(geom, 4326) AS g"
                + " FROM ref_geo.l_areas WHERE id_area = " + id + ") s").get(0);
        assertThat((Double) check[0]).isLessThan((Double) check[1] / 500);
        assertThat((Integer) check[2]).isEqualTo(vertices);

        as(partner.token()).get("/api/v1/areas/999999999").then().statusCode(404);
        as(partner.token()).get("/api/v1/areas/abc").then().statusCode(404);
    }

    @Test
    void taxaAreFoundByScientificOrVernacularName() throws SQLException {
        // a vernacular name with an accent, searched without it
        String vernacular = single("SELECT nom_vern FROM taxonomie.taxref WHERE nom_vern ~ '[éèêàç]' ORDER BY cd_nom LIMIT 1");
        int accent = 0;
        while ("éèêàç".indexOf(vernacular.charAt(accent)) < 0) {
            accent++;
        }
        String q = fold(vernacular.substring(Math.max(0, accent - 3), Math.min(vernacular.length(), accent + 3)))
                .toUpperCase(Locale.ROOT);
        assertThat(q).hasSizeGreaterThanOrEqualTo(3);
        Set<Integer> expected = new TreeSet<>();
        for (Object[] row : rows("SELECT cd_nom, lb_nom, nom_complet, nom_vern FROM taxonomie.taxref")) {
            for (int i = 1; i <= 3; i++) {
                if (row[i] != null && fold((String) row[i]).replace('-', ' ').contains(fold(q))) {
                    expected.add((Integer) row[0]);
                }
            }
        }
        assertThat(expected).isNotEmpty();
        Response found = as(partner.token()).queryParam("q", q).queryParam("size", "500").get("/api/v1/taxa");
        found.then().statusCode(200).header(Paging.TOTAL, String.valueOf(expected.size()));
        List<Map<String, Object>> items = found.jsonPath().getList("$");
        assertThat(items).extracting(item -> (Integer) item.get("cdNom")).containsExactlyInAnyOrderElementsOf(expected);
        // reference names first; each name with its reference code and rank as TAXREF has them
        boolean synonyms = false;
        for (Map<String, Object> item : items) {
            boolean valid = item.get("cdNom").equals(item.get("cdRef"));
            assertThat(valid || !synonyms).as("reference names before synonyms").isTrue();
            synonyms |= !valid;
            Object[] row = rows("SELECT cd_ref, id_rang, lb_nom FROM taxonomie.taxref WHERE cd_nom = " + item.get("cdNom")).get(0);
            assertThat(new Object[] {item.get("cdRef"), item.get("rank"), item.get("scientificName")}).containsExactly(row);
        }
        // by scientific name, paged
        String genus = single("SELECT lb_nom FROM taxonomie.taxref WHERE id_rang = 'ES' AND cd_nom = cd_ref ORDER BY cd_nom LIMIT 1")
                .split(" ")[0];
        long genusCount = (Long) rows("SELECT count(*) FROM taxonomie.taxref WHERE lower(lb_nom) LIKE lower('%" + genus + "%')"
                + " OR lower(nom_complet) LIKE lower('%" + genus + "%') OR lower(nom_vern) LIKE lower('%" + genus + "%')").get(0)[0];
        as(partner.token()).get("/api/v1/taxa?q=" + genus.toLowerCase(Locale.ROOT) + "&size=1").then().statusCode(200)
                .header(Paging.TOTAL, String.valueOf(genusCount)).header("Link", containsString("q=" + genus.toLowerCase(Locale.ROOT)));

        // a reference name found goes straight into a flux request
        Map<String, Object> valid = items.stream().filter(item -> item.get("cdNom").equals(item.get("cdRef"))).findFirst()
                .orElseThrow();
        var body = Api.fluxBody();
        body.putObject("taxa").putArray("cdRefs").add((Integer) valid.get("cdRef"));
        Api.createFlux(partner.token(), body);

        as(partner.token()).get("/api/v1/taxa?q=ab").then().statusCode(400).body("violations[0].path", is("/query/q"));
        as(partner.token()).get("/api/v1/taxa").then().statusCode(400).body("violations[0].path", is("/query/q"));
        as(partner.token()).get("/api/v1/taxa?q=" + "a".repeat(101)).then().statusCode(400).body("violations[0].path", is("/query/q"));
        RestAssured.given().get("/api/v1/taxa?q=merle").then().statusCode(401);
    }

    @Test
    void theInpnGroupsAreThoseOfTaxref() throws SQLException {
        Map<String, Long> expected = new HashMap<>();
        for (int level = 1; level <= 3; level++) {
            for (Object[] row : rows("SELECT group" + level + "_inpn, count(*) FROM taxonomie.taxref WHERE group" + level
                    + "_inpn IS NOT NULL GROUP BY 1")) {
                expected.put(level + ":" + row[0], (Long) row[1]);
            }
        }
        Response groups = as(partner.token()).get("/api/v1/taxa/groups?size=500");
        groups.then().statusCode(200).header(Paging.TOTAL, String.valueOf(expected.size()));
        Map<String, Long> answered = new HashMap<>();
        for (Map<String, Object> group : groups.jsonPath().<Map<String, Object>>getList("$")) {
            answered.put(group.get("level") + ":" + group.get("name"), ((Number) group.get("taxa")).longValue());
        }
        assertThat(answered).isEqualTo(expected);
        // a level-2 group goes straight into a flux request
        String group = expected.keySet().stream().filter(key -> key.startsWith("2:")).sorted().findFirst().orElseThrow().substring(2);
        var body = Api.fluxBody();
        body.putObject("taxa").putArray("groups").add(group);
        Api.createFlux(partner.token(), body);
    }

    /** Lower case, accents removed (Unicode decomposition): the test's own folding. */
    static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace("œ", "oe").replace("æ", "ae");
        return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    static int tileX(int z) {
        return (int) Math.floor((LON + 180) / 360 * (1 << z));
    }

    static int tileY(int z) {
        double lat = Math.toRadians(LAT);
        return (int) Math.floor((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * (1 << z));
    }

    static String single(String sql) throws SQLException {
        return (String) rows(sql).get(0)[0];
    }

    static List<Object[]> rows(String sql) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Connection connection = SourceAccess.connect(); PreparedStatement st = connection.prepareStatement(sql);
             ResultSet rs = st.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
