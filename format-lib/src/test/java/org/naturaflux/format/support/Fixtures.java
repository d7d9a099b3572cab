package org.naturaflux.format.support;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.row.ObservationRow;

/**
 * Readable test cases: one field of each type and rows whose values are the hard cases (quotes,
 * delimiters, line breaks, accents, emoji, spaces, empty text, nulls, extreme numbers, NaN and infinities,
 * dates at the ends of the calendar, fractions of seconds, valid and invalid JSON, every geometry type).
 */
public final class Fixtures {

    public static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

    /** id_synthese, nom_cite, nombre_min, mesure, date_debut, date_modification, valide, uuid_perm_sinp,
     * champs_additionnels, geometrie_wkt_4326 — in that column order. */
    public static final List<FieldDefinition> FIELDS = List.of(
            field("id_synthese", FieldType.INTEGER),
            field("nom_cite", FieldType.TEXT),
            field("nombre_min", FieldType.INTEGER),
            field("mesure", FieldType.DECIMAL),
            field("date_debut", FieldType.DATE),
            field("date_modification", FieldType.TIMESTAMP),
            field("valide", FieldType.BOOLEAN),
            field("uuid_perm_sinp", FieldType.UUID),
            field("champs_additionnels", FieldType.JSON),
            field("geometrie_wkt_4326", FieldType.GEOMETRY));

    public static final int TEXT = 1;
    public static final int INTEGER = 2;
    public static final int DECIMAL = 3;
    public static final int DATE = 4;
    public static final int TIMESTAMP = 5;
    public static final int BOOLEAN = 6;
    public static final int UUID_COLUMN = 7;
    public static final int JSON = 8;
    public static final int GEOMETRY_COLUMN = 9;

    private Fixtures() {
    }

    public static FieldDefinition field(String code, FieldType type) {
        return new FieldDefinition(code, code, type, null, false, false, Set.of());
    }

    public static Geometry wkt(String wkt) {
        try {
            return new WKTReader(GEOMETRY).read(wkt);
        } catch (ParseException e) {
            throw new IllegalArgumentException(wkt, e);
        }
    }

    /** A row whose feature geometry is its geometry field's value. */
    public static ObservationRow row(long id, String text, Long integer, Double decimal, LocalDate date,
                                     LocalDateTime timestamp, Boolean bool, UUID uuid, String json, String wkt) {
        Geometry geometry = wkt == null ? null : wkt(wkt);
        return new ObservationRow(id, null, null, null, geometry,
                new Object[]{id, text, integer, decimal, date, timestamp, bool, uuid, json, geometry});
    }

    /** The hard cases, ids 1 to 9. */
    public static List<ObservationRow> hardCases() {
        List<ObservationRow> rows = new ArrayList<>();
        rows.add(row(1, "Rougegorge familier", 3L, 48.8566, LocalDate.of(2024, 5, 1),
                LocalDateTime.of(2024, 5, 1, 10, 15, 30), true,
                UUID.fromString("0b7c2c5e-8a1f-4c7e-9d3a-5f2e1c0a9b8d"), "{\"protocole\": \"STOC\", \"passage\": 2}",
                "POINT (2.3522 48.8566)"));
        rows.add(row(2, "Il a dit \"bonjour\"; puis, à l'étang", -5L, -0.5, LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_000_000), false,
                UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"), "[1, \"deux\", null, true, 2.5]",
                "LINESTRING (2.1 48.1, 2.2 48.3, 2.4 48.2)"));
        rows.add(row(3, "ligne 1\nligne 2\r\nligne 3 🦊 renard 🐦", Long.MAX_VALUE, Double.MAX_VALUE,
                LocalDate.of(1, 1, 1), LocalDateTime.of(1999, 12, 31, 0, 0, 0, 1_000), true,
                UUID.fromString("00000000-0000-0000-0000-000000000000"), "\"texte seul\"",
                // exterior ring clockwise, hole counterclockwise: GeoJSON must rewind both
                "POLYGON ((2 48, 2 49, 3 49, 3 48, 2 48), (2.2 48.2, 2.4 48.2, 2.4 48.4, 2.2 48.4, 2.2 48.2))"));
        rows.add(row(4, "  espaces autour  ", Long.MIN_VALUE, Double.MIN_VALUE, LocalDate.of(9999, 12, 31),
                LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_456_789), false,
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), "{\"non fermé\": ",
                "MULTIPOINT ((1.5 47.5), (1.75 47.25))"));
        rows.add(row(5, "", 0L, 1.0E-10, LocalDate.of(1970, 1, 1), LocalDateTime.of(1970, 1, 1, 0, 0), true,
                UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), "42",
                "MULTILINESTRING ((3 45, 3.5 45.5), (4 46, 4.5 46.5, 5 46))"));
        rows.add(row(6, null, null, null, null, null, null, null, null, null));
        rows.add(row(7, "tabulation\tdedans; Łódź, Ærø, Ōsaka, 北京", 123L, Double.NaN, LocalDate.of(2000, 1, 1),
                LocalDateTime.of(2000, 1, 1, 12, 0, 0, 500_000_000), null,
                UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "{}",
                "MULTIPOLYGON (((6 44, 7 44, 7 45, 6 45, 6 44)), ((8 44, 8 45, 9 45, 9 44, 8 44)))"));
        rows.add(row(8, "=SOMME(A1:A3)", -1L, Double.POSITIVE_INFINITY, LocalDate.of(2023, 12, 31),
                LocalDateTime.of(2023, 12, 31, 23, 59, 59), false,
                UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "{\"a\": {\"b\": [1, 2, {\"c\": null}]}}",
                "GEOMETRYCOLLECTION (POINT (-1.5 43.5), LINESTRING (-1 43, -0.5 43.5))"));
        rows.add(row(9, "négatif", 7L, Double.NEGATIVE_INFINITY, LocalDate.of(2010, 6, 15),
                LocalDateTime.of(2010, 6, 15, 6, 30, 5, 7), true,
                UUID.fromString("6ba7b812-9dad-11d1-80b4-00c04fd430c8"), "null",
                "POINT (-4.4861 48.3904)"));
        return rows;
    }
}
