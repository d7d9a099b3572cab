package org.naturaflux.sensitivity.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.naturaflux.model.row.ReferenceArea;
import org.naturaflux.sensitivity.area.AreaIndex;

/**
 * A generated territory in EPSG:2154 for property tests and the benchmark: a real INPN 10 km grid
 * (type M10, cells aligned on multiples of 10 km, coded {@code 10kmL93E<x div 10km>N<y div 10km>}),
 * irregular communes (type COM) and départements (type DEP) made of whole communes, all tiling the same
 * rectangle exactly.
 *
 * <p>Communes are the cells of a jittered quadrilateral mesh (every inner vertex moved by up to a
 * quarter of the mesh step, coordinates in whole metres so that neighbours share exact edges),
 * optionally merged by twos and threes into non-convex shapes. Each département is the union of the
 * communes whose first mesh cell falls in its block.
 *
 * <p>EPSG:4326 counterparts are {@link #TO_4326}, an affine approximation of Lambert-93 around Paris
 * (origin 652000 6862000 at 2.35°E 48.85°N, 73.3 km per degree of longitude, 111.2 km per degree of
 * latitude, rotated by 0.5°), off by up to a few hundred metres from the real projection: good enough
 * for tests, since degradation never reprojects and an affine map lets the oracle compare a 4326 output
 * with the 2154 computation it predicts (affine maps preserve unions, coverage and centroids).
 */
public final class SyntheticTerritory {

    public static final AffineTransformation TO_4326 = new AffineTransformation()
            .translate(-652_000, -6_862_000)
            .rotate(Math.toRadians(0.5))
            .scale(1 / 73_300.0, 1 / 111_200.0)
            .translate(2.35, 48.85);

    private static final double CELL = 10_000;

    private final Envelope extent;
    private final List<ReferenceArea> cells;
    private final List<ReferenceArea> communes;
    private final List<ReferenceArea> departements;

    private SyntheticTerritory(Envelope extent, List<ReferenceArea> cells, List<ReferenceArea> communes,
                               List<ReferenceArea> departements) {
        this.extent = extent;
        this.cells = List.copyOf(cells);
        this.communes = List.copyOf(communes);
        this.departements = List.copyOf(departements);
    }

