package org.naturaflux.source.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;

class FieldSqlTest {

    @Test
    void everyCatalogueFieldHasItsSql() {
        for (FieldDefinition field : FieldCatalogue.standard().fields()) {
            FieldSql sql = FieldSql.require(field.code());
            if (field.isGeometry()) {
                assertThat(sql.expression()).as(field.code()).isNull();
            } else {
                assertThat(sql.expression()).as(field.code()).isNotBlank();
            }
        }
    }

    @Test
    void unknownFieldIsNamed() {
        assertThatThrownBy(() -> FieldSql.require("hauteur_arbre")).hasMessageContaining("hauteur_arbre");
    }
}
