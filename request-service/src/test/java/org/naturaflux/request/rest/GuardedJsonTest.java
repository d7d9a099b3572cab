package org.naturaflux.request.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The parser's checks, each with the JSON pointer of the refused value (the oracle: the input as written). */
class GuardedJsonTest {

    private final ObjectMapper mapper = new ObjectMapper(new GuardedJson.Factory(() -> 30));

    private GuardedJson.InputRefused refused(String json) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> mapper.readTree(json));
        assertThat(thrown).isInstanceOf(GuardedJson.InputRefused.class);
        return (GuardedJson.InputRefused) thrown;
    }

    @Test
    void namesTheValueThatBreaksTheTextRule() {
        GuardedJson.InputRefused nul = refused("{\"taxa\": {\"groups\": [\"Oiseaux\", \"Mam\\u0000\"]}}");
        assertThat(nul.pointer()).isEqualTo("/taxa/groups/1");
        assertThat(nul.problem()).contains("control characters").contains("U+0000");
        assertThat(refused("{\"s\": [{\"name\": \"\\u202eabc\"}]}").pointer()).isEqualTo("/s/0/name");
        assertThat(refused("{\"s\": \"\\u2069\"}").problem()).contains("bidirectional");
        assertThat(refused("{\"s\": \"a\\ud800b\"}").problem()).contains("unpaired surrogate");
        assertThat(refused("{\"s\": \"" + "x".repeat(31) + "\"}").problem()).contains("31 characters, at most 30");
        assertThat(refused("{\"a\\u0000b\": 1}").problem()).startsWith("member name");
    }

    @Test
    void freeTextKeepsLineBreaksAndTabsOtherTextDoesNot() throws Exception {
        JsonNode reason = mapper.readTree("{\"reason\": \"first line\\nsecond\\tline\\r\\n\"}");
        assertThat(reason.get("reason").asText()).isEqualTo("first line\nsecond\tline\r\n");
        assertThat(mapper.readTree("{\"territory\": {\"description\": \"a\\nb\"}}").at("/territory/description").asText())
                .isEqualTo("a\nb");
        assertThat(refused("{\"structure\": \"a\\nb\"}").pointer()).isEqualTo("/structure");
        assertThat(refused("{\"reason\": \"a\\u0000b\"}").pointer()).isEqualTo("/reason");
        assertThat(refused("{\"reason\": \"a\\u000bb\"}").pointer()).isEqualTo("/reason");
    }

    @Test
    void theWktHasItsOwnLongerLimit() throws Exception {
        String wkt = "POLYGON ((" + "1 2, ".repeat(100) + "1 2))";
        assertThat(mapper.readTree("{\"territory\": {\"wkt\": \"" + wkt + "\"}}").at("/territory/wkt").asText()).isEqualTo(wkt);
        assertThat(refused("{\"territory\": {\"wkt\": \"POLYGON\\u0000\"}}").pointer()).isEqualTo("/territory/wkt");
    }

    @Test
    void boundsNumbersAndNesting() throws Exception {
        assertThat(mapper.readTree("{\"n\": [1000000000000000, -1e15, 2.5]}").get("n").size()).isEqualTo(3);
        assertThat(refused("{\"n\": [1, 1000000000000001]}").pointer()).isEqualTo("/n/1");
        assertThat(refused("{\"n\": 1e400}").problem()).contains("out of range");
        assertThat(refused("{\"n\": -1e16}").pointer()).isEqualTo("/n");
        assertThat(refused("{\"n\": 123456789012345678901234567890}").problem()).contains("out of range");
        assertThatCode(() -> mapper.readTree("[".repeat(GuardedJson.MAX_DEPTH) + "]".repeat(GuardedJson.MAX_DEPTH)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> mapper.readTree("[".repeat(GuardedJson.MAX_DEPTH + 1) + "]".repeat(GuardedJson.MAX_DEPTH + 1)))
                .isInstanceOf(StreamConstraintsException.class).hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> mapper.readTree("{\"n\": " + "1".repeat(GuardedJson.MAX_NUMBER_CHARS + 1) + "}"))
                .isInstanceOf(StreamConstraintsException.class);
    }

    /** Records are read through the shortcuts (nextFieldName, nextTextValue): they are checked too. */
    @Test
    void checksValuesReadIntoRecords() {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> mapper.readValue("{\"name\": \"ok\", \"email\": \"a\\u0000@b.c\"}", PartnerBodies.ContactBody.class));
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof GuardedJson.InputRefused)) {
            cause = cause.getCause();
        }
        assertThat(cause).as(String.valueOf(thrown)).isInstanceOf(GuardedJson.InputRefused.class);
        assertThat(((GuardedJson.InputRefused) cause).pointer()).isEqualTo("/email");
    }
}
