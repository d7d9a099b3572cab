package org.naturaflux.format.gpkg;

/**
 * Maps envelopes to their position along a Hilbert curve laid over an extent: the centre of the
 * envelope falls in one cell of a 2<sup>{@value #ORDER}</sup> × 2<sup>{@value #ORDER}</sup> grid spanning
 * the extent, and the code is that cell's distance along the curve (envelopes close in space get close
 * codes, which is what packs an R-tree's nodes tightly). A degenerate extent (zero width or height) maps
 * every centre to the first cell along that axis.
 */
final class HilbertEncoder {

    static final int ORDER = 16;
    private static final int CELLS = 1 << ORDER;

    private final double minX;
    private final double minY;
    private final double width;
    private final double height;

    /** @param extent {@code minX, maxX, minY, maxY} of every envelope to encode */
    HilbertEncoder(double[] extent) {
        this.minX = extent[0];
        this.minY = extent[2];
        this.width = extent[1] - extent[0];
        this.height = extent[3] - extent[2];
    }

    /** The Hilbert code of the envelope's centre, in {@code [0, 4^ORDER)}. */
    long encode(float envelopeMinX, float envelopeMaxX, float envelopeMinY, float envelopeMaxY) {
        double cx = (envelopeMinX + (double) envelopeMaxX) / 2;
        double cy = (envelopeMinY + (double) envelopeMaxY) / 2;
        return distance(cell(cx, minX, width), cell(cy, minY, height), ORDER);
    }

    private static int cell(double value, double min, double span) {
        if (!(span > 0)) {
            return 0;
        }
        int cell = (int) ((value - min) / span * (CELLS - 1));
        return Math.max(0, Math.min(CELLS - 1, cell));
    }

    /** The distance of cell (x, y) along the Hilbert curve filling a 2<sup>order</sup> square. */
    static long distance(int x, int y, int order) {
        long n = 1L << order;
        long d = 0;
        long px = x;
        long py = y;
        for (long s = n >>> 1; s > 0; s >>>= 1) {
            int rx = (px & s) != 0 ? 1 : 0;
            int ry = (py & s) != 0 ? 1 : 0;
            d += s * s * ((3 * rx) ^ ry);
            if (ry == 0) {
                if (rx == 1) {
                    px = n - 1 - px;
                    py = n - 1 - py;
                }
                long t = px;
                px = py;
                py = t;
            }
        }
        return d;
    }
}
