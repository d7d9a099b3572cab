package org.naturaflux.sensitivity.degrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.field.Reveals;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.model.row.ReferenceArea;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.model.spec.DateCoarsening;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.GeometryAs;
import org.naturaflux.sensitivity.area.AreaIndex;
import org.naturaflux.sensitivity.rules.SensitivityRules;
import org.naturaflux.sensitivity.rules.WithholdCause;
import org.junit.jupiter.api.Test;
import org.naturaflux.sensitivity.testing.Gen;
import org.naturaflux.sensitivity.testing.Geo;
import org.naturaflux.sensitivity.testing.Oracle;
import org.naturaflux.sensitivity.testing.Properties;
import org.naturaflux.sensitivity.testing.Rows;
import org.naturaflux.sensitivity.testing.SyntheticTerritory;

/**
 * Invariants of degradation on a generated territory (60 km × 50 km: thirty 10 km cells, irregular
 * communes from a 12 × 10 mesh merged by twos and threes, four départements), checked against a geometric oracle computed in EPSG:2154 by
 * brute force over every area, without the index and without union: the expected areas are those the
 * precise geometry intersects; since areas of a type tile without overlap, the output is their union
 * exactly when it covers each of them and its area is the sum of theirs; the centroid of the union is
 * the area-weighted mean of their centroids; a commune is in the union when it shares a positive area
 * with one of them. EPSG:4326 results are compared through the fixture's affine map with a tolerance.
 */
class DegradationPropertiesTest {

    private static final SyntheticTerritory WORLD = SyntheticTerritory.generate(64, 685, 6, 5, 12, 10, 2, 2, true, 42);
    private static final AreaIndex INDEX = WORLD.index();
    private static final double DEG_TOLERANCE = 1e-9;
    private static final List<FieldDefinition> FIELDS = fields();
    private static final RecordDegrader POLYGONS = RecordDegrader.standard(INDEX, FIELDS);
    private static final RecordDegrader CENTROIDS = new RecordDegrader(SensitivityRules.standard(), INDEX, FIELDS,
            new ExportOptions(null, null, null, null, null, GeometryAs.CENTROID, null, null, null, null));

    /** The whole catalogue plus fields a platform might add, which are scrubbed by their declarations only. */
    private static List<FieldDefinition> fields() {
        List<FieldDefinition> fields = new ArrayList<>(FieldCatalogue.standard().fields());
        fields.add(new FieldDefinition("lieu_dit_bis", null, FieldType.TEXT, null, false, false, Set.of(Reveals.PLACE_NAME)));
        fields.add(new FieldDefinition("remarque_terrain", null, FieldType.TEXT, null, false, false, Set.of(Reveals.FREE_TEXT)));
        fields.add(new FieldDefinition("id_base_locale", null, FieldType.INTEGER, null, false, false, Set.of(Reveals.LINKING_ID)));
        fields.add(new FieldDefinition("emprise_wkt", null, FieldType.TEXT, null, false, false, Set.of(Reveals.GEOMETRY)));
        fields.add(new FieldDefinition("incertitude", null, FieldType.DECIMAL, null, false, false, Set.of(Reveals.PRECISION)));
        fields.add(new FieldDefinition("vu_le", null, FieldType.TIMESTAMP, null, false, false, EnumSet.of(Reveals.DATE, Reveals.TIME)));
        return List.copyOf(fields);
    }

    // ---------------------------------------------------------------- generators

    private static String sensitivities(Gen g) {
        return g.chance(0.1) ? null : g.oneOf("0", "1", "2", "3", "4", "x", "");
    }

    private static String diffusions(Gen g) {
        return g.frequency(List.of(
                Gen.weight(6, () -> (String) null),
                Gen.weight(6, () -> g.oneOf("0", "5")),
                Gen.weight(4, () -> g.oneOf("1", "2", "3")),
                Gen.weight(1, () -> g.oneOf("4", "9"))));
    }

