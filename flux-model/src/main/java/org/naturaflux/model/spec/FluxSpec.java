package org.naturaflux.model.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;

/**
 * What a flux exports: the part of a flux request an export needs, as carried in export commands.
 *
 * @param territory the territory (must be exportable to run)
 * @param taxa      the taxa
 * @param fields    the resolved field codes, in catalogue order, mandatory fields included
 * @param formats   the formats, each once
 * @param options   the options
 * @param filters   which records of the territory and taxa it takes (null: {@link RecordFilters#defaults()},
 *                  present records only, as for commands and specs written before filters existed)
 */
public record FluxSpec(Territory territory, TaxaFilter taxa, List<String> fields, List<ExportFormat> formats,
                       ExportOptions options, RecordFilters filters) {

    public FluxSpec {
        Objects.requireNonNull(territory, "territory");
        taxa = taxa == null ? TaxaFilter.all() : taxa;
        fields = List.copyOf(fields);
        formats = List.copyOf(formats);
        options = options == null ? ExportOptions.defaults() : options;
        filters = filters == null ? RecordFilters.defaults() : filters;
    }

    /** A spec with the default record filters ({@link RecordFilters#defaults()}). */
    public FluxSpec(Territory territory, TaxaFilter taxa, List<String> fields, List<ExportFormat> formats,
                    ExportOptions options) {
        this(territory, taxa, fields, formats, options, null);
    }

    /** The field definitions of this spec, in catalogue order. */
    public List<FieldDefinition> fieldDefinitions(FieldCatalogue catalogue) {
        return catalogue.select(fields);
    }

    /**
     * Checks that this spec can be exported with {@code catalogue}: an exportable territory, known fields
     * including every mandatory one, at least one format and no duplicate, valid options and filters.
     *
     * @throws InvalidSpecException listing every violation
     */
    public void validateForExport(FieldCatalogue catalogue) {
        List<Violation> violations = new ArrayList<>();
        if (!territory.isExportable()) {
            violations.add(new Violation("/territory", "the territory needs a geometry or areas before an export can run"));
        }
        for (int i = 0; i < fields.size(); i++) {
            if (catalogue.find(fields.get(i)).isEmpty()) {
                violations.add(new Violation("/fields/" + i, "unknown field '" + fields.get(i) + "'"));
            }
        }
        catalogue.fields().stream().filter(FieldDefinition::mandatory)
                .filter(f -> !fields.contains(f.code()))
                .forEach(f -> violations.add(new Violation("/fields", "mandatory field '" + f.code() + "' is missing")));
        if (formats.isEmpty()) {
            violations.add(new Violation("/formats", "at least one format is required"));
        } else if (formats.stream().distinct().count() != formats.size()) {
            violations.add(new Violation("/formats", "a format is named twice"));
        }
        violations.addAll(options.violations("/options"));
        violations.addAll(filters.violations("/filters"));
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
    }
}
