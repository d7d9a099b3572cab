package org.naturaflux.sensitivity.select;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.model.row.ReferenceArea;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.junit.jupiter.api.Test;
import org.naturaflux.sensitivity.testing.Gen;
import org.naturaflux.sensitivity.testing.Geo;
import org.naturaflux.sensitivity.testing.Oracle;
import org.naturaflux.sensitivity.testing.Properties;
import org.naturaflux.sensitivity.testing.SyntheticTerritory;

/**
 * The selection rule on a generated territory, against a brute-force oracle: a degraded record is
 * selected exactly when one of the areas of its level that it touches meets the territory, so two
 * records inside the same area are selected alike, however small the territory.
 */
class SelectionRulePropertiesTest {

    private static final SyntheticTerritory WORLD = SyntheticTerritory.generate(64, 685, 6, 5, 12, 10, 2, 2, true, 7);
    private static final SelectionRule RULE = new SelectionRule(SensitivityRules.standard(), WORLD.index());

    private static String sensitivities(Gen g) {
        return g.chance(0.05) ? null : g.oneOf("0", "1", "1", "2", "2", "3", "3", "4", "x");
    }

    private static String diffusions(Gen g) {
        return g.chance(0.5) ? null : g.oneOf("0", "1", "2", "3", "4", "5");
    }

    /** How far the territory's centre is from the record: often zero (the territory on the record itself). */
    private static double offset(Gen g) {
        return g.chance(0.55) ? 0.0 : g.between(-12_000.0, 12_000.0);
    }

    @Test
    void selectsByTheDegradedAreaNeverByThePrecisePosition() {
        Properties run = Properties.forAll(1000, 10_000L, (g, tally) -> selectionCase(sensitivities(g), diffusions(g),
                offset(g), offset(g), g.between(0.5, 3000.0),
                g.between(0.0, 1.0), g.between(0.0, 1.0), g.between(0.0, 1.0), g.between(0.0, 1.0), g.between(0.0, 1.0),
                tally));
        for (DiffusionLevel l : DiffusionLevel.values()) {
            run.requireMoreThan("selected", l + "/false", 10);
            if (l != DiffusionLevel.WITHHELD) {
                run.requireMoreThan("selected", l + "/true", 10);
            }
        }
    }

    private static void selectionCase(String s, String d, double dx, double dy, double radius,
                                      double u1, double v1, double u2, double v2, double pick, Properties run) {
        DiffusionLevel level = Oracle.standardLevel(s, d);
        Envelope e = WORLD.extent();
        Geometry p1 = point(e.getMinX() - 1000 + u1 * (e.getWidth() + 2000), e.getMinY() - 1000 + v1 * (e.getHeight() + 2000));
        // a small square territory somewhere near the record
        double cx = p1.getCoordinate().x + dx * (u2 < 0.2 ? radius / 3000 : 1);
        double cy = p1.getCoordinate().y + dy * (u2 < 0.2 ? radius / 3000 : 1);
        Geometry territory = Geo.FACTORY.toGeometry(new Envelope(cx - radius, cx + radius, cy - radius, cy + radius));
        boolean expected = switch (level) {
            case WITHHELD -> false;
            case PRECISE -> territory.intersects(p1);
            default -> touched(level, p1).stream().anyMatch(a -> a.localGeometry().relate(territory, "T********"));
        };
        run.collect("selected", level + "/" + expected);
        assertThat(RULE.selects(s, d, p1, territory)).isEqualTo(expected);

        if (level.isDegraded()) {
            // another record inside the same area of its level: selected alike
            List<ReferenceArea> areas = WORLD.ofType(Oracle.standardType(level));
            ReferenceArea area = areas.get((int) Math.min(areas.size() - 1, pick * areas.size()));
            Envelope a = area.localGeometry().getEnvelopeInternal();
            Geometry q1 = point(a.getMinX() + u1 * a.getWidth(), a.getMinY() + v1 * a.getHeight());
            Geometry q2 = point(a.getMinX() + u2 * a.getWidth(), a.getMinY() + v2 * a.getHeight());
            if (inside(area, q1) && inside(area, q2)) {
                boolean areaMeets = area.localGeometry().relate(territory, "T********");
                assertThat(RULE.selects(s, d, q1, territory)).isEqualTo(areaMeets);
                assertThat(RULE.selects(s, d, q2, territory)).isEqualTo(areaMeets);
            }
        }
    }

    private static boolean inside(ReferenceArea area, Geometry p) {
        return area.localGeometry().contains(p) && area.localGeometry().getBoundary().distance(p) > 1.0;
    }

    private static List<ReferenceArea> touched(DiffusionLevel level, Geometry precise) {
        return WORLD.ofType(Oracle.standardType(level)).stream()
                .filter(a -> a.localGeometry().intersects(precise)).toList();
    }

    private static Geometry point(double x, double y) {
        return Geo.FACTORY.createPoint(new Coordinate(x, y));
    }
}
