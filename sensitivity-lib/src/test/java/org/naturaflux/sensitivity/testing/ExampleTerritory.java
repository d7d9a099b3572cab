package org.naturaflux.sensitivity.testing;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.naturaflux.model.row.ReferenceArea;
import org.naturaflux.sensitivity.area.AreaIndex;

/**
 * A small hand-written territory for readable example tests, in EPSG:2154:
 * <ul>
 *   <li>twelve INPN 10 km cells (type M10) E064..E067 × N685..N687, i.e. x 640000-680000,
 *       y 6850000-6880000;</li>
 *   <li>four irregular communes (type COM) tiling the same rectangle, meeting at (655000 6866000):
 *       Alpha 91001 (south-west), Beta 77001 (south-east), Gamma 91002 (north-west), Delta 77002
 *       (north-east);</li>
 *   <li>two départements (type DEP): 91 = Alpha ∪ Gamma, 77 = Beta ∪ Delta.</li>
 * </ul>
 * Their "EPSG:4326" geometry is the affine map (x, y) -> (x / 100000, y / 100000): not the real
 * projection (degradation never reprojects, it only picks the stored 4326 geometry of areas), but a
 * known function of the 2154 one, so that expected WKT stays readable: cell E065N686 is
 * {@code POLYGON ((6.5 68.6, 6.6 68.6, 6.6 68.7, 6.5 68.7, 6.5 68.6))}.
 */
public final class ExampleTerritory {

    public static final AffineTransformation TO_4326 = AffineTransformation.scaleInstance(1e-5, 1e-5);

    public static final String ALPHA = "POLYGON ((640000 6850000, 657000 6850000, 655000 6866000, 640000 6868000, 640000 6850000))";
    public static final String BETA = "POLYGON ((657000 6850000, 680000 6850000, 680000 6863000, 666000 6866000, 655000 6866000, 657000 6850000))";
    public static final String GAMMA = "POLYGON ((640000 6868000, 655000 6866000, 661000 6880000, 640000 6880000, 640000 6868000))";
    public static final String DELTA = "POLYGON ((655000 6866000, 666000 6866000, 680000 6863000, 680000 6880000, 661000 6880000, 655000 6866000))";
    public static final String DEP_91 = "POLYGON ((640000 6850000, 657000 6850000, 655000 6866000, 661000 6880000, 640000 6880000, 640000 6850000))";
    public static final String DEP_77 = "POLYGON ((657000 6850000, 680000 6850000, 680000 6880000, 661000 6880000, 655000 6866000, 657000 6850000))";

    private ExampleTerritory() {
    }

    public static List<ReferenceArea> areas() {
        List<ReferenceArea> areas = new ArrayList<>();
        long id = 100;
        for (int e = 64; e <= 67; e++) {
            for (int n = 685; n <= 687; n++) {
                double x = e * 10_000.0;
                double y = n * 10_000.0;
                String wkt = String.format(java.util.Locale.ROOT, "POLYGON ((%.0f %.0f, %.0f %.0f, %.0f %.0f, %.0f %.0f, %.0f %.0f))",
                        x, y, x + 10_000, y, x + 10_000, y + 10_000, x, y + 10_000, x, y);
                areas.add(area(id++, "M10", String.format("10kmL93E%03dN%03d", e, n), null, wkt));
            }
        }
        areas.add(area(201, "COM", "91001", "Alpha", ALPHA));
        areas.add(area(202, "COM", "77001", "Beta", BETA));
        areas.add(area(203, "COM", "91002", "Gamma", GAMMA));
        areas.add(area(204, "COM", "77002", "Delta", DELTA));
        areas.add(area(301, "DEP", "91", "Essonne", DEP_91));
        areas.add(area(302, "DEP", "77", "Seine-et-Marne", DEP_77));
        return areas;
    }

    public static AreaIndex index() {
        return AreaIndex.of(areas());
    }

    public static ReferenceArea area(long id, String type, String code, String name, String wkt2154) {
        Geometry local = Geo.wkt(wkt2154);
        return new ReferenceArea(id, type, code, name, local, TO_4326.transform(local));
    }

    /** The fixture's 4326 counterpart of a 2154 geometry. */
    public static Geometry to4326(Geometry local) {
        return TO_4326.transform(local);
    }
}