    private static String degradedSensitivities(Gen g) {
        return g.oneOf("1", "2", "3");
    }

    private static Geometry geometries(Gen g) {
        Envelope e = WORLD.extent();
        java.util.function.DoubleSupplier xs = () -> g.between(e.getMinX() - 3000, e.getMaxX() + 3000);
        java.util.function.DoubleSupplier ys = () -> g.between(e.getMinY() - 3000, e.getMaxY() + 3000);
        java.util.function.DoubleSupplier offsets = () -> g.between(-12_000.0, 12_000.0);
        return g.frequency(List.<Gen.Weighted<Geometry>>of(
                Gen.weight(5, () -> point(xs.getAsDouble(), ys.getAsDouble())),
                Gen.weight(3, () -> onBoundary(g.oneOf(WORLD.all()), g.between(0, 1000), g.oneOf(0.0, 0.5, 0.25, 1.0 / 3))),
                Gen.weight(2, () -> {
                    List<Coordinate> coords = new ArrayList<>(List.of(new Coordinate(xs.getAsDouble(), ys.getAsDouble())));
                    int offsetCount = g.between(2, 6);
                    for (int i = 0; i + 1 < offsetCount; i += 2) {
                        Coordinate last = coords.get(coords.size() - 1);
                        coords.add(new Coordinate(last.x + offsets.getAsDouble(), last.y + offsets.getAsDouble()));
                    }
                    if (coords.size() < 2) {
                        coords.add(new Coordinate(coords.get(0).x + offsets.getAsDouble(), coords.get(0).y));
                    }
                    return Geo.FACTORY.createLineString(coords.toArray(Coordinate[]::new));
                }),
                Gen.weight(2, () -> {
                    double x = xs.getAsDouble();
                    double y = ys.getAsDouble();
                    return Geo.FACTORY.toGeometry(new Envelope(x, x + g.between(5.0, 9000.0), y, y + g.between(5.0, 9000.0)));
                }),
                Gen.weight(1, () -> {
                    double x = xs.getAsDouble();
                    double y = ys.getAsDouble();
                    Geometry t = Geo.FACTORY.createPolygon(new Coordinate[] {new Coordinate(x, y),
                            new Coordinate(x + offsets.getAsDouble() / 2, y + offsets.getAsDouble() / 2),
                            new Coordinate(x + offsets.getAsDouble() / 2, y + offsets.getAsDouble() / 2), new Coordinate(x, y)});
                    return t.isValid() && t.getArea() > 1 ? t : point(x, y);
                }),
                Gen.weight(1, () -> Geo.FACTORY.createMultiPointFromCoords(new Coordinate[] {
                        new Coordinate(xs.getAsDouble(), ys.getAsDouble()),
                        new Coordinate(xs.getAsDouble(), ys.getAsDouble())}))));
    }

    /** A point on an area's boundary: a vertex (t = 0) or a point along one of its edges. */
    private static Geometry onBoundary(ReferenceArea area, int edge, double t) {
        Coordinate[] ring = area.localGeometry().getCoordinates();
        int i = edge % (ring.length - 1);
        Coordinate a = ring[i];
        Coordinate b = ring[i + 1];
        return point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
    }

    private static Point point(double x, double y) {
        return Geo.FACTORY.createPoint(new Coordinate(x, y));
    }

    // ---------------------------------------------------------------- oracle

    /** The areas of the level's type that the precise geometry intersects, by brute force. */
    private static List<ReferenceArea> expectedAreas(DiffusionLevel level, Geometry precise) {
        List<ReferenceArea> touched = new ArrayList<>();
        for (ReferenceArea area : WORLD.ofType(Oracle.standardType(level))) {
            if (area.localGeometry().intersects(precise)) {
                touched.add(area);
            }
        }
        touched.sort(Comparator.comparing(ReferenceArea::code));
        return touched;
    }

