package org.naturaflux.format.support;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.naturaflux.model.field.FieldCatalogue;
import org.naturaflux.model.field.FieldDefinition;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.model.row.ObservationRow;

/**
 * Deterministic observation rows shaped like a real export (for the flat-memory test and the benchmark):
 * the bundled catalogue's basic flux plus five fields (30 columns, every field type of the catalogue),
 * French texts with accents, 90 % points and 10 % degraded rows carrying a 10 km cell polygon.
 */
public final class SyntheticRows {

    private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);
    private static final String[][] TAXA = {
            {"Erithacus rubecula (Linnaeus, 1758)", "Rougegorge familier", "Oiseaux", "Aves", "Passeriformes",
                    "Muscicapidae"},
            {"Lacerta bilineata Daudin, 1802", "Lézard à deux raies", "Reptiles", "Squamata", "Squamata",
                    "Lacertidae"},
            {"Salamandra salamandra (Linnaeus, 1758)", "Salamandre tachetée", "Amphibiens", "Amphibia", "Urodela",
                    "Salamandridae"},
            {"Quercus robur L., 1753", "Chêne pédonculé", "Angiospermes", "Equisetopsida", "Fagales",
                    "Fagaceae"},
            {"Vulpes vulpes (Linnaeus, 1758)", "Renard roux", "Mammifères", "Mammalia", "Carnivora", "Canidae"},
    };
    private static final String[] OBSERVERS = {"Dupont Jean", "Martin Élodie, Lefèvre Loïc", "Groupe «Nature»",
            "Bénévoles de l'association"};
    private static final String[] COMMENTS = {null, null, "RAS", "Chant entendu; vu \"en vol\"",
            "Individu juvénile,\nphoto prise"};

    private final List<FieldDefinition> fields;
    private final FieldType[] types;
    private final String[] codes;

    public SyntheticRows() {
        FieldCatalogue catalogue = FieldCatalogue.standard();
        List<String> codes = new ArrayList<>();
        catalogue.basic().forEach(f -> codes.add(f.code()));
        codes.addAll(List.of("x_centroid_4326", "y_centroid_4326", "comment_occurrence", "date_validation",
                "champs_additionnels"));
        this.fields = catalogue.select(codes);
        this.types = fields.stream().map(FieldDefinition::type).toArray(FieldType[]::new);
        this.codes = fields.stream().map(FieldDefinition::code).toArray(String[]::new);
    }

    public List<FieldDefinition> fields() {
        return fields;
    }

    /** Row {@code i} (0-based), always the same for the same {@code i}. */
    public ObservationRow row(long i) {
        double x = 1.5 + (i % 10_007) * 0.0001234567;
        double y = 48.1 + (i % 9_973) * 0.0000987654;
        boolean degraded = i % 10 == 9;
        Geometry geometry = degraded ? cell(x, y) : GEOMETRY.createPoint(new Coordinate(x, y));
        String[] taxon = TAXA[(int) (i % TAXA.length)];
        Object[] values = new Object[types.length];
        for (int c = 0; c < types.length; c++) {
            values[c] = switch (codes[c]) {
                case "id_synthese" -> i + 1;
                case "date_debut" -> LocalDate.of(2000, 1, 1).plusDays(i % 9_000);
                case "date_fin" -> LocalDate.of(2000, 1, 1).plusDays(i % 9_000 + i % 2);
                case "cd_nom" -> 60_000L + i % 5_000;
                case "cd_ref" -> 60_000L + i % 4_000;
                case "nom_valide" -> taxon[0];
                case "nom_vernaculaire" -> taxon[1];
                case "group2_inpn" -> taxon[2];
                case "classe" -> taxon[3];
                case "ordre" -> taxon[4];
                case "famille" -> taxon[5];
                case "nombre_min" -> i % 7 == 0 ? null : 1 + i % 10;
                case "nombre_max" -> i % 7 == 0 ? null : 3 + i % 10;
                case "observateurs" -> OBSERVERS[(int) (i % OBSERVERS.length)];
                case "communes" -> i % 3 == 0 ? "Paris" : "Montreuil, Vincennes";
                case "geometrie_wkt_4326" -> geometry;
                case "niveau_validation" -> "Certain - très probable";
                case "jdd_nom" -> "Inventaire régional n°" + (i % 40);
                case "precision_geographique" -> degraded ? 10_000L : 5L + i % 50;
                case "niveau_precision_diffusion" -> degraded ? "2" : "0";
                case "niveau_sensibilite" -> degraded ? "Sensible - Diffusion à la maille 10km"
                        : "Non sensible - Diffusion précise";
                case "codes_zones_diffusion" -> degraded ? "10kmL93E065N686" : null;
                case "statut_observation" -> "Présent";
                case "uuid_perm_sinp" -> new UUID(0x5EED_0000_0000_0000L | (i >>> 20), i * 0x9E3779B97F4A7C15L);
                case "date_modification" -> LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(i * 37 % 31_536_000);
                case "x_centroid_4326" -> x;
                case "y_centroid_4326" -> y;
                case "comment_occurrence" -> COMMENTS[(int) (i % COMMENTS.length)];
                case "date_validation" -> i % 4 == 0 ? null
                        : LocalDateTime.of(2024, 6, 1, 12, 30).plusSeconds(i % 86_400).plusNanos(i % 1000 * 1_000_000);
                case "champs_additionnels" -> i % 5 == 0 ? "{\"protocole\": \"STOC\", \"passage\": " + (i % 3) + "}"
                        : null;
                default -> throw new IllegalStateException("no synthetic value for " + codes[c]);
            };
        }
        return new ObservationRow(i + 1, degraded ? "2" : "0", degraded ? "2" : "0", null, geometry, values);
    }

    private static Geometry cell(double x, double y) {
        double x0 = Math.floor(x * 10) / 10;
        double y0 = Math.floor(y * 10) / 10;
        return GEOMETRY.createPolygon(new Coordinate[]{new Coordinate(x0, y0), new Coordinate(x0 + 0.13, y0),
                new Coordinate(x0 + 0.13, y0 + 0.09), new Coordinate(x0, y0 + 0.09), new Coordinate(x0, y0)});
    }
}