    /**
     * @param cellX  x of the south-west corner, in 10 km cells (e.g. 64 for x = 640000)
     * @param cellY  y of the south-west corner, in 10 km cells (e.g. 685 for y = 6850000)
     * @param cellsX width in 10 km cells
     * @param cellsY height in 10 km cells
     * @param meshX  mesh cells across (communes before merging)
     * @param meshY  mesh cells up
     * @param depsX  département blocks across
     * @param depsY  département blocks up
     * @param merge  whether to merge mesh cells into irregular, partly non-convex communes
     * @param seed   the random seed (same seed, same territory)
     */
    public static SyntheticTerritory generate(int cellX, int cellY, int cellsX, int cellsY, int meshX, int meshY,
                                              int depsX, int depsY, boolean merge, long seed) {
        Random random = new Random(seed);
        double minX = cellX * CELL;
        double minY = cellY * CELL;
        double width = cellsX * CELL;
        double height = cellsY * CELL;
        Envelope extent = new Envelope(minX, minX + width, minY, minY + height);

        List<ReferenceArea> cells = new ArrayList<>();
        long id = 1;
        for (int e = cellX; e < cellX + cellsX; e++) {
            for (int n = cellY; n < cellY + cellsY; n++) {
                cells.add(area(id++, "M10", String.format(Locale.ROOT, "10kmL93E%03dN%03d", e, n), null,
                        rectangle(e * CELL, n * CELL, (e + 1) * CELL, (n + 1) * CELL)));
            }
        }

        double stepX = width / meshX;
        double stepY = height / meshY;
        Coordinate[][] vertex = new Coordinate[meshX + 1][meshY + 1];
        for (int i = 0; i <= meshX; i++) {
            for (int j = 0; j <= meshY; j++) {
                double x = minX + i * stepX;
                double y = minY + j * stepY;
                if (i > 0 && i < meshX) {
                    x += (random.nextDouble() - 0.5) * 0.5 * stepX;
                }
                if (j > 0 && j < meshY) {
                    y += (random.nextDouble() - 0.5) * 0.5 * stepY;
                }
                vertex[i][j] = new Coordinate(Math.rint(x), Math.rint(y));
            }
        }

        int[][] owner = new int[meshX][meshY];
        for (int[] column : owner) {
            java.util.Arrays.fill(column, -1);
        }
        Map<Integer, List<Geometry>> parts = new LinkedHashMap<>();
        Map<Integer, int[]> firstCell = new LinkedHashMap<>();
        int next = 0;
        for (int j = 0; j < meshY; j++) {
            for (int i = 0; i < meshX; i++) {
                if (owner[i][j] >= 0) {
                    continue;
                }
                int commune = next++;
                owner[i][j] = commune;
                firstCell.put(commune, new int[] {i, j});
                List<int[]> members = new ArrayList<>(List.of(new int[] {i, j}));
                if (merge && i + 1 < meshX && owner[i + 1][j] < 0 && random.nextDouble() < 0.4) {
                    owner[i + 1][j] = commune;
                    members.add(new int[] {i + 1, j});
                }
                if (merge && j + 1 < meshY && random.nextDouble() < 0.3) {
                    owner[i][j + 1] = commune;
                    members.add(new int[] {i, j + 1});
                }
                List<Geometry> quads = new ArrayList<>();
                for (int[] m : members) {
                    quads.add(quad(vertex, m[0], m[1]));
                }
                parts.put(commune, quads);
            }
        }
        List<ReferenceArea> communes = new ArrayList<>();
        Map<Integer, List<Geometry>> departementParts = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Geometry>> entry : parts.entrySet()) {
            int n = entry.getKey();
            Geometry shape = Geo.union(entry.getValue());
            communes.add(area(10_000 + n, "COM", String.format(Locale.ROOT, "C%04d", n),
                    String.format(Locale.ROOT, "Commune %04d", n), shape));
            int[] first = firstCell.get(n);
            int block = (first[0] * depsX / meshX) + depsX * (first[1] * depsY / meshY);
            departementParts.computeIfAbsent(block, b -> new ArrayList<>()).add(shape);
        }
        List<ReferenceArea> departements = new ArrayList<>();
        departementParts.forEach((block, shapes) -> departements.add(
                area(90_000 + block, "DEP", String.format(Locale.ROOT, "D%02d", block + 1),
                        "Département " + (block + 1), Geo.union(shapes))));
        return new SyntheticTerritory(extent, cells, communes, departements);
    }

    private static Geometry quad(Coordinate[][] v, int i, int j) {
        return Geo.FACTORY.createPolygon(new Coordinate[] {
                v[i][j].copy(), v[i + 1][j].copy(), v[i + 1][j + 1].copy(), v[i][j + 1].copy(), v[i][j].copy()});
    }

    private static Geometry rectangle(double x0, double y0, double x1, double y1) {
        return Geo.FACTORY.toGeometry(new Envelope(x0, x1, y0, y1));
    }

    private static ReferenceArea area(long id, String type, String code, String name, Geometry local) {
        return new ReferenceArea(id, type, code, name, local, TO_4326.transform(local));
    }

    /** The rectangle every type of area tiles. */
    public Envelope extent() {
        return extent;
    }

    public List<ReferenceArea> cells() {
        return cells;
    }

    public List<ReferenceArea> communes() {
        return communes;
    }

    public List<ReferenceArea> departements() {
        return departements;
    }

    /** Every area, all types. */
    public List<ReferenceArea> all() {
        List<ReferenceArea> all = new ArrayList<>(cells);
        all.addAll(communes);
        all.addAll(departements);
        return all;
    }

    /** Areas of a type, by the fixture's codes COM, M10, DEP. */
    public List<ReferenceArea> ofType(String type) {
        return switch (type) {
            case "M10" -> cells;
            case "COM" -> communes;
            case "DEP" -> departements;
            default -> List.of();
        };
    }

    public AreaIndex index() {
        return AreaIndex.of(all());
    }
}
