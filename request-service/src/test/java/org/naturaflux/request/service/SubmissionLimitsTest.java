package org.naturaflux.request.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The submission rate's token bucket, on an explicit clock. */
class SubmissionLimitsTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void aBurstOfTheRateThenOneTokenPerPeriod() {
        SubmissionLimits.TokenBucket bucket = new SubmissionLimits.TokenBucket(6);
        long start = 1_000 * SECOND;
        for (int i = 0; i < 6; i++) {
            assertThat(bucket.take(start)).as("take %d", i).isZero();
        }
        assertThat(bucket.take(start)).as("wait for the next token").isEqualTo(10 * SECOND);
        assertThat(bucket.take(start + 4 * SECOND)).isBetween(6 * SECOND - 1000, 6 * SECOND + 1000);
        assertThat(bucket.take(start + 11 * SECOND)).isZero();
        assertThat(bucket.take(start + 11 * SECOND)).isBetween(9 * SECOND - 1000, 9 * SECOND + 1000);
        // a long pause refills to the burst, never beyond
        long later = start + 3_600 * SECOND;
        for (int i = 0; i < 6; i++) {
            assertThat(bucket.take(later)).isZero();
        }
        assertThat(bucket.take(later)).isPositive();
    }
}
