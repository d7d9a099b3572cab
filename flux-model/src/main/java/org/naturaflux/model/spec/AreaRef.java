package org.naturaflux.model.spec;

import java.util.Objects;

/**
 * A reference area of the source's {@code ref_geo}.
 *
 * @param type the area type code ({@code bib_areas_types.type_code}: COM, DEP, M10, ZNIEFF1...)
 * @param code the area code ({@code l_areas.area_code}: an INSEE code, a grid cell code...)
 */
public record AreaRef(String type, String code) {
    public AreaRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
    }
}
