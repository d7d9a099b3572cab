package org.naturaflux.sensitivity.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.sensitivity.testing.Geo.wkt;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.sensitivity.testing.ExampleTerritory;
import org.naturaflux.sensitivity.testing.Geo;

/** A tiny territory must not locate a degraded record: it selects all of an area's records or none. */
class SelectionRuleTest {

    private final SelectionRule rule = new SelectionRule(SensitivityRules.standard(), ExampleTerritory.index());

    /** A 2 m square territory around a point. */
    private static Geometry tiny(double x, double y) {
        return Geo.FACTORY.toGeometry(new Envelope(x - 1, x + 1, y - 1, y + 1));
    }

    /** Positions all over cell E065N686 (x 650000-660000, y 6860000-6870000), edges and corners included. */
    private static List<Geometry> positionsInCellE065N686() {
        List<Geometry> points = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            for (int j = 0; j <= 10; j++) {
                points.add(Geo.FACTORY.createPoint(new Coordinate(650_000 + i * 1000, 6_860_000 + j * 1000)));
            }
        }
        return points;
    }

    @Test
    void tinyTerritoryInsideACellSelectsEveryGridRecordOfTheCellWhateverItsPosition() {
        Geometry territory = tiny(655_500, 6_865_500);
        for (Geometry precise : positionsInCellE065N686()) {
            assertThat(rule.selects("2", null, precise, territory)).as("%s", precise).isTrue();
            assertThat(rule.selects("0", "2", precise, territory)).as("producer-restricted %s", precise).isTrue();
        }
    }

    @Test
    void tinyTerritoryInsideACellSelectsNoGridRecordOfAnotherCellWhateverItsPosition() {
        Geometry territory = tiny(675_500, 6_875_500); // in E067N687, not adjacent to E065N686
        for (Geometry precise : positionsInCellE065N686()) {
            assertThat(rule.selects("2", null, precise, territory)).as("%s", precise).isFalse();
        }
    }

    @Test
    void preciseRecordsAreSelectedByTheirPreciseGeometry() {
        Geometry territory = tiny(655_500, 6_865_500);
        assertThat(rule.selects("0", null, wkt("POINT (655500 6865500)"), territory)).isTrue();
        assertThat(rule.selects("0", null, wkt("POINT (655510 6865500)"), territory)).isFalse();
        assertThat(rule.selects("0", "5", wkt("LINESTRING (655400 6865500, 655600 6865500)"), territory)).isTrue();
    }

    @Test
    void communeAndDepartementRecordsAreSelectedByTheirWholeArea() {
        Geometry inAlpha = tiny(645_000, 6_855_000);
        assertThat(rule.selects("1", null, wkt("POINT (650000 6866000)"), inAlpha)).isTrue();
        assertThat(rule.selects("1", null, wkt("POINT (670000 6855000)"), inAlpha)).isFalse(); // Beta
        assertThat(rule.selects("1", null, wkt("POINT (656000 6858000)"), inAlpha)).isTrue(); // Alpha|Beta border
        assertThat(rule.selects("3", null, wkt("POINT (645000 6878000)"), inAlpha)).isTrue(); // Gamma, département 91
        assertThat(rule.selects("3", null, wkt("POINT (678000 6878000)"), inAlpha)).isFalse(); // département 77
    }

    @Test
    void withheldRecordsAreNeverSelectedEvenWhereTheyAre() {
        Geometry territory = tiny(655_500, 6_865_500);
        Geometry precise = wkt("POINT (655500 6865500)");
        assertThat(rule.selects("4", null, precise, territory)).isFalse();
        assertThat(rule.selects("0", "4", precise, territory)).isFalse();
        assertThat(rule.selects(null, null, precise, territory)).isFalse();
        assertThat(rule.selects("7", null, precise, territory)).isFalse();
    }

    @Test
    void degradedRecordsOutsideEveryAreaAreNotSelected() {
        Geometry territory = tiny(700_000, 6_900_000);
        assertThat(rule.selects("2", null, wkt("POINT (700000 6900000)"), territory)).isFalse();
        assertThat(rule.selects("0", null, wkt("POINT (700000 6900000)"), territory)).isTrue();
        assertThat(rule.selects("2", null, null, territory)).isFalse();
    }

    @Test
    void otherAreaTypesFollowTheRules() {
        SelectionRule communesForGrid = new SelectionRule(
                SensitivityRules.builder().areaType(org.naturaflux.model.sensitivity.DiffusionLevel.GRID, "COM").build(),
                ExampleTerritory.index());
        Geometry inAlpha = tiny(645_000, 6_855_000);
        assertThat(communesForGrid.selects("2", null, wkt("POINT (650000 6866000)"), inAlpha)).isTrue();
        assertThat(rule.selects("2", null, wkt("POINT (650000 6866000)"), inAlpha)).isFalse();
    }
}
