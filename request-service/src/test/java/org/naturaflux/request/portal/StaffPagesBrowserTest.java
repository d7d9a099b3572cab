package org.naturaflux.request.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.request.Api;
import org.naturaflux.request.KafkaProbe;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.StackResource;
import org.naturaflux.testkit.Browser;
import org.naturaflux.testkit.Keycloak;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The platform staff's pages in a real browser (headless Chromium), logged in through Keycloak as people
 * this test creates (never the realm's demo people): the queue of requests oldest first and the staff's
 * decisions on it, the partners and their tokens, every flux's runs failures first with their errors in
 * full; a partner's person is refused every staff page with a clear message and is not offered them.
 * Oracles: SQL on the flux, run and api_token tables, and the API read with the partner's own token.
 * axe-core on every page (no serious or critical violation); screenshots for docs/portal.md; each page's
 * load time in the browser printed (not asserted).
 */
@QuarkusTest
@WithTestResource(value = StackResource.class, initArgs = {@ResourceArg(name = "quarkus.oidc.tenant-enabled", value = "true"),
    @ResourceArg(name = "label", value = "portal")})
class StaffPagesBrowserTest {

    private static final By READY = By.cssSelector("body[data-pret='oui']");

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "naturaflux.topics.commands")
    String commandsTopic;
    @ConfigProperty(name = "mp.messaging.incoming.export-events.topic")
    String eventsTopic;
    @TestHTTPResource("/portal/")
    URL portal;

    @BeforeAll
    static void requireKeycloakAndChromium() {
        Keycloak.requireRunning();
        Browser.requireInstalled();
    }

    @Test
    void theStaffWorkThroughTheQueueOldestFirst() {
        Api.Partner partner = Api.newPartner(admin, "Réserve de la file d’attente");
        UUID approved = Api.createFlux(partner.token(), Api.fluxBody().put("structure", "Demande à approuver"));
        UUID rejected = Api.createFlux(partner.token(), Api.fluxBody().put("structure", "Demande à refuser"));
        UUID edited = Api.createFlux(partner.token(), Api.fluxBody().put("structure", "Demande à modifier"));
        UUID revoked = Api.createFlux(partner.token(), Api.fluxBody().put("structure", "Demande à révoquer"));
        Keycloak.Person staff = Keycloak.newPerson("Sacha", "Équipe", null, true);

        try (Browser sacha = Browser.open()) {
            sacha.get(portal + "demandes.html");
            sacha.logIn(staff.username(), staff.password());
            sacha.waitFor(READY);
            sacha.waitFor(item(revoked));
            printLoadTime(sacha, "Demandes à examiner");
            // the queue, oldest first: as SQL orders the REQUESTED fluxes (the page shows 50)
            List<String> queueSql = ServiceDatabase.query("SELECT id::text FROM flux WHERE status = 'REQUESTED' "
                    + "ORDER BY created_at, id LIMIT 50").stream().map(row -> (String) row[0]).toList();
            assertThat(itemIds(sacha)).isEqualTo(queueSql);
            assertThat(sacha.text(item(approved))).contains("Réserve de la file d’attente", "Alex Durand", "Atlas des oiseaux",
                    "Version " + Api.TERMS_VERSION, "Contour fourni", "Oiseaux", "csv, geojson", "P1M");
            sacha.waitFor(By.cssSelector(itemCss(approved) + " .estimation"));
            sacha.waitForText(By.cssSelector(itemCss(approved) + " .estimation"), "observation");
            // the territory on the map (the request page's map module)
            sacha.driver().findElement(By.cssSelector(itemCss(approved) + " details.carte-territoire summary")).click();
            sacha.waitFor(By.cssSelector(itemCss(approved) + " .carte .ol-viewport"));
            assertThat(sacha.seriousAccessibilityViolations()).as("axe-core on Demandes à examiner").isEmpty();
            sacha.screenshot("demandes-admin");

            // approve
            click(sacha, approved, "Approuver");
            awaitStatus(sacha, approved, "ACTIVE");
            assertThat(status(approved)).isEqualTo("ACTIVE");

            // reject: the reason is required, then stored and shown to the partner
            click(sacha, rejected, "Refuser la demande");
            WebElement reason = sacha.driver().findElement(By.cssSelector(itemCss(rejected) + " textarea[data-path='/reason']"));
            assertThat(reason.getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(sacha.text(By.id(reason.getAttribute("aria-describedby")))).contains("motif");
            assertThat(status(rejected)).isEqualTo("REQUESTED");
            reason.sendKeys("Territoire hors du périmètre de la plateforme");
            click(sacha, rejected, "Refuser la demande");
            awaitStatus(sacha, rejected, "REJECTED");
            assertThat(ServiceDatabase.value("SELECT status || ' ' || status_reason FROM flux WHERE id = ?", rejected))
                    .isEqualTo("REJECTED Territoire hors du périmètre de la plateforme");
            as(partner.token()).get("/api/v1/fluxes/" + rejected).then().statusCode(200)
                    .body("statusReason", is("Territoire hors du périmètre de la plateforme"));

            // suspend (confirmed) and resume the approved one
            click(sacha, approved, "Suspendre");
            click(sacha, approved, "Confirmer : suspendre");
            awaitStatus(sacha, approved, "SUSPENDED");
            assertThat(status(approved)).isEqualTo("SUSPENDED");
            click(sacha, approved, "Reprendre");
            awaitStatus(sacha, approved, "ACTIVE");
            assertThat(status(approved)).isEqualTo("ACTIVE");

            // edit: a bad e-mail address is the API's 400 next to its input, nothing changed; then a good one
            String before = (String) ServiceDatabase.value("SELECT request FROM flux WHERE id = ?", edited);
            sacha.driver().findElement(By.cssSelector(itemCss(edited) + " details.edition summary")).click();
            WebElement email = sacha.driver().findElement(By.cssSelector(itemCss(edited) + " input[data-path='/contact/email']"));
            email.clear();
            email.sendKeys("pas-une-adresse");
            click(sacha, edited, "Enregistrer les modifications");
            sacha.waitFor(By.cssSelector(itemCss(edited) + " input[data-path='/contact/email'][aria-invalid='true']"));
            assertThat(sacha.text(By.id(email.getAttribute("aria-describedby")))).contains("pas-une-adresse");
            assertThat(ServiceDatabase.value("SELECT request FROM flux WHERE id = ?", edited)).isEqualTo(before);
            assertThat(sacha.seriousAccessibilityViolations()).as("axe-core with the edit's errors").isEmpty();
            sacha.screenshot("demandes-modification-erreur");
            email.clear();
            email.sendKeys("camille@example.org");
            click(sacha, edited, "Enregistrer les modifications");
            sacha.waitForText(By.cssSelector(itemCss(edited) + " .message-action"), "Demande modifiée");
            assertThat(ServiceDatabase.value("SELECT request::jsonb -> 'contact' ->> 'email' FROM flux WHERE id = ?", edited))
                    .isEqualTo("camille@example.org");
            assertThat(sacha.text(item(edited))).contains("camille@example.org");

            // revoke, confirmed
            click(sacha, revoked, "Révoquer");
            click(sacha, revoked, "Confirmer : révoquer");
            awaitStatus(sacha, revoked, "REVOKED");
            assertThat(status(revoked)).isEqualTo("REVOKED");
        }
    }

    @Test
    void aTerritoryDescribedInWordsWaitsForItsShapeWhichTheStaffAttach() throws Exception {
        Api.Partner partner = Api.newPartner(admin, "Commune des bords de Seine");
        var body = Api.fluxBody().put("structure", "Territoire décrit en mots");
        body.putObject("territory").put("description", "Les berges de la Seine entre les deux ponts");
        UUID described = Api.createFlux(partner.token(), body);
        Keycloak.Person staff = Keycloak.newPerson("Dominique", "Équipe", null, true);
        try (Browser dominique = Browser.open()) {
            dominique.get(portal + "demandes.html");
            dominique.logIn(staff.username(), staff.password());
            dominique.waitFor(item(described));
            assertThat(dominique.text(item(described))).contains("Décrit en mots : « Les berges de la Seine entre les deux ponts »",
                    "attend son contour", "Pas d’estimation");
            // the API refuses to approve it without a shape: the page says so, the flux still waits
            click(dominique, described, "Approuver");
            dominique.waitForText(By.cssSelector(itemCss(described) + " .message-action"), "Refusé par la plateforme");
            assertThat(status(described)).isEqualTo("REQUESTED");

            // the staff attach its shape: a GeoJSON file uploaded in the territory input, shown on the map
            Path file = Files.createTempFile("territoire-", ".geojson");
            Files.writeString(file, "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
                    + "\"properties\": {}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[2.31, 48.84], "
                    + "[2.39, 48.84], [2.39, 48.88], [2.31, 48.88], [2.31, 48.84]]]}}]}");
            try {
                dominique.driver().findElement(By.cssSelector(itemCss(described) + " details.joindre-territoire summary")).click();
                dominique.waitFor(By.cssSelector(itemCss(described) + " input[type='radio'][value='fichier']"));
                dominique.driver().findElement(By.cssSelector(itemCss(described) + " input[type='radio'][value='fichier']"))
                        .click();
                dominique.driver().findElement(By.cssSelector(itemCss(described) + " input[type='file']"))
                        .sendKeys(file.toAbsolutePath().toString());
                dominique.waitFor(By.cssSelector(itemCss(described) + " p.ok"));
                assertThat(dominique.seriousAccessibilityViolations()).as("axe-core on attaching a shape").isEmpty();
                dominique.screenshot("demandes-territoire-decrit");
                click(dominique, described, "Joindre ce territoire");
                dominique.waitForText(By.cssSelector(itemCss(described) + " .message-action"), "Contour joint");
            } finally {
                Files.deleteIfExists(file);
            }
            String wkt = (String) ServiceDatabase.value("SELECT request::jsonb -> 'territory' ->> 'wkt' FROM flux WHERE id = ?",
                    described);
            assertThat(wkt).as("the shape stored").isNotNull().contains("2.31").contains("48.88");
            assertThat(status(described)).isEqualTo("REQUESTED");
            dominique.waitFor(By.cssSelector(itemCss(described) + " details.carte-territoire"));
            click(dominique, described, "Approuver");
            awaitStatus(dominique, described, "ACTIVE");
            assertThat(status(described)).isEqualTo("ACTIVE");
        }
    }

    @Test
    void theRunsPageShowsFailuresFirstWithTheirErrorInFull() {
        Api.Partner partner = Api.newPartner(admin, "Réserve des exécutions");
        UUID flux = Api.createFlux(partner.token(), Api.fluxBody().put("structure", "Flux qui échoue"));
        String error = "Échec de l’export : la requête sur la synthèse a été interrompue\n"
                + "ERROR: canceling statement due to statement timeout\n" + "ligne de contexte ".repeat(40) + "FIN";
        UUID failedRun;
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic)) {
            as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
            ExportCommand command = probe.awaitCommand(Duration.ofSeconds(60), c -> c.fluxId().equals(flux));
            failedRun = command.runId();
            probe.send(KafkaProbe.event(command, 1, RunEventType.FAILED, null, null, error));
        }
        Api.await("run FAILED", Duration.ofSeconds(60),
                () -> ServiceDatabase.value("SELECT status FROM run WHERE id = ?", failedRun), "FAILED"::equals);
        // a newer run that has not failed: it comes after the failure
        as(admin).post("/api/v1/fluxes/" + flux + "/runs").then().statusCode(202);
        Keycloak.Person staff = Keycloak.newPerson("Camille", "Équipe", null, true);
        try (Browser camille = Browser.open()) {
            camille.get(portal + "executions.html");
            camille.logIn(staff.username(), staff.password());
            camille.waitFor(READY);
            By failedRow = By.cssSelector("tr[data-run-id='" + failedRun + "']");
            camille.waitFor(failedRow);
            printLoadTime(camille, "Exécutions");
            List<String> shown = camille.driver().findElements(By.cssSelector("#executions tbody tr")).stream()
                    .map(row -> row.getAttribute("data-run-id")).toList();
            List<String> sql = ServiceDatabase.query("SELECT id::text FROM run ORDER BY (status <> 'FAILED'), created_at DESC, id "
                    + "LIMIT 50").stream().map(row -> (String) row[0]).toList();
            assertThat(shown).isEqualTo(sql);
            String newer = (String) ServiceDatabase.value("SELECT id::text FROM run WHERE flux_id = ? AND id <> ?", flux, failedRun);
            assertThat(shown.indexOf(failedRun.toString())).isLessThan(shown.indexOf(newer));
            assertThat(camille.text(failedRow)).contains("Flux qui échoue", "Échouée", "Échec de l’export");
            camille.driver().findElement(By.cssSelector("tr[data-run-id='" + failedRun + "'] summary")).click();
            String full = camille.text(By.cssSelector("tr[data-run-id='" + failedRun + "'] pre.erreur-complete"));
            assertThat(full.replaceAll("\\s+", " ")).isEqualTo(error.replaceAll("\\s+", " ").strip());
            assertThat(camille.seriousAccessibilityViolations()).as("axe-core on Exécutions").isEmpty();
            camille.screenshot("executions-admin");
        }
    }

    @Test
    void theStaffRegisterAPartnerAndManageItsTokens() {
        Api.newPartner(admin, "Partenaire déjà enregistré");
        Keycloak.Person staff = Keycloak.newPerson("Lou", "Équipe", null, true);
        String name = "Syndicat mixte " + UUID.randomUUID().toString().substring(0, 8);
        try (Browser lou = Browser.open()) {
            lou.get(portal + "partenaires.html");
            lou.logIn(staff.username(), staff.password());
            lou.waitFor(READY);
            lou.waitFor(By.cssSelector("#partenaires tbody tr"));
            printLoadTime(lou, "Partenaires");
            // a bad e-mail address: the API's 400 next to its input, no partner registered
            lou.driver().findElement(By.id("partenaire-nom")).sendKeys(name);
            lou.driver().findElement(By.id("partenaire-contact-nom")).sendKeys("Camille Martin");
            lou.driver().findElement(By.id("partenaire-contact-courriel")).sendKeys("camille-sans-arobase");
            lou.driver().findElement(By.cssSelector("#nouveau-partenaire button[type='submit']")).click();
            lou.waitFor(By.cssSelector("#partenaire-contact-courriel[aria-invalid='true']"));
            assertThat(lou.text(By.id("partenaire-contact-courriel-erreur"))).isNotBlank();
            assertThat(ServiceDatabase.value("SELECT count(*) FROM partner WHERE name = ?", name)).isEqualTo(0L);
            WebElement email = lou.driver().findElement(By.id("partenaire-contact-courriel"));
            email.clear();
            email.sendKeys("camille@example.org");
            lou.driver().findElement(By.cssSelector("#nouveau-partenaire button[type='submit']")).click();
            lou.waitFor(By.cssSelector("#detail .jeton"));
            UUID partnerId = (UUID) ServiceDatabase.value("SELECT id FROM partner WHERE name = ?", name);
            assertThat(lou.driver().findElement(By.id("detail")).getAttribute("data-partner-id")).isEqualTo(partnerId.toString());
            // the token shown once works for that partner
            String first = lou.text(By.cssSelector("#detail .jeton"));
            as(first).get("/api/v1/partners/" + partnerId).then().statusCode(200);
            assertThat(lou.seriousAccessibilityViolations()).as("axe-core on Partenaires").isEmpty();

            // rotate: a new secret, the old one refused
            UUID firstId = (UUID) ServiceDatabase.value("SELECT id FROM api_token WHERE partner_id = ?", partnerId);
            lou.driver().findElement(By.cssSelector("tr[data-token-id='" + firstId + "'] button")).click();
            lou.waitForText(By.cssSelector("#detail .message-action"), "l’ancien est révoqué");
            String second = lou.text(By.cssSelector("#detail .jeton"));
            assertThat(second).isNotEqualTo(first);
            as(first).get("/api/v1/partners/" + partnerId).then().statusCode(401);
            as(second).get("/api/v1/partners/" + partnerId).then().statusCode(200);
            // revoke (confirmed)
            UUID secondId = (UUID) ServiceDatabase.value("SELECT id FROM api_token WHERE partner_id = ? AND revoked_at IS NULL",
                    partnerId);
            clickIn(lou, "tr[data-token-id='" + secondId + "']", "Révoquer");
            clickIn(lou, "tr[data-token-id='" + secondId + "']", "Confirmer la révocation");
            lou.waitForText(By.cssSelector("#detail .message-action"), "Jeton révoqué");
            assertThat(ServiceDatabase.value("SELECT count(*) FROM api_token WHERE partner_id = ? AND revoked_at IS NULL",
                    partnerId)).isEqualTo(0L);
            as(second).get("/api/v1/partners/" + partnerId).then().statusCode(401);
            // the screenshot once no secret is on the page any more
            assertThat(lou.driver().findElements(By.cssSelector("#detail .jeton"))).isEmpty();
            assertThat(lou.seriousAccessibilityViolations()).as("axe-core on a partner's revoked tokens").isEmpty();
            lou.screenshot("partenaires-admin");
        }
    }

    @Test
    void aPartnersPersonIsRefusedTheStaffPages() {
        Api.Partner partner = Api.newPartner(admin, "Réserve sans accès au personnel");
        Keycloak.Person paul = Keycloak.newPerson("Paul", "Partenaire", partner.id(), false);
        try (Browser browser = Browser.open()) {
            browser.get(portal.toString());
            browser.logIn(paul.username(), paul.password());
            browser.waitFor(By.cssSelector("#navigation li"));
            assertThat(browser.driver().findElements(By.cssSelector("#navigation a")).stream()
                    .map(a -> a.getAttribute("href").replaceAll(".*/", "")).toList())
                    .contains("index.html").doesNotContain("demandes.html", "partenaires.html", "executions.html");
            for (String page : List.of("demandes.html", "partenaires.html", "executions.html")) {
                browser.get(portal + page);
                browser.waitFor(READY);
                browser.waitForText(By.id("etat"), "Accès refusé");
                assertThat(browser.text(By.id("etat"))).as(page).contains("réservé à l’équipe de la plateforme");
                assertThat(browser.driver().findElements(By.cssSelector("article.demande, #partenaires tbody tr, "
                        + "#executions tbody tr"))).as(page).isEmpty();
                assertThat(browser.seriousAccessibilityViolations()).as("axe-core on the refusal of " + page).isEmpty();
            }
            browser.screenshot("personnel-refuse-partenaire");
            assertThat(browser.fetch("GET", "/api/v1/runs", null)).containsEntry("status", 403L);
        }
    }

    private static By item(UUID fluxId) {
        return By.cssSelector(itemCss(fluxId));
    }

    private static String itemCss(UUID fluxId) {
        return "article.demande[data-flux-id='" + fluxId + "']";
    }

    private static List<String> itemIds(Browser browser) {
        return browser.driver().findElements(By.cssSelector("article.demande")).stream()
                .map(element -> element.getAttribute("data-flux-id")).toList();
    }

    private static void click(Browser browser, UUID fluxId, String label) {
        clickIn(browser, itemCss(fluxId), label);
    }

    /** Clicks the button with this text inside the element {@code css}, once it is shown. */
    private static void clickIn(Browser browser, String css, String label) {
        browser.waitFor(By.cssSelector(css));
        WebElement scope = browser.driver().findElement(By.cssSelector(css));
        WebElement target = scope.findElements(By.tagName("button")).stream()
                .filter(b -> b.isDisplayed() && b.getText().strip().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + label + "' shown in " + css));
        target.click();
    }

    private static void awaitStatus(Browser browser, UUID fluxId, String status) {
        browser.waitFor(By.cssSelector(itemCss(fluxId) + "[data-status='" + status + "']"));
    }

    private static String status(UUID fluxId) {
        return (String) ServiceDatabase.value("SELECT status FROM flux WHERE id = ?", fluxId);
    }

    /** The page's load in the browser: navigation (DOM ready, load) and until its content was shown. */
    @SuppressWarnings("unchecked")
    private static void printLoadTime(Browser browser, String page) {
        Map<String, Object> times = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeScript("""
                const n = performance.getEntriesByType('navigation')[0];
                const shown = performance.getEntriesByName('contenu-affiche')[0];
                return { domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd),
                         contentShown: shown ? Math.round(shown.startTime) : -1 };
                """);
        System.out.printf("PORTAL LOAD TIME %s: DOMContentLoaded %s ms, load %s ms, content shown %s ms%n", page,
                times.get("domContentLoaded"), times.get("load"), times.get("contentShown"));
    }
}