    /** Whether the areas cover the precise geometry, up to the standard 1 m tolerance (by distance, not buffer). */
    private static boolean covered(List<ReferenceArea> areas, Geometry precise) {
        if (areas.isEmpty()) {
            return false;
        }
        Geometry rest = precise;
        for (ReferenceArea area : areas) {
            rest = rest.difference(area.localGeometry());
        }
        if (rest.isEmpty()) {
            return true;
        }
        Geometry all = Geo.FACTORY.buildGeometry(areas.stream().map(ReferenceArea::localGeometry).toList());
        // how far the part left outside the areas reaches from them (densified: not only its vertices)
        DiscreteHausdorffDistance reach = new DiscreteHausdorffDistance(rest, all);
        reach.setDensifyFraction(0.01);
        return reach.orientedDistance() <= 1.0;
    }

    private static ObservationRow row(long id, String s, String d, Geometry local) {
        return Rows.row(id, s, d, local, SyntheticTerritory.TO_4326, FIELDS);
    }

    private static Object value(ObservationRow row, String code) {
        return row.values()[Rows.indexOf(FIELDS, code)];
    }

    // ---------------------------------------------------------------- properties

    @Test
    void degradedGeometryIsTheUnionOfTheTouchedAreasAndCoversThePreciseOne() {
        Properties.forAll(400, 1_000L, (g, run) -> unionCase(degradedSensitivities(g), diffusions(g), geometries(g), run))
                // the generators must exercise every case the property distinguishes, often enough to mean something
                .requirePercentage("case", "one area", 5)
                .requirePercentage("case", "several areas", 5)
                .requireMoreThan("case", "no area", 0)
                .requireMoreThan("case", "partly outside", 0)
                .requireMoreThan("case", "withheld", 0)
                .requireMoreThan("border point", true, 10)
                .requireMoreThan("level", DiffusionLevel.COMMUNE, 20)
                .requireMoreThan("level", DiffusionLevel.GRID, 20)
                .requireMoreThan("level", DiffusionLevel.DEPARTEMENT, 20);
    }

    private static void unionCase(String s, String d, Geometry precise, Properties run) {
        DiffusionLevel level = Oracle.standardLevel(s, d);
        Degradation outcome = POLYGONS.degrade(row(1, s, d, precise));
        List<ReferenceArea> touched = level.isDegraded() ? expectedAreas(level, precise) : List.of();
        run.collect("case", level == DiffusionLevel.WITHHELD ? "withheld"
                : touched.isEmpty() ? "no area" : !covered(touched, precise) ? "partly outside"
                : touched.size() == 1 ? "one area" : "several areas");
        run.collect("level", level);
        // a point touching several areas of one tiling type lies on their shared border (edge or corner)
        run.collect("border point", precise instanceof Point && touched.size() > 1);
        if (level == DiffusionLevel.WITHHELD) {
            assertThat(outcome).isInstanceOf(Degradation.Withheld.class);
            return;
        }
        List<ReferenceArea> expected = expectedAreas(level, precise);
        if (!covered(expected, precise)) {
            assertThat(outcome).isEqualTo(new Degradation.Withheld(1, s, d, level, WithholdCause.NO_AREA));
            return;
        }
        assertThat(outcome).isInstanceOf(Degradation.Exported.class);
        Degradation.Exported exported = (Degradation.Exported) outcome;
        assertThat(exported.level()).isEqualTo(level);
        assertThat(exported.areaCodes()).containsExactlyElementsOf(expected.stream().map(ReferenceArea::code).toList());
        Geometry output = exported.row().geometry();
        Geometry slack = output.buffer(DEG_TOLERANCE);
        double sum = 0;
        for (ReferenceArea area : expected) {
            Geometry tile = SyntheticTerritory.TO_4326.transform(area.localGeometry());
            assertThat(slack.covers(tile)).as("output covers %s", area.code()).isTrue();
            sum += tile.getArea();
        }
        assertThat(output.getArea()).isCloseTo(sum, within(sum * 1e-9));
        Geometry precise4326 = SyntheticTerritory.TO_4326.transform(precise);
        assertThat(output.buffer(1.0 / 60_000).covers(precise4326)).as("covers the precise geometry").isTrue();
    }

