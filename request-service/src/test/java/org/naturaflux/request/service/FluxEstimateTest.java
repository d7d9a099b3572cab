package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.naturaflux.request.Api.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.Api;
import org.naturaflux.request.StackResource;

/**
 * The estimate by level a partner asks for before submitting ({@code POST /api/v1/fluxes/estimate}) and for a
 * stored flux ({@code GET /api/v1/fluxes/{id}/estimate}): the counts against {@link EstimateOracle} (SQL written
 * in the test), the body checked as a submission (same 400s), nothing stored, partner isolation.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class)
class FluxEstimateTest {

    private static final String[] KEYS = {"PRECISE", "COMMUNE", "GRID", "DEPARTEMENT"};
    private static final String[] CAUSES = {"SENSITIVITY", "UNKNOWN_SENSITIVITY", "UNKNOWN_CODE", "NO_AREA",
        "NO_TAXON_OR_DATASET"};

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;

    @Test
    void aRequestIsEstimatedByLevelAsTheOracleCountsIt() throws Exception {
        Api.Partner alice = Api.newPartner(admin, "Alice estime");
        ObjectNode body = Api.fluxBody();
        body.remove("taxa");
        Map<String, Long> oracle = EstimateOracle.counts(Api.PARIS_WKT, "M10");
        assertThat(oracle.keySet()).as("the test territory holds every exported level").contains(KEYS);

        Response answer = as(alice.token()).body(body.toString()).post("/api/v1/fluxes/estimate");
        answer.then().statusCode(200);
        JsonNode estimate = Api.JSON.readTree(answer.asString());
        assertAgrees(estimate, oracle);
        assertThat(estimate.path("exact").asBoolean()).isTrue();
        assertThat(estimate.path("stoppedBy").isNull()).isTrue();
        assertThat(estimate.path("labels").path("GRID").asText()).isEqualTo("Diffusion à la maille 10km");
        assertThat(estimate.path("bounds").path("timeout").asText()).isEqualTo("PT10S");
        assertThat(estimate.path("computedAt").asText()).isNotEmpty();
        as(alice.token()).get("/api/v1/fluxes").then().statusCode(200).header("X-Total-Count", "0");

        UUID flux = Api.createFlux(alice.token(), body);
        JsonNode stored = Api.JSON.readTree(as(alice.token()).get("/api/v1/fluxes/" + flux + "/estimate")
                .then().statusCode(200).extract().asString());
        assertAgrees(stored, oracle);
        assertThat(Api.JSON.readTree(as(admin).get("/api/v1/fluxes/" + flux + "/estimate").then().statusCode(200)
                .extract().asString()).path("total").asLong()).isEqualTo(estimate.path("total").asLong());

        Api.Partner bob = Api.newPartner(admin, "Bob estime");
        as(bob.token()).get("/api/v1/fluxes/" + flux + "/estimate").then().statusCode(404).body("status", is(404));
        as(alice.token()).get("/api/v1/fluxes/" + UUID.randomUUID() + "/estimate").then().statusCode(404);
    }

    /**
     * The producers filter, alone and with a validation filter: the estimate (before submitting and for the stored
     * flux) counts what the oracle counts of the records whose dataset names the organism "Producteur du jeu de
     * données" among its actors (gn_meta.cor_dataset_actor, read here), and the complement when it is excluded.
     */
    @Test
    void theProducersFilterIsEstimatedAsTheOracleCountsIt() throws Exception {
        Api.Partner dora = Api.newPartner(admin, "Dora estime");
        String producer;
        try (java.sql.Connection db = org.naturaflux.request.SourceAccess.connect(); java.sql.Statement st = db.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT o.uuid_organisme FROM utilisateurs.bib_organismes o"
                     + " JOIN gn_meta.cor_dataset_actor a ON a.id_organism = o.id_organisme"
                     + " JOIN ref_nomenclatures.t_nomenclatures r ON r.id_nomenclature = a.id_nomenclature_actor_role"
                     + " AND r.label_default = 'Producteur du jeu de données'"
                     + " JOIN gn_synthese.synthese s ON s.id_dataset = a.id_dataset"
                     + " GROUP BY o.uuid_organisme ORDER BY count(*) DESC, o.uuid_organisme LIMIT 1")) {
            rs.next();
            producer = rs.getString(1);
        }
        String produced = "s.id_dataset IN (SELECT a.id_dataset FROM gn_meta.cor_dataset_actor a"
                + " JOIN utilisateurs.bib_organismes o ON o.id_organisme = a.id_organism"
                + " JOIN ref_nomenclatures.t_nomenclatures r ON r.id_nomenclature = a.id_nomenclature_actor_role"
                + " WHERE r.label_default = 'Producteur du jeu de données' AND o.uuid_organisme = '" + producer + "')";
        String validated = "s.id_nomenclature_valid_status IN (SELECT v.id_nomenclature FROM ref_nomenclatures.t_nomenclatures v"
                + " JOIN ref_nomenclatures.bib_nomenclatures_types vt ON vt.id_type = v.id_type"
                + " WHERE vt.mnemonique = 'STATUT_VALID' AND v.cd_nomenclature IN ('1', '2'))";
        for (boolean include : new boolean[] {true, false}) {
            for (boolean withValidation : new boolean[] {false, true}) {
                ObjectNode body = Api.fluxBody();
                body.remove("taxa");
                ObjectNode filters = body.putObject("filters");
                filters.putObject("producers").putArray(include ? "include" : "exclude").add(producer);
                String condition = include ? produced : "NOT " + produced;
                if (withValidation) {
                    filters.putArray("validationStatus").add("1").add("2");
                    condition += " AND " + validated;
                }
                Map<String, Long> oracle = EstimateOracle.counts(Api.PARIS_WKT, "M10", condition);
                assertThat(oracle.values().stream().mapToLong(Long::longValue).sum()).as("oracle: " + condition)
                        .isGreaterThan(20);
                JsonNode estimate = Api.JSON.readTree(as(dora.token()).body(body.toString()).post("/api/v1/fluxes/estimate")
                        .then().statusCode(200).extract().asString());
                assertAgrees(estimate, oracle);
                UUID flux = Api.createFlux(dora.token(), body);
                assertAgrees(Api.JSON.readTree(as(dora.token()).get("/api/v1/fluxes/" + flux + "/estimate")
                        .then().statusCode(200).extract().asString()), oracle);
            }
        }
        Map<String, Long> everyProducer = EstimateOracle.counts(Api.PARIS_WKT, "M10");
        assertThat(EstimateOracle.counts(Api.PARIS_WKT, "M10", produced).getOrDefault("PRECISE", 0L))
                .as("oracle: the filter leaves records out").isLessThan(everyProducer.getOrDefault("PRECISE", 0L));
    }

    @Test
    void aBadRequestGetsTheSubmissionsAnswer() throws Exception {
        Api.Partner carol = Api.newPartner(admin, "Carol estime");
        ObjectNode bad = Api.fluxBody();
        bad.putArray("formats").add("xls");
        bad.put("periodicity", "PT1M");
        String submitted = as(carol.token()).body(bad.toString()).post("/api/v1/fluxes").then().statusCode(400)
                .extract().asString();
        String estimated = as(carol.token()).body(bad.toString()).post("/api/v1/fluxes/estimate").then().statusCode(400)
                .extract().asString();
        assertThat(Api.JSON.readTree(estimated)).isEqualTo(Api.JSON.readTree(submitted));
        assertThat(Api.JSON.readTree(estimated).path("violations").size()).isEqualTo(2);

        ObjectNode unknownGroup = Api.fluxBody();
        unknownGroup.putObject("taxa").putArray("groups").add("Dragons");
        as(carol.token()).body(unknownGroup.toString()).post("/api/v1/fluxes/estimate").then().statusCode(400)
                .body("violations[0].path", is("/taxa/groups/0"));

        ObjectNode described = Api.fluxBody();
        described.putObject("territory").put("description", "les coteaux de la Seine");
        as(carol.token()).body(described.toString()).post("/api/v1/fluxes/estimate").then().statusCode(400)
                .body("violations[0].path", is("/territory"));
        as(carol.token()).body("{\"structure\": 3}").post("/api/v1/fluxes/estimate").then().statusCode(400)
                .body("status", is(400));
        Api.as("nf_nobody").body(Api.fluxBody().toString()).post("/api/v1/fluxes/estimate").then().statusCode(401);
    }

    private static void assertAgrees(JsonNode estimate, Map<String, Long> oracle) {
        long total = 0;
        for (String level : KEYS) {
            assertThat(estimate.path("byLevel").path(level).asLong()).as(level).isEqualTo(oracle.getOrDefault(level, 0L));
            total += oracle.getOrDefault(level, 0L);
        }
        long withheld = 0;
        for (String cause : CAUSES) {
            assertThat(estimate.path("withheldByCause").path(cause).asLong()).as(cause)
                    .isEqualTo(oracle.getOrDefault(cause, 0L));
            withheld += oracle.getOrDefault(cause, 0L);
        }
        assertThat(estimate.path("byLevel").path("WITHHELD").asLong()).isEqualTo(withheld);
        assertThat(estimate.path("withheld").asLong()).isEqualTo(withheld);
        assertThat(estimate.path("exported").asLong()).isEqualTo(total);
        assertThat(estimate.path("total").asLong()).isEqualTo(total + withheld);
    }
}
