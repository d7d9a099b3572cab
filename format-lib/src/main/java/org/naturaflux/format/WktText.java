package org.naturaflux.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Two-dimensional WKT, the text JTS's {@code WKTWriter(2)} writes for a geometry of a floating
 * precision model ({@code POINT (2.3522 48.8566)}, {@code MULTIPOINT ((1 2), (3 4))},
 * {@code POLYGON EMPTY}...), without its cost: JTS builds a {@code DecimalFormat} for every geometry
 * and formats each ordinate through it, which was a third of a worker's CPU on a CSV export. Here an
 * ordinate is the shortest decimal that reads back as the same double ({@link Double#toString}'s
 * digits) in plain notation, rounded to JTS's 16 fraction digits in the rare case it has more.
 * Geometries of another precision model are left to JTS by the caller ({@link #handles}).
 */
final class WktText {

    /** JTS's fraction digits for a floating precision model (its maximum significant digits). */
    private static final int FRACTION_DIGITS = 16;

    private WktText() {
    }

    /** Whether {@link #append} writes this geometry as JTS would. */
    static boolean handles(Geometry geometry) {
        return geometry.getPrecisionModel().getType() == PrecisionModel.FLOATING;
    }

    static void append(StringBuilder out, Geometry geometry) {
        if (geometry instanceof Point point) {
            out.append("POINT ");
            if (point.isEmpty()) {
                out.append("EMPTY");
            } else {
                out.append('(');
                coordinate(out, point.getCoordinateSequence(), 0);
                out.append(')');
            }
        } else if (geometry instanceof LinearRing ring) {
            out.append("LINEARRING ");
            sequence(out, ring.getCoordinateSequence());
        } else if (geometry instanceof LineString line) {
            out.append("LINESTRING ");
            sequence(out, line.getCoordinateSequence());
        } else if (geometry instanceof Polygon polygon) {
            out.append("POLYGON ");
            polygon(out, polygon);
        } else if (geometry instanceof MultiPoint multi) {
            out.append("MULTIPOINT ");
            if (multi.isEmpty()) {
                out.append("EMPTY");
            } else {
                out.append('(');
                for (int i = 0; i < multi.getNumGeometries(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    Point point = (Point) multi.getGeometryN(i);
                    if (point.isEmpty()) {
                        out.append("EMPTY");
                    } else {
                        out.append('(');
                        coordinate(out, point.getCoordinateSequence(), 0);
                        out.append(')');
                    }
                }
                out.append(')');
            }
        } else if (geometry instanceof MultiLineString multi) {
            out.append("MULTILINESTRING ");
            parts(out, multi, false);
        } else if (geometry instanceof MultiPolygon multi) {
            out.append("MULTIPOLYGON ");
            parts(out, multi, false);
        } else if (geometry instanceof GeometryCollection collection) {
            out.append("GEOMETRYCOLLECTION ");
            parts(out, collection, true);
        } else {
            throw new IllegalArgumentException("unsupported geometry type: " + geometry.getGeometryType());
        }
    }

    /** The parts of a multi-geometry: their text without tag, or tagged in a collection. */
    private static void parts(StringBuilder out, GeometryCollection collection, boolean tagged) {
        if (collection.isEmpty()) {
            out.append("EMPTY");
            return;
        }
        out.append('(');
        for (int i = 0; i < collection.getNumGeometries(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            Geometry part = collection.getGeometryN(i);
            if (tagged) {
                append(out, part);
            } else if (part instanceof Polygon polygon) {
                polygon(out, polygon);
            } else {
                sequence(out, ((LineString) part).getCoordinateSequence());
            }
        }
        out.append(')');
    }

    private static void polygon(StringBuilder out, Polygon polygon) {
        if (polygon.isEmpty()) {
            out.append("EMPTY");
            return;
        }
        out.append('(');
        sequence(out, polygon.getExteriorRing().getCoordinateSequence());
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            out.append(", ");
            sequence(out, polygon.getInteriorRingN(i).getCoordinateSequence());
        }
        out.append(')');
    }

    private static void sequence(StringBuilder out, CoordinateSequence sequence) {
        if (sequence.size() == 0) {
            out.append("EMPTY");
            return;
        }
        out.append('(');
        for (int i = 0; i < sequence.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            coordinate(out, sequence, i);
        }
        out.append(')');
    }

    private static void coordinate(StringBuilder out, CoordinateSequence sequence, int i) {
        ordinate(out, sequence.getX(i));
        out.append(' ');
        ordinate(out, sequence.getY(i));
    }

    /** One ordinate as JTS's {@code OrdinateFormat} writes it with 16 fraction digits. */
    static void ordinate(StringBuilder out, double value) {
        if (Double.isNaN(value)) {
            out.append("NaN");
            return;
        }
        if (Double.isInfinite(value)) {
            out.append(value > 0 ? "Inf" : "-Inf");
            return;
        }
        String shortest = Double.toString(value);
        int exponent = shortest.indexOf('E');
        int dot = shortest.indexOf('.');
        if (exponent < 0) {
            int fraction = shortest.length() - dot - 1;
            if (fraction == 1 && shortest.charAt(dot + 1) == '0') {
                out.append(shortest, 0, dot);           // "48.0" -> "48", "-0.0" -> "-0"
                return;
            }
            if (fraction <= FRACTION_DIGITS) {
                out.append(shortest);
                return;
            }
        }
        // Exponent notation (below 1e-3 or from 1e7) or more than 16 fraction digits: rounded in decimal.
        BigDecimal digits = new BigDecimal(shortest);
        BigDecimal rounded;
        if (digits.scale() > FRACTION_DIGITS && isTie(digits)) {
            // Exactly halfway in the shortest digits: the double's exact value decides, as DecimalFormat does.
            rounded = new BigDecimal(value).setScale(FRACTION_DIGITS, RoundingMode.HALF_EVEN);
        } else {
            rounded = digits.setScale(Math.min(digits.scale(), FRACTION_DIGITS), RoundingMode.HALF_EVEN);
        }
        String text = rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
        if ((value < 0 || (value == 0 && 1 / value < 0)) && rounded.signum() == 0) {
            out.append('-');
        }
        out.append(text);
    }

    /** Whether the digits beyond the 16th fraction digit are exactly one half of its unit. */
    private static boolean isTie(BigDecimal digits) {
        BigDecimal beyond = digits.subtract(digits.setScale(FRACTION_DIGITS, RoundingMode.DOWN)).abs()
                .movePointRight(FRACTION_DIGITS);
        return beyond.compareTo(new BigDecimal("0.5")) == 0;
    }
}
