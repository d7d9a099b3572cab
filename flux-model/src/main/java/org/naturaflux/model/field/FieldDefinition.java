package org.naturaflux.model.field;

import java.util.Objects;
import java.util.Set;

/**
 * One exportable field of the catalogue.
 *
 * @param code        the column name partners see (GeoNature's export vocabulary, e.g. {@code nom_valide})
 * @param label       a French label for people
 * @param type        the value type
 * @param description what the field holds
 * @param basic       whether the field belongs to the pre-configured basic flux
 * @param mandatory   whether every export carries it whatever the partner chose
 * @param reveals     what the field can reveal of a record's location; empty when nothing
 */
public record FieldDefinition(String code, String label, FieldType type, String description,
                              boolean basic, boolean mandatory, Set<Reveals> reveals) {

    public FieldDefinition {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(type, "type");
        if (!code.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("field code must be lower snake case: " + code);
        }
        label = label == null ? code : label;
        description = description == null ? "" : description;
        reveals = reveals == null ? Set.of() : Set.copyOf(reveals);
    }

    /** Whether the field declares that it can reveal {@code what}. */
    public boolean reveals(Reveals what) {
        return reveals.contains(what);
    }

    /** Whether this is the geometry field (carried as feature geometry by spatial formats). */
    public boolean isGeometry() {
        return type == FieldType.GEOMETRY;
    }
}
