package org.naturaflux.worker.testing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.message.ExportCommand;
import org.naturaflux.model.spec.ExportFormat;
import org.naturaflux.model.spec.ExportOptions;
import org.naturaflux.model.spec.FluxSpec;
import org.naturaflux.model.spec.TaxaFilter;
import org.naturaflux.model.spec.Territory;

/** Flux specifications and commands for the tests. */
public final class Specs {

    private Specs() {
    }

    /** The basic flux's fields plus the given ones, resolved by the catalogue (mandatory ones included). */
    public static List<String> basicPlus(String... extra) {
        List<String> selection = new java.util.ArrayList<>(List.of(FieldCatalogue.BASIC));
        for (String code : extra) {
            selection.add("+" + code);
        }
        return FieldCatalogue.standard().resolve(selection, "/fields").stream().map(FieldDefinition::code).toList();
    }

    public static FluxSpec spec(Territory territory, TaxaFilter taxa, List<String> fields, List<ExportFormat> formats,
                                ExportOptions options) {
        return new FluxSpec(territory, taxa, fields, formats, options);
    }

    /** A first-attempt command of a new run of the flux. */
    public static ExportCommand command(UUID fluxId, FluxSpec spec) {
        return ExportCommand.of(UUID.randomUUID(), fluxId, UUID.randomUUID(), 1, spec, null, Instant.now());
    }

    /** A small polygon territory in WGS84 around (lon, lat), {@code half} degrees each side. */
    public static Territory.Wkt square(double lon, double lat, double half) {
        return new Territory.Wkt(String.format(java.util.Locale.ROOT, "POLYGON((%f %f, %f %f, %f %f, %f %f, %f %f))",
                lon - half, lat - half, lon + half, lat - half, lon + half, lat + half, lon - half, lat + half, lon - half, lat - half));
    }
}
