package org.naturaflux.sensitivity.degrade;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.naturaflux.model.message.RunCounts;
import org.naturaflux.model.sensitivity.DiffusionLevel;
import org.naturaflux.sensitivity.rules.WithholdCause;

/**
 * Counts what degradation did during a run, for its manifest and events. Not thread-safe: keep one per
 * thread and {@link #add} them at the end.
 *
 * <p>Every record counts once under the level it leaves at ({@link Degradation#level()}): a record
 * withheld for lack of an area counts under WITHHELD (and under its cause), not under the level it could
 * not get. So the levels add up to {@code exported + withheld}.
 */
public final class DegradationSummary {

    private final long[] byLevel = new long[DiffusionLevel.values().length];
    private final long[] byCause = new long[WithholdCause.values().length];
    private long missingSensitivity;

    /** Counts one outcome. */
    public void record(Degradation outcome) {
        byLevel[outcome.level().ordinal()]++;
        if (outcome instanceof Degradation.Withheld withheld) {
            byCause[withheld.cause().ordinal()]++;
        }
        if (outcome.sensitivityCode() == null) {
            missingSensitivity++;
        }
    }

    /** Adds another summary's counts to this one (e.g. one summary per thread). */
    public void add(DegradationSummary other) {
        for (int i = 0; i < byLevel.length; i++) {
            byLevel[i] += other.byLevel[i];
        }
        for (int i = 0; i < byCause.length; i++) {
            byCause[i] += other.byCause[i];
        }
        missingSensitivity += other.missingSensitivity;
    }

    /** Records that left at this level (WITHHELD: not exported). */
    public long count(DiffusionLevel level) {
        return byLevel[level.ordinal()];
    }

    /** Records withheld for this cause. */
    public long withheld(WithholdCause cause) {
        return byCause[cause.ordinal()];
    }

    /**
     * Records whose sensitivity was NULL, whatever the policy did with them (withheld under
     * {@link WithholdCause#UNKNOWN_SENSITIVITY} by default, exported at the policy's level otherwise).
     */
    public long missingSensitivity() {
        return missingSensitivity;
    }

    /** Records counted so far. */
    public long total() {
        long total = 0;
        for (long n : byLevel) {
            total += n;
        }
        return total;
    }

    /** The counts as the project's counts type: every level and every cause, zeros included. */
    public RunCounts toRunCounts() {
        Map<DiffusionLevel, Long> levels = new EnumMap<>(DiffusionLevel.class);
        for (DiffusionLevel level : DiffusionLevel.values()) {
            levels.put(level, byLevel[level.ordinal()]);
        }
        Map<String, Long> causes = new LinkedHashMap<>();
        for (WithholdCause cause : WithholdCause.values()) {
            causes.put(cause.name(), byCause[cause.ordinal()]);
        }
        long withheld = count(DiffusionLevel.WITHHELD);
        long exported = total() - withheld;
        long degraded = exported - count(DiffusionLevel.PRECISE);
        return new RunCounts(exported, degraded, withheld, levels, causes);
    }

    /**
     * The counts with the records the selection left out before any degrader saw them (withheld by the
     * rules, without a taxon or a dataset, of a level no area type places; source-lib's
     * {@code WithheldBySelection}) added under WITHHELD and their causes: a manifest's counts.
     */
    public RunCounts toRunCounts(Map<WithholdCause, Long> withheldBySelection) {
        RunCounts degraded = toRunCounts();
        long extra = withheldBySelection.values().stream().mapToLong(Long::longValue).sum();
        Map<DiffusionLevel, Long> levels = new EnumMap<>(DiffusionLevel.class);
        levels.putAll(degraded.byLevel());
        levels.merge(DiffusionLevel.WITHHELD, extra, Long::sum);
        Map<String, Long> causes = new LinkedHashMap<>(degraded.withheldByCause());
        withheldBySelection.forEach((cause, n) -> causes.merge(cause.name(), n, Long::sum));
        return new RunCounts(degraded.exported(), degraded.degraded(), degraded.withheld() + extra, levels, causes);
    }

    @Override
    public String toString() {
        return toRunCounts() + ", missingSensitivity=" + missingSensitivity;
    }
}