    @Test
    void centroidIsTheCentroidOfTheAreas() {
        Properties.forAll(300, 2_000L, g -> centroidCase(degradedSensitivities(g), geometries(g)));
    }

    private static void centroidCase(String s, Geometry precise) {
        DiffusionLevel level = Oracle.standardLevel(s, null);
        List<ReferenceArea> expected = expectedAreas(level, precise);
        Degradation asPoint = CENTROIDS.degrade(row(2, s, null, precise));
        Degradation asPolygon = POLYGONS.degrade(row(2, s, null, precise));
        if (!covered(expected, precise)) {
            assertThat(asPoint).isInstanceOf(Degradation.Withheld.class);
            return;
        }
        double area = 0;
        double x = 0;
        double y = 0;
        for (ReferenceArea a : expected) {
            Geometry tile = a.localGeometry();
            Point c = tile.getCentroid();
            area += tile.getArea();
            x += c.getX() * tile.getArea();
            y += c.getY() * tile.getArea();
        }
        Coordinate expectedCentroid = SyntheticTerritory.TO_4326.transform(new Coordinate(x / area, y / area), new Coordinate());
        Geometry point = ((Degradation.Exported) asPoint).row().geometry();
        assertThat(point).isInstanceOf(Point.class);
        assertThat(point.getCoordinate().x).isCloseTo(expectedCentroid.x, within(DEG_TOLERANCE));
        assertThat(point.getCoordinate().y).isCloseTo(expectedCentroid.y, within(DEG_TOLERANCE));
        ObservationRow polygonRow = ((Degradation.Exported) asPolygon).row();
        assertThat((Double) value(polygonRow, "x_centroid_4326")).isCloseTo(expectedCentroid.x, within(DEG_TOLERANCE));
        assertThat((Double) value(polygonRow, "y_centroid_4326")).isCloseTo(expectedCentroid.y, within(DEG_TOLERANCE));
        ObservationRow pointRow = ((Degradation.Exported) asPoint).row();
        assertThat(value(pointRow, "x_centroid_4326")).isEqualTo(value(polygonRow, "x_centroid_4326"));
        // precision states at least the size of the areas, so the centroid's uncertainty
        Envelope env = new Envelope();
        expected.forEach(a -> env.expandToInclude(a.localGeometry().getEnvelopeInternal()));
        long size = (long) Math.ceil(Math.hypot(env.getWidth(), env.getHeight()));
        assertThat((Long) value(pointRow, "precision_geographique")).isEqualTo(Math.max(size, Rows.SOURCE_PRECISION));
        assertThat((Double) value(pointRow, "incertitude")).isGreaterThanOrEqualTo((double) size);
    }

    @Test
    void communesListEveryCommuneTheOutputCovers() {
        Properties.forAll(300, 3_000L, g -> communesCase(degradedSensitivities(g), geometries(g)));
    }

    private static void communesCase(String s, Geometry precise) {
        DiffusionLevel level = Oracle.standardLevel(s, null);
        List<ReferenceArea> expected = expectedAreas(level, precise);
        Degradation outcome = POLYGONS.degrade(row(3, s, null, precise));
        if (!(outcome instanceof Degradation.Exported exported)) {
            return;
        }
        TreeSet<String> names = new TreeSet<>();
        for (ReferenceArea commune : WORLD.communes()) {
            for (ReferenceArea a : expected) {
                if (commune.localGeometry().intersection(a.localGeometry()).getArea() > 1.0) {
                    names.add(commune.name());
                }
            }
        }
        assertThat(value(exported.row(), "communes")).isEqualTo(String.join(", ", names));
    }

