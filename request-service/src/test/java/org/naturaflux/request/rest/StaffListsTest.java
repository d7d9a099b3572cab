package org.naturaflux.request.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.naturaflux.request.Api.as;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.Api;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.StackResource;

/**
 * The lists the staff's pages read: every flux's runs ({@code GET /api/v1/runs}, admin only), failures
 * first then the newest, filtered by status, paged by the one convention; and the queue of requests,
 * oldest first ({@code GET /api/v1/fluxes?sort=createdAt}). Oracle: SQL on the run and flux tables in the
 * documented order. Other tests' runs may appear meanwhile, so the runs walked are compared on this
 * test's fluxes, and the global order is checked against each run's row.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class)
class StaffListsTest {

    private static final Pattern LINK = Pattern.compile("<([^>]+)>; rel=\"([a-z]+)\"");
    private static final String RUN_ORDER = " ORDER BY (status <> 'FAILED'), created_at DESC, id";

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;

    @Test
    void everyFluxsRunsFailuresFirstThenNewestWithTheirErrorsInFull() {
        Api.Partner alice = Api.newPartner(admin, "Réserve des exécutions A");
        Api.Partner bob = Api.newPartner(admin, "Réserve des exécutions B");
        UUID aliceFlux = Api.createFlux(alice.token(), Api.fluxBody());
        UUID bobFlux = Api.createFlux(bob.token(), Api.fluxBody());
        for (UUID flux : List.of(aliceFlux, bobFlux)) {
            as(admin).post("/api/v1/fluxes/" + flux + "/approve").then().statusCode(200);
            Api.await("the approved flux's first run", Duration.ofSeconds(30),
                    () -> ((Number) ServiceDatabase.value("SELECT count(*) FROM run WHERE flux_id = ?", flux)).intValue(),
                    n -> n >= 1);
        }
        // failed runs older and newer than each first (QUEUED) run: failures first is not newest first
        String error = "Échec de l'export : la base source a refusé la requête\n" + "détail ".repeat(300);
        ServiceDatabase.update("INSERT INTO run SELECT (jsonb_populate_record(r, jsonb_build_object('id', gen_random_uuid(), "
                + "'origin', 'MANUAL', 'scheduled_for', null, 'status', 'FAILED', 'error', ?::text, 'error_category', "
                + "'EXPORT_FAILED', 'error_reference', 'ref' || g, 'finished_at', r.created_at, 'created_at', "
                + "r.created_at + make_interval(mins => g - 3)))).* FROM run r, generate_series(1, 5) g "
                + "WHERE r.flux_id IN (?, ?)", error, aliceFlux, bobFlux);
        List<String> mineSql = column("SELECT id::text FROM run WHERE flux_id IN (?, ?)" + RUN_ORDER, aliceFlux, bobFlux);
        assertThat(mineSql).hasSize(12);
        assertThat(column("SELECT id::text FROM run WHERE flux_id IN (?, ?) ORDER BY created_at DESC, id", aliceFlux, bobFlux))
                .as("newest first would differ").isNotEqualTo(mineSql);
        Set<String> mine = new HashSet<>(mineSql);

        // every run, 5 a page: this test's in the SQL order, and the whole walk failures first then newest
        List<String> walked = walk("/api/v1/runs?size=5", "id");
        assertThat(walked.stream().filter(mine::contains).toList()).isEqualTo(mineSql);
        Map<String, String> statuses = ServiceDatabase.query("SELECT id::text, status FROM run").stream()
                .collect(Collectors.toMap(row -> (String) row[0], row -> (String) row[1]));
        List<String> statusesInOrder = walked.stream().map(id -> statuses.getOrDefault(id, "FAILED")).toList();
        int firstNotFailed = statusesInOrder.indexOf(statusesInOrder.stream().filter(s -> !s.equals("FAILED")).findFirst()
                .orElse("none"));
        if (firstNotFailed >= 0) {
            assertThat(statusesInOrder.subList(firstNotFailed, statusesInOrder.size())).as("no failure after the others")
                    .doesNotContain("FAILED");
        }

        // only the failures, the filter kept in every link; the admin reads each error in full
        List<String> failed = walk("/api/v1/runs?status=failed&size=3", "id");
        assertThat(failed.stream().filter(mine::contains).toList())
                .isEqualTo(column("SELECT id::text FROM run WHERE flux_id IN (?, ?) AND status = 'FAILED'" + RUN_ORDER,
                        aliceFlux, bobFlux));
        Response page = as(admin).get("/api/v1/runs?status=FAILED&size=500");
        page.then().statusCode(200).header(Paging.TOTAL, String.valueOf(
                ServiceDatabase.value("SELECT count(*) FROM run WHERE status = 'FAILED'")));
        List<String> errors = page.jsonPath().getList("findAll { it.fluxId == '" + aliceFlux + "' }.error", String.class);
        assertThat(errors).hasSize(5).allSatisfy(text -> assertThat(text).isEqualTo(error));
    }

    @Test
    void theRunsListIsTheAdminsAndItsParametersAreChecked() {
        Api.Partner carol = Api.newPartner(admin, "Réserve des exécutions C");
        as(carol.token()).get("/api/v1/runs").then().statusCode(403).body("status", is(403));
        as(carol.token()).get("/api/v1/runs?status=FAILED").then().statusCode(403);
        as(admin).get("/api/v1/runs?status=PERDU").then().statusCode(400).body("status", is(400))
                .body("violations.path", hasItem("/query/status"));
        for (String pageValue : List.of("-1", "100001", "abc")) {
            as(admin).get("/api/v1/runs?page=" + pageValue).then().statusCode(400).body("violations.path", hasItem("/query/page"));
        }
        for (String size : List.of("0", "501", "x")) {
            as(admin).get("/api/v1/runs?size=" + size).then().statusCode(400).body("violations.path", hasItem("/query/size"));
        }
    }

    @Test
    void theQueueOfRequestsIsOldestFirst() {
        Api.Partner dave = Api.newPartner(admin, "Réserve de la file");
        for (int i = 0; i < 5; i++) {
            Api.createFlux(dave.token(), Api.fluxBody());
        }
        UUID approved = Api.createFlux(dave.token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + approved + "/approve").then().statusCode(200);
        List<String> queueSql = column("SELECT id::text FROM flux WHERE partner_id = ? AND status = 'REQUESTED' "
                + "ORDER BY created_at, id", dave.id());
        assertThat(queueSql).hasSize(5).doesNotContain(approved.toString());
        List<String> queue = walk("/api/v1/fluxes?status=REQUESTED&partnerId=" + dave.id() + "&sort=createdAt&size=2", "id");
        assertThat(queue).isEqualTo(queueSql);
        // -createdAt is the default order, newest first
        assertThat(as(admin).get("/api/v1/fluxes?partnerId=" + dave.id() + "&sort=-createdAt").jsonPath().getList("id", String.class))
                .isEqualTo(column("SELECT id::text FROM flux WHERE partner_id = ? ORDER BY created_at DESC, id", dave.id()));
        as(dave.token()).get("/api/v1/fluxes?sort=name").then().statusCode(400).body("status", is(400))
                .body("violations.path", hasItem("/query/sort"));
    }

    /** Follows {@code next} from {@code start} as the admin until no page follows: the values of {@code key} in order. */
    private List<String> walk(String start, String key) {
        List<String> values = new ArrayList<>();
        String url = start;
        int pages = 0;
        while (url != null) {
            assertThat(pages++).as("pages walked from " + start).isLessThan(1000);
            Response page = as(admin).get(url);
            page.then().statusCode(200);
            values.addAll(page.jsonPath().getList(key, String.class));
            url = null;
            Matcher matcher = LINK.matcher(page.header("Link"));
            while (matcher.find()) {
                if (matcher.group(2).equals("next")) {
                    url = matcher.group(1);
                    if (start.contains("status=")) {
                        assertThat(url).contains(start.replaceAll(".*(status=[A-Za-z]+).*", "$1"));
                    }
                }
            }
        }
        assertThat(new HashSet<>(values)).as("no duplicate").hasSize(values.size());
        return values;
    }

    private static List<String> column(String sql, Object... parameters) {
        return ServiceDatabase.query(sql, parameters).stream().map(row -> (String) row[0]).toList();
    }
}
