package org.naturaflux.request.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.Api;
import org.naturaflux.request.SourceAccess;
import org.naturaflux.request.StackResource;

/**
 * The reference lists a request's record filters pick from ({@code /api/v1/reference/...}), against SQL written
 * here on the test source: the statuses with their French labels, the datasets with their framework, the
 * producers (organisms named "Producteur du jeu de données" by a dataset) with their datasets; the searches
 * against a Java accent folding of every name; bounds and authentication.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class)
class FilterChoicesTest {

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;

    private Api.Partner partner;

    @BeforeEach
    void partner() {
        partner = Api.newPartner(admin, "Filtres " + System.nanoTime());
    }

    @Test
    void statusesAreTheSourcesCodesWithTheirFrenchLabels() throws SQLException {
        for (String[] list : new String[][] {{"observation-statuses", "STATUT_OBS"}, {"validation-statuses", "STATUT_VALID"}}) {
            Map<String, String> expected = new LinkedHashMap<>();
            for (List<String> row : rows("SELECT n.cd_nomenclature, coalesce(n.label_fr, n.label_default)"
                    + " FROM ref_nomenclatures.t_nomenclatures n, ref_nomenclatures.bib_nomenclatures_types t"
                    + " WHERE t.id_type = n.id_type AND t.mnemonique = '" + list[1] + "' ORDER BY 1")) {
                expected.put(row.get(0), row.get(1));
            }
            assertThat(expected).as(list[1]).hasSizeGreaterThan(1);
            Response answer = as(partner.token()).get("/api/v1/reference/" + list[0]);
            answer.then().statusCode(200);
            Map<String, String> listed = new LinkedHashMap<>();
            for (Map<String, Object> code : answer.jsonPath().<Map<String, Object>>getList("$")) {
                listed.put((String) code.get("code"), (String) code.get("label"));
            }
            assertThat(listed).as(list[0]).containsExactlyEntriesOf(expected);
            as(admin).get("/api/v1/reference/" + list[0]).then().statusCode(200);
            RestAssured.given().get("/api/v1/reference/" + list[0]).then().statusCode(401);
        }
        assertThat(as(partner.token()).get("/api/v1/reference/observation-statuses").jsonPath().getList("code"))
                .contains("Pr", "No");
    }

    @Test
    void datasetsAreSearchedByNameOrShortName() throws SQLException {
        List<List<String>> all = rows("SELECT d.unique_dataset_id::text, d.dataset_name, d.dataset_shortname,"
                + " f.acquisition_framework_name FROM gn_meta.t_datasets d, gn_meta.t_acquisition_frameworks f"
                + " WHERE f.id_acquisition_framework = d.id_acquisition_framework");
        assertThat(all).hasSizeGreaterThan(3);
        Response every = as(partner.token()).queryParam("size", "500").get("/api/v1/reference/datasets");
        every.then().statusCode(200).header(Paging.TOTAL, String.valueOf(all.size()));
        assertThat(every.jsonPath().<String>getList("uuid")).containsExactlyInAnyOrderElementsOf(all.stream().map(r -> r.get(0)).toList());
        for (List<String> row : all) {
            assertThat(every.jsonPath().getString("find { it.uuid == '" + row.get(0) + "' }.framework")).isEqualTo(row.get(3));
        }
        for (String q : List.of("oiseaux", "ILE-DE", "stoc", "Île", "zzz")) {
            List<String> expected = all.stream().filter(r -> fold(r.get(1)).contains(fold(q)) || fold(r.get(2)).contains(fold(q)))
                    .map(r -> r.get(0)).toList();
            Response found = as(partner.token()).queryParam("q", q).queryParam("size", "500").get("/api/v1/reference/datasets");
            found.then().statusCode(200).header(Paging.TOTAL, String.valueOf(expected.size()));
            assertThat(found.jsonPath().<String>getList("uuid")).as(q).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(all.stream().filter(r -> fold(r.get(1)).contains("oiseaux")).count()).as("the demo's bird datasets").isPositive();
        // a picked dataset goes straight into a request's filters
        String uuid = all.get(0).get(0);
        com.fasterxml.jackson.databind.node.ObjectNode body = Api.fluxBody();
        body.putObject("filters").putObject("datasets").putArray("include").add(uuid);
        as(partner.token()).body(body.toString()).post("/api/v1/fluxes/estimate").then().statusCode(200);
    }

    @Test
    void producersAreTheOrganismsThatProduceADataset() throws SQLException {
        List<List<String>> all = rows("SELECT o.uuid_organisme::text, o.nom_organisme, count(DISTINCT a.id_dataset)::text"
                + " FROM utilisateurs.bib_organismes o JOIN gn_meta.cor_dataset_actor a ON a.id_organism = o.id_organisme"
                + " JOIN ref_nomenclatures.t_nomenclatures r ON r.id_nomenclature = a.id_nomenclature_actor_role"
                + " WHERE r.label_default = 'Producteur du jeu de données' GROUP BY 1, 2");
        long organisms = rows("SELECT id_organisme FROM utilisateurs.bib_organismes").size();
        assertThat(all).hasSizeGreaterThan(3).hasSizeLessThanOrEqualTo((int) organisms);
        Response every = as(partner.token()).queryParam("size", "500").get("/api/v1/reference/producers");
        every.then().statusCode(200).header(Paging.TOTAL, String.valueOf(all.size()));
        List<String> names = every.jsonPath().getList("name");
        assertThat(names).isSortedAccordingTo(String::compareTo);
        for (List<String> row : all) {
            assertThat(every.jsonPath().getString("find { it.uuid == '" + row.get(0) + "' }.name")).isEqualTo(row.get(1));
            assertThat(every.jsonPath().getString("find { it.uuid == '" + row.get(0) + "' }.datasets")).isEqualTo(row.get(2));
        }
        for (String q : List.of("museum", "LPO", "conservatoire", "nature")) {
            List<String> expected = all.stream().filter(r -> fold(r.get(1)).contains(fold(q))).map(r -> r.get(0)).toList();
            Response found = as(partner.token()).queryParam("q", q).get("/api/v1/reference/producers");
            found.then().statusCode(200).header(Paging.TOTAL, String.valueOf(expected.size()));
            assertThat(found.jsonPath().<String>getList("uuid")).as(q).containsExactlyInAnyOrderElementsOf(expected);
        }
        // names starting with the text first
        List<String> nat = as(partner.token()).queryParam("q", "natur").get("/api/v1/reference/producers").jsonPath().getList("name");
        assertThat(nat).isNotEmpty();
        for (int i = 1; i < nat.size(); i++) {
            assertThat(fold(nat.get(i - 1)).startsWith("natur") || !fold(nat.get(i)).startsWith("natur")).as(nat.toString()).isTrue();
        }
        // paging
        as(partner.token()).queryParam("size", "2").queryParam("page", "1").get("/api/v1/reference/producers").then()
                .statusCode(200).body("size()", is(2)).header(Paging.TOTAL, String.valueOf(all.size()));
    }

    @Test
    void searchesAreBounded() {
        for (String list : List.of("datasets", "producers")) {
            as(partner.token()).queryParam("q", "a".repeat(101)).get("/api/v1/reference/" + list).then().statusCode(400)
                    .body("violations[0].path", is("/query/q"));
            as(partner.token()).queryParam("size", "501").get("/api/v1/reference/" + list).then().statusCode(400)
                    .body("violations[0].path", is("/query/size"));
            as(partner.token()).queryParam("q", "100%_\\").get("/api/v1/reference/" + list).then().statusCode(200)
                    .header(Paging.TOTAL, "0");
            RestAssured.given().get("/api/v1/reference/" + list).then().statusCode(401);
        }
    }

    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace('-', ' ')
                .toLowerCase(Locale.ROOT);
    }

    private static List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = SourceAccess.connect(); Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