    @Test
    void noScrubbedFieldSurvives() {
        Properties.forAll(400, 4_000L, g -> scrubCase(sensitivities(g), diffusions(g), geometries(g),
                g.oneOf(DateCoarsening.class), g.oneOf(GeometryAs.class)));
    }

    private static void scrubCase(String s, String d, Geometry precise, DateCoarsening coarsening, GeometryAs geometryAs) {
        RecordDegrader degrader = new RecordDegrader(SensitivityRules.standard(), INDEX, FIELDS,
                new ExportOptions(null, null, null, null, null, geometryAs, coarsening, null, null, null));
        ObservationRow in = row(4, s, d, precise);
        Degradation outcome = degrader.degrade(in);
        if (!(outcome instanceof Degradation.Exported exported)) {
            return;
        }
        ObservationRow out = exported.row();
        assertThat(value(out, "niveau_sensibilite")).isEqualTo(exported.label());
        if (exported.level() == DiffusionLevel.PRECISE) {
            assertThat(value(out, "codes_zones_diffusion")).isNull();
            assertThat(out.geometry()).isSameAs(in.geometry());
            return;
        }
        assertThat(out.localGeometry()).isNull();
        Point areaCentroid = out.geometry().getCentroid();
        for (int i = 0; i < FIELDS.size(); i++) {
            FieldDefinition field = FIELDS.get(i);
            Object v = out.values()[i];
            assertThat(String.valueOf(v)).as(field.code()).doesNotContain(Rows.CANARY);
            assertThat(v).as(field.code()).isNotEqualTo(Rows.CANARY_ELEVATION).isNotEqualTo((double) Rows.CANARY_ELEVATION);
            if (!field.reveals().isEmpty()) {
                assertThat(v).as(field.code()).isNotEqualTo(in.geometry()).isNotEqualTo(in.geometry().toText());
            }
            if (field.reveals(Reveals.CENTROID)) {
                // the areas' centroid, whatever the precise position (it may coincide, e.g. on a cell edge)
                assertThat(v).as(field.code()).isIn(areaCentroid.getX(), areaCentroid.getY());
            }
            if (field.reveals(Reveals.TIME) && !field.reveals(Reveals.DATE)) {
                assertThat(v).as(field.code()).isEqualTo(coarsening == DateCoarsening.NONE ? in.values()[i] : null);
            }
            if (field.reveals(Reveals.DATE) && v instanceof LocalDate date) {
                assertThat(date).isEqualTo(switch (coarsening) {
                    case NONE -> Rows.DATE;
                    case MONTH -> Rows.DATE.withDayOfMonth(1);
                    case YEAR -> Rows.DATE.withDayOfYear(1);
                });
            }
            if (field.reveals(Reveals.DATE) && v instanceof LocalDateTime dateTime) {
                assertThat(dateTime).isEqualTo(switch (coarsening) {
                    case NONE -> Rows.TIMESTAMP;
                    case MONTH -> Rows.DATE.withDayOfMonth(1).atStartOfDay();
                    case YEAR -> Rows.DATE.withDayOfYear(1).atStartOfDay();
                });
            }
            if (field.reveals(Reveals.PRECISION)) {
                assertThat(((Number) v).doubleValue()).as(field.code()).isGreaterThan(1000.0);
            }
        }
        assertThat(out.geometry().equalsExact(in.geometry())).isFalse();
    }

    @Test
    void levelFourAndUnknownCodesNeverComeOut() {
        Properties.forAll(300, 5_000L, g -> withheldCase(sensitivities(g), diffusions(g), geometries(g)));
    }

