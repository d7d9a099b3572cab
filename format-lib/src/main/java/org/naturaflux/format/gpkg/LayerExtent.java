package org.naturaflux.format.gpkg;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * What the rows' geometries have in common, gathered as they are written: the geometry type they share
 * (if they do) and the envelope of them all.
 */
final class LayerExtent {

    private int geometryType = -1;
    private boolean mixedTypes;
    private double minX = Double.POSITIVE_INFINITY;
    private double minY = Double.POSITIVE_INFINITY;
    private double maxX = Double.NEGATIVE_INFINITY;
    private double maxY = Double.NEGATIVE_INFINITY;

    /**
     * Takes in the (non-empty) geometry of row {@code id} and answers its envelope.
     *
     * @throws IllegalArgumentException when a coordinate is not finite
     */
    Envelope add(long id, Geometry geometry) {
        Envelope envelope = geometry.getEnvelopeInternal();
        if (!Double.isFinite(envelope.getMinX()) || !Double.isFinite(envelope.getMaxX())
                || !Double.isFinite(envelope.getMinY()) || !Double.isFinite(envelope.getMaxY())) {
            throw new IllegalArgumentException("row " + id + ": a GeoPackage geometry needs finite coordinates");
        }
        int type = GeoPackageGeometry.typeCode(geometry);
        if (geometryType < 0) {
            geometryType = type;
        } else if (geometryType != type) {
            mixedTypes = true;
        }
        minX = Math.min(minX, envelope.getMinX());
        maxX = Math.max(maxX, envelope.getMaxX());
        minY = Math.min(minY, envelope.getMinY());
        maxY = Math.max(maxY, envelope.getMaxY());
        return envelope;
    }

    /** Whether no geometry was added. */
    boolean isEmpty() {
        return geometryType < 0;
    }

    /** The GeoPackage type code every geometry shares; 0 ({@code GEOMETRY}) when they differ or there are none. */
    int declaredType() {
        return geometryType < 0 || mixedTypes ? 0 : geometryType;
    }

    double minX() {
        return minX;
    }

    double maxX() {
        return maxX;
    }

    double minY() {
        return minY;
    }

    double maxY() {
        return maxY;
    }
}
