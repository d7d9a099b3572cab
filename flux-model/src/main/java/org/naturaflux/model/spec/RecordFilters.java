package org.naturaflux.model.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which records of its territory and taxa a flux takes, by what GeoNature's synthesis says of each record:
 * its observation status, its validation status, its dates, its dataset and its dataset's producers. A record a filter leaves out
 * is not selected at all (it is neither exported nor counted as withheld). Absent members take the
 * defaults, so commands and stored specifications written before filters existed read as
 * {@link #defaults()}.
 *
 * @param observationStatus the {@code STATUT_OBS} codes ({@code cd_nomenclature}) taken: {@code Pr}
 *                          (présent) by default; {@code No} (non observé: absences) only when asked
 * @param validationStatus  the {@code STATUT_VALID} codes taken (e.g. {@code 1} certain - très probable,
 *                          {@code 2} probable); empty (the default): every validation status, none included
 * @param dateFrom          the first day a record's observation may start ({@code date_min}), or null
 * @param dateTo            the last day a record's observation may end ({@code date_max}), or null
 * @param lastPeriod        a rolling window instead of dates ({@code P10Y}: the records whose observation
 *                          started in the ten years before the day the query runs), or null
 * @param datasets          the datasets ({@code gn_meta.t_datasets.unique_dataset_id}) taken, or excluded
 * @param producers         the producers ({@code utilisateurs.bib_organismes.uuid_organisme}) whose records are
 *                          taken, or excluded: a record's producers are the organisms named "Producteur du jeu
 *                          de données" ({@code ROLE_ACTEUR} 6) among its dataset's actors
 *                          ({@code gn_meta.cor_dataset_actor}); the acquisition framework's actors are not read
 *                          (a record of a dataset without a producer organism is in no include list and in no
 *                          exclude list)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record RecordFilters(List<String> observationStatus, List<String> validationStatus, LocalDate dateFrom,
                            LocalDate dateTo, Period lastPeriod, IdList datasets, IdList producers) {

    /** The GeoNature nomenclature type of observation statuses. */
    public static final String OBSERVATION_STATUS_TYPE = "STATUT_OBS";
    /** The GeoNature nomenclature type of validation statuses. */
    public static final String VALIDATION_STATUS_TYPE = "STATUT_VALID";
    /** The observation status of records whose taxon was seen ("Présent"). */
    public static final String PRESENT = "Pr";
    /** The longest span of dates, fixed or rolling, a flux may ask for. */
    public static final int MAX_YEARS = 300;
    /** The earliest date a filter may name. */
    public static final LocalDate EARLIEST = LocalDate.of(1500, 1, 1);
    /** The latest date a filter may name. */
    public static final LocalDate LATEST = LocalDate.of(9999, 12, 31);
    /** The most codes a status list names. */
    public static final int MAX_CODES = 20;
    /** The most datasets or producers a list names. */
    public static final int MAX_IDS = 500;
    /** The GeoNature nomenclature type of the roles of a dataset's actors. */
    public static final String ACTOR_ROLE_TYPE = "ROLE_ACTEUR";
    /** The actor role of a dataset's producers ("Producteur du jeu de données"). */
    public static final String PRODUCER_ROLE = "6";

    /**
     * Datasets or producers taken ({@code include}: only those) and left out ({@code exclude}); both empty: every one.
     *
     * @param include the only ones taken, or empty
     * @param exclude those left out
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record IdList(List<UUID> include, List<UUID> exclude) {
        public IdList {
            include = include == null ? List.of() : List.copyOf(include);
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
        }

        /** No list: every one. */
        public static IdList all() {
            return new IdList(List.of(), List.of());
        }

        @JsonIgnore
        public boolean isAll() {
            return include.isEmpty() && exclude.isEmpty();
        }
    }

    @JsonCreator
    public RecordFilters {
        observationStatus = observationStatus == null ? List.of(PRESENT) : List.copyOf(observationStatus);
        validationStatus = validationStatus == null ? List.of() : List.copyOf(validationStatus);
        datasets = datasets == null ? IdList.all() : datasets;
        producers = producers == null ? IdList.all() : producers;
    }

    /** Filters without a producers list (every producer). */
    public RecordFilters(List<String> observationStatus, List<String> validationStatus, LocalDate dateFrom,
                         LocalDate dateTo, Period lastPeriod, IdList datasets) {
        this(observationStatus, validationStatus, dateFrom, dateTo, lastPeriod, datasets, null);
    }

    /** The defaults: present records only, whatever their validation, dates, dataset and producers. */
    public static RecordFilters defaults() {
        return new RecordFilters(null, null, null, null, null, null, null);
    }

    /**
     * No filter at all: every record of the territory and taxa, absences and every observation status
     * included (not a flux's default: for the selection rule's own tests and diagnostics).
     */
    public static RecordFilters none() {
        return new RecordFilters(List.of(), null, null, null, null, null, null);
    }

    /** Whether these filters take every record (no condition at all). */
    @JsonIgnore
    public boolean isNone() {
        return observationStatus.isEmpty() && validationStatus.isEmpty() && dateFrom == null && dateTo == null
                && lastPeriod == null && datasets.isAll() && producers.isAll();
    }

    /**
     * The violations of these filters, as JSON pointers under {@code basePath} (e.g. {@code /filters}):
     * codes blank or named twice, too many, dates outside {@link #EARLIEST}..{@link #LATEST}, a start after
     * the end, a span or rolling window longer than {@link #MAX_YEARS} years, a rolling window not positive
     * or given with dates, a dataset or producer both included and excluded. (Whether the codes, datasets and producers exist is
     * the source's to tell.)
     */
    public List<Violation> violations(String basePath) {
        List<Violation> violations = new ArrayList<>();
        codes(observationStatus, basePath + "/observationStatus", violations);
        codes(validationStatus, basePath + "/validationStatus", violations);
        date(dateFrom, basePath + "/dateFrom", violations);
        date(dateTo, basePath + "/dateTo", violations);
        if (dateFrom != null && dateTo != null) {
            if (dateFrom.isAfter(dateTo)) {
                violations.add(new Violation(basePath + "/dateFrom", "must not be after dateTo (" + dateTo + ")"));
            } else if (dateTo.isAfter(dateFrom.plusYears(MAX_YEARS))) {
                violations.add(new Violation(basePath + "/dateTo", "the dates span more than " + MAX_YEARS + " years"));
            }
        }
        if (lastPeriod != null) {
            if (dateFrom != null || dateTo != null) {
                violations.add(new Violation(basePath + "/lastPeriod", "give either lastPeriod or dateFrom/dateTo, not both"));
            }
            if (lastPeriod.isNegative() || lastPeriod.isZero()) {
                violations.add(new Violation(basePath + "/lastPeriod", "must be a positive ISO-8601 period (e.g. P10Y)"));
            } else if (!withinMaxYears(lastPeriod)) {
                violations.add(new Violation(basePath + "/lastPeriod", "must be at most " + MAX_YEARS + " years (P"
                        + MAX_YEARS + "Y)"));
            }
        }
        ids(datasets, basePath + "/datasets", "dataset", "a dataset's UUID (unique_dataset_id)", violations);
        ids(producers, basePath + "/producers", "producer", "an organism's UUID (uuid_organisme)", violations);
        return violations;
    }

    private static boolean withinMaxYears(Period period) {
        LocalDate reference = LocalDate.of(2000, 1, 1);
        try {
            return !reference.minus(period).isBefore(reference.minusYears(MAX_YEARS));
        } catch (DateTimeException | ArithmeticException e) {
            return false;
        }
    }

    private static void codes(List<String> codes, String path, List<Violation> violations) {
        if (codes.size() > MAX_CODES) {
            violations.add(new Violation(path, codes.size() + " codes, at most " + MAX_CODES));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            if (code == null || code.isBlank()) {
                violations.add(new Violation(path + "/" + i, "must be a nomenclature code (cd_nomenclature), not blank"));
            } else if (code.length() > 20) {
                violations.add(new Violation(path + "/" + i, "must be a nomenclature code of at most 20 characters"));
            } else if (!seen.add(code)) {
                violations.add(new Violation(path + "/" + i, "'" + code + "' is named twice"));
            }
        }
    }

    private static void date(LocalDate date, String path, List<Violation> violations) {
        if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))) {
            violations.add(new Violation(path, "must be between " + EARLIEST + " and " + LATEST));
        }
    }

    private static void ids(IdList list, String path, String noun, String what, List<Violation> violations) {
        ids(list.include(), path + "/include", noun, what, violations);
        ids(list.exclude(), path + "/exclude", noun, what, violations);
        for (int i = 0; i < list.exclude().size(); i++) {
            if (list.exclude().get(i) != null && list.include().contains(list.exclude().get(i))) {
                violations.add(new Violation(path + "/exclude/" + i, noun + " " + list.exclude().get(i)
                        + " is both included and excluded"));
            }
        }
    }

    private static void ids(List<UUID> ids, String path, String noun, String what, List<Violation> violations) {
        if (ids.size() > MAX_IDS) {
            violations.add(new Violation(path, ids.size() + " " + noun + "s, at most " + MAX_IDS));
            return;
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null) {
                violations.add(new Violation(path + "/" + i, "must be " + what));
            } else if (!seen.add(ids.get(i))) {
                violations.add(new Violation(path + "/" + i, noun + " " + ids.get(i) + " is named twice"));
            }
        }
    }
}