    private static void withheldCase(String s, String d, Geometry precise) {
        Degradation outcome = POLYGONS.degrade(row(5, s, d, precise));
        boolean unknown = (s != null && !List.of("0", "1", "2", "3", "4").contains(s))
                || (d != null && !List.of("0", "1", "2", "3", "4", "5").contains(d));
        if (unknown) {
            assertThat(outcome).isEqualTo(new Degradation.Withheld(5, s, d, DiffusionLevel.WITHHELD, WithholdCause.UNKNOWN_CODE));
        } else if (s == null) {
            assertThat(outcome).isEqualTo(new Degradation.Withheld(5, s, d, DiffusionLevel.WITHHELD, WithholdCause.UNKNOWN_SENSITIVITY));
        } else if ("4".equals(s) || "4".equals(d)) {
            assertThat(outcome).isEqualTo(new Degradation.Withheld(5, s, d, DiffusionLevel.WITHHELD, WithholdCause.SENSITIVITY));
        } else {
            assertThat(outcome.level()).isIn(Oracle.standardLevel(s, d), DiffusionLevel.WITHHELD);
        }
    }

    @Test
    void sameInputSameOutput() {
        Properties.forAll(200, 6_000L, g -> determinismCase(sensitivities(g), diffusions(g), geometries(g)));
    }

    private static void determinismCase(String s, String d, Geometry precise) {
        ObservationRow in = row(6, s, d, precise);
        Degradation warm = POLYGONS.degrade(in);
        Degradation cold = RecordDegrader.standard(WORLD.index(), FIELDS).degrade(in);
        assertThat(cold.getClass()).isEqualTo(warm.getClass());
        if (warm instanceof Degradation.Exported a && cold instanceof Degradation.Exported b) {
            assertThat(b.row().values()).containsExactly(a.row().values());
            assertThat(b.row().geometry().equalsExact(a.row().geometry())).isTrue();
            assertThat(b.areaCodes()).isEqualTo(a.areaCodes());
        } else {
            assertThat(cold).isEqualTo(warm);
        }
    }

    @Test
    void recordsInTheSameAreaAreIndistinguishable() {
        Properties.forAll(300, 7_000L, (g, run) -> sameAreaCase(degradedSensitivities(g), diffusions(g),
                        g.between(0.0, 1.0), g.between(0.0, 1.0), g.between(0.0, 1.0), g.between(0.0, 1.0),
                        g.between(0, 10_000), run))
                .requirePercentage("compared", true, 25);
    }

    private static void sameAreaCase(String s, String d, double u1, double v1, double u2, double v2, int pick,
                                     Properties run) {
        DiffusionLevel level = Oracle.standardLevel(s, d);
        if (!level.isDegraded()) {
            return;
        }
        List<ReferenceArea> areas = WORLD.ofType(Oracle.standardType(level));
        ReferenceArea area = areas.get(Math.floorMod(pick, areas.size()));
        Point p1 = interiorPoint(area, u1, v1);
        Point p2 = interiorPoint(area, u2, v2);
        run.collect("compared", p1 != null && p2 != null);
        if (p1 == null || p2 == null) {
            return;
        }
        Degradation a = POLYGONS.degrade(row(7, s, d, p1));
        Degradation b = POLYGONS.degrade(row(7, s, d, p2));
        assertThat(a).isInstanceOf(Degradation.Exported.class);
        ObservationRow ra = ((Degradation.Exported) a).row();
        ObservationRow rb = ((Degradation.Exported) b).row();
        // Inputs differ (geometry, centroids); outputs must not.
        assertThat(rb.values()).containsExactly(ra.values());
        assertThat(rb.geometry().equalsExact(ra.geometry())).isTrue();
        assertThat(((Degradation.Exported) a).areaCodes()).containsExactly(area.code());
    }

    /** A point strictly inside one area of its type (none of its neighbours touches it), or null. */
    private static Point interiorPoint(ReferenceArea area, double u, double v) {
        Envelope e = area.localGeometry().getEnvelopeInternal();
        Point p = point(e.getMinX() + u * e.getWidth(), e.getMinY() + v * e.getHeight());
        if (!area.localGeometry().contains(p) || area.localGeometry().getBoundary().distance(p) < 1.0) {
            return null;
        }
        return p;
    }
}
