package org.naturaflux.request.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
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
import org.naturaflux.request.Api;
import org.naturaflux.request.KafkaProbe;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.StackResource;
import org.naturaflux.request.Storage;
import org.naturaflux.testkit.Browser;
import org.naturaflux.testkit.Keycloak;
import org.openqa.selenium.By;

/**
 * The portal in a real browser (headless Chromium) against this service with OpenID Connect on and the
 * local Keycloak: people log in through Keycloak's page, see exactly what the API lets their partner
 * see, cannot change anything without the session's CSRF token, and log out (here and at Keycloak).
 * axe-core checks every page: no serious or critical violation. Screenshots go to docs/portal/. A
 * download made with a session is audited with the person (Keycloak's user id and login name).
 * Oracles: the fluxes each partner created through the API with its token, the api_token and
 * download_audit tables (SQL), Keycloak's admin API for the person's id.
 * Needs Keycloak (deploy/local/stack-up) and chromium + chromium-driver (deploy/local/test installs them):
 * without them the test fails, saying so.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class, initArgs = {@ResourceArg(name = "quarkus.oidc.tenant-enabled", value = "true"),
    @ResourceArg(name = "label", value = "portal")})
class PortalBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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
    void partnersSeeOnlyTheirFluxesNeedTheCsrfTokenAndLogOut() throws Exception {
        Api.Partner a = Api.newPartner(admin, "Réserve naturelle des Coteaux");
        Api.Partner b = Api.newPartner(admin, "Atlas communal de Belleville");
        UUID fluxA = Api.createFlux(a.token(), Api.fluxBody());
        UUID fluxB = Api.createFlux(b.token(), Api.fluxBody().put("structure", "Atlas communal de Belleville"));
        Keycloak.linkPartner("partner-a", a.id());
        Keycloak.linkPartner("partner-b", b.id());

        try (Browser paula = Browser.open()) {
            paula.get(portal.toString());
            paula.logIn("partner-a", Keycloak.password("partner-a"));
            paula.waitFor(row(fluxA));
            assertThat(paula.currentUrl()).startsWith(portal.toString());
            assertThat(paula.driver().findElements(row(fluxB))).as("partner B's flux").isEmpty();
            assertThat(paula.text(row(fluxA))).contains("Réserve naturelle des Coteaux", "Demandé, en attente de validation",
                    "Aucune exécution");
            assertThat(paula.text(By.id("qui"))).contains("Paula Partenaire A", "Réserve naturelle des Coteaux");
            assertThat(paula.text(By.id("titre"))).isEqualTo("Mes flux");
            assertThat(paula.seriousAccessibilityViolations()).as("axe-core on Mes flux").isEmpty();
            paula.screenshot("mes-flux-partenaire");
        }

        try (Browser pierre = Browser.open()) {
            pierre.get(portal.toString());
            pierre.logIn("partner-b", Keycloak.password("partner-b"));
            pierre.waitFor(row(fluxB));
            assertThat(pierre.driver().findElements(row(fluxA))).as("partner A's flux").isEmpty();
            // the API through the session: partner A's flux does not exist for partner B
            assertThat(pierre.fetch("GET", "/api/v1/fluxes/" + fluxA, null)).containsEntry("status", 404L);
            assertThat(pierre.fetch("GET", "/api/v1/fluxes/" + fluxB, null)).containsEntry("status", 200L);

            // a state change with the session cookie but without the CSRF token: refused, nothing issued
            String tokens = "/api/v1/partners/" + b.id() + "/tokens";
            Map<String, Object> refused = pierre.fetch("POST", tokens, null);
            assertThat(refused).containsEntry("status", 403L);
            assertThat((String) refused.get("body")).contains("CSRF");
            assertThat(pierre.fetch("POST", tokens, "not-the-token")).containsEntry("status", 403L);
            assertThat(ServiceDatabase.value("SELECT count(*) FROM api_token WHERE partner_id = ?", b.id())).isEqualTo(1L);
            // with it: the partner's own token, issued through the session, then revoked
            JsonNode me = JSON.readTree((String) pierre.fetch("GET", "/api/v1/me", null).get("body"));
            assertThat(me.path("partnerId").asText()).isEqualTo(b.id().toString());
            assertThat(me.path("username").asText()).isEqualTo("partner-b");
            Map<String, Object> issued = pierre.fetch("POST", tokens, me.path("csrfToken").asText());
            assertThat(issued).containsEntry("status", 201L);
            UUID issuedId = UUID.fromString(JSON.readTree((String) issued.get("body")).path("id").asText());
            assertThat(ServiceDatabase.value("SELECT partner_id FROM api_token WHERE id = ?", issuedId)).isEqualTo(b.id());
            assertThat(pierre.fetch("DELETE", tokens + "/" + issuedId, me.path("csrfToken").asText())).containsEntry("status", 204L);
            assertThat(ServiceDatabase.value("SELECT revoked_at IS NOT NULL FROM api_token WHERE id = ?", issuedId)).isEqualTo(true);
            // and partner A's tokens stay out of reach, CSRF token or not
            assertThat(pierre.fetch("POST", "/api/v1/partners/" + a.id() + "/tokens", me.path("csrfToken").asText()))
                    .containsEntry("status", 404L);

            // logout: the session ends here and at Keycloak
            pierre.driver().findElement(By.cssSelector("#deconnexion button")).click();
            pierre.waitForText(By.tagName("h1"), "Vous êtes déconnecté");
            assertThat(pierre.currentUrl()).startsWith(portal.toString() + "au-revoir.html");
            assertThat(pierre.seriousAccessibilityViolations()).as("axe-core on the goodbye page").isEmpty();
            pierre.screenshot("deconnexion");
            assertThat(pierre.fetch("GET", "/api/v1/me", null)).containsEntry("status", 401L);
            pierre.get(portal.toString());
            pierre.waitFor(By.id("username"));
            assertThat(pierre.currentUrl()).as("a new visit asks Keycloak for the password again").startsWith(Keycloak.url());
        }
    }

    @Test
    void theAdminSeesEveryPartnersFluxes() {
        Api.Partner a = Api.newPartner(admin, "Parc naturel du Vexin");
        Api.Partner b = Api.newPartner(admin, "Conservatoire des Hauts");
        UUID fluxA = Api.createFlux(a.token(), Api.fluxBody().put("structure", "Parc naturel du Vexin"));
        UUID fluxB = Api.createFlux(b.token(), Api.fluxBody().put("structure", "Conservatoire des Hauts"));
        try (Browser nora = Browser.open()) {
            nora.get(portal.toString());
            nora.logIn("admin", Keycloak.password("admin"));
            nora.waitFor(row(fluxA));
            nora.waitFor(row(fluxB));
            assertThat(nora.text(By.id("titre"))).isEqualTo("Tous les flux");
            assertThat(nora.text(By.id("qui"))).contains("Nora Admin", "administration de la plateforme");
            assertThat(nora.seriousAccessibilityViolations()).as("axe-core on Tous les flux").isEmpty();
            nora.screenshot("tous-les-flux-admin");
        }
    }

    @Test
    void aPersonWithoutPartnerIsRefusedWithAClearMessage() {
        Keycloak.linkPartner("partner-b", null);
        try (Browser pierre = Browser.open()) {
            pierre.get(portal.toString());
            pierre.logIn("partner-b", Keycloak.password("partner-b"));
            pierre.waitForText(By.id("etat"), "Impossible d’afficher les flux");
            assertThat(pierre.text(By.id("etat"))).contains("votre compte n’est rattaché à aucun partenaire", "partner_id");
            Map<String, Object> me = pierre.fetch("GET", "/api/v1/me", null);
            assertThat(me).containsEntry("status", 403L);
            assertThat((String) me.get("body")).contains("partner_id");
            assertThat(pierre.seriousAccessibilityViolations()).as("axe-core on the refusal").isEmpty();
        } finally {
            Keycloak.linkPartner("partner-b", null);
        }
    }

    @Test
    void theDownloadAuditRecordsThePerson() throws Exception {
        Api.Partner a = Api.newPartner(admin, "Réserve du téléchargement");
        UUID flux = Api.createFlux(a.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
        byte[] csv = "id_synthese;nom_valide\n1;Parus major\n".getBytes(StandardCharsets.UTF_8);
        UUID run;
        try (KafkaProbe probe = new KafkaProbe(bootstrap, commandsTopic, eventsTopic); Storage storage = new Storage()) {
            ExportCommand command = probe.awaitCommand(Duration.ofSeconds(60), c -> c.fluxId().equals(flux));
            run = command.runId();
            String key = storage.runKey(flux, run, "observations.csv");
            storage.put(key, csv);
            probe.send(KafkaProbe.event(command, 1, RunEventType.SUCCEEDED, RunCounts.empty(),
                    List.of(new Artifact("csv", key, csv.length,
                            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv)))), null));
        }
        Api.await("run SUCCEEDED", Duration.ofSeconds(60),
                () -> as(a.token()).get("/api/v1/runs/" + run).jsonPath().getString("status"), "SUCCEEDED"::equals);
        Keycloak.linkPartner("partner-a", a.id());

        try (Browser paula = Browser.open()) {
            paula.get(portal.toString());
            paula.logIn("partner-a", Keycloak.password("partner-a"));
            paula.waitFor(row(flux));
            assertThat(paula.text(row(flux))).contains("Réussie");
            assertThat(paula.fetch("GET", "/api/v1/runs/" + run + "/artifacts/csv", null)).containsEntry("status", 200L);
        }
        List<Object[]> audit = ServiceDatabase.query("SELECT caller_kind, partner_id, token_id, person_subject, person_username "
                + "FROM download_audit WHERE run_id = ?", run);
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).containsExactly("PARTNER", a.id(), null, Keycloak.userId("partner-a"), "partner-a");
    }

    private static By row(UUID fluxId) {
        return By.cssSelector("tr[data-flux-id='" + fluxId + "']");
    }
}
