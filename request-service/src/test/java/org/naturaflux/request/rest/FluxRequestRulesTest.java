package org.naturaflux.request.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.spec.InvalidSpecException;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.model.spec.Violation;
import org.naturaflux.request.Api;
import org.naturaflux.request.service.FluxRequest;
import org.naturaflux.request.service.FluxRequestBody;
import org.naturaflux.request.service.FluxRequestRules;
import org.naturaflux.request.service.Periodicity;
import org.naturaflux.request.service.TerritoryGeometry;

/**
 * The structural checks of a flux request without the service (no stack, no Quarkus), on the case tables
 * of {@link FluxValidationTest} and {@link HostileRequestsTest}: each body is read as the API reads it
 * (the guarded parser, no type conversions, unknown members refused), its constraints checked by Bean
 * Validation, then {@link FluxRequestRules}; a failure is reported through the same mappers as an answer
 * ({@link ErrorMappers}, {@code RequestViolations}). The settings are those the service tests run with.
 *
 * <p>The rows the source decides (areas, groups and taxa that do not exist there, a territory its local
 * system cannot hold) must pass these checks: the source checks come after them.
 */
class FluxRequestRulesTest {

    /** Rows of {@link FluxValidationTest} whose problem only the source can see. */
    private static final Set<String> FOR_THE_SOURCE = Set.of("area type unknown to the source",
            "area code unknown to the source", "INPN group unknown to the source", "TAXREF code unknown to the source",
            "territory the source's local system cannot project", "observation status unknown to the source",
            "validation status unknown to the source", "dataset unknown to the source",
            "producer unknown to the source");

    private static final ObjectMapper JSON = requestMapper();
    private static final Validator CONSTRAINTS = Validation.buildDefaultValidatorFactory().getValidator();
    /** FluxValidationTest's settings: 2,000 vertices and 50,000 bytes; the others are the defaults. */
    private static final FluxRequestRules RULES = new FluxRequestRules(FieldCatalogue.standard(),
            new TerritoryGeometry(2_000, 50_000), Duration.ofDays(1), Periodicity.parse("P1Y"), 2_000, 1_000,
            Duration.ofMinutes(5), Duration.ofDays(30));

    static ObjectMapper requestMapper() {
        ObjectMapper mapper = new ObjectMapper(new GuardedJson.Factory(() -> 2_000));
        RequestJsonProducer.refuseConversions(mapper);
        return mapper;
    }

    /** The rows answered by the request checks: those the HTTP layer answers (413, 415) left out. */
    static Stream<FluxValidationTest.Case> validationRows() {
        return FluxValidationTest.cases().filter(c -> c.status() == 400);
    }

    /** The submissions of the hostile corpus that must get a 400 from the request checks. */
    static Stream<HostileRequestsTest.Case> hostileRows() {
        return HostileRequestsTest.cases().filter(c -> c.method().equals("POST") && c.path().equals("/api/v1/fluxes")
                && c.who() == HostileRequestsTest.Who.OWNER && c.status() == 400);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validationRows")
    void reportsTheRowsPathAndMessage(FluxValidationTest.Case c) {
        ErrorBody answer = check(c.body().getBytes(StandardCharsets.UTF_8));
        if (FOR_THE_SOURCE.contains(c.name())) {
            assertThat(answer).as("left to the source checks").isNull();
            return;
        }
        assertThat(answer).as(c.name()).isNotNull();
        if (c.path() == null) {
            assertThat(answer.error()).containsIgnoringCase(c.fragment());
            return;
        }
        List<String> paths = answer.violations().stream().map(Violation::path).toList();
        assertThat(paths).as(c.name() + ": " + answer).contains(c.path());
        assertThat(answer.violations().get(paths.indexOf(c.path())).message()).as(c.name()).contains(c.fragment());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRows")
    void refusesEveryHostileSubmission(HostileRequestsTest.Case c) {
        ErrorBody answer = check(c.body());
        assertThat(answer).as(c.name()).isNotNull();
        assertThat(answer.status()).isEqualTo(400);
        if (c.where() != null) {
            assertThat(answer.violations()).as(c.name() + ": " + answer).extracting(Violation::path).contains(c.where());
        }
    }

    @Test
    void reportsEveryProblemAtOnce() {
        ObjectNode body = Api.fluxBody();
        body.put("periodicity", "PT1M");
        body.putArray("formats").add("pdf");
        body.putArray("fields").add("basic").add("+couleur");
        ((ObjectNode) body.get("contact")).put("email", "nowhere");
        body.putArray("studies");
        assertThat(check(body.toString().getBytes(StandardCharsets.UTF_8)).violations()).extracting(Violation::path)
                .contains("/periodicity", "/formats/0", "/fields/1", "/contact/email", "/studies");
    }

    @Test
    void readsAValidRequestIntoItsNormalisedDocument() throws Exception {
        ObjectNode body = Api.fluxBody();
        body.put("structure", "  Réserve naturelle  ");
        body.putObject("territory").putArray("areas").addObject().put("type", " DEP ").put("code", "75");
        body.putArray("formats").add("CSV");
        body.put("periodicity", "P1M");
        body.putObject("options").put("minInterval", "pt6h").put("changeDriven", true);
        FluxRequest request = RULES.check(JSON.readValue(body.toString(), FluxRequestBody.class), CONSTRAINTS);

        assertThat(request.territory()).isInstanceOf(Territory.Areas.class);
        assertThat(request.options().minInterval()).isEqualTo(Duration.ofHours(6));
        assertThat(new ObjectMapper().writeValueAsString(request.document())).isEqualTo("{\"structure\":\"Réserve naturelle\","
                + "\"contact\":{\"name\":\"Alex Durand\",\"email\":\"alex@example.org\",\"phone\":\"01 23 45 67 89\"},"
                + "\"studies\":[{\"name\":\"Atlas des oiseaux\",\"nature\":\"atlas\"}],"
                + "\"territory\":{\"areas\":[{\"type\":\"DEP\",\"code\":\"75\"}]},\"taxa\":{\"groups\":[\"Oiseaux\"],\"cdRefs\":[]},"
                + "\"periodicity\":\"" + Periodicity.parse("P1M") + "\",\"fields\":[\"basic\",\"+nom_lieu\"],\"formats\":[\"csv\"],"
                + "\"options\":{\"changeDriven\":true,\"minInterval\":\"pt6h\"}}");
        // the stored document is a request again, read the same way
        assertThatCode(() -> RULES.check(JSON.treeToValue(JSON.valueToTree(request.document()), FluxRequestBody.class),
                CONSTRAINTS)).doesNotThrowAnyException();
    }

    /** The answer the request checks give to a body, or null when they accept it. */
    private static ErrorBody check(byte[] json) {
        FluxRequestBody body;
        try {
            body = JSON.readValue(json, FluxRequestBody.class);
        } catch (JsonProcessingException e) {
            return (ErrorBody) new ErrorMappers().json(e).getEntity();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            RULES.check(body, CONSTRAINTS);
            return null;
        } catch (InvalidSpecException e) {
            return (ErrorBody) new ErrorMappers().invalid(e).getEntity();
        }
    }
}
