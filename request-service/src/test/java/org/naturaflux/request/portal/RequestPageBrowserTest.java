package org.naturaflux.request.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.naturaflux.request.Api;
import org.naturaflux.request.SourceAccess;
import org.naturaflux.request.StackResource;
import org.naturaflux.testkit.Browser;
import org.naturaflux.testkit.Keycloak;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * "Demander un flux" in a real browser (headless Chromium) with a person of a new partner logged in through
 * Keycloak: the territory uploaded as a zipped Shapefile and as a GeoPackage (both in Lambert 93, made here by
 * GDAL's ogr2ogr from a WGS84 GeoJSON), or picked as reference areas; the estimate; the submission. Oracles:
 * the stored flux (read through the API with the admin token) compared in PostGIS with the fixture's own WGS84
 * geometry (Hausdorff distance: the page's proj4 reprojection against GDAL's), the areas chosen from SQL on the
 * source, the API's estimate of the stored request. Bad uploads (a .txt, a zip without .shp, a GeoJSON of points)
 * get their French message next to the file input; the API's 400s are shown next to the inputs they concern.
 * axe-core: no serious or critical violation. Screenshots in docs/portal/, load times printed.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class, initArgs = {@ResourceArg(name = "quarkus.oidc.tenant-enabled", value = "true"),
    @ResourceArg(name = "label", value = "portal")})
class RequestPageBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Two polygons in central Paris (inside the test source), WGS84: the fixtures' geometry. */
    private static final String ZONE = """
            {"type": "FeatureCollection", "features": [
             {"type": "Feature", "properties": {"nom": "coeur"}, "geometry": {"type": "Polygon",
              "coordinates": [[[2.32, 48.84], [2.37, 48.84], [2.37, 48.87], [2.32, 48.87], [2.32, 48.84]]]}},
             {"type": "Feature", "properties": {"nom": "pointe"}, "geometry": {"type": "Polygon",
              "coordinates": [[[2.38, 48.83], [2.40, 48.83], [2.39, 48.85], [2.38, 48.83]]]}}]}""";
    private static final String ZONE_WKT = "MULTIPOLYGON (((2.32 48.84, 2.37 48.84, 2.37 48.87, 2.32 48.87, 2.32 48.84)),"
            + " ((2.38 48.83, 2.40 48.83, 2.39 48.85, 2.38 48.83)))";
    /** proj4 in the page against PROJ in GDAL, both exact projections of GRS80 (no datum shift): far below a millimetre. */
    private static final double TOLERANCE_DEGREES = 1e-7;

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @TestHTTPResource("/portal/demande.html")
    URL page;
    @TempDir
    Path files;

    @BeforeAll
    static void requireKeycloakChromiumAndGdal() {
        Keycloak.requireRunning();
        Browser.requireInstalled();
    }

    @Test
    void aPartnerRequestsAFluxByUploadingItsTerritory() throws Exception {
        Path geojson = write("zone.geojson", ZONE);
        Path shapefile = ogr2ogr(geojson, "zone.shp.zip", "ESRI Shapefile");
        Path geopackage = ogr2ogr(geojson, "zone.gpkg", "GPKG");
        Path text = write("territoire.txt", "le bois de Vincennes");
        Path points = write("points.geojson", """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                 "geometry": {"type": "Point", "coordinates": [2.35, 48.85]}}]}""");
        Path noShp = zip("sans-shp.zip", geojson);

        Api.Partner partner = Api.newPartner(admin, "Réserve naturelle du Téléversement");
        Keycloak.Person person = Keycloak.newPerson("Camille", "Demandeuse", partner.id(), false);
        try (Browser camille = Browser.open()) {
            open(camille, person);
            assertThat(camille.text(By.cssSelector("#navigation a[aria-current='page']"))).isEqualTo("Demander un flux");
            mode(camille, "fichier");

            // what cannot be read is refused in the page, in French, next to the file input
            upload(camille, text);
            expectFileError(camille, "format non reconnu");
            upload(camille, noShp);
            expectFileError(camille, "aucun fichier .shp");
            upload(camille, points);
            expectFileError(camille, "aucun polygone");
            assertThat(camille.seriousAccessibilityViolations()).as("axe-core on a refused upload").isEmpty();
            showTerritory(camille);
            camille.screenshot("demande-fichier-refuse");

            fillIn(camille, "Réserve naturelle du Téléversement");
            upload(camille, shapefile);
            camille.waitForText(By.id("territoire-fichier-message"), "2 polygones lus depuis zone.shp.zip (EPSG:2154)");
            assertThat(camille.driver().findElement(By.id("territoire-fichier")).getAttribute("aria-invalid")).isNull();

            // the API's own 400 (terms not accepted) next to the input it concerns
            camille.driver().findElement(By.id("envoyer")).click();
            camille.waitFor(By.cssSelector("#conditions .message-erreur"));
            assertThat(camille.driver().findElement(By.id("conditions-acceptees")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(camille.text(By.id("resultat"))).contains("n’a pas été envoyée");

            estimate(camille);
            camille.driver().findElement(By.id("conditions-acceptees")).click();
            UUID shapeFlux = submit(camille);
            assertThat(camille.seriousAccessibilityViolations()).as("axe-core on a submitted request").isEmpty();
            showTerritory(camille);
            camille.screenshot("demande-fichier");
            expectTerritory(shapeFlux, person);
            expectEstimateShown(camille, shapeFlux);

            // the same territory as a GeoPackage
            open(camille, person);
            fillIn(camille, "Réserve naturelle du Téléversement");
            mode(camille, "fichier");
            upload(camille, geopackage);
            camille.waitForText(By.id("territoire-fichier-message"), "2 polygones lus depuis zone.gpkg (EPSG:2154)");
            camille.driver().findElement(By.id("conditions-acceptees")).click();
            expectTerritory(submit(camille), person);
        }
    }

    @Test
    void aPartnerRequestsAFluxByPickingReferenceAreas() throws Exception {
        Object[] commune = sourceRow("SELECT a.area_name, a.area_code FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t"
                + " ON t.id_type = a.id_type WHERE t.type_code = 'COM' AND a.enable AND a.geom IS NOT NULL AND a.area_code IS NOT NULL"
                + " ORDER BY a.id_area LIMIT 1");
        Object[] departement = sourceRow("SELECT a.area_name, a.area_code FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t"
                + " ON t.id_type = a.id_type WHERE t.type_code = 'DEP' AND a.enable AND a.geom IS NOT NULL AND a.area_code IS NOT NULL"
                + " ORDER BY a.id_area LIMIT 1");
        Api.Partner partner = Api.newPartner(admin, "Atlas communal des Zones");
        Keycloak.Person person = Keycloak.newPerson("Dominique", "Cartographe", partner.id(), false);
        try (Browser dominique = Browser.open()) {
            open(dominique, person);
            fillIn(dominique, "Atlas communal des Zones");
            dominique.driver().findElement(By.id("conditions-acceptees")).click();

            // a territory described by nothing: the API's 400 shown next to the description
            mode(dominique, "description");
            dominique.driver().findElement(By.id("envoyer")).click();
            dominique.waitFor(By.cssSelector("#territoire-description[aria-invalid='true']"));
            assertThat(dominique.text(By.id("territoire-erreurs"))).isNotBlank();
            assertThat(dominique.driver().findElement(By.id("territoire-description")).getAttribute("aria-describedby"))
                    .contains("territoire-erreurs");

            mode(dominique, "zones");
            pick(dominique, "COM", (String) commune[0], (String) commune[1]);
            pick(dominique, "DEP", (String) departement[1], (String) departement[1]);
            estimate(dominique);
            preview(dominique);
            assertThat(dominique.seriousAccessibilityViolations()).as("axe-core on picked areas, the estimate and the preview")
                    .isEmpty();
            showTerritory(dominique);
            dominique.screenshot("demande-zones");
            UUID flux = submit(dominique);
            expectPreviewShown(dominique, flux);
            JsonNode stored = JSON.readTree(as(admin).get("/api/v1/fluxes/" + flux).asString());
            assertThat(stored.path("partnerId").asText()).isEqualTo(partner.id().toString());
            List<String> areas = new ArrayList<>();
            stored.path("territory").path("areas").forEach(area -> areas.add(area.path("type").asText() + ":" + area.path("code").asText()));
            assertThat(areas).containsExactly("COM:" + commune[1], "DEP:" + departement[1]);
            assertThat(stored.path("fields").get(0).asText()).isEqualTo("basic");
            assertThat(stored.path("termsAccepted").path("person").asText()).isEqualTo(person.username());
            expectEstimateShown(dominique, flux);
        }
    }

    // ---- the page

    private void open(Browser browser, Keycloak.Person person) {
        browser.get(page.toString());
        if (!browser.driver().findElements(By.id("username")).isEmpty() || browser.currentUrl().startsWith(Keycloak.url())) {
            browser.logIn(person.username(), person.password());
        }
        browser.waitFor(By.cssSelector("body[data-pret='oui']"));
        @SuppressWarnings("unchecked")
        Map<String, Object> times = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeScript("""
                const n = performance.getEntriesByType('navigation')[0];
                const ready = performance.getEntriesByName('demande-prete')[0];
                return { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd, ready: ready.startTime };""");
        System.out.printf("Load time of demande.html: DOMContentLoaded %.0f ms, load %.0f ms, form ready %.0f ms%n",
                number(times.get("domContentLoaded")), number(times.get("load")), number(times.get("ready")));
    }

    /** Scrolls the territory and its map into the screenshot's view. */
    private static void showTerritory(Browser browser) {
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('titre-territoire').scrollIntoView()");
    }

    private static double number(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    private static void fillIn(Browser browser, String structure) {
        type(browser, "structure", structure);
        type(browser, "contact-nom", "Alex Durand");
        type(browser, "contact-courriel", "alex@example.org");
        type(browser, "etude-0-nom", "Atlas des oiseaux");
        type(browser, "etude-0-nature", "atlas");
    }

    private static void type(Browser browser, String id, String text) {
        WebElement input = browser.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static void mode(Browser browser, String mode) {
        browser.driver().findElement(By.id("territoire-mode-" + mode)).click();
    }

    private static void upload(Browser browser, Path file) {
        browser.driver().findElement(By.id("territoire-fichier")).sendKeys(file.toAbsolutePath().toString());
    }

    private static void expectFileError(Browser browser, String text) {
        browser.waitForText(By.id("territoire-erreurs"), text);
        WebElement input = browser.driver().findElement(By.id("territoire-fichier"));
        assertThat(input.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(input.getAttribute("aria-describedby")).contains("territoire-erreurs");
    }

    private static void pick(Browser browser, String type, String query, String code) {
        browser.driver().findElement(By.cssSelector("#territoire-zone-type option[value='" + type + "']")).click();
        type(browser, "territoire-zone-recherche", query);
        browser.driver().findElement(By.id("territoire-zone-chercher")).click();
        By result = By.cssSelector("#territoire-zone-resultats li[data-area='" + type + ":" + code + "'] button");
        browser.waitFor(result);
        browser.driver().findElement(result).click();
        browser.waitFor(By.cssSelector("#territoire-zones-choisies li[data-area='" + type + ":" + code + "']"));
    }

    private static void estimate(Browser browser) {
        browser.driver().findElement(By.id("estimer")).click();
        browser.waitForText(By.id("estimation-etat"), "seraient exportées");
        for (String level : List.of("PRECISE", "COMMUNE", "GRID", "DEPARTEMENT", "WITHHELD", "TOTAL")) {
            browser.waitFor(By.cssSelector("#table-estimation tr[data-level='" + level + "']"));
        }
        assertThat(browser.text(By.cssSelector("#table-estimation tr[data-level='WITHHELD'] th"))).isEqualTo("Non diffusé");
    }

    private static void preview(Browser browser) {
        browser.driver().findElement(By.id("apercu")).click();
        browser.waitForText(By.id("apercu-etat"), "telles que les fichiers les contiendraient");
        browser.waitFor(By.cssSelector("#legende-apercu li"));
    }

    /**
     * The preview the page drew is the API's preview of the request as stored (the same sample: the source did not
     * change): its number of records and, in the legend, the records per level.
     */
    private void expectPreviewShown(Browser browser, UUID flux) throws Exception {
        JsonNode preview = JSON.readTree(as(admin).get("/api/v1/fluxes/" + flux + "/preview").then().statusCode(200).extract()
                .asString());
        Map<String, Long> expected = new TreeMap<>();
        preview.path("features").forEach(f -> expected.merge(f.path("properties").path("niveau").asText(), 1L, Long::sum));
        assertThat(expected).as("the stored request's preview holds records").isNotEmpty();
        String shown = browser.text(By.id("apercu-etat"));
        assertThat(shown.replaceAll("^Aperçu : ([\\d\\s\\u202f\\u00a0]+) données.*$", "$1").replaceAll("\\D", ""))
                .as("the number of records previewed: " + shown).isEqualTo(String.valueOf(preview.path("features").size()));
        Map<String, Long> legend = new TreeMap<>();
        for (WebElement item : browser.driver().findElements(By.cssSelector("#legende-apercu li"))) {
            String text = item.getText();
            legend.put(item.getAttribute("data-level"), Long.parseLong(text.substring(text.lastIndexOf(" : ") + 3).replaceAll("\\D", "")));
        }
        assertThat(legend).as("the preview's legend: records per level (PRECISE, COMMUNE, GRID, DEPARTEMENT)").isEqualTo(expected);
    }

    private static UUID submit(Browser browser) {
        browser.driver().findElement(By.id("envoyer")).click();
        browser.waitForText(By.id("resultat"), "Demande envoyée");
        assertThat(browser.text(By.id("resultat"))).contains("Demandé, en attente de validation");
        return UUID.fromString(browser.driver().findElement(By.id("resultat")).getAttribute("data-flux-id"));
    }

    // ---- the oracles

    /** The stored territory is the fixture's WGS84 geometry (Hausdorff distance in PostGIS), accepted by the person. */
    private void expectTerritory(UUID flux, Keycloak.Person person) throws Exception {
        JsonNode stored = JSON.readTree(as(admin).get("/api/v1/fluxes/" + flux).asString());
        String wkt = stored.path("territory").path("wkt").asText();
        assertThat(wkt).as("the stored territory").startsWith("MULTIPOLYGON");
        Object[] compared = sourceRow("SELECT ST_HausdorffDistance(ST_GeomFromText('" + wkt + "', 4326), ST_GeomFromText('"
                + ZONE_WKT + "', 4326)), ST_Area(ST_SymDifference(ST_GeomFromText('" + wkt + "', 4326), ST_GeomFromText('"
                + ZONE_WKT + "', 4326))) / ST_Area(ST_GeomFromText('" + ZONE_WKT + "', 4326))");
        assertThat(((Number) compared[0]).doubleValue()).as("Hausdorff distance to the fixture, degrees").isLessThan(TOLERANCE_DEGREES);
        assertThat(((Number) compared[1]).doubleValue()).as("area outside either, relative").isLessThan(1e-6);
        assertThat(stored.path("termsAccepted").path("person").asText()).isEqualTo(person.username());
        assertThat(stored.path("termsAccepted").path("version").asText()).isEqualTo(Api.TERMS_VERSION);
    }

    /** The total the page showed is the API's estimate of the request as stored. */
    private void expectEstimateShown(Browser browser, UUID flux) throws Exception {
        JsonNode stored = JSON.readTree(as(admin).get("/api/v1/fluxes/" + flux).asString());
        ObjectNode body = Api.fluxBody();
        body.set("territory", stored.path("territory"));
        body.remove("taxa");
        body.set("fields", stored.path("fields"));
        body.set("formats", stored.path("formats"));
        body.set("periodicity", stored.path("periodicity"));
        JsonNode estimate = JSON.readTree(as(admin).body(body.put("partnerId", stored.path("partnerId").asText()).toString())
                .post("/api/v1/fluxes/estimate").then().statusCode(200).extract().asString());
        String shown = browser.text(By.cssSelector("#table-estimation tr[data-level='TOTAL'] td")).replaceAll("\\D", "");
        assertThat(shown).as("the total shown").isEqualTo(estimate.path("total").asText());
    }

    private static Object[] sourceRow(String sql) throws SQLException {
        try (Connection connection = SourceAccess.connect(); PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            assertThat(rows.next()).as("a row of " + sql).isTrue();
            Object[] row = new Object[rows.getMetaData().getColumnCount()];
            for (int i = 0; i < row.length; i++) {
                row[i] = rows.getObject(i + 1);
            }
            return row;
        }
    }

    // ---- the fixtures

    private Path write(String name, String text) throws IOException {
        return Files.writeString(files.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** GDAL's ogr2ogr: the GeoJSON (WGS84) reprojected to Lambert 93 (EPSG:2154) in the driver's format. */
    private Path ogr2ogr(Path source, String name, String driver) throws IOException, InterruptedException {
        Path target = files.resolve(name);
        Process process = new ProcessBuilder("ogr2ogr", "-f", driver, "-t_srs", "EPSG:2154", target.toString(), source.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ogr2ogr finished").isTrue();
        assertThat(process.exitValue()).as("ogr2ogr: " + output).isZero();
        assertThat(target).exists();
        return target;
    }

    private Path zip(String name, Path... entries) throws IOException {
        Path target = files.resolve(name);
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path entry : entries) {
                zip.putNextEntry(new ZipEntry(entry.getFileName().toString()));
                zip.write(Files.readAllBytes(entry));
                zip.closeEntry();
            }
        }
        return target;
    }
}
