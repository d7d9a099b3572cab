package org.naturaflux.request.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.request.Api.as;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.naturaflux.request.Api;
import org.naturaflux.request.ServiceDatabase;
import org.naturaflux.request.StackResource;

/**
 * Bad flux requests, one per row: each gets its 4xx status, a JSON error naming where (path) and what
 * (a message fragment); never a 500, and nothing stored.
 */
@QuarkusTest
@WithTestResource(value = StackResource.class, initArgs = {
        @ResourceArg(name = "naturaflux.flux.max-vertices", value = "2000"),
        @ResourceArg(name = "naturaflux.flux.max-territory-bytes", value = "50000")})
class FluxValidationTest {

    /** The whole world in WGS84. */
    static final String WHOLE_WORLD = "{\"type\":\"Polygon\",\"coordinates\":[[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]]}";
    /** From France to the north pole. */
    static final String TO_THE_POLE = "POLYGON ((-10 40, 10 40, 10 90, -10 90, -10 40))";
    /** The world within ±85°: within the latitude bounds, but Lambert-93 folds it onto itself (an invalid image). */
    static final String OUT_OF_PROJECTION = "POLYGON ((-180 -85, 180 -85, 180 85, -180 85, -180 -85))";

    private static Api.Partner partner;
    private static Api.Partner other;

    @ConfigProperty(name = "naturaflux.auth.admin-token")
    String admin;

    /**
     * @param name     what is wrong
     * @param body     the raw body
     * @param type     its content type
     * @param status   the expected status
     * @param path     the expected violation path, or null when the error has none
     * @param fragment a fragment of the expected message (of the violation, or of the error)
     */
    record Case(String name, String body, String type, int status, String path, String fragment) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case bad(String name, Consumer<ObjectNode> change, String path, String fragment) {
        ObjectNode body = Api.fluxBody();
        change.accept(body);
        return new Case(name, body.toString(), "application/json", 400, path, fragment);
    }

    static Case raw(String name, String body, String type, int status, String fragment) {
        return new Case(name, body, type, status, null, fragment);
    }

