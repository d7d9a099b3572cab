package org.naturaflux.testkit;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The tests' one way to wait: Awaitility, preset the same way everywhere. The condition is first
 * checked at once, then every {@code interval} (100 ms unless changed), in the calling thread (the
 * JDBC connections, Kafka consumers and processes the conditions use are the test's own), until it
 * holds or the deadline passes; the failure names what was awaited. No test sleeps for a fixed time:
 * it waits for a condition with a deadline, or, to show that something does <em>not</em> happen,
 * checks that a condition holds throughout a window ({@link ConditionFactory#during(Duration)}).
 *
 * <pre>{@code
 * Eventually.within(Duration.ofSeconds(30), "the run SUCCEEDED").until(() -> status(run), "SUCCEEDED"::equals);
 * Eventually.within(Duration.ofSeconds(5), "no second run").during(Duration.ofSeconds(3)).until(() -> runs() == 1);
 * }</pre>
 */
public final class Eventually {

    /** The pause between two checks unless a caller sets another with {@code pollInterval}. */
    public static final Duration INTERVAL = Duration.ofMillis(100);

    private Eventually() {
    }

    /** A wait for {@code what}, failing after {@code timeout}. */
    public static ConditionFactory within(Duration timeout, String what) {
        return Awaitility.await(what)
                .atMost(timeout)
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(INTERVAL);
    }
}
