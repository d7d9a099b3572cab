package org.naturaflux.format.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoordinateTextTest {

    @ParameterizedTest
    @CsvSource({
            "2.3522, 7, 2.3522",
            "48.85661234567, 7, 48.8566123",
            "2.00000004, 7, 2",
            "-0.00000004, 7, 0",
            "-0.0000005001, 7, -0.0000005",
            "-179.99999996, 7, -180",
            "180, 1, 180",
            "0.1, 15, 0.1",
            "48.987654321098, 15, 48.987654321098",
            "1e-15, 15, 0.000000000000001",
            "123456789.987654321, 3, 123456789.988",
    })
    void writesTheShortestPlainDecimal(double value, int decimals, String expected) {
        CoordinateText text = new CoordinateText(decimals);
        text.format(value);
        assertThat(text.text()).isEqualTo(expected);
    }

    @Test
    void refusesNonFiniteCoordinates() {
        CoordinateText text = new CoordinateText(7);
        assertThatThrownBy(() -> text.format(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> text.format(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    /** For random coordinates and precisions: plain text, at most the decimals asked, within half a unit. */
    @Test
    void randomCoordinatesStayWithinHalfAUnitOfTheLastDecimal() {
        Random random = new Random(20240501);
        for (int i = 0; i < 200_000; i++) {
            int decimals = 1 + random.nextInt(15);
            double value = (random.nextDouble() * 2 - 1) * (random.nextBoolean() ? 180 : Math.pow(10, -random.nextInt(12)));
            CoordinateText text = new CoordinateText(decimals);
            text.format(value);
            String written = text.text();
            assertThat(written).matches("-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?");
            int fraction = written.indexOf('.') < 0 ? 0 : written.length() - written.indexOf('.') - 1;
            assertThat(fraction).as("%s at %d decimals: %s", value, decimals, written).isLessThanOrEqualTo(decimals);
            assertThat(written).as("no negative zero").isNotEqualTo("-0");
            BigDecimal error = new BigDecimal(written).subtract(BigDecimal.valueOf(value)).abs();
            BigDecimal halfUnit = BigDecimal.ONE.movePointLeft(decimals).divide(BigDecimal.valueOf(2));
            // a double carries ~16 significant digits: allow its own spacing on top of the half unit
            BigDecimal slack = new BigDecimal(Math.ulp(value) * 4);
            assertThat(error).as("%s at %d decimals: %s", value, decimals, written)
                    .isLessThanOrEqualTo(halfUnit.add(slack));
        }
    }
}
