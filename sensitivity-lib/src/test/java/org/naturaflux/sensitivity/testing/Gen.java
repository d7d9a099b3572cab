package org.naturaflux.sensitivity.testing;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A source of generated test values drawn from a seeded {@link Random}: every case of a property test is
 * reproducible from its seed, which failure messages name.
 */
public final class Gen {

    private final Random random;
    private final long seed;

    public Gen(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    public long seed() {
        return seed;
    }

    /** A double in [min, max), with the bounds themselves drawn now and then. */
    public double between(double min, double max) {
        int edge = random.nextInt(50);
        if (edge == 0) {
            return min;
        }
        return min + random.nextDouble() * (max - min);
    }

    /** An int in [min, max], both inclusive. */
    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** Whether an event of probability {@code p} happens. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    public <E extends Enum<E>> E oneOf(Class<E> type) {
        return oneOf(type.getEnumConstants());
    }

    /** A value from one of the suppliers, chosen with the given weights. */
    public <T> T frequency(List<Weighted<T>> choices) {
        int total = choices.stream().mapToInt(Weighted::weight).sum();
        int pick = random.nextInt(total);
        for (Weighted<T> choice : choices) {
            pick -= choice.weight();
            if (pick < 0) {
                return choice.supplier().get();
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** A supplier with its weight, for {@link #frequency(List)}. */
    public record Weighted<T>(int weight, Supplier<T> supplier) {
    }

    public static <T> Weighted<T> weight(int weight, Supplier<T> supplier) {
        return new Weighted<>(weight, supplier);
    }
}
