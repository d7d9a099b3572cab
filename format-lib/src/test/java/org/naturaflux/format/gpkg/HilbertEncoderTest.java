package org.naturaflux.format.gpkg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Hilbert code: a walk through every cell once, each step to a neighbouring cell. */
class HilbertEncoderTest {

    @Test
    void visitsTheFourCellsOfTheFirstOrderInTheCurvesOrder() {
        assertThat(HilbertEncoder.distance(0, 0, 1)).isZero();
        assertThat(HilbertEncoder.distance(0, 1, 1)).isEqualTo(1);
        assertThat(HilbertEncoder.distance(1, 1, 1)).isEqualTo(2);
        assertThat(HilbertEncoder.distance(1, 0, 1)).isEqualTo(3);
    }

    @Test
    void walksEveryCellOnceFromNeighbourToNeighbour() {
        int order = 5;
        int side = 1 << order;
        Map<Long, int[]> cells = new HashMap<>();
        for (int x = 0; x < side; x++) {
            for (int y = 0; y < side; y++) {
                long d = HilbertEncoder.distance(x, y, order);
                assertThat(d).isBetween(0L, (long) side * side - 1);
                assertThat(cells.put(d, new int[] {x, y})).as("distance %d given twice", d).isNull();
            }
        }
        for (long d = 1; d < (long) side * side; d++) {
            int[] previous = cells.get(d - 1);
            int[] current = cells.get(d);
            assertThat(Math.abs(previous[0] - current[0]) + Math.abs(previous[1] - current[1])).as("step %d", d)
                    .isEqualTo(1);
        }
    }

    @Test
    void encodesEnvelopeCentresOverTheExtentAndADegenerateExtentOnItsFirstCell() {
        HilbertEncoder encoder = new HilbertEncoder(new double[] {0, 10, 0, 10});
        int last = (1 << HilbertEncoder.ORDER) - 1;
        assertThat(encoder.encode(0, 0, 0, 0)).isZero();
        assertThat(encoder.encode(10, 10, 0, 0)).isEqualTo(HilbertEncoder.distance(last, 0, HilbertEncoder.ORDER));
        assertThat(encoder.encode(0, 10, 0, 10)).as("the centre of the whole extent")
                .isEqualTo(HilbertEncoder.distance(last / 2, last / 2, HilbertEncoder.ORDER));
        HilbertEncoder line = new HilbertEncoder(new double[] {5, 5, 0, 10});
        assertThat(line.encode(5, 5, 10, 10)).isEqualTo(HilbertEncoder.distance(0, last, HilbertEncoder.ORDER));
    }
}
