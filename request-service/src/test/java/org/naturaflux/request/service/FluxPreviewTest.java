package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.naturaflux.request.Api.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.Api;
import org.naturaflux.request.StackResource;

/**
 * The preview map a partner asks for before submitting ({@code POST /api/v1/fluxes/preview}) and for a stored flux
 * ({@code GET /api/v1/fluxes/{id}/preview}): every feature checked against {@link PreviewOracle} (SQL written in the
 * test: the record's level from its codes, its name and date, its geometry against the record's own or its areas'),
 * the bound ({@code max-records} 60 here, on a territory of more records), the body checked as a submission (same
 * 400s), partner isolation.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class, initArgs = {
        @ResourceArg(name = "label", value = "flux-preview"),
        @ResourceArg(name = "naturaflux.preview.max-records", value = "60")})
class FluxPreviewTest {

    private static final int LIMIT = 60;
    /** Coordinates are rounded to 6 decimals: a PRECISE geometry lies within this of the record's. */
    private static final double ROUNDING = 1e-6;
    /** A degraded area lies within this of its PostGIS union (the service bends its edges every 1000 m at most). */
    private static final double AREA_TOLERANCE = 1e-3;

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;

    @Test
    void aRequestIsPreviewedAsItsFilesWouldHoldIt() throws Exception {
        Api.Partner alice = Api.newPartner(admin, "Alice aperçu");
        ObjectNode body = Api.fluxBody();
        body.remove("taxa");
        Map<String, Long> counts = EstimateOracle.counts(Api.PARIS_WKT, "M10");
        long exported = counts.getOrDefault("PRECISE", 0L) + counts.getOrDefault("COMMUNE", 0L)
                + counts.getOrDefault("GRID", 0L) + counts.getOrDefault("DEPARTEMENT", 0L);
        assertThat(exported).as("the test territory holds more records than the bound").isGreaterThan(LIMIT);

        JsonNode preview = Api.JSON.readTree(as(alice.token()).body(body.toString()).post("/api/v1/fluxes/preview")
                .then().statusCode(200).extract().asString());
        assertThat(preview.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(preview.path("limit").asInt()).isEqualTo(LIMIT);
        assertThat(preview.path("features").size()).isEqualTo(LIMIT);
        assertThat(preview.path("sampled").asInt()).isEqualTo(LIMIT);
        assertThat(preview.path("spread").asBoolean()).isTrue();
        assertThat(preview.path("computedAt").asText()).isNotEmpty();
        Set<String> levels = assertTrue(preview);
        assertThat(levels).as("a sample spread over the territory's levels").hasSizeGreaterThan(1);
        as(alice.token()).get("/api/v1/fluxes").then().statusCode(200).header("X-Total-Count", "0");

        // the same sample for the stored flux, to its owner and the admin, not to another partner
        UUID flux = Api.createFlux(alice.token(), body);
        JsonNode stored = Api.JSON.readTree(as(alice.token()).get("/api/v1/fluxes/" + flux + "/preview")
                .then().statusCode(200).extract().asString());
        assertThat(ids(stored)).isEqualTo(ids(preview));
        assertThat(ids(Api.JSON.readTree(as(admin).get("/api/v1/fluxes/" + flux + "/preview").then().statusCode(200)
                .extract().asString()))).isEqualTo(ids(preview));
        Api.Partner bob = Api.newPartner(admin, "Bob aperçu");
        as(bob.token()).get("/api/v1/fluxes/" + flux + "/preview").then().statusCode(404).body("status", is(404));
        as(alice.token()).get("/api/v1/fluxes/" + UUID.randomUUID() + "/preview").then().statusCode(404);
    }

    @Test
    void centroidsAndCoarseDatesAreShownAsTheFilesWriteThem() throws Exception {
        Api.Partner dora = Api.newPartner(admin, "Dora aperçu");
        ObjectNode body = Api.fluxBody();
        body.remove("taxa");
        body.putObject("options").put("geometryAs", "centroid").put("dateCoarsening", "year").put("coordinatePrecision", 3);
        JsonNode preview = Api.JSON.readTree(as(dora.token()).body(body.toString()).post("/api/v1/fluxes/preview")
                .then().statusCode(200).extract().asString());
        Map<Long, String> geometries = geometries(preview);
        Map<Long, PreviewOracle.Truth> truths = PreviewOracle.of(geometries, "M10");
        int degraded = 0;
        for (JsonNode feature : preview.path("features")) {
            JsonNode properties = feature.path("properties");
            PreviewOracle.Truth truth = truths.get(properties.path("id_synthese").asLong());
            assertThat(properties.path("niveau").asText()).isEqualTo(truth.level());
            for (JsonNode position : positions(feature.path("geometry"))) {
                // at most the 3 decimals the flux asks for
                assertThat(Math.abs(position.asDouble() * 1000 - Math.rint(position.asDouble() * 1000))).isLessThan(1e-6);
            }
            if (!truth.level().equals("PRECISE")) {
                degraded++;
                assertThat(feature.path("geometry").path("type").asText()).isEqualTo("Point");
                assertThat(properties.path("date_debut").asText()).isEqualTo(truth.dateDebut().getYear() + "-01-01");
            } else {
                assertThat(properties.path("date_debut").asText()).isEqualTo(truth.dateDebut().toString());
            }
        }
        assertThat(degraded).as("degraded records in the sample").isPositive();
    }

    @Test
    void aBadRequestGetsTheSubmissionsAnswer() throws Exception {
        Api.Partner carol = Api.newPartner(admin, "Carol aperçu");
        ObjectNode bad = Api.fluxBody();
        bad.putArray("formats").add("xls");
        bad.put("periodicity", "PT1M");
        String submitted = as(carol.token()).body(bad.toString()).post("/api/v1/fluxes").then().statusCode(400)
                .extract().asString();
        String previewed = as(carol.token()).body(bad.toString()).post("/api/v1/fluxes/preview").then().statusCode(400)
                .extract().asString();
        assertThat(Api.JSON.readTree(previewed)).isEqualTo(Api.JSON.readTree(submitted));

        ObjectNode unknownGroup = Api.fluxBody();
        unknownGroup.putObject("taxa").putArray("groups").add("Dragons");
        as(carol.token()).body(unknownGroup.toString()).post("/api/v1/fluxes/preview").then().statusCode(400)
                .body("violations[0].path", is("/taxa/groups/0"));

        ObjectNode described = Api.fluxBody();
        described.putObject("territory").put("description", "les coteaux de la Seine");
        as(carol.token()).body(described.toString()).post("/api/v1/fluxes/preview").then().statusCode(400)
                .body("violations[0].path", is("/territory"));
        UUID waiting = Api.createFlux(carol.token(), described);
        as(carol.token()).get("/api/v1/fluxes/" + waiting + "/preview").then().statusCode(409)
                .body("violations[0].path", is("/territory"));
        as(carol.token()).body("{\"structure\": 3}").post("/api/v1/fluxes/preview").then().statusCode(400)
                .body("status", is(400));
        Api.as("nf_nobody").body(Api.fluxBody().toString()).post("/api/v1/fluxes/preview").then().statusCode(401);
    }

    /** Checks every feature against the oracle; the levels seen. */
    private static Set<String> assertTrue(JsonNode preview) throws Exception {
        Map<Long, String> geometries = geometries(preview);
        Map<Long, PreviewOracle.Truth> truths = PreviewOracle.of(geometries, "M10");
        assertThat(truths.keySet()).isEqualTo(geometries.keySet());
        Set<String> levels = new LinkedHashSet<>();
        for (JsonNode feature : preview.path("features")) {
            assertThat(feature.path("type").asText()).isEqualTo("Feature");
            JsonNode properties = feature.path("properties");
            long id = properties.path("id_synthese").asLong();
            PreviewOracle.Truth truth = truths.get(id);
            String level = properties.path("niveau").asText();
            assertThat(level).as("record %d", id).isEqualTo(truth.level()).isNotEqualTo("WITHHELD");
            levels.add(level);
            assertThat(properties.path("niveau_libelle").asText()).as("record %d", id).isNotEmpty();
            assertThat(properties.path("nom_valide").asText()).as("record %d", id).isEqualTo(truth.nomValide());
            assertThat(properties.path("date_debut").asText()).as("record %d", id).isEqualTo(truth.dateDebut().toString());
            double tolerance = level.equals("PRECISE") ? ROUNDING : AREA_TOLERANCE;
            assertThat(truth.distance()).as("record %d (%s): previewed geometry from what its level allows", id, level)
                    .isLessThanOrEqualTo(tolerance);
        }
        return levels;
    }

    private static Map<Long, String> geometries(JsonNode preview) {
        Map<Long, String> geometries = new HashMap<>();
        for (JsonNode feature : preview.path("features")) {
            geometries.put(feature.path("properties").path("id_synthese").asLong(), feature.path("geometry").toString());
        }
        return geometries;
    }

    private static Set<Long> ids(JsonNode preview) {
        return new LinkedHashSet<>(geometries(preview).keySet());
    }

    /** Every number of a GeoJSON geometry's coordinates. */
    private static List<JsonNode> positions(JsonNode geometry) {
        return numbers(geometry.path("coordinates"));
    }

    private static List<JsonNode> numbers(JsonNode node) {
        List<JsonNode> numbers = new ArrayList<>();
        if (node.isNumber()) {
            numbers.add(node);
        }
        for (JsonNode child : node) {
            numbers.addAll(numbers(child));
        }
        return numbers;
    }
}
