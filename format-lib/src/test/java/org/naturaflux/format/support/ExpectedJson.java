package org.naturaflux.format.support;

import static org.naturaflux.format.support.PythonJson.bool;
import static org.naturaflux.format.support.PythonJson.decimal;
import static org.naturaflux.format.support.PythonJson.integer;
import static org.naturaflux.format.support.PythonJson.json;
import static org.naturaflux.format.support.PythonJson.none;
import static org.naturaflux.format.support.PythonJson.text;

import org.naturaflux.format.support.PythonJson.Typed;

/** The typed JSON values of {@code Fixtures.hardCases()}, shared by the JSON and GeoJSON tests (same value writer). */
public final class ExpectedJson {

    public static final String[] KEYS = {"id_synthese", "nom_cite", "nombre_min", "mesure", "date_debut",
            "date_modification", "valide", "uuid_perm_sinp", "champs_additionnels", "geometrie_wkt_4326"};

    /**
     * What Python reads for {@code Fixtures.hardCases()}: typed numbers, NaN and infinities as null, the JSON
     * field embedded (or kept as a string when it is not JSON), the geometry as WKT.
     */
    public static final Typed[][] VALUES = {
            {integer(1), text("Rougegorge familier"), integer(3), decimal(48.8566), text("2024-05-01"),
                    text("2024-05-01T10:15:30"), bool(true), text("0b7c2c5e-8a1f-4c7e-9d3a-5f2e1c0a9b8d"),
                    json("dict", "{\"passage\": 2, \"protocole\": \"STOC\"}"), text("POINT (2.3522 48.8566)")},
            {integer(2), text("Il a dit \"bonjour\"; puis, à l'étang"), integer(-5), decimal(-0.5),
                    text("2024-02-29"), text("2024-02-29T23:59:59.123"), bool(false),
                    text("ffffffff-ffff-ffff-ffff-ffffffffffff"), json("list", "[1, \"deux\", null, true, 2.5]"),
                    text("LINESTRING (2.1 48.1, 2.2 48.3, 2.4 48.2)")},
            {integer(3), text("ligne 1\nligne 2\r\nligne 3 🦊 renard 🐦"), integer(Long.MAX_VALUE),
                    decimal(Double.MAX_VALUE), text("0001-01-01"), text("1999-12-31T00:00:00.000001"), bool(true),
                    text("00000000-0000-0000-0000-000000000000"), text("texte seul"),
                    text("POLYGON ((2 48, 2 49, 3 49, 3 48, 2 48), (2.2 48.2, 2.4 48.2, 2.4 48.4, 2.2 48.4, 2.2 48.2))")},
            {integer(4), text("  espaces autour  "), integer(Long.MIN_VALUE), decimal(Double.MIN_VALUE),
                    text("9999-12-31"), text("2024-01-01T00:00:00.123456789"), bool(false),
                    text("123e4567-e89b-12d3-a456-426614174000"), text("{\"non fermé\": "),
                    text("MULTIPOINT ((1.5 47.5), (1.75 47.25))")},
            {integer(5), text(""), integer(0), decimal(1.0E-10), text("1970-01-01"), text("1970-01-01T00:00:00"),
                    bool(true), text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), integer(42),
                    text("MULTILINESTRING ((3 45, 3.5 45.5), (4 46, 4.5 46.5, 5 46))")},
            {integer(6), none(), none(), none(), none(), none(), none(), none(), none(), none()},
            {integer(7), text("tabulation\tdedans; Łódź, Ærø, Ōsaka, 北京"), integer(123), none(), text("2000-01-01"),
                    text("2000-01-01T12:00:00.500"), none(), text("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
                    json("dict", "{}"),
                    text("MULTIPOLYGON (((6 44, 7 44, 7 45, 6 45, 6 44)), ((8 44, 8 45, 9 45, 9 44, 8 44)))")},
            {integer(8), text("=SOMME(A1:A3)"), integer(-1), none(), text("2023-12-31"), text("2023-12-31T23:59:59"),
                    bool(false), text("6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
                    json("dict", "{\"a\": {\"b\": [1, 2, {\"c\": null}]}}"),
                    text("GEOMETRYCOLLECTION (POINT (-1.5 43.5), LINESTRING (-1 43, -0.5 43.5))")},
            {integer(9), text("négatif"), integer(7), none(), text("2010-06-15"),
                    text("2010-06-15T06:30:05.000000007"), bool(true), text("6ba7b812-9dad-11d1-80b4-00c04fd430c8"),
                    none(), text("POINT (-4.4861 48.3904)")},
    };

    private ExpectedJson() {
    }
}
