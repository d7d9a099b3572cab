package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.naturaflux.request.Flux;

class PeriodicityTest {

    @ParameterizedTest
    @CsvSource({
            "P1D,  2026-01-31T10:00:00Z, 2026-02-01T10:00:00Z",
            "P1M,  2026-01-31T10:00:00Z, 2026-02-28T10:00:00Z",
            "P3M,  2026-11-15T00:00:00Z, 2027-02-15T00:00:00Z",
            "P1W,  2026-03-01T06:30:00Z, 2026-03-08T06:30:00Z",
            "P1Y,  2028-02-29T00:00:00Z, 2029-02-28T00:00:00Z",
            "PT36H, 2026-01-01T00:00:00Z, 2026-01-02T12:00:00Z",
            "p1dt12h, 2026-01-01T00:00:00Z, 2026-01-02T12:00:00Z"})
    void stepsInCalendarTimeOrDuration(String text, String from, String expected) {
        assertThat(Periodicity.parse(text).after(Instant.parse(from))).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({"P1D, PT24H", "P1W, PT168H", "P1M, PT672H", "P1Y, PT8760H", "PT6H, PT6H", "P1Y2M3D, PT10176H"})
    void comparesToTheMinimumByItsShortestLength(String text, String shortest) {
        assertThat(Periodicity.parse(text).shortestLength()).isEqualTo(Duration.parse(shortest));
    }

    @ParameterizedTest
    @ValueSource(strings = {"monthly", "", "P", "P0D", "PT0S", "P-1D", "PT-5H", "1D"})
    void refusesWhatIsNotAPositiveIsoPeriod(String text) {
        assertThatThrownBy(() -> Periodicity.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"P999999999Y", "PT9999999999999H", "P2147483647M", "P2147483647D"})
    void neverStepsPastTheLatestInstantNorThrows(String text) {
        Instant now = Instant.parse("2026-06-10T12:00:00Z");
        assertThat(Periodicity.parse(text).after(now)).isEqualTo(Periodicity.LATEST);
        assertThat(Periodicity.parse("P1D").after(Instant.MAX)).isEqualTo(Periodicity.LATEST);
    }

    @ParameterizedTest
    @CsvSource({"P1Y, P12M, 0", "P365D, P1Y, -1", "P366D, P1Y, 1", "PT8765H, P1Y, -1", "P999999999Y, P1Y, 1",
            "PT9999999999999H, P1Y, 1"})
    void comparesToTheMaximumByItsAverageLength(String text, String other, int sign) {
        assertThat(Integer.signum(Periodicity.parse(text).nominalLength().compareTo(Periodicity.parse(other).nominalLength())))
                .isEqualTo(sign);
    }

    @Test
    void catchesUpOnceAfterDowntime() {
        Flux daily = new Flux(UUID.randomUUID(), UUID.randomUUID(), "{}", "{}", "P1D", null, Instant.EPOCH);
        Instant now = Instant.parse("2026-06-10T12:00:00Z");
        // on time: the next period follows the one being run
        assertThat(FluxScheduler.next(daily, Instant.parse("2026-06-10T11:59:00Z"), now))
                .isEqualTo(Instant.parse("2026-06-11T11:59:00Z"));
        // days late: one period after now, not one run per missed period
        assertThat(FluxScheduler.next(daily, Instant.parse("2026-06-01T08:00:00Z"), now))
                .isEqualTo(Instant.parse("2026-06-11T12:00:00Z"));
    }
}
