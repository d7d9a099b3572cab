package org.naturaflux.source.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * Plausible Île-de-France geography in Lambert-93 (EPSG:2154), since real boundaries cannot be
 * downloaded here: the eight départements are Voronoi cells of their real approximate centres inside a
 * rough regional outline; communes are Voronoi cells of random seeds clipped to their département, so
 * they tile it exactly (Paris is one commune, as in the COG). Deterministic from the seed.
 */
final class DemoGeography {

    static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 2154);
    /** The region's extent, in metres (Lambert-93). */
    static final Envelope EXTENT = new Envelope(586_000, 740_000, 6_780_000, 6_914_000);

    /** A commune or département. */
    record Area(String code, String name, String department, MultiPolygon geometry) {
    }

    /** Département code, name, centre x, centre y, number of communes (as in the COG). */
    private static final Object[][] DEPARTMENTS = {
            {"75", "Paris", 651_500.0, 6_862_000.0, 1},
            {"77", "Seine-et-Marne", 702_000.0, 6_835_000.0, 507},
            {"78", "Yvelines", 610_000.0, 6_860_000.0, 259},
            {"91", "Essonne", 642_000.0, 6_818_000.0, 194},
            {"92", "Hauts-de-Seine", 641_000.0, 6_859_000.0, 36},
            {"93", "Seine-Saint-Denis", 664_000.0, 6_871_000.0, 40},
            {"94", "Val-de-Marne", 661_000.0, 6_852_000.0, 47},
            {"95", "Val-d'Oise", 632_000.0, 6_890_000.0, 184}};

    private static final String[] PREFIXES = {"Saint-", "Sainte-", "Le ", "La ", "Les ", "", "", "", "", ""};
    private static final String[] ROOTS = {"Ville", "Mont", "Bois", "Val", "Fontaine", "Champ", "Moulin", "Roche",
            "Marais", "Chêne", "Orme", "Pré", "Mesnil", "Fresnes", "Bussy", "Chelles", "Corbeil", "Étampes", "Milly",
            "Nangis", "Provins", "Meaux", "Magny", "Rambouillet", "Houdan", "Dourdan", "Arpajon", "Brie", "Lagny"};
    private static final String[] SUFFIXES = {"", "", "-sur-Seine", "-sur-Marne", "-en-Brie", "-le-Château", "-la-Forêt",
            "-les-Bains", "-sur-Oise", "-en-Vexin", "-le-Grand", "-le-Petit", "-sous-Bois", "-aux-Loges"};

    private final List<Area> departments = new ArrayList<>();
    private final List<Area> communes = new ArrayList<>();

    DemoGeography(long seed) {
        Random random = new Random(seed);
        Geometry outline = outline();
        List<Coordinate> centres = new ArrayList<>();
        for (Object[] d : DEPARTMENTS) {
            centres.add(new Coordinate((Double) d[2], (Double) d[3]));
        }
        List<Geometry> cells = voronoi(centres, outline.getEnvelopeInternal());
        for (int i = 0; i < DEPARTMENTS.length; i++) {
            String code = (String) DEPARTMENTS[i][0];
            Geometry shape = cellOf(cells, centres.get(i)).intersection(outline);
            MultiPolygon department = multi(shape);
            departments.add(new Area(code, (String) DEPARTMENTS[i][1], code, department));
            int count = (Integer) DEPARTMENTS[i][4];
            if (count == 1) {
                communes.add(new Area(code + "056", (String) DEPARTMENTS[i][1], code, department));
                continue;
            }
            List<Coordinate> seeds = new ArrayList<>();
            Envelope e = department.getEnvelopeInternal();
            while (seeds.size() < count) {
                Coordinate c = new Coordinate(e.getMinX() + random.nextDouble() * e.getWidth(),
                        e.getMinY() + random.nextDouble() * e.getHeight());
                if (department.contains(FACTORY.createPoint(c))) {
                    seeds.add(c);
                }
            }
            List<Geometry> communeCells = voronoi(seeds, e);
            int n = 0;
            for (Coordinate s : seeds) {
                Geometry commune = cellOf(communeCells, s).intersection(department);
                if (commune.isEmpty() || commune.getArea() < 1) {
                    continue;
                }
                n++;
                String insee = code + String.format("%03d", n);
                communes.add(new Area(insee, name(random), code, multi(commune)));
            }
        }
    }

    List<Area> departments() {
        return departments;
    }

    List<Area> communes() {
        return communes;
    }

    /** The regional outline: an irregular polygon around the eight départements. */
    static Geometry outline() {
        Coordinate[] ring = {
                new Coordinate(590_000, 6_845_000), new Coordinate(600_000, 6_800_000), new Coordinate(625_000, 6_783_000),
                new Coordinate(665_000, 6_782_000), new Coordinate(700_000, 6_790_000), new Coordinate(735_000, 6_805_000),
                new Coordinate(738_000, 6_850_000), new Coordinate(730_000, 6_895_000), new Coordinate(690_000, 6_910_000),
                new Coordinate(640_000, 6_912_000), new Coordinate(600_000, 6_900_000), new Coordinate(588_000, 6_875_000),
                new Coordinate(590_000, 6_845_000)};
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
            Object data = cell.getUserData();
            if (data instanceof Coordinate c && c.equals2D(site)) {
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

    private static String name(Random random) {
        return PREFIXES[random.nextInt(PREFIXES.length)] + ROOTS[random.nextInt(ROOTS.length)]
                + SUFFIXES[random.nextInt(SUFFIXES.length)];
    }
}
