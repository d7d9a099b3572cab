package org.naturaflux.request.service;

import jakarta.validation.Validator;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.Coded;
import org.naturaflux.model.spec.Compression;
import org.naturaflux.model.spec.CsvDateFormat;
import org.naturaflux.model.spec.CsvPreset;
import org.naturaflux.model.spec.DateCoarsening;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.GeometryAs;
import org.naturaflux.model.spec.InvalidSpecException;
import org.naturaflux.model.spec.JsonLayout;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.model.spec.Violation;
import org.naturaflux.request.Contact;
import org.naturaflux.request.service.FluxRequestBody.AreaBody;
import org.naturaflux.request.service.FluxRequestBody.OptionsBody;
import org.naturaflux.request.service.FluxRequestBody.DatasetsBody;
import org.naturaflux.request.service.FluxRequestBody.ProducersBody;
import org.naturaflux.request.service.FluxRequestBody.FiltersBody;
import org.naturaflux.request.service.FluxRequestBody.TaxaBody;
import org.naturaflux.request.service.FluxRequestBody.TerritoryBody;

/**
 * The checks of a bound {@link FluxRequestBody} that its annotations cannot state: those across members
 * (a territory in exactly one form, nothing named twice, options that hold together), those bounded by
 * the platform's settings (areas, taxa, the periodicity, {@code options.minInterval}), the territory's
 * geometry ({@link TerritoryGeometry}), the field selection against the catalogue, format and option
 * codes. It reads the request into a {@link FluxRequest} and its normalised, stored document. The checks
 * that need the source (areas, groups, taxa exist; the territory projects) come after, in
 * {@link SourceChecks}.
 *
 * <p>Thread-safe; pure (no I/O).
 */
public final class FluxRequestRules {

    private static final List<String> TERRITORY_FORMS = List.of("geometry", "wkt", "areas", "description");
    /** Field selection items: a selection names each catalogue field at most once or twice. */
    private static final int MAX_FIELD_ITEMS = 200;
    private static final int MAX_FORMATS = 10;

    private final FieldCatalogue catalogue;
    private final TerritoryGeometry geometry;
    private final Duration minPeriodicity;
    private final Periodicity maxPeriodicity;
    private final int maxAreas;
    private final int maxTaxa;
    private final Duration minInterval;
    private final Duration maxMinInterval;

    /**
     * @param minPeriodicity the shortest periodicity, compared by {@link Periodicity#shortestLength()}
     * @param maxPeriodicity the longest periodicity, compared by {@link Periodicity#nominalLength()}
     * @param minInterval    the platform's minimum time between two change-driven runs: {@code options.minInterval}
     *                       may be longer, never shorter
     * @param maxMinInterval the longest {@code options.minInterval}
     */
    public FluxRequestRules(FieldCatalogue catalogue, TerritoryGeometry geometry, Duration minPeriodicity,
                            Periodicity maxPeriodicity, int maxAreas, int maxTaxa, Duration minInterval,
                            Duration maxMinInterval) {
        this.catalogue = catalogue;
        this.geometry = geometry;
        this.minPeriodicity = minPeriodicity;
        this.maxPeriodicity = maxPeriodicity;
        this.maxAreas = maxAreas;
        this.maxTaxa = maxTaxa;
        this.minInterval = minInterval;
        this.maxMinInterval = maxMinInterval;
    }

    /**
     * Checks a request body (its {@code partnerId} is the caller's business) and reads it: its Bean
     * Validation constraints, then these rules.
     *
     * @param constraints the validator of the body's constraints
     * @throws InvalidSpecException listing every problem found
     */
    public FluxRequest check(FluxRequestBody body, Validator constraints) {
        if (body == null) {
            throw new InvalidSpecException("", "the body must be a JSON object");
        }
        List<Violation> violations = new ArrayList<>(RequestViolations.of(constraints.validate(body)));
        Territory territory = territory(body.territory(), "/territory", violations);
        TaxaFilter taxa = taxa(body.taxa(), "/taxa", violations);
        Periodicity periodicity = periodicity(body.periodicity(), "/periodicity", violations);
        List<String> resolved = fields(body.fields(), "/fields", violations);
        List<ExportFormat> formats = formats(body.formats(), "/formats", violations);
        ExportOptions options = options(body.options(), "/options", violations);
        RecordFilters filters = filters(body.filters(), "/filters", violations);
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
        Contact contact = new Contact(body.contact().name(), body.contact().email(), body.contact().phone());
        List<Study> studies = body.studies().stream().map(s -> new Study(s.name(), s.nature())).toList();
        FluxRequestBody stored = new FluxRequestBody(null, body.structure(), body.contact(), body.studies(),
                stored(territory), body.taxa() == null ? null : new TaxaBody(taxa.groups(), taxa.cdRefs()),
                periodicity.toString(), body.fields(), formats.stream().map(ExportFormat::code).toList(), body.options(),
                body.filters(), body.notifications(), null);
        return new FluxRequest(body.structure(), contact, studies, territory, taxa, periodicity, body.fields(), resolved,
                formats, options, filters, stored);
    }

