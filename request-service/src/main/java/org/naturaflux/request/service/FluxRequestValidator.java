package org.naturaflux.request.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.spec.AreaRef;
import org.naturaflux.model.spec.Coded;
import org.naturaflux.model.spec.Compression;
import org.naturaflux.model.spec.DateCoarsening;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.GeometryAs;
import org.naturaflux.model.spec.InvalidSpecException;
import org.naturaflux.model.spec.JsonLayout;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.model.spec.Violation;
import org.naturaflux.request.Contact;

/**
 * The structural checks of a flux request body, with a JSON pointer for every problem: unknown members,
 * wrong types, missing members, text limits, the territory (one form only; the geometry checked by
 * {@link TerritoryGeometry}), taxa, the periodicity against the platform's minimum, the field selection
 * against the catalogue, formats and options. Everything it can find is reported at once. The checks
 * that need the source (areas, groups, taxa exist) come after, in {@link SourceChecks}.
 *
 * <p>Thread-safe; pure (no I/O).
 */
public final class FluxRequestValidator {

    /** The members of a request body, in the order they are stored. */
    public static final List<String> MEMBERS = List.of("structure", "contact", "studies", "territory", "taxa",
            "periodicity", "fields", "formats", "options");
    private static final Set<String> REQUIRED = Set.of("structure", "contact", "studies", "territory", "periodicity",
            "fields", "formats");
    private static final List<String> TERRITORY_FORMS = List.of("geometry", "wkt", "areas", "description");
    private static final List<String> OPTIONS = List.of("csvDelimiter", "csvBom", "jsonLayout", "coordinatePrecision",
            "compression", "geometryAs", "dateCoarsening", "delta", "changeDriven", "minInterval");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^[+0-9 ().-]{6,30}$");
    private static final int MAX_STUDIES = 50;
    /** Field selection items and formats: a selection names each catalogue field at most once or twice. */
    private static final int MAX_FIELD_ITEMS = 200;
    private static final int MAX_FORMATS = 10;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final FieldCatalogue catalogue;
    private final TerritoryGeometry geometry;
    private final Duration minPeriodicity;
    private final int maxAreas;
    private final int maxTaxa;
    private final int maxText;
    private final Periodicity maxPeriodicity;
    private final Duration minInterval;
    private final Duration maxMinInterval;

    /**
     * @param maxPeriodicity the longest periodicity, compared by {@link Periodicity#nominalLength()}
     * @param minInterval    the platform's minimum time between two change-driven runs: {@code options.minInterval}
     *                       may be longer, never shorter
     * @param maxMinInterval the longest {@code options.minInterval}
     */
    public FluxRequestValidator(FieldCatalogue catalogue, TerritoryGeometry geometry, Duration minPeriodicity,
                                int maxAreas, int maxTaxa, int maxText, Periodicity maxPeriodicity, Duration minInterval,
                                Duration maxMinInterval) {
        this.catalogue = catalogue;
        this.geometry = geometry;
        this.minPeriodicity = minPeriodicity;
        this.maxAreas = maxAreas;
        this.maxTaxa = maxTaxa;
        this.maxText = maxText;
        this.maxPeriodicity = maxPeriodicity;
        this.minInterval = minInterval;
        this.maxMinInterval = maxMinInterval;
    }

