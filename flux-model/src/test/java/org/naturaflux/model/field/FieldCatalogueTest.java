package org.naturaflux.model.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.naturaflux.model.spec.InvalidSpecException;
import org.naturaflux.model.spec.Violation;

class FieldCatalogueTest {

    private final FieldCatalogue catalogue = FieldCatalogue.standard();

    @Test
    void bundledCatalogueFollowsGeoNatureExportOrder() {
        List<String> codes = catalogue.fields().stream().map(FieldDefinition::code).toList();
        assertThat(codes).startsWith("id_synthese", "date_debut", "date_fin", "heure_debut", "heure_fin", "cd_nom");
        assertThat(codes).endsWith("date_creation", "date_modification", "champs_additionnels");
        assertThat(codes).contains("niveau_sensibilite", "geometrie_wkt_4326", "communes", "uuid_perm_grp_sinp");
        assertThat(catalogue.fields().stream().filter(FieldDefinition::isGeometry)).hasSize(1);
    }

    @Test
    void everyFieldThatCanLocateARecordDeclaresIt() {
        assertThat(catalogue.require("nom_lieu").reveals(Reveals.PLACE_NAME)).isTrue();
        assertThat(catalogue.require("alti_min").reveals(Reveals.ELEVATION)).isTrue();
        assertThat(catalogue.require("prof_max").reveals(Reveals.ELEVATION)).isTrue();
        assertThat(catalogue.require("comment_releve").reveals(Reveals.FREE_TEXT)).isTrue();
        assertThat(catalogue.require("champs_additionnels").reveals(Reveals.ADDITIONAL_DATA)).isTrue();
        assertThat(catalogue.require("preuve_numerique_url").reveals(Reveals.PROOF_URL)).isTrue();
        assertThat(catalogue.require("uuid_perm_grp_sinp").reveals(Reveals.LINKING_ID)).isTrue();
        assertThat(catalogue.require("id_origine").reveals(Reveals.LINKING_ID)).isTrue();
        assertThat(catalogue.require("x_centroid_4326").reveals(Reveals.CENTROID)).isTrue();
        assertThat(catalogue.require("precision_geographique").reveals(Reveals.PRECISION)).isTrue();
        assertThat(catalogue.require("communes").reveals(Reveals.COMMUNES)).isTrue();
    }

    @Test
    void basicSelectionAlwaysCarriesTheMandatoryFields() {
        List<String> codes = codes(catalogue.resolve(List.of("basic"), "/fields"));
        assertThat(codes).contains("niveau_sensibilite", "codes_zones_diffusion", "nom_valide", "geometrie_wkt_4326");
        assertThat(codes).doesNotContain("nom_lieu");
    }

    @Test
    void basicWithAdditionsAndRemovalsKeepsCatalogueOrder() {
        List<String> codes = codes(catalogue.resolve(List.of("basic", "+nom_lieu", "-observateurs", "regne"), "/fields"));
        assertThat(codes).contains("nom_lieu", "regne").doesNotContain("observateurs");
        assertThat(codes.indexOf("regne")).isLessThan(codes.indexOf("nom_lieu"));
    }

    @Test
    void explicitListGetsMandatoryFieldsAdded() {
        assertThat(codes(catalogue.resolve(List.of("nom_valide", "id_synthese"), "/fields")))
                .containsExactly("id_synthese", "nom_valide", "niveau_sensibilite", "codes_zones_diffusion");
    }

    @Test
    void reportsEveryBadTokenWithItsPointer() {
        assertThatThrownBy(() -> catalogue.resolve(
                List.of("basic", "+unknown", "-niveau_sensibilite", "-nom_lieu", "basic", "cd_nom", "+cd_nom"), "/fields"))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.violations())
                        .extracting(Violation::path)
                        .containsExactly("/fields/1", "/fields/2", "/fields/3", "/fields/4", "/fields/6"));
        assertThatThrownBy(() -> catalogue.resolve(List.of(), "/fields")).isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void basicFluxCanBeRedefinedWithoutCode() throws Exception {
        FieldCatalogue custom = catalogue.withBasic(List.of("id_synthese", "nom_valide"));
        assertThat(codes(custom.basic())).containsExactly("id_synthese", "nom_valide", "niveau_sensibilite", "codes_zones_diffusion");
        String json = "{\"fields\":[{\"code\":\"a\",\"type\":\"TEXT\",\"basic\":true},"
                + "{\"code\":\"geom\",\"type\":\"GEOMETRY\",\"reveals\":[\"GEOMETRY\"]}]}";
        FieldCatalogue loaded = FieldCatalogue.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(loaded.require("geom").reveals(Reveals.GEOMETRY)).isTrue();
        assertThat(codes(loaded.basic())).containsExactly("a");
    }

    private static List<String> codes(List<FieldDefinition> fields) {
        return fields.stream().map(FieldDefinition::code).toList();
    }
}
