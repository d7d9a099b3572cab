package org.naturaflux.source.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * A plausible Île-de-France in Lambert-93 (EPSG:2154), since the real boundaries cannot be downloaded
 * here. Paris is an oval at its real place; Hauts-de-Seine, Seine-Saint-Denis and Val-de-Marne share the
 * ring around it (the "petite couronne"); Yvelines, Val-d'Oise, Seine-et-Marne and Essonne share the rest
 * of the regional outline; each share is the Voronoi cell of the département's real approximate centre.
 * The communes of a département (as many as the official geographic code lists) are Voronoi cells of
 * random seeds clipped to it, so that they tile it exactly; Paris is one commune (75056), as in the
 * code. A few ZNIEFF of type 1 lie around the places naturalists visit most ({@link #HOTSPOTS}).
 * Deterministic from the seed.
 */
final class DemoGeography {

    static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 2154);

    /** A commune, département or ZNIEFF. */
    record Area(String code, String name, String department, MultiPolygon geometry) {
    }

    /**
     * A place where observations concentrate (a city, a forest, a wetland): observations around it
     * follow a normal law of standard deviation {@code sigma} metres; {@code share} of all observations.
     */
    record Hotspot(String name, double x, double y, double sigma, double share) {
    }

    /** The hotspots of the demo; the remaining share of observations is spread uniformly over the region. */
    static final List<Hotspot> HOTSPOTS = List.of(
            new Hotspot("Paris", 652_000, 6_862_500, 3_500, 0.16),
            new Hotspot("Bois de Boulogne", 644_500, 6_861_500, 1_200, 0.02),
            new Hotspot("Forêt de Fontainebleau", 672_000, 6_813_000, 6_000, 0.09),
            new Hotspot("Forêt de Rambouillet", 609_000, 6_838_000, 6_000, 0.07),
            new Hotspot("Vexin français", 617_000, 6_885_000, 7_000, 0.05),
            new Hotspot("La Bassée", 716_000, 6_815_000, 4_500, 0.04),
            new Hotspot("Forêt de Sénart", 662_500, 6_834_000, 2_500, 0.03),
            new Hotspot("Vallée de la Marne", 690_000, 6_864_000, 5_000, 0.04));

    /**
     * Code, name, number of communes (official geographic code), then the x, y of one or more seeds
     * around the département's real position (a big département has several).
     */
    private static final Object[][] INNER = {
            {"92", "Hauts-de-Seine", 36, 641_000.0, 6_860_000.0},
            {"93", "Seine-Saint-Denis", 40, 658_000.0, 6_875_000.0},
            {"94", "Val-de-Marne", 47, 658_000.0, 6_848_000.0}};
    private static final Object[][] OUTER = {
            {"77", "Seine-et-Marne", 507, 698_000.0, 6_812_000.0, 712_000.0, 6_848_000.0, 712_000.0, 6_884_000.0},
            {"78", "Yvelines", 259, 603_000.0, 6_858_000.0, 612_000.0, 6_830_000.0},
            {"91", "Essonne", 194, 645_000.0, 6_815_000.0, 642_000.0, 6_796_000.0},
            {"95", "Val-d'Oise", 184, 620_000.0, 6_890_000.0, 652_000.0, 6_896_000.0}};

    private static final String[] PREFIXES = {"Saint-", "Sainte-", "Le ", "La ", "Les ", "Villiers-", "Bois-", "",
            "", "", "", "", ""};
    private static final String[] ROOTS = {"Ville", "Mont", "Val", "Fontaine", "Champ", "Moulin", "Roche", "Marais",
            "Chêne", "Orme", "Mesnil", "Fresnes", "Bussy", "Chelles", "Corbeil", "Milly", "Nangis", "Provins", "Meaux",
            "Magny", "Houdan", "Dourdan", "Arpajon", "Brie", "Lagny", "Montigny", "Thiverval", "Boissy", "Chevry",
            "Courtry", "Jouy", "Marolles", "Rosny", "Saulx", "Vaux", "Vernou", "Écquevilly", "Grisy", "Lisses",
            "Ormoy", "Presles", "Tigery", "Valmondois", "Boutigny", "Crosne", "Étiolles", "Gometz", "Limours"};
    private static final String[] SUFFIXES = {"", "", "", "-sur-Seine", "-sur-Marne", "-en-Brie", "-le-Château",
            "-la-Forêt", "-sur-Oise", "-en-Vexin", "-le-Grand", "-le-Petit", "-sous-Bois", "-aux-Loges", "-sur-Yvette",
            "-en-France", "-le-Roi", "-la-Ville", "-sur-Orge", "-en-Yvelines"};
    private static final String[] ZNIEFF_NAMES = {"Forêt domaniale de Fontainebleau", "Massif de Rambouillet",
            "Étangs de Hollande", "Marais de la Bassée", "Coteaux de la Seine à Vétheuil", "Forêt de Sénart",
            "Bois de Vincennes", "Boucles de la Marne", "Marais de Larchant", "Vallée de l'Epte", "Butte de Montgé",
            "Platières d'Apremont"};

    private final List<Area> departments = new ArrayList<>();
    private final List<Area> communes = new ArrayList<>();
    private final List<Area> znieffs = new ArrayList<>();

    DemoGeography(long seed) {
        Random random = new Random(seed);
        Geometry outline = outline();
        Geometry paris = oval(652_000, 6_862_500, 8_000, 4_200, 0.05, 0);
        Geometry innerRing = oval(652_500, 6_861_500, 17_000, 14_000, 0.06, 1).intersection(outline).difference(paris);
        Geometry outerRing = outline.difference(oval(652_500, 6_861_500, 17_000, 14_000, 0.06, 1));
        Set<String> names = new HashSet<>();
        addDepartment("75", "Paris", paris, 1, random, names);
        split(INNER, innerRing, random, names);
        split(OUTER, outerRing, random, names);
        departments.sort((a, b) -> a.code().compareTo(b.code()));
        addZnieffs(random, outline);
    }

    List<Area> departments() {
        return departments;
    }

    List<Area> communes() {
        return communes;
    }

    List<Area> znieffs() {
        return znieffs;
    }

    /** The regional outline: an irregular polygon the eight départements tile. */
    static Polygon outline() {
        Coordinate[] ring = {
                new Coordinate(586_000, 6_860_000), new Coordinate(594_000, 6_878_000), new Coordinate(607_000, 6_892_000),
                new Coordinate(626_000, 6_899_000), new Coordinate(648_000, 6_906_000), new Coordinate(668_000, 6_893_000),
                new Coordinate(690_000, 6_899_000), new Coordinate(712_000, 6_890_000), new Coordinate(726_000, 6_872_000),
                new Coordinate(735_000, 6_850_000), new Coordinate(728_000, 6_815_000), new Coordinate(714_000, 6_795_000),
                new Coordinate(698_000, 6_782_000), new Coordinate(680_000, 6_795_000), new Coordinate(660_000, 6_798_000),
                new Coordinate(642_000, 6_792_000), new Coordinate(624_000, 6_800_000), new Coordinate(610_000, 6_815_000),
                new Coordinate(600_000, 6_833_000), new Coordinate(590_000, 6_848_000), new Coordinate(586_000, 6_860_000)};
        return FACTORY.createPolygon(ring);
    }

    /** The envelope of the region. */
    static Envelope extent() {
        return outline().getEnvelopeInternal();
    }

    private void split(Object[][] departmentsOfRing, Geometry ring, Random random, Set<String> names) {
        List<Coordinate> seeds = new ArrayList<>();
        for (Object[] d : departmentsOfRing) {
            for (int i = 3; i < d.length; i += 2) {
                seeds.add(new Coordinate((Double) d[i], (Double) d[i + 1]));
            }
        }
        List<Geometry> cells = voronoi(seeds, ring.getEnvelopeInternal());
        for (Object[] d : departmentsOfRing) {
            List<Geometry> parts = new ArrayList<>();
            for (int i = 3; i < d.length; i += 2) {
                parts.add(cellOf(cells, new Coordinate((Double) d[i], (Double) d[i + 1])));
            }
            Geometry shape = FACTORY.buildGeometry(parts).union().intersection(ring);
            addDepartment((String) d[0], (String) d[1], shape, (Integer) d[2], random, names);
        }
    }

    private void addDepartment(String code, String name, Geometry shape, int communeCount, Random random, Set<String> names) {
        MultiPolygon department = multi(shape);
        departments.add(new Area(code, name, code, department));
        if (communeCount == 1) {
            names.add(name);
            communes.add(new Area(code + "056", name, code, department));
            return;
        }
        List<Coordinate> seeds = new ArrayList<>();
        Envelope e = department.getEnvelopeInternal();
        while (seeds.size() < communeCount) {
            Coordinate c = new Coordinate(e.getMinX() + random.nextDouble() * e.getWidth(),
                    e.getMinY() + random.nextDouble() * e.getHeight());
            if (department.contains(FACTORY.createPoint(c))) {
                seeds.add(c);
            }
        }
        List<Geometry> cells = voronoi(seeds, e);
        List<Geometry> parts = new ArrayList<>();
        for (Coordinate s : seeds) {
            Geometry commune = cellOf(cells, s).intersection(department);
            if (!commune.isEmpty() && commune.getArea() >= 1) {
                parts.add(commune);
            }
        }
        // INSEE codes follow the west-to-east order of the communes' seeds, with gaps as in the real code
        parts.sort((a, b) -> Double.compare(a.getInteriorPoint().getX(), b.getInteriorPoint().getX()));
        int number = 0;
        for (Geometry commune : parts) {
            number += 1 + random.nextInt(2);
            communes.add(new Area(code + String.format("%03d", number), uniqueName(random, names), code, multi(commune)));
        }
    }

    private void addZnieffs(Random random, Geometry outline) {
        for (int i = 0; i < ZNIEFF_NAMES.length; i++) {
            Hotspot around = HOTSPOTS.get(1 + i % (HOTSPOTS.size() - 1));
            double x = around.x() + (random.nextDouble() - 0.5) * around.sigma();
            double y = around.y() + (random.nextDouble() - 0.5) * around.sigma();
            double rx = 600 + random.nextDouble() * 2_400;
            double ry = 600 + random.nextDouble() * 2_400;
            Geometry shape = oval(x, y, rx, ry, 0.25, 10 + i).intersection(outline);
            if (!shape.isEmpty()) {
                znieffs.add(new Area(String.format("110%06d", 20_000 + 37 * i), ZNIEFF_NAMES[i], null, multi(shape)));
            }
        }
    }

    private static String uniqueName(Random random, Set<String> names) {
        while (true) {
            String name = PREFIXES[random.nextInt(PREFIXES.length)] + ROOTS[random.nextInt(ROOTS.length)]
                    + SUFFIXES[random.nextInt(SUFFIXES.length)];
            if (names.add(name)) {
                return name;
            }
        }
    }

    /** An oval with a wavy outline (deterministic: the waves depend on {@code phase} only). */
    private static Polygon oval(double cx, double cy, double rx, double ry, double waviness, int phase) {
        int n = 72;
        Coordinate[] ring = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            double wave = 1 + waviness * (Math.sin(3 * t + phase) * 0.6 + Math.sin(7 * t + 2 * phase) * 0.4);
            ring[i] = new Coordinate(cx + rx * wave * Math.cos(t), cy + ry * wave * Math.sin(t));
        }
        ring[n] = ring[0];
        return FACTORY.createPolygon(ring);
    }

    private static List<Geometry> voronoi(List<Coordinate> sites, Envelope clip) {
        VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
        builder.setSites(sites);
        Envelope env = new Envelope(clip);
        env.expandBy(20_000);
        builder.setClipEnvelope(env);
        Geometry diagram = builder.getDiagram(FACTORY);
        List<Geometry> cells = new ArrayList<>();
        for (int i = 0; i < diagram.getNumGeometries(); i++) {
            cells.add(diagram.getGeometryN(i));
        }
        return cells;
    }

    private static Geometry cellOf(List<Geometry> cells, Coordinate site) {
        for (Geometry cell : cells) {
            if (cell.getUserData() instanceof Coordinate c && c.equals2D(site)) {
                return cell;
            }
        }
        throw new IllegalStateException("no Voronoi cell for " + site);
    }

    @SuppressWarnings("unchecked")
    private static MultiPolygon multi(Geometry g) {
        List<Polygon> polygons = new ArrayList<>(PolygonExtracter.getPolygons(g));
        return FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }
}
