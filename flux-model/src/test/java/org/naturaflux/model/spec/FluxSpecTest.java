package org.naturaflux.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldCatalogue;

class FluxSpecTest {

    private final FieldCatalogue catalogue = FieldCatalogue.standard();

    @Test
    void describedTerritoryCannotBeExported() {
        FluxSpec spec = new FluxSpec(new Territory.Described("mes sites"), null,
                List.of("id_synthese", "niveau_sensibilite", "codes_zones_diffusion"), List.of(ExportFormat.CSV), null);
        assertThatThrownBy(() -> spec.validateForExport(catalogue))
                .isInstanceOfSatisfying(InvalidSpecException.class,
                        e -> assertThat(e.violations()).extracting(Violation::path).containsExactly("/territory"));
    }

    @Test
    void missingMandatoryFieldsAndBadOptionsAreReported() {
        ExportOptions options = new ExportOptions('|', null, null, 40, null, null, null, null, null, Duration.ZERO);
        FluxSpec spec = new FluxSpec(new Territory.Wkt("POLYGON((0 0,1 0,1 1,0 0))"), null, List.of("id_synthese", "nope"),
                List.of(ExportFormat.CSV, ExportFormat.CSV), options);
        assertThatThrownBy(() -> spec.validateForExport(catalogue))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.violations())
                        .extracting(Violation::path)
                        .contains("/fields/1", "/fields", "/formats", "/options/csvDelimiter",
                                "/options/coordinatePrecision", "/options/minInterval"));
    }

    @Test
    void formatsAndOptionCodesAreCaseInsensitive() {
        assertThat(ExportFormat.fromCode("GPKG")).isEqualTo(ExportFormat.GPKG);
        assertThat(Compression.fromCode("Zip")).isEqualTo(Compression.ZIP);
        assertThatThrownBy(() -> ExportFormat.fromCode("shp")).hasMessageContaining("unsupported format 'shp'");
        assertThatThrownBy(() -> JsonLayout.fromCode("xml")).hasMessageContaining("array, ndjson");
    }
}
