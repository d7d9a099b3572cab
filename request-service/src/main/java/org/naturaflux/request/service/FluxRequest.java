package org.naturaflux.request.service;

import java.util.List;
import java.util.Objects;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.model.spec.RecordFilters;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;
import org.naturaflux.request.Contact;

/**
 * A flux request that passed the structural checks (its {@link FluxRequestBody}'s constraints and
 * {@link FluxRequestRules}); the source checks (areas, groups, taxa) come after.
 *
 * @param structure      the requesting structure
 * @param contact        the technical contact
 * @param studies        the studies that need the flux
 * @param territory      the territory (a geometry given as GeoJSON is already WKT here)
 * @param taxa           the taxa
 * @param periodicity    how often it runs
 * @param fieldSelection the field selection as asked ({@code ["basic", "+nom_lieu"]}...)
 * @param resolvedFields the selection resolved against the catalogue, mandatory fields included
 * @param formats        the formats
 * @param options        the options, defaults filled in
 * @param filters        the record filters, defaults filled in
 * @param document       the normalised request document, as stored and shown
 */
public record FluxRequest(String structure, Contact contact, List<Study> studies, Territory territory, TaxaFilter taxa,
                          Periodicity periodicity, List<String> fieldSelection, List<String> resolvedFields,
                          List<ExportFormat> formats, ExportOptions options, RecordFilters filters,
                          FluxRequestBody document) {

    public FluxRequest {
        Objects.requireNonNull(territory, "territory");
        studies = List.copyOf(studies);
        fieldSelection = List.copyOf(fieldSelection);
        resolvedFields = List.copyOf(resolvedFields);
        formats = List.copyOf(formats);
        filters = filters == null ? RecordFilters.defaults() : filters;
    }

    /** The export specification this request asks for. */
    public FluxSpec spec() {
        return new FluxSpec(territory, taxa, resolvedFields, formats, options, filters);
    }
}
