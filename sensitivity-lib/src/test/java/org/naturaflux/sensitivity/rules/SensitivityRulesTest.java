package org.naturaflux.sensitivity.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.naturaflux.model.sensitivity.DiffusionLevel.COMMUNE;
import static org.naturaflux.model.sensitivity.DiffusionLevel.DEPARTEMENT;
import static org.naturaflux.model.sensitivity.DiffusionLevel.GRID;
import static org.naturaflux.model.sensitivity.DiffusionLevel.PRECISE;
import static org.naturaflux.model.sensitivity.DiffusionLevel.WITHHELD;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.sensitivity.LevelAssignment;
import org.naturaflux.model.sensitivity.SelectionPlan;

class SensitivityRulesTest {

    private static final List<String> S = Arrays.asList("0", "1", "2", "3", "4", null);
    private static final List<String> D = Arrays.asList("0", "1", "2", "3", "4", "5", null);

    /**
     * The expected level of every known pair under the standard rules, written out by hand from
     * DOMAIN.md: rows SENSIBILITE 0, 1, 2, 3, 4, NULL; columns NIV_PRECIS 0, 1, 2, 3, 4, 5, NULL.
     * P precise, C commune, G grid, D département, W withheld.
     */
    private static final String[] STANDARD = {
            "P C G D W P P",
            "C C G D W C C",
            "G G G D W G G",
            "D D D D W D D",
            "W W W W W W W",
            "W W W W W W W",
    };

    private static DiffusionLevel letter(String l) {
        return switch (l) {
            case "P" -> PRECISE;
            case "C" -> COMMUNE;
            case "G" -> GRID;
            case "D" -> DEPARTEMENT;
            default -> WITHHELD;
        };
    }

    private static Map<List<String>, DiffusionLevel> expectedStandard() {
        Map<List<String>, DiffusionLevel> expected = new HashMap<>();
        for (int s = 0; s < S.size(); s++) {
            String[] row = STANDARD[s].split(" ");
            for (int d = 0; d < D.size(); d++) {
                expected.put(Arrays.asList(S.get(s), D.get(d)), letter(row[d]));
            }
        }
        return expected;
    }

    @Test
    void standardRulesGiveTheCoarsestOfSensitivityAndProducerRestriction() {
        SensitivityRules rules = SensitivityRules.standard();
        expectedStandard().forEach((pair, level) ->
                assertThat(rules.levelOf(pair.get(0), pair.get(1))).as("pair %s", pair).isEqualTo(level));
    }

    @Test
    void selectionPlanListsEveryKnownPairIncludingNullsWithAWithheldFallback() {
        SelectionPlan plan = SensitivityRules.standard().selectionPlan();
        Map<List<String>, DiffusionLevel> expected = expectedStandard();
        assertThat(plan.assignments()).hasSize(42);
        for (LevelAssignment a : plan.assignments()) {
            assertThat(a.level()).as("%s", a).isEqualTo(expected.get(Arrays.asList(a.sensitivityCode(), a.diffusionCode())));
        }
        assertThat(plan.assignments().stream().map(a -> Arrays.asList(a.sensitivityCode(), a.diffusionCode())))
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(plan.fallback()).isEqualTo(WITHHELD);
        assertThat(plan.levelOf("7", "0")).isEqualTo(WITHHELD);
        assertThat(plan.areaTypeCodes()).isEqualTo(Map.of(COMMUNE, "COM", GRID, "M10", DEPARTEMENT, "DEP"));
    }

