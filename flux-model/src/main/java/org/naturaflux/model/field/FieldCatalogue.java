package org.naturaflux.model.field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.naturaflux.model.spec.InvalidSpecException;
import org.naturaflux.model.spec.Violation;

/**
 * The ordered catalogue of exportable fields. The platform's catalogue is data: the bundled one
 * ({@link #standard()}) can be replaced by a JSON file of the same shape ({@link #load(Path)}), and
 * the basic flux can be redefined ({@link #withBasic(Collection)}), all without code.
 *
 * <p>Field order is the catalogue's order, which partners know; a resolved selection always follows
 * it and always includes the mandatory fields.
 */
public final class FieldCatalogue {

    /** The token that stands for the basic flux in a field selection. */
    public static final String BASIC = "basic";

    private static final String BUNDLED = "field-catalogue.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile FieldCatalogue standard;

    private final List<FieldDefinition> fields;
    private final Map<String, FieldDefinition> byCode;

    private FieldCatalogue(List<FieldDefinition> fields) {
        Map<String, FieldDefinition> index = new LinkedHashMap<>();
        for (FieldDefinition field : fields) {
            if (index.put(field.code(), field) != null) {
                throw new IllegalArgumentException("field catalogue lists '" + field.code() + "' twice");
            }
        }
        if (fields.stream().filter(FieldDefinition::isGeometry).count() > 1) {
            throw new IllegalArgumentException("field catalogue may hold at most one GEOMETRY field");
        }
        this.fields = List.copyOf(fields);
        this.byCode = Map.copyOf(index);
    }

    /** Builds a catalogue from definitions, in the given order. */
    public static FieldCatalogue of(List<FieldDefinition> fields) {
        return new FieldCatalogue(fields);
    }

    /** The catalogue bundled with Naturaflux (GeoNature's export vocabulary). */
    public static FieldCatalogue standard() {
        FieldCatalogue result = standard;
        if (result == null) {
            try (InputStream in = FieldCatalogue.class.getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException("bundled field catalogue " + BUNDLED + " is missing");
                }
                result = load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            standard = result;
        }
        return result;
    }

    /** Loads a catalogue from a JSON file shaped like the bundled one. */
    public static FieldCatalogue load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read field catalogue " + file, e);
        }
    }

    /** Loads a catalogue from JSON: {@code {"fields":[{code,label,type,description,basic,mandatory,reveals}]}}. */
    public static FieldCatalogue load(InputStream json) throws IOException {
        JsonNode root = JSON.readTree(json);
        JsonNode array = root.path("fields");
        if (!array.isArray()) {
            throw new IllegalArgumentException("field catalogue JSON needs a 'fields' array");
        }
        List<FieldDefinition> fields = new ArrayList<>();
        for (JsonNode node : array) {
            Set<Reveals> reveals = EnumSet.noneOf(Reveals.class);
            node.path("reveals").forEach(r -> reveals.add(Reveals.valueOf(r.asText())));
            fields.add(new FieldDefinition(
                    node.path("code").asText(null),
                    node.path("label").asText(null),
                    FieldType.valueOf(node.path("type").asText()),
                    node.path("description").asText(null),
                    node.path("basic").asBoolean(false),
                    node.path("mandatory").asBoolean(false),
                    reveals));
        }
        return new FieldCatalogue(fields);
    }

    /** The same catalogue with another basic flux (mandatory fields stay in every selection anyway). */
    public FieldCatalogue withBasic(Collection<String> basicCodes) {
        Set<String> wanted = new LinkedHashSet<>(basicCodes);
        for (String code : wanted) {
            if (!byCode.containsKey(code)) {
                throw new IllegalArgumentException("basic flux names unknown field '" + code + "'");
            }
        }
        List<FieldDefinition> redefined = new ArrayList<>();
        for (FieldDefinition f : fields) {
            redefined.add(new FieldDefinition(f.code(), f.label(), f.type(), f.description(),
                    wanted.contains(f.code()), f.mandatory(), f.reveals()));
        }
        return new FieldCatalogue(redefined);
    }

    /** Every field, in catalogue order. */
    public List<FieldDefinition> fields() {
        return fields;
    }

    public Optional<FieldDefinition> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The field of that code; {@link IllegalArgumentException} when the catalogue has none. */
    public FieldDefinition require(String code) {
        FieldDefinition field = byCode.get(code);
        if (field == null) {
            throw new IllegalArgumentException("unknown field '" + code + "'");
        }
        return field;
    }

    /** The basic flux's fields plus the mandatory ones, in catalogue order. */
    public List<FieldDefinition> basic() {
        return fields.stream().filter(f -> f.basic() || f.mandatory()).toList();
    }

    /**
     * Resolves a partner's field selection into fields, in catalogue order, mandatory fields included.
     *
     * <p>Forms: {@code ["basic"]}; {@code ["basic", "+nom_lieu", "-observateurs"]} (the basic flux with
     * additions and removals); an explicit list {@code ["id_synthese", "nom_valide"]}; a bare code after
     * {@code basic} adds it. Unknown codes, duplicates, {@code basic} anywhere but first, removing a field
     * that is not selected, removing a mandatory field and an empty selection are violations, reported
     * with their JSON pointer under {@code basePath} (e.g. {@code /fields}).
     *
     * @throws InvalidSpecException listing every violation
     */
    public List<FieldDefinition> resolve(List<String> selection, String basePath) {
        List<Violation> violations = new ArrayList<>();
        if (selection == null || selection.isEmpty()) {
            throw new InvalidSpecException(basePath, "at least one field, or \"basic\", is required");
        }
        Set<String> chosen = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < selection.size(); i++) {
            String token = selection.get(i);
            String path = basePath + "/" + i;
            if (token == null || token.isBlank()) {
                violations.add(new Violation(path, "a field code cannot be empty"));
                continue;
            }
            token = token.strip();
            if (BASIC.equals(token)) {
                if (i != 0) {
                    violations.add(new Violation(path, "\"basic\" may only come first"));
                } else {
                    basic().forEach(f -> chosen.add(f.code()));
                }
                continue;
            }
            boolean remove = token.startsWith("-");
            String code = token.startsWith("+") || remove ? token.substring(1) : token;
            FieldDefinition field = byCode.get(code);
            if (field == null) {
                violations.add(new Violation(path, "unknown field '" + code + "' (GET /api/v1/fields lists them)"));
                continue;
            }
            if (!seen.add(code)) {
                violations.add(new Violation(path, "field '" + code + "' is named twice"));
                continue;
            }
            if (remove) {
                if (field.mandatory()) {
                    violations.add(new Violation(path, "field '" + code + "' is always exported and cannot be removed"));
                } else if (!chosen.remove(code)) {
                    violations.add(new Violation(path, "field '" + code + "' is not in the selection, so it cannot be removed"));
                }
            } else {
                chosen.add(code);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
        fields.stream().filter(FieldDefinition::mandatory).forEach(f -> chosen.add(f.code()));
        return fields.stream().filter(f -> chosen.contains(f.code())).toList();
    }

    /** The fields of these codes, in catalogue order (for a selection already resolved and stored). */
    public List<FieldDefinition> select(Collection<String> codes) {
        Set<String> wanted = Set.copyOf(codes);
        for (String code : wanted) {
            require(code);
        }
        return fields.stream().filter(f -> wanted.contains(f.code())).toList();
    }
}
