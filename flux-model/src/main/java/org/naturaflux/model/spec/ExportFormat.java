package org.naturaflux.model.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A file format a flux can be delivered in. */
public enum ExportFormat {
    CSV("csv", "csv", "text/csv; charset=utf-8", false),
    JSON("json", "json", "application/json", false),
    GEOJSON("geojson", "geojson", "application/geo+json", true),
    GPKG("gpkg", "gpkg", "application/geopackage+sqlite3", true);

    private final String code;
    private final String extension;
    private final String mediaType;
    private final boolean spatial;

    ExportFormat(String code, String extension, String mediaType, boolean spatial) {
        this.code = code;
        this.extension = extension;
        this.mediaType = mediaType;
        this.spatial = spatial;
    }

    /** The name used in the API and file names ({@code csv}, {@code json}, {@code geojson}, {@code gpkg}). */
    @JsonValue
    public String code() {
        return code;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Whether the format carries the geometry as a feature geometry (rather than a WKT column). */
    public boolean isSpatial() {
        return spatial;
    }

    /** The format of that code, case-insensitive. */
    public static Optional<ExportFormat> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.code.equals(wanted)).findFirst();
    }

    @JsonCreator
    public static ExportFormat fromCode(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException(
                "unsupported format '" + code + "' (csv, json, geojson, gpkg)"));
    }
}
