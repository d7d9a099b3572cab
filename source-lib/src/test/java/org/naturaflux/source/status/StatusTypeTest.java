package org.naturaflux.source.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;

/**
 * Each status type has its catalogue field, outside the basic preset, whose description says where its
 * value comes from: the BDC statuts' tables, by the taxon's {@code cd_ref}, the texts of its type code,
 * enabled, linked to the départements of the record's exported extent, as TaxHub displays a value.
 */
class StatusTypeTest {

    @Test
    void everyStatusFieldSaysWhereItsValueComesFrom() {
        FieldCatalogue catalogue = FieldCatalogue.standard();
        for (StatusType type : StatusType.values()) {
            FieldDefinition field = catalogue.require(type.fieldCode());
            assertThat(StatusType.ofField(field.code())).contains(type);
            assertThat(field.basic()).as(field.code()).isFalse();
            assertThat(field.description()).as(field.code())
                    .contains("BDC statuts", "taxonomie.bdc_statut_taxons", "cd_ref", "type " + type.bdcCode() + " ",
                            "enabled texts", "v_bdc_status", "bdc_statut_cor_text_area", "département",
                            "'code_statut - label_statut'", "empty when none");
        }
        assertThat(StatusType.ofField("nom_valide")).isEmpty();
    }
}
