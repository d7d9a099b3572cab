package org.naturaflux.model.field;

/**
 * The value type of an exported field. Writers map each type to their format's native type
 * (a GeoPackage column type, a JSON number or string, a CSV cell).
 */
public enum FieldType {
    /** Unicode text. */
    TEXT,
    /** A signed 64-bit integer. */
    INTEGER,
    /** A decimal number ({@code double} or {@code BigDecimal}). */
    DECIMAL,
    /** A calendar date ({@code LocalDate}). */
    DATE,
    /** A date and time without zone, as GeoNature stores it ({@code LocalDateTime}). */
    TIMESTAMP,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** A UUID. */
    UUID,
    /** A JSON document, carried as its text. */
    JSON,
    /** A geometry in EPSG:4326 (a JTS {@code Geometry}, x = longitude, y = latitude). */
    GEOMETRY
}
