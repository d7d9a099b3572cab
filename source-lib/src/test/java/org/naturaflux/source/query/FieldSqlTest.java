package org.naturaflux.source.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;

class FieldSqlTest {

    @Test
    void everyCatalogueFieldHasItsSql() {
        for (FieldDefinition field : FieldCatalogue.standard().fields()) {
            FieldSql sql = FieldSql.of(field.code()).orElseThrow(() -> new AssertionError("no SQL for " + field.code()));
            if (field.isGeometry()) {
                assertThat(sql.expression()).as(field.code()).isNull();
            } else {
                assertThat(sql.expression()).as(field.code()).isNotBlank();
            }
        }
        assertThat(FieldSql.codes()).containsExactlyElementsOf(
                FieldCatalogue.standard().fields().stream().map(FieldDefinition::code).toList());
    }

    @Test
    void nomenclatureFieldsShowTheLabelOfTheirOwnColumn() {
        FieldSql sensitivity = FieldSql.require("niveau_sensibilite");
        assertThat(sensitivity.expression()).isEqualTo("n_sensitivity.label_default");
        assertThat(sensitivity.nomenclatureJoin()).contains("s.id_nomenclature_sensitivity");
        assertThat(FieldSql.require("nom_valide").nomenclatureJoin()).isNull();
        assertThat(FieldSql.require("ca_nom").joins()).containsExactlyInAnyOrder(FieldSql.Join.DATASET, FieldSql.Join.FRAMEWORK);
    }

    @Test
    void eachTypeHasItsJavaType() {
        assertThat(FieldSql.javaType(FieldType.TEXT)).isEqualTo(String.class);
        assertThat(FieldSql.javaType(FieldType.JSON)).isEqualTo(String.class);
        assertThat(FieldSql.javaType(FieldType.INTEGER)).isEqualTo(Long.class);
        assertThat(FieldSql.javaType(FieldType.DECIMAL)).isEqualTo(Double.class);
        assertThat(FieldSql.javaType(FieldType.DATE)).isEqualTo(LocalDate.class);
        assertThat(FieldSql.javaType(FieldType.TIMESTAMP)).isEqualTo(LocalDateTime.class);
        assertThat(FieldSql.javaType(FieldType.BOOLEAN)).isEqualTo(Boolean.class);
        assertThat(FieldSql.javaType(FieldType.UUID)).isEqualTo(UUID.class);
        assertThat(FieldSql.javaType(FieldType.GEOMETRY)).isEqualTo(Geometry.class);
    }

    @Test
    void anUnknownFieldIsNamed() {
        assertThat(FieldSql.of("hauteur_arbre")).isEmpty();
        assertThatThrownBy(() -> FieldSql.require("hauteur_arbre")).hasMessageContaining("hauteur_arbre");
    }
}