    /**
     * Checks a request body (without {@code partnerId}, which the caller handles).
     *
     * @throws InvalidSpecException listing every problem found
     */
    public FluxRequest validate(JsonNode body) {
        List<Violation> violations = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new InvalidSpecException("", "the body must be a JSON object");
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                violations.add(new Violation("/" + name, "unknown field '" + name + "'"));
            }
        }
        for (String member : REQUIRED) {
            if (body.path(member).isMissingNode() || body.path(member).isNull()) {
                violations.add(new Violation("/" + member, "is required"));
            }
        }
        ObjectNode json = JSON.objectNode();

        String structure = text(body.get("structure"), "/structure", violations);
        json.put("structure", structure);
        Contact contact = contact(body.get("contact"), "/contact", violations);
        if (contact != null) {
            ObjectNode c = json.putObject("contact");
            c.put("name", contact.name());
            c.put("email", contact.email());
            if (contact.phone() != null) {
                c.put("phone", contact.phone());
            }
        }
        List<Study> studies = studies(body.get("studies"), "/studies", violations);
        ArrayNode studiesJson = json.putArray("studies");
        studies.forEach(s -> studiesJson.addObject().put("name", s.name()).put("nature", s.nature()));
        Territory territory = territory(body.get("territory"), "/territory", violations);
        if (territory != null) {
            json.set("territory", territoryJson(territory));
        }
        TaxaFilter taxa = taxa(body.get("taxa"), "/taxa", violations);
        if (taxa != null) {
            ObjectNode t = json.putObject("taxa");
            taxa.groups().forEach(t.putArray("groups")::add);
            taxa.cdRefs().forEach(t.putArray("cdRefs")::add);
        }
        Periodicity periodicity = periodicity(body.get("periodicity"), "/periodicity", violations);
        if (periodicity != null) {
            json.put("periodicity", periodicity.toString());
        }
        List<String> selection = strings(body.get("fields"), "/fields", violations);
        List<String> resolved = List.of();
        if (selection != null && selection.size() > MAX_FIELD_ITEMS) {
            violations.add(new Violation("/fields", selection.size() + " items, at most " + MAX_FIELD_ITEMS));
            selection = null;
        }
        if (selection != null) {
            try {
                resolved = catalogue.resolve(selection, "/fields").stream().map(FieldDefinition::code).toList();
            } catch (InvalidSpecException e) {
                violations.addAll(e.violations());
            }
            selection.forEach(json.putArray("fields")::add);
        }
        List<ExportFormat> formats = formats(body.get("formats"), "/formats", violations);
        formats.forEach(f -> json.withArray("formats").add(f.code()));
        ExportOptions options = options(body.get("options"), "/options", violations, json);

        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
        return new FluxRequest(structure, contact, studies, territory, taxa == null ? TaxaFilter.all() : taxa,
                periodicity, selection, resolved, formats, options, json);
    }

    private String text(JsonNode node, String path, List<Violation> violations) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new Violation(path, "must be a string"));
            return null;
        }
        String value = node.asText().strip();
        if (value.isEmpty()) {
            violations.add(new Violation(path, "must not be blank"));
            return null;
        }
        if (value.length() > maxText) {
            violations.add(new Violation(path, "is too long: " + value.length() + " characters, at most " + maxText));
            return null;
        }
        return value;
    }

    private String requiredText(JsonNode parent, String member, String path, List<Violation> violations) {
        JsonNode node = parent.get(member);
        if (node == null || node.isNull()) {
            violations.add(new Violation(path + "/" + member, "is required"));
            return null;
        }
        return text(node, path + "/" + member, violations);
    }

    private static boolean object(JsonNode node, String path, List<String> members, List<Violation> violations) {
        if (!node.isObject()) {
            violations.add(new Violation(path, "must be an object"));
            return false;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!members.contains(name)) {
                violations.add(new Violation(path + "/" + name, "unknown field '" + name + "'"));
            }
        }
        return true;
    }

    private Contact contact(JsonNode node, String path, List<Violation> violations) {
        if (node == null || node.isNull() || !object(node, path, List.of("name", "email", "phone"), violations)) {
            return null;
        }
        String name = requiredText(node, "name", path, violations);
        String email = requiredText(node, "email", path, violations);
        if (email != null && !EMAIL.matcher(email).matches()) {
            violations.add(new Violation(path + "/email", "'" + email + "' is not an e-mail address"));
        }
        String phone = text(node.get("phone"), path + "/phone", violations);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            violations.add(new Violation(path + "/phone", "'" + phone + "' is not a phone number"));
        }
        return name == null || email == null ? null : new Contact(name, email, phone);
    }

    private List<Study> studies(JsonNode node, String path, List<Violation> violations) {
        List<Study> studies = new ArrayList<>();
        if (node == null || node.isNull()) {
            return studies;
        }
        if (!node.isArray()) {
            violations.add(new Violation(path, "must be an array of {name, nature}"));
            return studies;
        }
        if (node.isEmpty()) {
            violations.add(new Violation(path, "name at least one study"));
        } else if (node.size() > MAX_STUDIES) {
            violations.add(new Violation(path, "at most " + MAX_STUDIES + " studies"));
        }
        for (int i = 0; i < node.size(); i++) {
            String itemPath = path + "/" + i;
            JsonNode item = node.get(i);
            if (object(item, itemPath, List.of("name", "nature"), violations)) {
                String name = requiredText(item, "name", itemPath, violations);
                String nature = requiredText(item, "nature", itemPath, violations);
                if (name != null && nature != null) {
                    studies.add(new Study(name, nature));
                }
            }
        }
        return studies;
    }

    private Territory territory(JsonNode node, String path, List<Violation> violations) {
        if (node == null || node.isNull() || !object(node, path, TERRITORY_FORMS, violations)) {
            return null;
        }
        List<String> given = TERRITORY_FORMS.stream().filter(node::has).toList();
        if (given.size() != 1) {
            violations.add(new Violation(path, "give exactly one of geometry (GeoJSON), wkt, areas or description"
                    + (given.isEmpty() ? "" : "; got " + String.join(", ", given))));
            return null;
        }
        String form = given.get(0);
        JsonNode value = node.get(form);
        String formPath = path + "/" + form;
        switch (form) {
            case "geometry" -> {
                String wkt = geometry.fromGeoJson(value, formPath, violations);
                return wkt == null ? null : new Territory.Wkt(wkt);
            }
            case "wkt" -> {
                if (!value.isTextual()) {
                    violations.add(new Violation(formPath, "must be a string of WKT"));
                    return null;
                }
                String wkt = geometry.fromWkt(value.asText(), formPath, violations);
                return wkt == null ? null : new Territory.Wkt(wkt);
            }
            case "areas" -> {
                return areas(value, formPath, violations);
            }
            default -> {
                String description = text(value, formPath, violations);
                return description == null ? null : new Territory.Described(description);
            }
        }
    }

    private Territory areas(JsonNode node, String path, List<Violation> violations) {
        if (!node.isArray()) {
            violations.add(new Violation(path, "must be an array of {type, code}"));
            return null;
        }
        if (node.isEmpty()) {
            violations.add(new Violation(path, "name at least one area"));
            return null;
        }
        if (node.size() > maxAreas) {
            violations.add(new Violation(path, node.size() + " areas, at most " + maxAreas));
            return null;
        }
        List<AreaRef> areas = new ArrayList<>();
        Set<AreaRef> seen = new HashSet<>();
        int before = violations.size();
        for (int i = 0; i < node.size(); i++) {
            String itemPath = path + "/" + i;
            JsonNode item = node.get(i);
            if (!object(item, itemPath, List.of("type", "code"), violations)) {
                continue;
            }
            String type = requiredText(item, "type", itemPath, violations);
            String code = requiredText(item, "code", itemPath, violations);
            if (type != null && code != null) {
                AreaRef area = new AreaRef(type, code);
                if (!seen.add(area)) {
                    violations.add(new Violation(itemPath, "area " + type + " " + code + " is named twice"));
                }
                areas.add(area);
            }
        }
        return violations.size() == before ? new Territory.Areas(areas) : null;
    }

    private static ObjectNode territoryJson(Territory territory) {
        ObjectNode node = JSON.objectNode();
        if (territory instanceof Territory.Wkt wkt) {
            node.put("wkt", wkt.wkt());
        } else if (territory instanceof Territory.Areas areas) {
            ArrayNode array = node.putArray("areas");
            areas.areas().forEach(a -> array.addObject().put("type", a.type()).put("code", a.code()));
        } else if (territory instanceof Territory.Described described) {
            node.put("description", described.description());
        }
        return node;
    }

    private TaxaFilter taxa(JsonNode node, String path, List<Violation> violations) {
        if (node == null || node.isNull() || !object(node, path, List.of("groups", "cdRefs"), violations)) {
            return null;
        }
        int before = violations.size();
        List<String> groups = new ArrayList<>();
        JsonNode groupsNode = node.get("groups");
        if (groupsNode != null && !groupsNode.isNull()) {
            List<String> read = strings(groupsNode, path + "/groups", violations);
            if (read != null) {
                groups.addAll(read);
                duplicates(read, path + "/groups", violations);
            }
        }
        List<Integer> cdRefs = new ArrayList<>();
        JsonNode cdRefsNode = node.get("cdRefs");
        if (cdRefsNode != null && !cdRefsNode.isNull()) {
            if (!cdRefsNode.isArray()) {
                violations.add(new Violation(path + "/cdRefs", "must be an array of TAXREF codes (integers)"));
            } else {
                for (int i = 0; i < cdRefsNode.size(); i++) {
                    JsonNode item = cdRefsNode.get(i);
                    if (!item.isIntegralNumber() || !item.canConvertToInt() || item.asInt() <= 0) {
                        violations.add(new Violation(path + "/cdRefs/" + i, "must be a positive integer (a TAXREF cd_ref)"));
                    } else {
                        cdRefs.add(item.asInt());
                    }
                }
                duplicates(cdRefs, path + "/cdRefs", violations);
            }
        }
        if (groups.size() > maxTaxa || cdRefs.size() > maxTaxa) {
            violations.add(new Violation(path, "at most " + maxTaxa + " groups and " + maxTaxa + " taxa"));
        }
        return violations.size() == before ? new TaxaFilter(groups, cdRefs) : null;
    }

    private static <T> void duplicates(List<T> values, String path, List<Violation> violations) {
        Set<T> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) {
                violations.add(new Violation(path + "/" + i, "'" + values.get(i) + "' is named twice"));
            }
        }
    }

    private Periodicity periodicity(JsonNode node, String path, List<Violation> violations) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new Violation(path, "must be an ISO-8601 period or duration string (e.g. P1M)"));
            return null;
        }
        try {
            Periodicity periodicity = Periodicity.parse(node.asText());
            if (periodicity.shortestLength().compareTo(minPeriodicity) < 0) {
                violations.add(new Violation(path, "'" + node.asText() + "' is more frequent than the platform allows:"
                        + " at least " + minPeriodicity + " between runs"));
                return null;
            }
            if (periodicity.nominalLength().compareTo(maxPeriodicity.nominalLength()) > 0) {
                violations.add(new Violation(path, "'" + node.asText() + "' is longer than the platform allows:"
                        + " at most " + maxPeriodicity + " between runs"));
                return null;
            }
            return periodicity;
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(path, e.getMessage()));
            return null;
        }
    }

    /** A non-empty array of strings, or null with violations. */
    private static List<String> strings(JsonNode node, String path, List<Violation> violations) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            violations.add(new Violation(path, "must be an array of strings"));
            return null;
        }
        List<String> values = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                violations.add(new Violation(path + "/" + i, "must be a string"));
                ok = false;
            } else {
                values.add(item.asText());
            }
        }
        return ok ? values : null;
    }

    private static List<ExportFormat> formats(JsonNode node, String path, List<Violation> violations) {
        List<ExportFormat> formats = new ArrayList<>();
        List<String> codes = strings(node, path, violations);
        if (codes == null) {
            return formats;
        }
        if (codes.isEmpty()) {
            violations.add(new Violation(path, "at least one format is required (csv, json, geojson, gpkg)"));
        } else if (codes.size() > MAX_FORMATS) {
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

    private ExportOptions options(JsonNode node, String path, List<Violation> violations, ObjectNode json) {
        if (node == null || node.isNull()) {
            return ExportOptions.defaults();
        }
        if (!object(node, path, OPTIONS, violations)) {
            return ExportOptions.defaults();
        }
        int before = violations.size();
        Character delimiter = null;
        JsonNode d = node.get("csvDelimiter");
        if (present(d)) {
            if (!d.isTextual() || d.asText().length() != 1) {
                violations.add(new Violation(path + "/csvDelimiter", "must be a one-character string: \",\" or \";\""));
            } else {
                delimiter = d.asText().charAt(0);
            }
        }
        Boolean bom = bool(node.get("csvBom"), path + "/csvBom", violations);
        JsonLayout layout = coded(node.get("jsonLayout"), path + "/jsonLayout", violations, c -> Coded.parse(JsonLayout.class, c));
        Integer precision = null;
        JsonNode p = node.get("coordinatePrecision");
        if (present(p)) {
            if (!p.isIntegralNumber() || !p.canConvertToInt()) {
                violations.add(new Violation(path + "/coordinatePrecision", "must be an integer between 1 and 15"));
            } else {
                precision = p.asInt();
            }
        }
        Compression compression = coded(node.get("compression"), path + "/compression", violations,
                c -> Coded.parse(Compression.class, c));
        GeometryAs geometryAs = coded(node.get("geometryAs"), path + "/geometryAs", violations,
                c -> Coded.parse(GeometryAs.class, c));
        DateCoarsening coarsening = coded(node.get("dateCoarsening"), path + "/dateCoarsening", violations,
                c -> Coded.parse(DateCoarsening.class, c));
        Boolean delta = bool(node.get("delta"), path + "/delta", violations);
        Boolean changeDriven = bool(node.get("changeDriven"), path + "/changeDriven", violations);
        Duration minInterval = null;
        JsonNode m = node.get("minInterval");
        if (present(m)) {
            try {
                if (!m.isTextual()) {
                    throw new DateTimeParseException("not a string", m.toString(), 0);
                }
                minInterval = Duration.parse(m.asText().strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                violations.add(new Violation(path + "/minInterval", "must be an ISO-8601 duration (e.g. PT6H, P1D)"));
            }
            if (minInterval != null && minInterval.compareTo(this.minInterval) < 0) {
                violations.add(new Violation(path + "/minInterval", "'" + m.asText() + "' is shorter than the platform's"
                        + " minimum of " + this.minInterval + " between change-driven runs (a longer interval may be asked)"));
            } else if (minInterval != null && minInterval.compareTo(maxMinInterval) > 0) {
                violations.add(new Violation(path + "/minInterval", "'" + m.asText() + "' is longer than the platform"
                        + " allows: at most " + maxMinInterval));
            }
        }
        if (violations.size() != before) {
            return ExportOptions.defaults();
        }
        ExportOptions options = new ExportOptions(delimiter, bom, layout, precision, compression, geometryAs, coarsening,
                delta, changeDriven, minInterval);
        List<Violation> invalid = options.violations(path);
        if (!invalid.isEmpty()) {
            violations.addAll(invalid);
            return ExportOptions.defaults();
        }
        ObjectNode stored = json.putObject("options");
        for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            if (present(entry.getValue())) {
                stored.set(entry.getKey(), entry.getValue());
            }
        }
        return options;
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static Boolean bool(JsonNode node, String path, List<Violation> violations) {
        if (!present(node)) {
            return null;
        }
        if (!node.isBoolean()) {
            violations.add(new Violation(path, "must be true or false"));
            return null;
        }
        return node.asBoolean();
    }

    private static <E> E coded(JsonNode node, String path, List<Violation> violations, Function<String, E> parse) {
        if (!present(node)) {
            return null;
        }
        if (!node.isTextual()) {
            violations.add(new Violation(path, "must be a string"));
            return null;
        }
        try {
            return parse.apply(node.asText());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(path, "unsupported value " + e.getMessage()));
            return null;
        }
    }
}
