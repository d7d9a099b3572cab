package org.naturaflux.model.row;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One area of the source's {@code ref_geo.l_areas}: a commune, a grid cell, a département... The one
 * source of truth for degradation (no grid formula is written anywhere else).
 *
 * @param id            {@code id_area}
 * @param typeCode      {@code bib_areas_types.type_code} (COM, DEP, M1, M5, M10...)
 * @param code          {@code area_code} (INSEE code, cell code such as {@code 10kmL93E065N686})
 * @param name          {@code area_name}
 * @param localGeometry {@code geom}, EPSG:2154
 * @param geometry      {@code geom_4326}, EPSG:4326
 */
public record ReferenceArea(long id, String typeCode, String code, String name, Geometry localGeometry,
                            Geometry geometry) {
    public ReferenceArea {
        Objects.requireNonNull(typeCode, "typeCode");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(localGeometry, "localGeometry");
        Objects.requireNonNull(geometry, "geometry");
    }
}
