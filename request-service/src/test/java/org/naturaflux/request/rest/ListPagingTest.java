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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.naturaflux.request.Api;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.StackResource;

/**
 * The paging convention of every list ({@link Paging}): walking the {@code Link} {@code next} URLs from
 * the first page gives exactly the rows SQL gives in the documented order (no duplicate, no gap), with
 * {@code X-Total-Count} equal to an SQL count; other query parameters survive in the links; a partner's
 * totals count only its own; bad {@code page}/{@code size} values are a 400 naming the parameter.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class)
class ListPagingTest {

    private static final Pattern LINK = Pattern.compile("<([^>]+)>; rel=\"([a-z]+)\"");

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;

    @Test
    void fluxesPartnersAndRunsWalkThroughTheirLinks() {
        Api.Partner alice = Api.newPartner(admin, "Alice");
        Api.Partner bob = Api.newPartner(admin, "Bob");
        for (int i = 0; i < 7; i++) {
            Api.createFlux(alice.token(), Api.fluxBody());
        }
        UUID bobFlux = Api.createFlux(bob.token(), Api.fluxBody());
        Api.createFlux(bob.token(), Api.fluxBody());

        // Alice, 3 a page: her 7 fluxes only, newest first then by id
        List<String> aliceSql = column("SELECT id::text FROM flux WHERE partner_id = ? ORDER BY created_at DESC, id",
                alice.id());
        assertThat(aliceSql).hasSize(7);
        assertThat(walk(alice.token(), "/api/v1/fluxes?size=3", 7, 3)).isEqualTo(aliceSql);
        // asking for Bob's by his id still counts only hers
        assertThat(walk(alice.token(), "/api/v1/fluxes?partnerId=" + bob.id() + "&size=4", 7, 2)).isEqualTo(aliceSql);

        // the admin, every flux, 2 a page; then a filter kept in every link
        List<String> allSql = column("SELECT id::text FROM flux ORDER BY created_at DESC, id");
        assertThat(walk(admin, "/api/v1/fluxes?size=2", allSql.size(), (allSql.size() + 1) / 2)).isEqualTo(allSql);
        as(admin).post("/api/v1/fluxes/" + bobFlux + "/approve").then().statusCode(200);
        List<String> requestedSql = column("SELECT id::text FROM flux WHERE status = 'REQUESTED' ORDER BY created_at DESC, id");
        assertThat(requestedSql).doesNotContain(bobFlux.toString()).contains(aliceSql.toArray(String[]::new));
        assertThat(walk(admin, "/api/v1/fluxes?status=REQUESTED&size=3", requestedSql.size(), (requestedSql.size() + 2) / 3))
                .isEqualTo(requestedSql);

        // partners by name then id, 1 a page
        List<String> partnersSql = column("SELECT id::text FROM partner ORDER BY name, id");
        assertThat(walk(admin, "/api/v1/partners?size=1", partnersSql.size(), partnersSql.size())).isEqualTo(partnersSql);

        // the field catalogue (in memory), in export order, 30 a page
        List<String> catalogue = as(bob.token()).get("/api/v1/fields?size=500").jsonPath().getList("code", String.class);
        assertThat(catalogue).hasSizeGreaterThan(30);
        assertThat(walk(bob.token(), "/api/v1/fields?size=30", catalogue.size(), (catalogue.size() + 29) / 30, "code"))
                .isEqualTo(catalogue);

        // a flux's runs, newest first then by id: its first run, and five more, two of them at the same time
        Api.await("the approved flux's first run", Duration.ofSeconds(30),
                () -> ((Number) ServiceDatabase.value("SELECT count(*) FROM run WHERE flux_id = ?", bobFlux)).intValue(),
                n -> n >= 1);
        ServiceDatabase.update("INSERT INTO run SELECT (jsonb_populate_record(r, jsonb_build_object('id', gen_random_uuid(), "
                + "'origin', 'MANUAL', 'scheduled_for', null, 'status', 'FAILED', 'created_at', "
                + "r.created_at - make_interval(mins => g / 2)))).* FROM run r, generate_series(1, 5) g WHERE r.flux_id = ?",
                bobFlux);
        List<String> runsSql = column("SELECT id::text FROM run WHERE flux_id = ? ORDER BY created_at DESC, id", bobFlux);
        assertThat(runsSql).hasSizeGreaterThanOrEqualTo(6);
        int runPages = (runsSql.size() + 1) / 2;
        assertThat(walk(bob.token(), "/api/v1/fluxes/" + bobFlux + "/runs?size=2", runsSql.size(), runPages))
                .isEqualTo(runsSql);
    }

    @Test
    void linksNameFirstPrevNextAndLastAbsolute() {
        Api.Partner carol = Api.newPartner(admin, "Carol");
        for (int i = 0; i < 5; i++) {
            Api.createFlux(carol.token(), Api.fluxBody());
        }
        Response middle = as(carol.token()).get("/api/v1/fluxes?size=2&page=1&status=REQUESTED");
        middle.then().statusCode(200).header(Paging.TOTAL, "5");
        List<String[]> links = links(middle.header("Link"));
        assertThat(links).extracting(l -> l[1]).containsExactly("first", "prev", "next", "last");
        assertThat(links).extracting(l -> l[0]).allSatisfy(url -> assertThat(url)
                .startsWith("http://").contains("/api/v1/fluxes?").contains("status=REQUESTED").contains("size=2"));
        assertThat(links).extracting(l -> l[0].replaceAll(".*[?&]page=(\\d+).*", "$1")).containsExactly("0", "0", "2", "2");

        // beyond the end: an empty page whose prev is the last page; an empty list has first = last = 0
        Response beyond = as(carol.token()).get("/api/v1/fluxes?size=2&page=9");
        beyond.then().statusCode(200).body("size()", is(0)).header(Paging.TOTAL, "5");
        assertThat(links(beyond.header("Link"))).extracting(l -> l[1] + "=" + l[0].replaceAll(".*[?&]page=(\\d+).*", "$1"))
                .containsExactly("first=0", "prev=2", "last=2");
        Api.Partner dave = Api.newPartner(admin, "Dave");
        Response none = as(dave.token()).get("/api/v1/fluxes");
        none.then().statusCode(200).body("size()", is(0)).header(Paging.TOTAL, "0");
        assertThat(links(none.header("Link"))).extracting(l -> l[1] + "=" + l[0].replaceAll(".*[?&]page=(\\d+).*", "$1"))
                .containsExactly("first=0", "last=0");
    }

    @Test
    void badPagesAndSizesAre400NamingTheParameter() {
        Api.Partner erin = Api.newPartner(admin, "Erin");
        UUID flux = Api.createFlux(erin.token(), Api.fluxBody());
        for (String list : List.of("/api/v1/fluxes", "/api/v1/fluxes/" + flux + "/runs", "/api/v1/partners",
                "/api/v1/fields")) {
            String token = list.endsWith("partners") ? admin : erin.token();
            for (String page : List.of("-1", "100001", "abc", "1e3", "2147483648")) {
                as(token).get(list + "?page=" + page).then().statusCode(400).body("status", is(400))
                        .body("violations.path", hasItem("/query/page"));
            }
            for (String size : List.of("0", "501", "-5", "x")) {
                as(token).get(list + "?size=" + size).then().statusCode(400).body("status", is(400))
                        .body("violations.path", hasItem("/query/size"));
            }
        }
    }

    /**
     * Follows {@code next} from {@code start} until no page follows; checks every page's total and that
     * every page but the last is full. The ids in the order met.
     */
    private List<String> walk(String token, String start, int total, int pages) {
        return walk(token, start, total, pages, "id");
    }

    private List<String> walk(String token, String start, int total, int pages, String key) {
        List<String> ids = new ArrayList<>();
        String url = start;
        int walked = 0;
        while (url != null) {
            assertThat(walked).as("pages walked from " + start).isLessThan(pages);
            Response page = as(token).get(url);
            page.then().statusCode(200).header(Paging.TOTAL, String.valueOf(total));
            ids.addAll(page.jsonPath().getList(key, String.class));
            walked++;
            url = null;
            for (String[] link : links(page.header("Link"))) {
                if (link[1].equals("next")) {
                    url = link[0];
                }
            }
        }
        assertThat(walked).as("pages walked from " + start).isEqualTo(pages);
        assertThat(new HashSet<>(ids)).as("no duplicate").hasSize(ids.size());
        return ids;
    }

    private static List<String[]> links(String header) {
        assertThat(header).as("Link header").isNotNull();
        List<String[]> links = new ArrayList<>();
        Matcher matcher = LINK.matcher(header);
        while (matcher.find()) {
            links.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        return links;
    }

    private static List<String> column(String sql, Object... parameters) {
        return ServiceDatabase.query(sql, parameters).stream().map(row -> (String) row[0]).toList();
    }
}
