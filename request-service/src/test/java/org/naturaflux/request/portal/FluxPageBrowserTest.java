package org.naturaflux.request.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.message.Artifact;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.message.RunEventType;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.request.Api;
import org.naturaflux.request.KafkaProbe;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.StackResource;
import org.naturaflux.request.Storage;
import org.naturaflux.testkit.Browser;
import org.naturaflux.testkit.Keycloak;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The flux page (flux.html) and the tokens page (jetons.html) in a real browser, people of their own made
 * in Keycloak for each test. A run is simulated as a worker reports it (KafkaProbe events: started,
 * progress, succeeded with its counts and files put in the bucket): the page follows it live. Oracles: the
 * events and file bytes the test itself sent and wrote (counts, sizes, SHA-256 computed here), the bytes
 * behind the page's download link read over HTTP, the flux's latest link fetched with the partner's
 * token, the api_token table (SQL) and the API's 401 for a revoked token. axe-core on every page.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class, initArgs = {@ResourceArg(name = "quarkus.oidc.tenant-enabled", value = "true"),
    @ResourceArg(name = "label", value = "portal")})
class FluxPageBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

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
    void aPartnerFollowsItsRunLiveAndDownloadsItsFiles() throws Exception {
        Api.Partner a = Api.newPartner(admin, "Réserve naturelle du Suivi");
        UUID flux = Api.createFlux(a.token(), Api.fluxBody().put("structure", "Réserve naturelle du Suivi"));
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
        Keycloak.Person lucie = Keycloak.newPerson("Lucie", "Suivi", a.id(), false);
        byte[] csv = "id_synthese;nom_valide\n1;Parus major\n2;Erithacus rubecula\n".getBytes(StandardCharsets.UTF_8);
        byte[] manifest = "{\"counts\":{\"exported\":5}}".getBytes(StandardCharsets.UTF_8);
        RunCounts counts = new RunCounts(5, 2, 1, Map.of(DiffusionLevel.PRECISE, 3L, DiffusionLevel.COMMUNE, 2L,
                DiffusionLevel.WITHHELD, 1L), Map.of("SENSITIVITY", 1L));

        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic); Storage storage = new Storage();
             Browser browser = Browser.open()) {
            ExportCommand command = probe.awaitCommand(Duration.ofSeconds(60), c -> c.fluxId().equals(flux));
            UUID run = command.runId();
            String page = portal + "flux.html?id=" + flux;
            browser.get(page);
            browser.logIn(lucie.username(), lucie.password());
            browser.waitFor(By.cssSelector("main[data-ready='true']"));
            printLoadTime(browser, "flux page (run queued)");
            browser.waitFor(runWithStatus(run, "QUEUED"));
            assertThat(browser.text(By.id("titre"))).isEqualTo("Flux : Réserve naturelle du Suivi — Atlas des oiseaux");
            assertThat(browser.text(By.id("statut"))).contains("Actif");
            assertThat(browser.text(By.id("definition"))).contains("Polygone de 5 sommets", "Groupes : Oiseaux", "tous les mois",
                    "CSV, GeoJSON", "Flux de base, avec ajout de", "Alex Durand");
            assertThat(browser.text(By.id("historique"))).contains("demande envoyée",
                    "conditions de rediffusion (version " + Api.TERMS_VERSION + ") acceptées avec un jeton d’accès",
                    "demande validée par l’équipe de la plateforme");
            assertThat(browser.driver().findElements(By.cssSelector("#historique li")).stream().map(li -> li.getAttribute("data-kind"))
                    .toList()).containsExactly("SUBMITTED", "TERMS", "APPROVED");

            // live: started, then progress, without reloading the page
            probe.send(KafkaProbe.event(command, 1, RunEventType.STARTED, null, List.of(), null));
            browser.waitFor(runWithStatus(run, "RUNNING"));
            probe.send(KafkaProbe.event(command, 1, RunEventType.PROGRESS, null, List.of(), null));
            browser.waitForText(runArticle(run), "10 observations traitées sur 20");
            assertThat(browser.text(By.id("executions-etat"))).contains("suit en direct");
            assertThat(browser.seriousAccessibilityViolations()).as("axe-core on a running run").isEmpty();
            browser.screenshot("flux-execution-en-cours");

            String csvKey = storage.runKey(flux, run, "observations.csv");
            String manifestKey = storage.runKey(flux, run, "manifest.json");
            storage.put(csvKey, csv);
            storage.put(manifestKey, manifest);
            probe.send(KafkaProbe.event(command, 1, RunEventType.SUCCEEDED, counts, List.of(
                    new Artifact("csv", csvKey, csv.length, sha256(csv)),
                    new Artifact("manifest", manifestKey, manifest.length, sha256(manifest))), null));
            browser.waitFor(runWithStatus(run, "SUCCEEDED"));
            String done = browser.text(runArticle(run));
            assertThat(done).contains("Réussie", "5 observations diffusées (dont 2 à une localisation dégradée), 1 non diffusées");
            assertThat(browser.text(levelRow(run, "PRECISE"))).isEqualTo("Localisation précise 3");
            assertThat(browser.text(levelRow(run, "COMMUNE"))).isEqualTo("Dégradée à la commune 2");
            assertThat(browser.text(levelRow(run, "WITHHELD"))).isEqualTo("Non diffusée 1");
            assertThat(browser.text(By.cssSelector("article[data-run-id='" + run + "'] tr[data-cause='SENSITIVITY']")))
                    .isEqualTo("dont non diffusées : Donnée sensible, non diffusable à ce niveau 1");
            assertThat(browser.text(fileRow(run, "csv"))).contains(csv.length + " octets", sha256(csv));
            assertThat(browser.text(fileRow(run, "manifest"))).contains(manifest.length + " octets", sha256(manifest));
            assertThat(browser.text(By.id("executions-etat"))).doesNotContain("en direct");

            // the download link: the API's signed URL for this run's file, whose bytes are those written
            String href = browser.driver().findElement(By.cssSelector("tr[data-format='csv'] a.telecharger")).getAttribute("href");
            assertThat(href).isEqualTo(portal.toURI().resolve("/api/v1/runs/" + run + "/artifacts/csv").toString());
            Map<String, Object> link = browser.fetch("GET", URI.create(href).getPath(), null);
            assertThat(link).containsEntry("status", 200L);
            String signed = JSON.readTree((String) link.get("body")).path("url").asText();
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(signed)).build(), HttpResponse.BodyHandlers.ofByteArray()).body())
                    .isEqualTo(csv);
            assertThat(ServiceDatabase.value("SELECT person_username FROM download_audit WHERE run_id = ?", run))
                    .isEqualTo(lucie.username());

            // the latest links: what the page offers to copy works with the partner's token
            for (String format : List.of("csv", "geojson", "manifest")) {
                String latest = browser.driver().findElement(By.id("lien-" + format)).getAttribute("value");
                assertThat(latest).isEqualTo(portal.toURI().resolve("/api/v1/fluxes/" + flux + "/exports/latest/" + format).toString());
            }
            String latestCsv = browser.driver().findElement(By.id("lien-csv")).getAttribute("value");
            String location = as(a.token()).get(latestCsv).then().statusCode(302).extract().header("Location");
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofByteArray()).body())
                    .isEqualTo(csv);
            browser.driver().findElement(By.cssSelector("li[data-format='csv'] button")).click();
            browser.waitForText(By.id("copie-etat"), "opi");

            // the estimate by level, as the API computes it
            browser.waitFor(By.cssSelector("#estimation:not([hidden])"));
            JsonNode estimate = JSON.readTree(as(a.token()).get("/api/v1/fluxes/" + flux + "/estimate").then().statusCode(200)
                    .extract().asString());
            assertThat(browser.text(By.id("estimation-etat"))).contains(String.format(java.util.Locale.FRANCE, "%,d",
                    estimate.path("total").asLong()).replace('\u00a0', '\u202f'));
            assertThat(browser.seriousAccessibilityViolations()).as("axe-core on a finished run").isEmpty();
            JavascriptExecutor js = (JavascriptExecutor) browser.driver();
            js.executeScript("window.scrollTo(0, 0)");
            browser.screenshot("flux-definition");
            js.executeScript("arguments[0].scrollIntoView()", browser.driver().findElement(runArticle(run)));
            browser.screenshot("flux-partenaire");
        }
    }

    @Test
    void anotherPartnersFluxIsNotFound() {
        Api.Partner a = Api.newPartner(admin, "Conservatoire des Marais");
        Api.Partner b = Api.newPartner(admin, "Atlas de la Vallée");
        UUID flux = Api.createFlux(a.token(), Api.fluxBody().put("structure", "Conservatoire des Marais"));
        Keycloak.Person bruno = Keycloak.newPerson("Bruno", "Vallee", b.id(), false);
        try (Browser browser = Browser.open()) {
            browser.get(portal + "flux.html?id=" + flux);
            browser.logIn(bruno.username(), bruno.password());
            browser.waitForText(By.id("etat"), "Flux introuvable");
            printLoadTime(browser, "flux page (not found)");
            assertThat(browser.text(By.id("etat"))).contains("il n’existe pas, ou il n’appartient pas à votre structure");
            assertThat(browser.driver().getPageSource()).doesNotContain("Conservatoire des Marais");
            assertThat(browser.driver().findElement(By.id("contenu")).isDisplayed()).isFalse();
            assertThat(browser.fetch("GET", "/api/v1/fluxes/" + flux + "/runs", null)).containsEntry("status", 404L);
            assertThat(browser.seriousAccessibilityViolations()).as("axe-core on not found").isEmpty();
            browser.screenshot("flux-introuvable");
        }
    }

    @Test
    void aPartnerCreatesRotatesAndRevokesItsTokens() {
        Api.Partner c = Api.newPartner(admin, "Syndicat des Étangs");
        Keycloak.Person emma = Keycloak.newPerson("Emma", "Jetons", c.id(), false);
        try (Browser browser = Browser.open()) {
            browser.get(portal + "jetons.html");
            browser.logIn(emma.username(), emma.password());
            browser.waitFor(By.cssSelector("main[data-ready='true']"));
            printLoadTime(browser, "tokens page");
            browser.waitFor(tokenRow(c.tokenId()));
            assertThat(browser.text(By.cssSelector("#navigation a[aria-current='page']"))).isEqualTo("Mes jetons d’accès");
            assertThat(browser.text(tokenRow(c.tokenId()))).contains("Actif");

            // create: shown once, it works, and only its hash is stored
            browser.driver().findElement(By.id("creer")).click();
            browser.waitFor(By.cssSelector("#nouveau:not([hidden])"));
            String created = browser.driver().findElement(By.id("jeton-clair")).getAttribute("value");
            UUID createdId = UUID.fromString(browser.driver().findElement(By.id("nouveau")).getAttribute("data-token-id"));
            assertThat(browser.text(By.id("avertissement"))).contains("il ne sera plus jamais affiché");
            assertThat(ServiceDatabase.value("SELECT partner_id FROM api_token WHERE id = ?", createdId)).isEqualTo(c.id());
            assertThat(ServiceDatabase.value("SELECT count(*) FROM api_token WHERE partner_id = ? AND revoked_at IS NULL", c.id()))
                    .isEqualTo(2L);
            as(created).get("/api/v1/fluxes").then().statusCode(200);
            browser.driver().findElement(By.id("copier")).click();
            browser.waitForText(By.id("copie-etat"), "opi");
            assertThat(browser.seriousAccessibilityViolations()).as("axe-core with a new token shown").isEmpty();
            browser.screenshot("mes-jetons");

            // revoke, cancelled first: nothing changes
            clickIn(browser, tokenRow(c.tokenId()), "button.revoquer");
            browser.waitFor(By.cssSelector("dialog#confirmation[open]"));
            assertThat(browser.seriousAccessibilityViolations()).as("axe-core on the confirmation").isEmpty();
            browser.driver().findElement(By.id("confirmation-non")).click();
            assertThat(ServiceDatabase.value("SELECT revoked_at IS NULL FROM api_token WHERE id = ?", c.tokenId())).isEqualTo(true);
            // then confirmed: revoked at once
            clickIn(browser, tokenRow(c.tokenId()), "button.revoquer");
            browser.driver().findElement(By.id("confirmation-oui")).click();
            browser.waitForText(tokenRow(c.tokenId()), "Révoqué le");
            assertThat(ServiceDatabase.value("SELECT revoked_at IS NOT NULL FROM api_token WHERE id = ?", c.tokenId())).isEqualTo(true);
            as(c.token()).get("/api/v1/fluxes").then().statusCode(401);

            // rotate the created one: a new token shown, the old one revoked
            clickIn(browser, tokenRow(createdId), "button.remplacer");
            browser.driver().findElement(By.id("confirmation-oui")).click();
            browser.waitForText(tokenRow(createdId), "Révoqué le");
            browser.waitFor(By.cssSelector("#nouveau:not([data-token-id='" + createdId + "'])"));
            String rotated = browser.driver().findElement(By.id("jeton-clair")).getAttribute("value");
            assertThat(rotated).isNotEqualTo(created);
            as(created).get("/api/v1/fluxes").then().statusCode(401);
            as(rotated).get("/api/v1/fluxes").then().statusCode(200);
            assertThat(ServiceDatabase.value("SELECT count(*) FROM api_token WHERE partner_id = ? AND revoked_at IS NULL", c.id()))
                    .isEqualTo(1L);
            assertThat(browser.text(By.id("etat"))).contains("1 jeton actif, 2 révoqués");
        }
    }

    @Test
    void theStaffIsToldTheTokensPageIsForPartners() {
        Keycloak.Person nadia = Keycloak.newPerson("Nadia", "Equipe", null, true);
        try (Browser browser = Browser.open()) {
            browser.get(portal + "jetons.html");
            browser.logIn(nadia.username(), nadia.password());
            browser.waitForText(By.id("etat"), "Cette page sert aux partenaires");
            assertThat(browser.driver().findElements(By.cssSelector("#navigation a[href='jetons.html']"))).isEmpty();
            assertThat(browser.driver().findElement(By.id("contenu")).isDisplayed()).isFalse();
            assertThat(browser.seriousAccessibilityViolations()).as("axe-core on the staff's tokens page").isEmpty();
        }
    }

    /**
     * The page's load time as the browser measured it: from the navigation's start to its load event, and to
     * the page's content shown (the page marks naturaflux-ready then; without the mark, now).
     */
    private static void printLoadTime(Browser browser, String what) {
        Object timing = ((JavascriptExecutor) browser.driver()).executeScript("""
                const n = performance.getEntriesByType('navigation')[0];
                const ready = performance.getEntriesByName('naturaflux-ready')[0];
                return Math.round(n.loadEventEnd) + ' ms to load, '
                  + Math.round(ready ? ready.startTime : performance.now()) + ' ms to content';""");
        System.out.println("[portal load time] " + what + ": " + timing);
    }

    private static void clickIn(Browser browser, By row, String button) {
        browser.driver().findElement(row).findElement(By.cssSelector(button)).click();
    }

    private static By runArticle(UUID run) {
        return By.cssSelector("article[data-run-id='" + run + "']");
    }

    private static By runWithStatus(UUID run, String status) {
        return By.cssSelector("article[data-run-id='" + run + "'][data-status='" + status + "']");
    }

    private static By levelRow(UUID run, String level) {
        return By.cssSelector("article[data-run-id='" + run + "'] tr[data-level='" + level + "']");
    }

    private static By fileRow(UUID run, String format) {
        return By.cssSelector("article[data-run-id='" + run + "'] tr[data-format='" + format + "']");
    }

    private static By tokenRow(UUID token) {
        return By.cssSelector("tr[data-token-id='" + token + "']");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