    @Test
    void selectionPlanFollowsSettings() {
        SensitivityRules rules = SensitivityRules.builder()
                .missingSensitivity(GRID).producerStandard(COMMUNE).areaType(GRID, "M5").build();
        SelectionPlan plan = rules.selectionPlan();
        assertThat(plan.levelOf(null, null)).isEqualTo(GRID);
        assertThat(plan.levelOf("0", "0")).isEqualTo(COMMUNE);
        assertThat(plan.levelOf("0", "5")).isEqualTo(PRECISE);
        assertThat(plan.levelOf(null, "3")).isEqualTo(DEPARTEMENT);
        assertThat(plan.areaTypeCode(GRID)).isEqualTo("M5");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "0, NULL, Non sensible - Diffusion précise",
            "0, 0,    Non sensible - Diffusion précise",
            "0, 5,    Non sensible - Diffusion précise",
            "1, NULL, Sensible - Diffusion à la Commune ou Znieff",
            "2, 0,    Sensible - Diffusion à la maille 10km",
            "3, 5,    Sensible - Diffusion au département",
            "2, 1,    Sensible - Diffusion à la maille 10km",
            "0, 1,    Non sensible - Diffusion à la Commune ou Znieff (restriction du producteur)",
            "0, 2,    Non sensible - Diffusion à la maille 10km (restriction du producteur)",
            "0, 3,    Non sensible - Diffusion au département (restriction du producteur)",
            "1, 2,    Sensible - Diffusion à la maille 10km (restriction du producteur)",
            "2, 3,    Sensible - Diffusion au département (restriction du producteur)",
            "1, 1,    Sensible - Diffusion à la Commune ou Znieff",
    })
    void labelsSayWhatWasAppliedAndWho(String s, String d, String label) {
        LevelDecision decision = SensitivityRules.standard().decide(s, d);
        assertThat(decision.label()).isEqualTo(label);
        assertThat(decision.producerRestricted()).isEqualTo(label.endsWith("(restriction du producteur)"));
        assertThat(decision.withholdCause()).isNull();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "4, NULL, SENSITIVITY",
            "4, 0,    SENSITIVITY",
            "0, 4,    SENSITIVITY",
            "2, 4,    SENSITIVITY",
            "NULL, NULL, UNKNOWN_SENSITIVITY",
            "NULL, 2, UNKNOWN_SENSITIVITY",
            "NULL, 4, UNKNOWN_SENSITIVITY",
            "5, NULL, UNKNOWN_CODE",
            "' 1', NULL, UNKNOWN_CODE",
            "'', NULL, UNKNOWN_CODE",
            "1, 6,    UNKNOWN_CODE",
            "1, x,    UNKNOWN_CODE",
            "NULL, 9, UNKNOWN_CODE",
    })
    void withheldRecordsCarryTheirCause(String s, String d, WithholdCause cause) {
        LevelDecision decision = SensitivityRules.standard().decide(s, d);
        assertThat(decision.level()).isEqualTo(WITHHELD);
        assertThat(decision.withholdCause()).isEqualTo(cause);
        assertThat(decision.label()).isNull();
    }

    @Test
    void missingSensitivityPolicyIsASettingAndLabelsSayItIsUnknown() {
        SensitivityRules rules = SensitivityRules.builder().missingSensitivity(GRID).build();
        assertThat(rules.decide(null, null).label()).isEqualTo("Sensibilité inconnue - Diffusion à la maille 10km");
        assertThat(rules.decide(null, "3").label())
                .isEqualTo("Sensibilité inconnue - Diffusion au département (restriction du producteur)");
        assertThat(rules.decide(null, "4").withholdCause()).isEqualTo(WithholdCause.SENSITIVITY);
        assertThat(SensitivityRules.builder().missingSensitivity(PRECISE).build().decide(null, "0").label())
                .isEqualTo("Sensibilité inconnue - Diffusion précise");
    }

    @Test
    void producerCodesZeroFiveAndNullCanEachBeMappedToALevel() {
        SensitivityRules rules = SensitivityRules.builder()
                .producerStandard(GRID).producerPrecise(COMMUNE).producerMissing(DEPARTEMENT).build();
        assertThat(rules.levelOf("0", "0")).isEqualTo(GRID);
        assertThat(rules.levelOf("0", "5")).isEqualTo(COMMUNE);
        assertThat(rules.levelOf("0", null)).isEqualTo(DEPARTEMENT);
        assertThat(rules.levelOf("3", "0")).isEqualTo(DEPARTEMENT);
        assertThat(rules.levelOf("0", "1")).isEqualTo(COMMUNE);
        assertThat(SensitivityRules.builder().producerMissing(WITHHELD).build().decide("0", null).withholdCause())
                .isEqualTo(WithholdCause.SENSITIVITY);
    }

    @Test
    void areaTypesAreSettingsAndGridWordingFollowsTheCellSize() {
        SensitivityRules standard = SensitivityRules.standard();
        assertThat(standard.areaTypeCode(COMMUNE)).isEqualTo("COM");
        assertThat(standard.areaTypeCode(GRID)).isEqualTo("M10");
        assertThat(standard.areaTypeCode(DEPARTEMENT)).isEqualTo("DEP");
        assertThatThrownBy(() -> standard.areaTypeCode(PRECISE)).isInstanceOf(IllegalArgumentException.class);

        SensitivityRules m5 = SensitivityRules.builder().areaType(GRID, "M5").build();
        assertThat(m5.areaTypeCode(GRID)).isEqualTo("M5");
        assertThat(m5.decide("2", null).label()).isEqualTo("Sensible - Diffusion à la maille 5km");
        SensitivityRules m1 = SensitivityRules.builder().areaType(GRID, "M1").build();
        assertThat(m1.decide("2", null).label()).isEqualTo("Sensible - Diffusion à la maille 1km");

        SensitivityRules worded = SensitivityRules.builder().areaType(COMMUNE, "ZNIEFF1")
                .wording(COMMUNE, "Diffusion à la ZNIEFF").build();
        assertThat(worded.decide("1", null).label()).isEqualTo("Sensible - Diffusion à la ZNIEFF");
    }

    @Test
    void builderRejectsNonsense() {
        assertThatThrownBy(() -> SensitivityRules.builder().areaType(PRECISE, "COM"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SensitivityRules.builder().areaType(WITHHELD, "COM"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SensitivityRules.builder().areaType(GRID, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SensitivityRules.builder().wording(WITHHELD, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SensitivityRules.builder().coverageTolerance(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SensitivityRules.builder().coverageTolerance(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SensitivityRules.builder().missingSensitivity(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void standardDefaults() {
        SensitivityRules rules = SensitivityRules.standard();
        assertThat(rules.communeTypeCode()).isEqualTo("COM");
        assertThat(rules.coverageTolerance()).isEqualTo(1.0);
        assertThat(rules.wording(GRID)).isEqualTo("Diffusion à la maille 10km");
    }
}
