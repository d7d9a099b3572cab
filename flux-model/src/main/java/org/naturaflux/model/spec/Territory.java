package org.naturaflux.model.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/**
 * The territory of a flux. In JSON the form is told by its single property:
 * {@code {"wkt": "..."}}, {@code {"areas": [{"type":"COM","code":"75056"}]}} or
 * {@code {"description": "..."}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({
        @JsonSubTypes.Type(Territory.Wkt.class),
        @JsonSubTypes.Type(Territory.Areas.class),
        @JsonSubTypes.Type(Territory.Described.class)})
public sealed interface Territory {

    /** Whether an export can run on this territory (a description alone cannot). */
    boolean isExportable();

    /**
     * A polygon or multi-polygon in WGS84 (EPSG:4326, x = longitude), as WKT. The request-service
     * validates it (valid, not empty, within vertex limits) before storing it.
     */
    record Wkt(String wkt) implements Territory {
        public Wkt {
            Objects.requireNonNull(wkt, "wkt");
        }

        @Override
        public boolean isExportable() {
            return true;
        }
    }

    /** A union of reference areas ({@code ref_geo.l_areas}) named by type code and area code. */
    record Areas(List<AreaRef> areas) implements Territory {
        public Areas {
            areas = List.copyOf(areas);
        }

        @Override
        public boolean isExportable() {
            return !areas.isEmpty();
        }
    }

    /** A territory described in words only, as partners first give it; an admin attaches a shape later. */
    record Described(String description) implements Territory {
        public Described {
            Objects.requireNonNull(description, "description");
        }

        @Override
        public boolean isExportable() {
            return false;
        }
    }
}