    static ObjectNode geometry(ObjectNode body, String geoJson) {
        try {
            body.putObject("territory").set("geometry", Api.JSON.readTree(geoJson));
            return body;
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A closed ring of {@code n} vertices around Paris, each coordinate written with {@code decimals} decimals. */
    static String circle(int n, int decimals) {
        StringBuilder ring = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
        String format = "[%." + decimals + "f,%." + decimals + "f],";
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * i / n;
            ring.append(String.format(Locale.ROOT, format, 2.35 + 0.05 * Math.cos(angle), 48.86 + 0.03 * Math.sin(angle)));
        }
        ring.append(String.format(Locale.ROOT, "[%." + decimals + "f,%." + decimals + "f]]]}", 2.40, 48.86));
        return ring.toString();
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // unknown members and structure
        cases.add(bad("unknown top-level field", b -> b.put("colour", "blue"), "/colour", "unknown field"));
        cases.add(bad("structure missing", b -> b.remove("structure"), "/structure", "is required"));
        cases.add(bad("structure blank", b -> b.put("structure", "   "), "/structure", "must not be blank"));
        cases.add(bad("structure not a string", b -> b.put("structure", 42), "/structure", "must be a string"));
        cases.add(bad("structure too long", b -> b.put("structure", "x".repeat(2001)), "/structure", "too long"));
        cases.add(bad("contact email missing", b -> ((ObjectNode) b.get("contact")).remove("email"), "/contact/email", "is required"));
        cases.add(bad("contact email malformed", b -> ((ObjectNode) b.get("contact")).put("email", "alex.example.org"),
                "/contact/email", "not an e-mail address"));
        cases.add(bad("contact unknown member", b -> ((ObjectNode) b.get("contact")).put("fax", "01"), "/contact/fax", "unknown field"));
        cases.add(bad("contact phone malformed", b -> ((ObjectNode) b.get("contact")).put("phone", "call me"),
                "/contact/phone", "not a phone number"));
        cases.add(bad("studies empty", b -> b.putArray("studies"), "/studies", "at least one study"));
        cases.add(bad("study without nature", b -> ((ObjectNode) b.get("studies").get(0)).remove("nature"),
                "/studies/0/nature", "is required"));
        // territory
        cases.add(bad("territory in two forms", b -> ((ObjectNode) b.get("territory")).put("description", "Paris"),
                "/territory", "exactly one"));
        cases.add(bad("territory empty", b -> b.putObject("territory"), "/territory", "exactly one"));
        cases.add(bad("territory unknown form", b -> b.putObject("territory").put("shape", "x"), "/territory/shape", "unknown field"));
        cases.add(bad("GeoJSON point", b -> geometry(b, "{\"type\":\"Point\",\"coordinates\":[2.35,48.86]}"),
                "/territory/geometry/type", "unsupported GeoJSON type 'Point'"));
        cases.add(bad("GeoJSON self-intersecting (bow tie)", b -> geometry(b,
                        "{\"type\":\"Polygon\",\"coordinates\":[[[2.30,48.83],[2.40,48.89],[2.40,48.83],[2.30,48.89],[2.30,48.83]]]}"),
                "/territory/geometry", "Self-intersection"));
        cases.add(bad("GeoJSON ring not closed", b -> geometry(b,
                        "{\"type\":\"Polygon\",\"coordinates\":[[[2.30,48.83],[2.40,48.83],[2.40,48.89],[2.30,48.89]]]}"),
                "/territory/geometry/coordinates/0", "closed"));
        cases.add(bad("GeoJSON ring of 3 positions", b -> geometry(b,
                        "{\"type\":\"Polygon\",\"coordinates\":[[[2.30,48.83],[2.40,48.83],[2.30,48.83]]]}"),
                "/territory/geometry/coordinates/0", "at least 4 positions"));
        cases.add(bad("GeoJSON coordinate as text", b -> geometry(b,
                        "{\"type\":\"Polygon\",\"coordinates\":[[[2.30,48.83],[\"2.40\",48.83],[2.40,48.89],[2.30,48.83]]]}"),
                "/territory/geometry/coordinates/0/1/0", "must be a number"));
        cases.add(bad("GeoJSON in Lambert-93, not WGS84", b -> geometry(b,
                        "{\"type\":\"Polygon\",\"coordinates\":[[[651000,6861000],[652000,6861000],[652000,6862000],[651000,6861000]]]}"),
                "/territory/geometry", "WGS84"));
        cases.add(bad("GeoJSON MultiPolygon with a malformed polygon", b -> geometry(b,
                        "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[2.30,48.83],[2.40,48.83],[2.40,48.89],[2.30,48.83]]], 7]}"),
                "/territory/geometry/coordinates/1", "array of linear rings"));
        cases.add(bad("GeoJSON with too many vertices", b -> geometry(b, circle(2_001, 4)), "/territory/geometry", "2002 vertices"));
        cases.add(bad("GeoJSON too many bytes", b -> geometry(b, circle(1_900, 15)), "/territory/geometry", "too large"));
        cases.add(bad("WKT malformed", b -> b.putObject("territory").put("wkt", "POLYGON ((2.3 48.8, 2.4"),
                "/territory/wkt", "not valid WKT"));
        cases.add(bad("WKT of a line", b -> b.putObject("territory").put("wkt", "LINESTRING (2.3 48.8, 2.4 48.9)"),
                "/territory/wkt", "POLYGON or a MULTIPOLYGON"));
        cases.add(bad("WKT empty polygon", b -> b.putObject("territory").put("wkt", "POLYGON EMPTY"), "/territory/wkt", "empty"));
        cases.add(bad("WKT self-intersecting",
                b -> b.putObject("territory").put("wkt", "POLYGON ((2.30 48.83, 2.40 48.89, 2.40 48.83, 2.30 48.89, 2.30 48.83))"),
                "/territory/wkt", "Self-intersection at or near (2.3"));
        cases.add(bad("territory: the whole world", b -> geometry(b, WHOLE_WORLD), "/territory/geometry", "latitude"));
        cases.add(bad("territory touching the north pole", b -> b.putObject("territory").put("wkt", TO_THE_POLE),
                "/territory/wkt", "within ±85.0 degrees"));
        cases.add(bad("territory the source's local system cannot project", b -> b.putObject("territory")
                .put("wkt", OUT_OF_PROJECTION), "/territory", "cannot be projected into the source's local coordinate system"));
        cases.add(bad("areas empty", b -> b.putObject("territory").putArray("areas"), "/territory/areas", "at least one area"));
        cases.add(bad("area type unknown to the source", b -> b.putObject("territory").putArray("areas").addObject()
                .put("type", "CANTON").put("code", "7501"), "/territory/areas/0/type", "unknown area type 'CANTON'"));
        cases.add(bad("area code unknown to the source", b -> b.putObject("territory").putArray("areas").addObject()
                .put("type", "COM").put("code", "99999"), "/territory/areas/0/code", "has code '99999'"));
        cases.add(bad("area named twice", b -> {
            ArrayNode areas = b.putObject("territory").putArray("areas");
            areas.addObject().put("type", "DEP").put("code", "75");
            areas.addObject().put("type", "DEP").put("code", "75");
        }, "/territory/areas/1", "named twice"));
        // taxa
        cases.add(bad("INPN group unknown to the source", b -> b.putObject("taxa").putArray("groups").add("Dragons"),
                "/taxa/groups/0", "unknown INPN group 'Dragons'"));
        cases.add(bad("TAXREF code unknown to the source", b -> b.putObject("taxa").putArray("cdRefs").add(987654321),
                "/taxa/cdRefs/0", "no valid TAXREF taxon"));
        cases.add(bad("TAXREF code negative", b -> b.putObject("taxa").putArray("cdRefs").add(-3), "/taxa/cdRefs/0",
                "positive integer"));
        cases.add(bad("taxa unknown member", b -> b.putObject("taxa").putArray("species"), "/taxa/species", "unknown field"));
        // periodicity
        cases.add(bad("periodicity hourly, under the minimum", b -> b.put("periodicity", "PT1H"), "/periodicity",
                "more frequent than the platform allows"));
        cases.add(bad("periodicity not ISO-8601", b -> b.put("periodicity", "monthly"), "/periodicity", "ISO-8601"));
        cases.add(bad("periodicity not a string", b -> b.put("periodicity", 30), "/periodicity", "ISO-8601"));
        cases.add(bad("periodicity beyond the maximum", b -> b.put("periodicity", "P2Y"), "/periodicity",
                "longer than the platform allows: at most P1Y"));
        cases.add(bad("periodicity of a billion years (overflows the scheduler)", b -> b.put("periodicity", "P999999999Y"),
                "/periodicity", "longer than the platform allows"));
        cases.add(bad("periodicity of 10^13 hours (overflows the scheduler)", b -> b.put("periodicity", "PT9999999999999H"),
                "/periodicity", "longer than the platform allows"));
        // fields
        cases.add(bad("unknown field code", b -> b.putArray("fields").add("basic").add("+couleur"), "/fields/1",
                "unknown field 'couleur'"));
        cases.add(bad("mandatory field removed", b -> b.putArray("fields").add("basic").add("-niveau_sensibilite"),
                "/fields/1", "always exported"));
        cases.add(bad("no field", b -> b.putArray("fields"), "/fields", "at least one field"));
        cases.add(bad("basic not first", b -> b.putArray("fields").add("nom_valide").add("basic"), "/fields/1", "may only come first"));
        cases.add(bad("field code not a string", b -> b.putArray("fields").add("basic").add(3), "/fields/1", "must be a string"));
        // formats
        cases.add(bad("unsupported format", b -> b.putArray("formats").add("xls"), "/formats/0", "unsupported format 'xls'"));
        cases.add(bad("format named twice", b -> b.putArray("formats").add("csv").add("CSV"), "/formats/1", "named twice"));
        cases.add(bad("no format", b -> b.putArray("formats"), "/formats", "at least one format"));
        // options
        cases.add(bad("unknown option", b -> b.putObject("options").put("colour", "red"), "/options/colour", "unknown field"));
        cases.add(bad("coordinate precision out of range", b -> b.putObject("options").put("coordinatePrecision", 20),
                "/options/coordinatePrecision", "between 1 and 15"));
        cases.add(bad("CSV delimiter unsupported", b -> b.putObject("options").put("csvDelimiter", "|"),
                "/options/csvDelimiter", "\",\" or \";\""));
        cases.add(bad("geometryAs unsupported", b -> b.putObject("options").put("geometryAs", "square"),
                "/options/geometryAs", "unsupported value 'square'"));
        cases.add(bad("CSV preset unknown", b -> b.putObject("options").put("csvPreset", "excel"),
                "/options/csvPreset", "unsupported value 'excel' is not one of standard, excel-fr"));
        cases.add(bad("CSV date format unknown", b -> b.putObject("options").put("csvPreset", "excel-fr")
                .put("csvDateFormat", "dd/mm/yyyy"), "/options/csvDateFormat", "is not one of iso, jj/mm/aaaa"));
        cases.add(bad("French dates without the excel-fr preset", b -> b.putObject("options")
                .put("csvDateFormat", "jj/mm/aaaa"), "/options/csvDateFormat", "needs csvPreset \"excel-fr\""));
        cases.add(bad("excel-fr with a comma delimiter", b -> b.putObject("options").put("csvPreset", "excel-fr")
                .put("csvDelimiter", ","), "/options/csvDelimiter", "must be \";\" (or absent) with csvPreset"));
        cases.add(bad("excel-fr without its BOM", b -> b.putObject("options").put("csvPreset", "excel-fr")
                .put("csvBom", false), "/options/csvBom", "must be true (or absent) with csvPreset"));
        cases.add(bad("csvBom not a boolean", b -> b.putObject("options").put("csvBom", "yes"), "/options/csvBom", "true or false"));
        cases.add(bad("statuses not a boolean", b -> b.putObject("options").put("statuses", "oui"), "/options/statuses",
                "true or false"));
        cases.add(bad("minInterval not a duration", b -> b.putObject("options").put("minInterval", "weekly"),
                "/options/minInterval", "ISO-8601 duration"));
        cases.add(bad("minInterval under the platform's minimum", b -> b.putObject("options").put("changeDriven", true)
                .put("minInterval", "PT1S"), "/options/minInterval", "shorter than the platform's minimum of PT5M"));
        cases.add(bad("minInterval beyond the maximum", b -> b.putObject("options").put("minInterval", "P400D"),
                "/options/minInterval", "longer than the platform allows: at most PT720H"));
        cases.add(bad("minInterval of 10^13 hours (overflows the change scheduler)", b -> b.putObject("options")
                .put("changeDriven", true).put("minInterval", "PT9999999999999H"), "/options/minInterval", "longer than the platform allows"));
        // record filters
        cases.add(bad("no observation status", b -> b.putObject("filters").putArray("observationStatus"),
                "/filters/observationStatus", "name at least one observation status"));
        cases.add(bad("observation status unknown to the source", b -> b.putObject("filters").putArray("observationStatus")
                .add("Pr").add("Ab"), "/filters/observationStatus/1", "unknown STATUT_OBS code 'Ab' (the source has"));
        cases.add(bad("validation status unknown to the source", b -> b.putObject("filters").putArray("validationStatus")
                .add("1").add("9"), "/filters/validationStatus/1", "unknown STATUT_VALID code '9'"));
        cases.add(bad("validation status named twice", b -> b.putObject("filters").putArray("validationStatus")
                .add("1").add("1"), "/filters/validationStatus/1", "named twice"));
        cases.add(bad("validation status not an array", b -> b.putObject("filters").put("validationStatus", true),
                "/filters/validationStatus", "must be an array of STATUT_VALID codes"));
        cases.add(bad("dateFrom not a date", b -> b.putObject("filters").put("dateFrom", "2020-13-01"),
                "/filters/dateFrom", "must be a date (aaaa-mm-jj)"));
        cases.add(bad("dateFrom after dateTo", b -> b.putObject("filters").put("dateFrom", "2020-01-02").put("dateTo", "2020-01-01"),
                "/filters/dateFrom", "must not be after dateTo"));
        cases.add(bad("dates spanning more than 300 years", b -> b.putObject("filters").put("dateFrom", "1700-01-01")
                .put("dateTo", "2000-01-02"), "/filters/dateTo", "span more than 300 years"));
        cases.add(bad("a date before 1500", b -> b.putObject("filters").put("dateFrom", "1499-12-31"),
                "/filters/dateFrom", "between 1500-01-01 and 9999-12-31"));
        cases.add(bad("rolling window over 300 years", b -> b.putObject("filters").put("lastPeriod", "P301Y"),
                "/filters/lastPeriod", "at most 300 years"));
        cases.add(bad("rolling window of 10^9 years", b -> b.putObject("filters").put("lastPeriod", "P999999999Y"),
                "/filters/lastPeriod", "at most 300 years"));
        cases.add(bad("rolling window not a period", b -> b.putObject("filters").put("lastPeriod", "ten years"),
                "/filters/lastPeriod", "ISO-8601 period"));
        cases.add(bad("rolling window and dates", b -> b.putObject("filters").put("lastPeriod", "P10Y").put("dateTo", "2020-01-01"),
                "/filters/lastPeriod", "either lastPeriod or dateFrom/dateTo"));
        cases.add(bad("dataset unknown to the source", b -> ((ObjectNode) b.putObject("filters").putObject("datasets"))
                .putArray("include").add("00000000-0000-0000-0000-000000000007"), "/filters/datasets/include/0",
                "no dataset of the source has unique_dataset_id 00000000-0000-0000-0000-000000000007"));
        cases.add(bad("dataset not a UUID", b -> b.putObject("filters").putObject("datasets").putArray("exclude").add("jdd-1"),
                "/filters/datasets/exclude/0", "must be a dataset's UUID"));
        cases.add(bad("producer unknown to the source", b -> ((ObjectNode) b.putObject("filters").putObject("producers"))
                .putArray("include").add("00000000-0000-0000-0000-000000000009"), "/filters/producers/include/0",
                "no organism of the source (utilisateurs.bib_organismes) has uuid_organisme 00000000-0000-0000-0000-000000000009"));
        cases.add(bad("producer not a UUID", b -> b.putObject("filters").putObject("producers").putArray("exclude").add("LPO"),
                "/filters/producers/exclude/0", "must be an organism's UUID (uuid_organisme)"));
        cases.add(bad("producers not an object", b -> b.putObject("filters").put("producers", "LPO"), "/filters/producers",
                "must be"));
        cases.add(bad("unknown filter", b -> b.putObject("filters").put("organisms", "LPO"), "/filters/organisms",
                "unknown field 'organisms'"));
        // the body itself
        cases.add(raw("malformed JSON", "{\"structure\": \"x\",", "application/json", 400, "malformed JSON"));
        cases.add(raw("a JSON array, not an object", "[1, 2]", "application/json", 400, "must be a JSON object"));
        cases.add(raw("not JSON at all", "structure=x", "text/plain", 415, "unsupported media type"));
        cases.add(raw("body over the size limit", "{\"structure\": \"" + "x".repeat(1_100_000) + "\"}", "application/json", 413,
                "too large"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsWithStatusPathAndMessage(Case c) {
        long before = fluxCount();
        Response response = as(partner().token()).contentType(c.type()).body(c.body()).post("/api/v1/fluxes");

        assertThat(response.statusCode()).as(c.name() + ": " + response.asString()).isEqualTo(c.status());
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(c.status());
        if (c.path() == null) {
            assertThat(response.jsonPath().getString("error")).containsIgnoringCase(c.fragment());
        } else {
            List<String> paths = response.jsonPath().getList("violations.path", String.class);
            List<String> messages = response.jsonPath().getList("violations.message", String.class);
            assertThat(paths).as(c.name() + ": " + response.asString()).contains(c.path());
            assertThat(messages.get(paths.indexOf(c.path()))).as(c.name()).contains(c.fragment());
        }
        assertThat(fluxCount()).isEqualTo(before);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        ObjectNode body = Api.fluxBody();
        body.put("periodicity", "PT1M");
        body.putArray("formats").add("pdf");
        body.putArray("fields").add("basic").add("+couleur");
        Response response = as(partner().token()).body(body.toString()).post("/api/v1/fluxes");
        response.then().statusCode(400);
        assertThat(response.jsonPath().getList("violations.path", String.class))
                .contains("/periodicity", "/formats/0", "/fields/1");
    }

    @Test
    void anAdminPatchKeepsTheSameBounds() throws Exception {
        UUID id = Api.createFlux(partner().token(), Api.fluxBody());
        as(admin).post("/api/v1/fluxes/" + id + "/approve").then().statusCode(200);
        String before = String.valueOf(ServiceDatabase.value("SELECT request FROM flux WHERE id = ?", id));
        List<String[]> patches = List.of(
                new String[] {"{\"periodicity\":\"P999999999Y\"}", "/periodicity", "longer than the platform allows"},
                new String[] {"{\"periodicity\":\"PT9999999999999H\"}", "/periodicity", "longer than the platform allows"},
                new String[] {"{\"options\":{\"changeDriven\":true,\"minInterval\":\"PT1S\"}}", "/options/minInterval",
                        "shorter than the platform's minimum"},
                new String[] {"{\"options\":{\"minInterval\":\"P400D\"}}", "/options/minInterval", "longer than the platform allows"},
                new String[] {"{\"territory\":{\"wkt\":\"" + OUT_OF_PROJECTION + "\"}}", "/territory", "cannot be projected"},
                new String[] {"{\"territory\":{\"geometry\":" + WHOLE_WORLD + "}}", "/territory/geometry", "latitude"});
        for (String[] patch : patches) {
            Response response = as(admin).body(patch[0]).patch("/api/v1/fluxes/" + id);
            assertThat(response.statusCode()).as(patch[0] + ": " + response.asString()).isEqualTo(400);
            List<String> paths = response.jsonPath().getList("violations.path", String.class);
            assertThat(paths).as(patch[0]).contains(patch[1]);
            assertThat(response.jsonPath().getList("violations.message", String.class).get(paths.indexOf(patch[1])))
                    .as(patch[0]).contains(patch[2]);
        }
        assertThat(ServiceDatabase.value("SELECT request FROM flux WHERE id = ?", id)).isEqualTo(before);
        // the bounds themselves are allowed
        as(admin).body("{\"periodicity\":\"P12M\",\"options\":{\"changeDriven\":true,\"minInterval\":\"PT5M\"}}")
                .patch("/api/v1/fluxes/" + id).then().statusCode(200);
        as(admin).body("{\"periodicity\":\"P1Y\",\"options\":{\"changeDriven\":true,\"minInterval\":\"P30D\"}}")
                .patch("/api/v1/fluxes/" + id).then().statusCode(200);
    }

    @Test
    void aPartnerCannotSubmitForAnother() {
        ObjectNode body = Api.fluxBody().put("partnerId", other().id().toString());
        as(partner().token()).body(body.toString()).post("/api/v1/fluxes").then().statusCode(400);
        Response response = as(partner().token()).body(body.toString()).post("/api/v1/fluxes");
        assertThat(response.jsonPath().getString("violations[0].path")).isEqualTo("/partnerId");
    }

    @Test
    void theAdminMustNameAnExistingPartner() {
        Response missing = as(admin).body(Api.fluxBody().toString()).post("/api/v1/fluxes");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.jsonPath().getString("violations[0].path")).isEqualTo("/partnerId");
        Response unknown = as(admin).body(Api.fluxBody().put("partnerId", UUID.randomUUID().toString()).toString())
                .post("/api/v1/fluxes");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.jsonPath().getString("violations[0].message")).startsWith("no partner");
    }

    @Test
    void acceptsEveryTerritoryFormAndOption() {
        String token = partner().token();
        ObjectNode geo = geometry(Api.fluxBody(), "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[2.30,48.83],[2.40,48.83],"
                + "[2.40,48.89],[2.30,48.83]]],[[[2.50,48.83],[2.60,48.83],[2.60,48.89],[2.50,48.83]]]]}");
        geo.putObject("options").put("csvDelimiter", ";").put("csvBom", true).put("jsonLayout", "ndjson")
                .put("coordinatePrecision", 5).put("compression", "gzip").put("geometryAs", "centroid")
                .put("dateCoarsening", "month").put("delta", true).put("changeDriven", true).put("minInterval", "PT6H")
                .put("statuses", true);
        geo.put("periodicity", "P1D");
        UUID id = Api.createFlux(token, geo);
        as(token).get("/api/v1/fluxes/" + id).then().statusCode(200)
                .body("territory.wkt", org.hamcrest.Matchers.startsWith("MULTIPOLYGON"))
                .body("options.jsonLayout", org.hamcrest.Matchers.is("ndjson"))
                .body("options.statuses", org.hamcrest.Matchers.is(true));
        assertThat((String) ServiceDatabase.value("SELECT spec FROM flux WHERE id = ?", id)).contains("\"statuses\":true");
        ObjectNode areas = Api.fluxBody();
        areas.putObject("territory").putArray("areas").addObject().put("type", "DEP").put("code", "77");
        String cdRef = String.valueOf(SourceReads.validCdRef());
        ((ObjectNode) areas.get("taxa")).putArray("cdRefs").add(Integer.parseInt(cdRef));
        areas.put("periodicity", "PT36H");
        Api.createFlux(token, areas);
        ObjectNode excel = Api.fluxBody();
        excel.putObject("options").put("csvPreset", "Excel-FR").put("csvDateFormat", "jj/mm/aaaa");
        UUID excelId = Api.createFlux(token, excel);
        as(token).get("/api/v1/fluxes/" + excelId).then().statusCode(200)
                .body("options.csvPreset", org.hamcrest.Matchers.is("Excel-FR"))
                .body("options.csvDateFormat", org.hamcrest.Matchers.is("jj/mm/aaaa"));
        // the export command's snapshot: the resolved options, as the worker will read them
        String spec = (String) ServiceDatabase.value("SELECT spec FROM flux WHERE id = ?", excelId);
        assertThat(spec).contains("\"csvPreset\":\"excel-fr\"", "\"csvDateFormat\":\"jj/mm/aaaa\"",
                "\"csvDelimiter\":\";\"", "\"csvBom\":true", "\"statuses\":false");
    }

    /**
     * A flux with every record filter is stored as asked and carries them, resolved, in its specification (what
     * export commands and manifests carry); its estimate applies them (fewer records than without).
     */
    @Test
    void acceptsRecordFiltersAndCarriesThemInTheSpec() throws Exception {
        String token = partner().token();
        UUID dataset = SourceReads.aDataset();
        ObjectNode body = Api.fluxBody();
        ObjectNode filters = body.putObject("filters");
        filters.putArray("observationStatus").add("Pr").add("No");
        filters.putArray("validationStatus").add("1").add("2");
        filters.put("dateFrom", "2000-01-01").put("dateTo", "2020-12-31");
        filters.putObject("datasets").putArray("exclude").add(dataset.toString());
        UUID producer = SourceReads.aProducer();
        filters.putObject("producers").putArray("include").add(producer.toString());
        UUID id = Api.createFlux(token, body);
        as(token).get("/api/v1/fluxes/" + id).then().statusCode(200)
                .body("filters.validationStatus", org.hamcrest.Matchers.contains("1", "2"))
                .body("filters.dateTo", org.hamcrest.Matchers.is("2020-12-31"));
        String spec = (String) ServiceDatabase.value("SELECT spec FROM flux WHERE id = ?", id);
        assertThat(spec).contains("\"filters\":{\"observationStatus\":[\"Pr\",\"No\"],\"validationStatus\":[\"1\",\"2\"],"
                + "\"dateFrom\":\"2000-01-01\",\"dateTo\":\"2020-12-31\"", "\"exclude\":[\"" + dataset + "\"]",
                "\"producers\":{\"include\":[\"" + producer + "\"],\"exclude\":[]}");
        as(token).get("/api/v1/fluxes/" + id).then().body("filters.producers.include", org.hamcrest.Matchers.contains(producer.toString()));
        // without filters: present records only, stored as the default
        UUID plain = Api.createFlux(token, Api.fluxBody());
        assertThat((String) ServiceDatabase.value("SELECT spec FROM flux WHERE id = ?", plain))
                .contains("\"filters\":{\"observationStatus\":[\"Pr\"]");
        ObjectNode rolling = Api.fluxBody();
        rolling.putObject("filters").put("lastPeriod", "p10y");
        UUID window = Api.createFlux(token, rolling);
        assertThat((String) ServiceDatabase.value("SELECT spec FROM flux WHERE id = ?", window)).contains("\"lastPeriod\":\"P10Y\"");
    }

    private Api.Partner partner() {
        if (partner == null) {
            partner = Api.newPartner(admin, "Validation partner");
        }
        return partner;
    }

    private Api.Partner other() {
        if (other == null) {
            other = Api.newPartner(admin, "Another partner");
        }
        return other;
    }

    private static long fluxCount() {
        return (Long) ServiceDatabase.value("SELECT count(*) FROM flux");
    }
}
