package org.naturaflux.source.status;

import java.util.Optional;

/**
 * The status types of the BDC statuts ({@code taxonomie.bdc_statut_type.cd_type_statut}) an export can
 * show, each with the catalogue field that shows it.
 */
public enum StatusType {
    /** Protection nationale. */
    PN("protection_nationale"),
    /** Protection régionale. */
    PR("protection_regionale"),
    /** Protection départementale. */
    PD("protection_departementale"),
    /** Liste rouge nationale. */
    LRN("liste_rouge_nationale"),
    /** Liste rouge régionale. */
    LRR("liste_rouge_regionale"),
    /** Directive Oiseaux. */
    DO("directive_oiseaux"),
    /** Directive Habitats-Faune-Flore. */
    DH("directive_habitats"),
    /** Espèce déterminante de ZNIEFF. */
    ZDET("znieff_determinante");

    private final String fieldCode;

    StatusType(String fieldCode) {
        this.fieldCode = fieldCode;
    }

    /** The code of the catalogue field showing this type ({@code liste_rouge_nationale}...). */
    public String fieldCode() {
        return fieldCode;
    }

    /** The BDC code of the type ({@code cd_type_statut}). */
    public String bdcCode() {
        return name();
    }

    /** The type a catalogue field shows, if it shows one. */
    public static Optional<StatusType> ofField(String fieldCode) {
        for (StatusType type : values()) {
            if (type.fieldCode.equals(fieldCode)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
