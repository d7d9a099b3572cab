package org.naturaflux.sensitivity.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs a property over many generated cases, each from its own seed, and tallies what the generators
 * produced so that a test can require its cases to be exercised (coverage).
 */
public final class Properties {

    private final Map<String, Integer> tally = new TreeMap<>();
    private int cases;

    /**
     * Runs {@code property} on {@code tries} cases; the case of index i uses seed {@code baseSeed + i}.
     * A failure is rethrown with its seed and index, so it can be replayed alone.
     */
    public static Properties forAll(int tries, long baseSeed, PropertyBody property) {
        Properties run = new Properties();
        for (int i = 0; i < tries; i++) {
            long seed = baseSeed + i;
            Gen gen = new Gen(seed);
            try {
                property.check(gen, run);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("property failed on case " + i + " (seed " + seed + "): " + e.getMessage(), e);
            }
            run.cases++;
        }
        return run;
    }

    /** Runs a property that needs no tally. */
    public static void forAll(int tries, long baseSeed, Consumer<Gen> property) {
        forAll(tries, baseSeed, (gen, run) -> property.accept(gen));
    }

    /** Counts one occurrence of {@code value} under {@code label}. */
    public void collect(String label, Object value) {
        tally.merge(label + "=" + value, 1, Integer::sum);
    }

    public int count(String label, Object value) {
        return tally.getOrDefault(label + "=" + value, 0);
    }

    /** Fails unless {@code value} occurred more than {@code min} times under {@code label}. */
    public Properties requireMoreThan(String label, Object value, int min) {
        int n = count(label, value);
        if (n <= min) {
            throw new AssertionError("generators produced " + label + "=" + value + " " + n + " times (need > " + min
                    + ") over " + cases + " cases: " + tally);
        }
        return this;
    }

    /** Fails unless {@code value} occurred in more than {@code percent}% of the cases under {@code label}. */
    public Properties requirePercentage(String label, Object value, double percent) {
        double p = cases == 0 ? 0 : 100.0 * count(label, value) / cases;
        if (p <= percent) {
            throw new AssertionError("generators produced " + label + "=" + value + " in " + p + "% of " + cases
                    + " cases (need > " + percent + "%): " + tally);
        }
        return this;
    }

    /** A property checked on one generated case. */
    @FunctionalInterface
    public interface PropertyBody {
        void check(Gen gen, Properties run);
    }
}
