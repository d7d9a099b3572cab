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
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.Api;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.SourceAccess;
import org.naturaflux.request.StackResource;
import org.naturaflux.testkit.Browser;
import org.naturaflux.testkit.Keycloak;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The request page's "Filtres" section in a real browser (headless Chromium), a person of a new partner logged in
 * through Keycloak: absences added, two validation statuses, a bad date range (the API's 400 shown next to the
 * date input), then the last 15 years, a dataset left out and a producer retained through the pickers (searched by
 * name). Oracles: the stored flux's filters read in SQL on the request-service's database equal what was chosen,
 * the dataset and producer UUIDs read in SQL on the source by the names searched; the estimate the page shows is
 * the API's estimate of the stored specification; the flux page and the staff's queue show the filters in French
 * with the names. axe-core: no serious or critical violation. Screenshot docs/portal/demande-filtres.png.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class, initArgs = {@ResourceArg(name = "quarkus.oidc.tenant-enabled", value = "true"),
    @ResourceArg(name = "label", value = "portal")})
class RequestFiltersBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @TestHTTPResource("/portal/demande.html")
    URL page;
    @TestHTTPResource("/portal/flux.html")
    URL fluxPage;
    @TestHTTPResource("/portal/demandes.html")
    URL queuePage;

    @BeforeAll
    static void requireKeycloakAndChromium() {
        Keycloak.requireRunning();
        Browser.requireInstalled();
    }

    @Test
    void aPartnerChoosesItsRecordFilters() throws Exception {
        Object[] dataset = sourceRow("SELECT d.unique_dataset_id::text, d.dataset_name FROM gn_meta.t_datasets d"
                + " WHERE d.dataset_name LIKE 'Suivi temporel des oiseaux communs%'");
        Object[] producer = sourceRow("SELECT o.uuid_organisme::text, o.nom_organisme FROM utilisateurs.bib_organismes o"
                + " WHERE o.nom_organisme = 'Muséum national d''Histoire naturelle'");
        Object[] departement = sourceRow("SELECT a.area_name, a.area_code FROM ref_geo.l_areas a JOIN ref_geo.bib_areas_types t"
                + " ON t.id_type = a.id_type WHERE t.type_code = 'DEP' AND a.area_code = '75'");
        Api.Partner partner = Api.newPartner(admin, "Atlas filtré des oiseaux");
        Keycloak.Person person = Keycloak.newPerson("Sacha", "Filtreuse", partner.id(), false);
        UUID flux;
        try (Browser sacha = Browser.open()) {
            open(sacha, person);
            type(sacha, "structure", "Atlas filtré des oiseaux");
            type(sacha, "contact-nom", "Sacha Filtreuse");
            type(sacha, "contact-courriel", "sacha@example.org");
            type(sacha, "etude-0-nom", "Atlas des oiseaux nicheurs");
            type(sacha, "etude-0-nature", "atlas");
            pickArea(sacha, (String) departement[0], (String) departement[1]);
            sacha.driver().findElement(By.id("conditions-acceptees")).click();

            // absences too, validated records only
            check(sacha, "#filtre-observation input[value='No']");
            check(sacha, "#filtre-validation input[value='1']");
            check(sacha, "#filtre-validation input[value='2']");
            // a date range the wrong way round: the API's message next to the date it concerns
            sacha.driver().findElement(By.id("filtre-dates-intervalle")).click();
            setDate(sacha, "filtre-date-debut", "2020-01-02");
            setDate(sacha, "filtre-date-fin", "2020-01-01");
            sacha.driver().findElement(By.id("estimer")).click();
            sacha.waitFor(By.cssSelector("#filtre-date-debut[aria-invalid='true']"));
            WebElement from = sacha.driver().findElement(By.id("filtre-date-debut"));
            String message = sacha.text(By.id(from.getAttribute("aria-describedby").split(" ")[0]));
            assertThat(message).contains("must not be after dateTo (2020-01-01)");
            assertThat(sacha.driver().findElements(By.cssSelector(".message-erreur"))).as("the only message").hasSize(1);
            assertThat(sacha.seriousAccessibilityViolations()).as("axe-core on the filters' error").isEmpty();

            // the last 15 years instead
            sacha.driver().findElement(By.id("filtre-dates-glissant")).click();
            type(sacha, "filtre-annees", "15");
            // a dataset left out, a producer retained, searched by name
            pick(sacha, "filtre-jdd", "temporel des oiseaux", (String) dataset[0], "Écarter");
            pick(sacha, "filtre-producteurs", "museum", (String) producer[0], "Retenir");
            sacha.waitFor(By.cssSelector("#filtre-jdd-exclude li[data-uuid='" + dataset[0] + "']"));
            sacha.waitFor(By.cssSelector("#filtre-producteurs-include li[data-uuid='" + producer[0] + "']"));

            sacha.driver().findElement(By.id("estimer")).click();
            waitForEstimate(sacha);
            assertThat(sacha.driver().findElements(By.cssSelector("[aria-invalid='true']"))).isEmpty();
            assertThat(sacha.seriousAccessibilityViolations()).as("axe-core on the chosen filters and the estimate").isEmpty();
            js(sacha, "document.getElementById('filtres').scrollIntoView()");
            sacha.screenshot("demande-filtres");

            sacha.driver().findElement(By.id("envoyer")).click();
            sacha.waitForText(By.id("resultat"), "Demande envoyée");
            flux = UUID.fromString(sacha.driver().findElement(By.id("resultat")).getAttribute("data-flux-id"));

            // the stored flux's filters (the request-service's database) are what was chosen
            JsonNode stored = JSON.readTree((String) ServiceDatabase.value("SELECT spec FROM flux WHERE id = ?", flux))
                    .path("filters");
            // (the statuses are a set: sorted here; the dates absent, the rolling window instead)
            @SuppressWarnings("unchecked")
            Map<String, Object> storedFilters = JSON.convertValue(stored, Map.class);
            storedFilters.put("observationStatus", ((java.util.List<String>) storedFilters.get("observationStatus")).stream()
                    .sorted().toList());
            assertThat(storedFilters).isEqualTo(JSON.readValue("""
                    {"observationStatus": ["No", "Pr"], "validationStatus": ["1", "2"],
                     "lastPeriod": "P15Y", "datasets": {"include": [], "exclude": ["%s"]},
                     "producers": {"include": ["%s"], "exclude": []}}""".formatted(dataset[0], producer[0]), Map.class));
            expectEstimateShown(sacha, flux);

            // the flux page says the filters in French, with the names
            sacha.get(fluxPage + "?id=" + flux);
            sacha.waitForText(By.id("definition"), "Filtres");
            String definition = sacha.text(By.id("definition"));
            assertThat(definition).contains("Statut de validation : Certain - très probable (1), Probable (2)",
                    "les 15 dernières années", "Jeux de données : sauf " + dataset[1], "Producteurs : seulement " + producer[1]);
        }

        // the staff's queue says them too: refused here through the API, so that it heads the refused ones (newest
        // first) whatever the number of requests other tests leave waiting
        as(admin).body("{\"reason\": \"Essai des filtres\"}").post("/api/v1/fluxes/" + flux + "/reject").then().statusCode(200);
        Keycloak.Person staff = Keycloak.newPerson("Noa", "Équipe", null, true);
        try (Browser noa = Browser.open()) {
            noa.get(queuePage.toString());
            noa.logIn(staff.username(), staff.password());
            noa.waitFor(By.cssSelector("body[data-pret='oui']"));
            noa.driver().findElement(By.cssSelector("#statut option[value='REJECTED']")).click();
            noa.driver().findElement(By.cssSelector("#filtre button[type='submit']")).click();
            By item = By.cssSelector("article[data-flux-id='" + flux + "'] dd.filtres");
            noa.waitFor(item);
            assertThat(noa.text(item)).contains("Non observé (No)", "Producteurs : seulement " + producer[1]);
        }
    }

    // ---- the page

    private void open(Browser browser, Keycloak.Person person) {
        browser.get(page.toString());
        if (!browser.driver().findElements(By.id("username")).isEmpty() || browser.currentUrl().startsWith(Keycloak.url())) {
            browser.logIn(person.username(), person.password());
        }
        browser.waitFor(By.cssSelector("body[data-pret='oui']"));
        browser.waitFor(By.cssSelector("#filtre-observation input[value='Pr']"));
        @SuppressWarnings("unchecked")
        Map<String, Object> times = (Map<String, Object>) js(browser, """
                const n = performance.getEntriesByType('navigation')[0];
                const ready = performance.getEntriesByName('demande-prete')[0];
                return { domContentLoaded: n.domContentLoadedEventEnd, ready: ready.startTime };""");
        System.out.printf("Load time of demande.html with its filters: DOMContentLoaded %.0f ms, form and filters ready %.0f ms%n",
                ((Number) times.get("domContentLoaded")).doubleValue(), ((Number) times.get("ready")).doubleValue());
    }

    /** The territory: a département picked among the reference areas. */
    private static void pickArea(Browser browser, String name, String code) {
        browser.driver().findElement(By.id("territoire-mode-zones")).click();
        browser.driver().findElement(By.cssSelector("#territoire-zone-type option[value='DEP']")).click();
        type(browser, "territoire-zone-recherche", name);
        browser.driver().findElement(By.id("territoire-zone-chercher")).click();
        By result = By.cssSelector("#territoire-zone-resultats li[data-area='DEP:" + code + "'] button");
        browser.waitFor(result);
        browser.driver().findElement(result).click();
        browser.waitFor(By.cssSelector("#territoire-zones-choisies li[data-area='DEP:" + code + "']"));
    }

    /** Waits for the estimate; when the page shows an error instead, fails with what the page says. */
    private static void waitForEstimate(Browser browser) {
        try {
            browser.waitForText(By.id("estimation-etat"), "seraient exportées");
        } catch (RuntimeException e) {
            throw new AssertionError("no estimate; the page says: " + js(browser, "return document.getElementById('estimation-etat')"
                    + ".textContent + ' | ' + document.getElementById('erreurs-generales').textContent + ' | ' + [...document"
                    + ".querySelectorAll('.message-erreur')].map(m => m.dataset.path + ': ' + m.textContent).join(' ; ')"), e);
        }
    }

    private static Object js(Browser browser, String script, Object... arguments) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, arguments);
    }

    private static void check(Browser browser, String css) {
        WebElement box = browser.driver().findElement(By.cssSelector(css));
        if (!box.isSelected()) {
            box.click();
        }
    }

    /** A date input's value set as the browser's date picker would (its text format depends on the locale). */
    private static void setDate(Browser browser, String id, String iso) {
        js(browser, "const input = document.getElementById(arguments[0]); input.value = arguments[1];"
                + " input.dispatchEvent(new Event('change', { bubbles: true }));", id, iso);
        assertThat(browser.driver().findElement(By.id(id)).getAttribute("value")).isEqualTo(iso);
    }

    private static void type(Browser browser, String id, String text) {
        WebElement input = browser.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static void pick(Browser browser, String picker, String query, String uuid, String action) {
        type(browser, picker + "-recherche", query);
        browser.driver().findElement(By.id(picker + "-chercher")).click();
        By button = By.xpath("//ul[@id='" + picker + "-resultats']/li[@data-uuid='" + uuid + "']/button[text()='" + action + "']");
        browser.waitFor(button);
        browser.driver().findElement(button).click();
    }

    /** The total the page showed is the API's estimate of the stored specification (filters included). */
    private void expectEstimateShown(Browser browser, UUID flux) throws Exception {
        JsonNode estimate = JSON.readTree(as(admin).get("/api/v1/fluxes/" + flux + "/estimate").then().statusCode(200)
                .extract().asString());
        String shown = browser.text(By.cssSelector("#table-estimation tr[data-level='TOTAL'] td")).replaceAll("\\D", "");
        assertThat(shown).as("the total shown").isEqualTo(estimate.path("total").asText());
        // and the filters matter: the same territory without them counts otherwise
        JsonNode stored = JSON.readTree(as(admin).get("/api/v1/fluxes/" + flux).asString());
        ObjectNode body = Api.fluxBody();
        body.set("territory", stored.path("territory"));
        body.remove("taxa");
        JsonNode unfiltered = JSON.readTree(as(admin).body(body.put("partnerId", stored.path("partnerId").asText()).toString())
                .post("/api/v1/fluxes/estimate").then().statusCode(200).extract().asString());
        assertThat(unfiltered.path("total").asLong()).isNotEqualTo(estimate.path("total").asLong());
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
}
