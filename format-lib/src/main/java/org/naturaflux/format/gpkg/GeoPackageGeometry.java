package org.naturaflux.format.gpkg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The one adapter between JTS geometries and GeoPackage geometry blobs (GeoPackage 1.3, clause 2.1.3):
 * the {@code GP} header (version 0, little-endian, the SRS id, an XY envelope except for points, as GDAL
 * writes them) followed by ISO WKB in two dimensions (Z and M ordinates are not written).
 *
 * <p>Null and empty geometries have no blob: they are stored as SQL {@code NULL} (GDAL 3.6's validator
 * misreads the header's empty flag, and an empty geometry carries nothing a partner can use). Empty parts
 * inside a multi-geometry are kept as WKB has them (an empty point as NaN coordinates).
 *
 * <p>Stateless; each blob is a new array (a JDBC batch keeps a reference to it until it runs), never
 * changed once made: {@code FeatureRows} binds the blob of a shared geometry instance to several rows.
 */
final class GeoPackageGeometry {

    /** WKB geometry type codes, also the index of {@link #TYPE_NAMES}. */
    static final int POINT = 1;
    static final int LINESTRING = 2;
    static final int POLYGON = 3;
    static final int MULTIPOINT = 4;
    static final int MULTILINESTRING = 5;
    static final int MULTIPOLYGON = 6;
    static final int GEOMETRYCOLLECTION = 7;

    private static final String[] TYPE_NAMES = {"GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
            "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"};

    private static final int HEADER = 8;
    private static final int ENVELOPE_XY = 32;
    private static final byte FLAGS_LITTLE_ENDIAN = 0x01;
    private static final byte FLAGS_ENVELOPE_XY = 0x02;
    private static final byte WKB_LITTLE_ENDIAN = 1;

    private GeoPackageGeometry() {
    }

    /** The GeoPackage geometry type name of a WKB type code ({@code 0} is {@code GEOMETRY}). */
    static String typeName(int code) {
        return TYPE_NAMES[code];
    }

    /** The WKB type code of a geometry (a {@code LinearRing} is a LineString). */
    static int typeCode(Geometry geometry) {
        if (geometry instanceof Point) {
            return POINT;
        }
        if (geometry instanceof LineString) {
            return LINESTRING;
        }
        if (geometry instanceof Polygon) {
            return POLYGON;
        }
        if (geometry instanceof MultiPoint) {
            return MULTIPOINT;
        }
        if (geometry instanceof MultiLineString) {
            return MULTILINESTRING;
        }
        if (geometry instanceof MultiPolygon) {
            return MULTIPOLYGON;
        }
        if (geometry instanceof GeometryCollection) {
            return GEOMETRYCOLLECTION;
        }
        throw new IllegalArgumentException("a GeoPackage cannot carry a " + geometry.getGeometryType());
    }

    /**
     * The GeoPackage blob of a geometry, or {@code null} for a null or empty geometry.
     *
     * @param srsId the SRS id written in the header
     */
    static byte[] encode(Geometry geometry, int srsId) {
        if (geometry == null || geometry.isEmpty()) {
            return null;
        }
        boolean point = geometry instanceof Point;
        int headerSize = HEADER + (point ? 0 : ENVELOPE_XY);
        byte[] blob = new byte[headerSize + wkbSize(geometry)];
        ByteBuffer out = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 'G').put((byte) 'P').put((byte) 0)
                .put(point ? FLAGS_LITTLE_ENDIAN : (byte) (FLAGS_LITTLE_ENDIAN | FLAGS_ENVELOPE_XY))
                .putInt(srsId);
        if (!point) {
            Envelope envelope = geometry.getEnvelopeInternal();
            out.putDouble(envelope.getMinX()).putDouble(envelope.getMaxX())
                    .putDouble(envelope.getMinY()).putDouble(envelope.getMaxY());
        }
        writeWkb(out, geometry);
        return blob;
    }

    /**
     * Reads the XY envelope of a blob written by {@link #encode} into {@code envelope} as
     * {@code minX, maxX, minY, maxY}: from the header, or a point's coordinates.
     */
    static void envelope(byte[] blob, double[] envelope) {
        ByteBuffer in = ByteBuffer.wrap(blob);
        int flags = blob[3];
        in.order((flags & FLAGS_LITTLE_ENDIAN) != 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int indicator = (flags >> 1) & 0x07;
        if (indicator != 0) {
            for (int i = 0; i < 4; i++) {
                envelope[i] = in.getDouble(HEADER + 8 * i);
            }
            return;
        }
        in.order(blob[HEADER] == WKB_LITTLE_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        if (in.getInt(HEADER + 1) != POINT) {
            throw new IllegalArgumentException("a blob without envelope must hold a point");
        }
        double x = in.getDouble(HEADER + 5);
        double y = in.getDouble(HEADER + 13);
        envelope[0] = x;
        envelope[1] = x;
        envelope[2] = y;
        envelope[3] = y;
    }

    private static int wkbSize(Geometry geometry) {
        if (geometry instanceof Point) {
            return 21;
        }
        if (geometry instanceof LineString line) {
            return 9 + 16 * line.getNumPoints();
        }
        if (geometry instanceof Polygon polygon) {
            if (polygon.isEmpty()) {
                return 9;
            }
            int size = 9 + 4 + 16 * polygon.getExteriorRing().getNumPoints();
            for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
                size += 4 + 16 * polygon.getInteriorRingN(i).getNumPoints();
            }
            return size;
        }
        int size = 9;
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            size += wkbSize(geometry.getGeometryN(i));
        }
        return size;
    }

    private static void writeWkb(ByteBuffer out, Geometry geometry) {
        out.put(WKB_LITTLE_ENDIAN).putInt(typeCode(geometry));
        if (geometry instanceof Point point) {
            if (point.isEmpty()) {
                out.putDouble(Double.NaN).putDouble(Double.NaN);
            } else {
                CoordinateSequence sequence = point.getCoordinateSequence();
                out.putDouble(sequence.getX(0)).putDouble(sequence.getY(0));
            }
        } else if (geometry instanceof LineString line) {
            writePoints(out, line.getCoordinateSequence());
        } else if (geometry instanceof Polygon polygon) {
            if (polygon.isEmpty()) {
                out.putInt(0);
                return;
            }
            out.putInt(1 + polygon.getNumInteriorRing());
            writePoints(out, polygon.getExteriorRing().getCoordinateSequence());
            for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
                writePoints(out, polygon.getInteriorRingN(i).getCoordinateSequence());
            }
        } else {
            out.putInt(geometry.getNumGeometries());
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                writeWkb(out, geometry.getGeometryN(i));
            }
        }
    }

    private static void writePoints(ByteBuffer out, CoordinateSequence sequence) {
        int size = sequence.size();
        out.putInt(size);
        for (int i = 0; i < size; i++) {
            out.putDouble(sequence.getX(i)).putDouble(sequence.getY(i));
        }
    }
}
