package org.naturaflux.request.service;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * How often a flux runs: an ISO-8601 period of calendar units ({@code P1D}, {@code P1W}, {@code P1M},
 * {@code P3M}, {@code P1Y}) or a duration ({@code PT12H}, {@code P1DT12H}). Calendar units step in
 * calendar time (UTC): a monthly flux due on 31 January is next due on 28 or 29 February.
 */
public final class Periodicity {

    /** The latest instant a schedule holds: far beyond any allowed period, and storable by PostgreSQL. */
    public static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");
    private static final Duration MAX_LENGTH = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    private final String text;
    private final Period period;
    private final Duration duration;

    private Periodicity(String text, Period period, Duration duration) {
        this.text = text;
        this.period = period;
        this.duration = duration;
    }

    /**
     * Parses an ISO-8601 period or duration.
     *
     * @throws IllegalArgumentException when it is neither, or not positive
     */
    public static Periodicity parse(String text) {
        Objects.requireNonNull(text, "text");
        String normalised = text.strip().toUpperCase(Locale.ROOT);
        try {
            if (!normalised.contains("T")) {
                Period period = Period.parse(normalised);
                if (period.isNegative() || period.isZero()) {
                    throw new IllegalArgumentException("'" + text + "' is not a positive period");
                }
                return new Periodicity(normalised, period, null);
            }
            Duration duration = Duration.parse(normalised);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("'" + text + "' is not a positive duration");
            }
            return new Periodicity(normalised, null, duration);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 period or duration"
                    + " (e.g. P1D, P1W, P1M, P3M, P1Y, PT12H)");
        }
    }

    /**
     * The instant one period after {@code from}, at the latest {@link #LATEST}: never throws, so that a
     * stored periodicity from before the platform's maximum (or a bad clock) cannot stop the scheduler.
     */
    public Instant after(Instant from) {
        try {
            Instant next = period != null ? from.atOffset(ZoneOffset.UTC).plus(period).toInstant() : from.plus(duration);
            return next.isAfter(LATEST) ? LATEST : next;
        } catch (DateTimeException | ArithmeticException e) {
            return LATEST;
        }
    }

    /**
     * The length the periodicity has on average (a year counts 365.2425 days, a month a twelfth of it, as
     * {@link ChronoUnit#YEARS} and {@link ChronoUnit#MONTHS} do): what is compared with the platform's
     * maximum, so that {@code P1Y} and {@code P12M} are equally long.
     */
    public Duration nominalLength() {
        if (duration != null) {
            return duration;
        }
        try {
            return ChronoUnit.YEARS.getDuration().multipliedBy(period.getYears())
                    .plus(ChronoUnit.MONTHS.getDuration().multipliedBy(period.getMonths()))
                    .plus(ChronoUnit.DAYS.getDuration().multipliedBy(period.getDays()));
        } catch (ArithmeticException e) {
            return MAX_LENGTH;
        }
    }

    /**
     * The shortest length the periodicity can have (a month counts 28 days, a year 365): what is compared
     * with the platform's minimum.
     */
    public Duration shortestLength() {
        if (duration != null) {
            return duration;
        }
        return Duration.ofDays(period.getYears() * 365L + period.getMonths() * 28L + period.getDays());
    }

    /** The normalised ISO-8601 text. */
    @Override
    public String toString() {
        return text;
    }
}