    private Territory territory(TerritoryBody body, String path, List<Violation> violations) {
        if (body == null) {
            return null;
        }
        List<String> given = new ArrayList<>();
        Object[] forms = {body.geometry(), body.wkt(), body.areas(), body.description()};
        for (int i = 0; i < forms.length; i++) {
            if (forms[i] != null) {
                given.add(TERRITORY_FORMS.get(i));
            }
        }
        if (given.size() != 1) {
            violations.add(new Violation(path, "give exactly one of geometry (GeoJSON), wkt, areas or description"
                    + (given.isEmpty() ? "" : "; got " + String.join(", ", given))));
            return null;
        }
        if (body.geometry() != null) {
            String wkt = geometry.fromGeoJson(body.geometry(), path + "/geometry", violations);
            return wkt == null ? null : new Territory.Wkt(wkt);
        }
        if (body.wkt() != null) {
            String wkt = geometry.fromWkt(body.wkt(), path + "/wkt", violations);
            return wkt == null ? null : new Territory.Wkt(wkt);
        }
        if (body.areas() != null) {
            return areas(body.areas(), path + "/areas", violations);
        }
        return new Territory.Described(body.description());
    }

    private Territory areas(List<AreaBody> items, String path, List<Violation> violations) {
        if (items.size() > maxAreas) {
            violations.add(new Violation(path, items.size() + " areas, at most " + maxAreas));
            return null;
        }
        List<AreaRef> areas = new ArrayList<>();
        Set<AreaRef> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            AreaBody item = items.get(i);
            if (item.type() == null || item.code() == null) {
                continue;
            }
            AreaRef area = new AreaRef(item.type(), item.code());
            if (!seen.add(area)) {
                violations.add(new Violation(path + "/" + i, "area " + item.type() + " " + item.code() + " is named twice"));
            }
            areas.add(area);
        }
        return areas.size() == items.size() && !areas.isEmpty() ? new Territory.Areas(areas) : null;
    }

    private static TerritoryBody stored(Territory territory) {
        if (territory instanceof Territory.Wkt wkt) {
            return new TerritoryBody(null, wkt.wkt(), null, null);
        }
        if (territory instanceof Territory.Areas areas) {
            return new TerritoryBody(null, null, areas.areas().stream().map(a -> new AreaBody(a.type(), a.code())).toList(),
                    null);
        }
        return new TerritoryBody(null, null, null, ((Territory.Described) territory).description());
    }

    private TaxaFilter taxa(TaxaBody body, String path, List<Violation> violations) {
        if (body == null) {
            return TaxaFilter.all();
        }
        List<String> groups = body.groups() == null ? List.of() : body.groups();
        List<Integer> cdRefs = body.cdRefs() == null ? List.of() : body.cdRefs();
        int before = violations.size();
        duplicates(groups, path + "/groups", violations);
        duplicates(cdRefs, path + "/cdRefs", violations);
        if (groups.size() > maxTaxa || cdRefs.size() > maxTaxa) {
            violations.add(new Violation(path, "at most " + maxTaxa + " groups and " + maxTaxa + " taxa"));
        }
        boolean positive = cdRefs.stream().allMatch(cdRef -> cdRef > 0);
        return violations.size() == before && positive ? new TaxaFilter(groups, cdRefs) : null;
    }

    private static <T> void duplicates(List<T> values, String path, List<Violation> violations) {
        Set<T> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) {
                violations.add(new Violation(path + "/" + i, "'" + values.get(i) + "' is named twice"));
            }
        }
    }

    private Periodicity periodicity(String text, String path, List<Violation> violations) {
        if (text == null) {
            return null;
        }
        try {
            Periodicity periodicity = Periodicity.parse(text);
            if (periodicity.shortestLength().compareTo(minPeriodicity) < 0) {
                violations.add(new Violation(path, "'" + text + "' is more frequent than the platform allows:"
                        + " at least " + minPeriodicity + " between runs"));
                return null;
            }
            if (periodicity.nominalLength().compareTo(maxPeriodicity.nominalLength()) > 0) {
                violations.add(new Violation(path, "'" + text + "' is longer than the platform allows:"
                        + " at most " + maxPeriodicity + " between runs"));
                return null;
            }
            return periodicity;
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(path, e.getMessage()));
            return null;
        }
    }

    /** The selection resolved against the catalogue, mandatory fields included. */
    private List<String> fields(List<String> selection, String path, List<Violation> violations) {
        if (selection == null) {
            return List.of();
        }
        if (selection.size() > MAX_FIELD_ITEMS) {
            violations.add(new Violation(path, selection.size() + " items, at most " + MAX_FIELD_ITEMS));
            return List.of();
        }
        try {
            return catalogue.resolve(selection, path).stream().map(FieldDefinition::code).toList();
        } catch (InvalidSpecException e) {
            violations.addAll(e.violations());
            return List.of();
        }
    }

    private static List<ExportFormat> formats(List<String> codes, String path, List<Violation> violations) {
        List<ExportFormat> formats = new ArrayList<>();
        if (codes == null) {
            return formats;
        }
        if (codes.size() > MAX_FORMATS) {
            violations.add(new Violation(path, codes.size() + " formats, at most " + MAX_FORMATS));
            return formats;
        }
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            var format = ExportFormat.find(code);
            if (format.isEmpty()) {
                violations.add(new Violation(path + "/" + i, "unsupported format '" + code + "' (csv, json, geojson, gpkg)"));
            } else if (formats.contains(format.get())) {
                violations.add(new Violation(path + "/" + i, "format '" + code + "' is named twice"));
            } else {
                formats.add(format.get());
            }
        }
        return formats;
    }

    private ExportOptions options(OptionsBody body, String path, List<Violation> violations) {
        if (body == null) {
            return ExportOptions.defaults();
        }
        int before = violations.size();
        Character delimiter = null;
        if (body.csvDelimiter() != null) {
            if (body.csvDelimiter().length() != 1) {
                violations.add(new Violation(path + "/csvDelimiter", "must be a one-character string: \",\" or \";\""));
            } else {
                delimiter = body.csvDelimiter().charAt(0);
            }
        }
        JsonLayout layout = coded(body.jsonLayout(), path + "/jsonLayout", violations, c -> Coded.parse(JsonLayout.class, c));
        Compression compression = coded(body.compression(), path + "/compression", violations,
                c -> Coded.parse(Compression.class, c));
        GeometryAs geometryAs = coded(body.geometryAs(), path + "/geometryAs", violations,
                c -> Coded.parse(GeometryAs.class, c));
        DateCoarsening coarsening = coded(body.dateCoarsening(), path + "/dateCoarsening", violations,
                c -> Coded.parse(DateCoarsening.class, c));
        Duration interval = minInterval(body.minInterval(), path + "/minInterval", violations);
        CsvPreset preset = coded(body.csvPreset(), path + "/csvPreset", violations, c -> Coded.parse(CsvPreset.class, c));
        CsvDateFormat dates = coded(body.csvDateFormat(), path + "/csvDateFormat", violations,
                c -> Coded.parse(CsvDateFormat.class, c));
        if (violations.size() != before) {
            return ExportOptions.defaults();
        }
        ExportOptions options = new ExportOptions(delimiter, body.csvBom(), layout, body.coordinatePrecision(), compression,
                geometryAs, coarsening, body.delta(), body.changeDriven(), interval, preset, dates, body.statuses());
        violations.addAll(options.violations(path));
        return options;
    }

    private static RecordFilters filters(FiltersBody body, String path, List<Violation> violations) {
        if (body == null) {
            return RecordFilters.defaults();
        }
        int before = violations.size();
        LocalDate from = date(body.dateFrom(), path + "/dateFrom", violations);
        LocalDate to = date(body.dateTo(), path + "/dateTo", violations);
        Period last = null;
        if (body.lastPeriod() != null) {
            try {
                last = Period.parse(body.lastPeriod().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                violations.add(new Violation(path + "/lastPeriod", "must be an ISO-8601 period in years, months or days"
                        + " (e.g. P10Y, P18M)"));
            }
        }
        if (violations.size() != before) {
            return RecordFilters.defaults();
        }
        DatasetsBody datasets = body.datasets();
        ProducersBody producers = body.producers();
        RecordFilters filters = new RecordFilters(body.observationStatus(), body.validationStatus(), from, to, last,
                datasets == null ? null : new RecordFilters.IdList(datasets.include(), datasets.exclude()),
                producers == null ? null : new RecordFilters.IdList(producers.include(), producers.exclude()));
        violations.addAll(filters.violations(path));
        return filters;
    }

    private static LocalDate date(String text, String path, List<Violation> violations) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(new Violation(path, "must be a date (aaaa-mm-jj), e.g. 2015-01-01"));
            return null;
        }
    }

    private Duration minInterval(String text, String path, List<Violation> violations) {
        if (text == null) {
            return null;
        }
        Duration interval;
        try {
            interval = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            violations.add(new Violation(path, "must be an ISO-8601 duration (e.g. PT6H, P1D)"));
            return null;
        }
        if (interval.compareTo(minInterval) < 0) {
            violations.add(new Violation(path, "'" + text + "' is shorter than the platform's minimum of " + minInterval
                    + " between change-driven runs (a longer interval may be asked)"));
        } else if (interval.compareTo(maxMinInterval) > 0) {
            violations.add(new Violation(path, "'" + text + "' is longer than the platform allows: at most " + maxMinInterval));
        }
        return interval;
    }

    private static <E> E coded(String code, String path, List<Violation> violations, Function<String, E> parse) {
        if (code == null) {
            return null;
        }
        try {
            return parse.apply(code);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(path, "unsupported value " + e.getMessage()));
            return null;
        }
    }
}
