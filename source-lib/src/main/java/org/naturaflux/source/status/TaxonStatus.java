package org.naturaflux.source.status;

import java.util.List;
import java.util.Objects;

/**
 * One status of a taxon: a value of a text of the BDC statuts, as GeoNature's {@code v_bdc_status}
 * shows it (enabled texts only), with the départements the text applies in.
 *
 * @param cdRef          the TAXREF reference code of the taxon ({@code bdc_statut_taxons.cd_ref})
 * @param type           the status type ({@code bdc_statut_text.cd_type_statut})
 * @param typeLabel      the type's label ({@code bdc_statut_type.lb_type_statut}: Liste rouge régionale...)
 * @param code           {@code bdc_statut_values.code_statut} (VU, NO3, CDH4...)
 * @param label          {@code bdc_statut_values.label_statut} (Vulnérable, Article 3...)
 * @param textId         {@code bdc_statut_text.id_text}
 * @param citation       {@code bdc_statut_text.full_citation}
 * @param adminArea      {@code bdc_statut_text.lb_adm_tr}, the territory the text names
 * @param url            {@code bdc_statut_text.doc_url}, the text's page, when the BDC has one
 * @param departements   the {@code area_code}s of the text's départements ({@code bdc_statut_cor_text_area}), sorted
 */
public record TaxonStatus(int cdRef, StatusType type, String typeLabel, String code, String label, int textId,
                          String citation, String adminArea, String url, List<String> departements) {
    public TaxonStatus {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
        departements = List.copyOf(departements);
    }

    /** The value as GeoNature (TaxHub) displays it: {@code code - label}, or the code alone without a label. */
    public String display() {
        return label == null || label.isBlank() ? code : code + " - " + label;
    }
}
