package org.naturaflux.sensitivity.degrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.naturaflux.sensitivity.testing.Geo.wkt;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.field.Reveals;
import org.naturaflux.model.row.ObservationRow;
import org.naturaflux.sensitivity.testing.ExampleTerritory;

/** Scrubbing follows what each field declares, so a field new to the catalogue is safe by declaration. */
class FieldPlanTest {

    private static FieldDefinition field(String code, FieldType type, Reveals... reveals) {
        return new FieldDefinition(code, code, type, null, false, false,
                reveals.length == 0 ? Set.of() : EnumSet.of(reveals[0], reveals));
    }

    @Test
    void fieldsNewToTheCatalogueAreScrubbedByTheirDeclarationAlone() {
        List<FieldDefinition> fields = List.of(
                field("lieu_dit_bis", FieldType.TEXT, Reveals.PLACE_NAME),
                field("remarque_terrain", FieldType.TEXT, Reveals.FREE_TEXT),
                field("photo_exif", FieldType.TEXT, Reveals.PROOF_URL),
                field("cote_ngf", FieldType.DECIMAL, Reveals.ELEVATION),
                field("id_base_locale", FieldType.TEXT, Reveals.LINKING_ID),
                field("extra_json", FieldType.JSON, Reveals.ADDITIONAL_DATA),
                field("emprise_wkt", FieldType.TEXT, Reveals.GEOMETRY),
                field("lon_centre", FieldType.DECIMAL, Reveals.CENTROID),
                field("lat_centre", FieldType.TEXT, Reveals.CENTROID),
                field("centre", FieldType.DECIMAL, Reveals.CENTROID),
                field("incertitude_m", FieldType.DECIMAL, Reveals.PRECISION),
                field("rayon_txt", FieldType.TEXT, Reveals.PRECISION),
                field("lieu_et_emprise", FieldType.TEXT, Reveals.GEOMETRY, Reveals.PLACE_NAME),
                field("geom_et_centre", FieldType.TEXT, Reveals.GEOMETRY, Reveals.CENTROID),
                field("espece", FieldType.TEXT));
        Object[] values = {"Le Grand Chêne", "près de la mare", "https://x/p.jpg", 152.3, "ABC-1", "{\"x\":1}",
                "POINT (6.521 68.612)", 6.521, "68.612", 6.521, 3.5, "250000", "POINT (6.521 68.612) au bois",
                "POINT (6.521 68.612)", "Bufo bufo"};
        ObservationRow in = new ObservationRow(9, "2", null, wkt("POINT (652100 6861200)"), wkt("POINT (6.521 68.612)"), values);
        RecordDegrader degrader = RecordDegrader.standard(ExampleTerritory.index(), fields);
        Object[] out = ((Degradation.Exported) degrader.degrade(in)).row().values();

        assertThat(out[0]).isNull();
        assertThat(out[1]).isNull();
        assertThat(out[2]).isNull();
        assertThat(out[3]).isNull();
        assertThat(out[4]).isNull();
        assertThat(out[5]).isNull();
        assertThat(wkt((String) out[6]).equalsExact(wkt("POLYGON ((6.5 68.6, 6.6 68.6, 6.6 68.7, 6.5 68.7, 6.5 68.6))"), 1e-9)
                || wkt((String) out[6]).norm().equalsExact(wkt("POLYGON ((6.5 68.6, 6.6 68.6, 6.6 68.7, 6.5 68.7, 6.5 68.6))").norm(), 1e-9))
                .isTrue();
        assertThat((Double) out[7]).isCloseTo(6.55, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Double.parseDouble((String) out[8])).isCloseTo(68.65, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(out[9]).as("a centroid field whose axis cannot be told is removed").isNull();
        assertThat(out[10]).isEqualTo(14_143.0);
        assertThat(out[11]).as("a coarser source precision is kept").isEqualTo("250000");
        assertThat(out[12]).as("any removal declaration wins").isNull();
        assertThat(out[13]).as("two replacements that cannot both hold: removed").isNull();
        assertThat(out[14]).isEqualTo("Bufo bufo");
    }

    @Test
    void actionsFromDeclarations() {
        assertThat(FieldPlan.actionOf(field("a", FieldType.TEXT))).isNull();
        assertThat(FieldPlan.actionOf(field("a", FieldType.TIMESTAMP, Reveals.DATE, Reveals.TIME)))
                .isEqualTo(FieldPlan.Action.DATE);
        assertThat(FieldPlan.centroidAxis("x_centroid_4326")).isEqualTo(FieldPlan.Action.CENTROID_X);
        assertThat(FieldPlan.centroidAxis("y_centroid_4326")).isEqualTo(FieldPlan.Action.CENTROID_Y);
        assertThat(FieldPlan.centroidAxis("centroid_x")).isEqualTo(FieldPlan.Action.CENTROID_X);
        assertThat(FieldPlan.centroidAxis("longitude")).isEqualTo(FieldPlan.Action.CENTROID_X);
        assertThat(FieldPlan.centroidAxis("latitude")).isEqualTo(FieldPlan.Action.CENTROID_Y);
        assertThat(FieldPlan.centroidAxis("barycentre")).isEqualTo(FieldPlan.Action.REMOVE);
    }
}
