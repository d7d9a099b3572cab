package org.naturaflux.source.query;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;
import org.naturaflux.model.field.FieldType;
import org.naturaflux.source.status.StatusType;

/**
 * How a catalogue field is read from GeoNature's synthesis, with the semantics of GeoNature's export
 * view {@code gn_synthese.v_synthese_for_export}: nomenclature fields carry the nomenclature's
 * {@code label_default}; {@code communes} the names of the communes (area type COM) the record is linked
 * to in {@code cor_area_synthese}, distinct, sorted, separated by {@code ", "}; dates and times come from
 * {@code date_min} / {@code date_max} (times as {@code HH24:MI:SS}); the centroid coordinates from
 * {@code ST_Centroid(the_geom_4326)}. Two fields are left for sensitivity-lib: {@code niveau_sensibilite}
 * is the SENSIBILITE label as stored (replaced later by the label of the level applied) and
 * {@code codes_zones_diffusion} is NULL. The status fields ({@link StatusType}) carry the taxon's
 * {@code cd_ref}, which {@link org.naturaflux.source.status.RecordStatuses} replaces by the statuses that
 * apply to the record once it is degraded (they depend on its exported extent).
 *
 * <p>Aliases in expressions: {@code s} synthese, {@code t} taxref, {@code d} dataset, {@code af}
 * acquisition framework, {@code h} habitat, {@code n_<column>} the nomenclature of
 * {@code s.id_nomenclature_<column>}. Each expression yields the SQL type that reads into the Java type
 * of the field's {@link FieldType} ({@link #javaType}).
 *
 * @param code               the catalogue field code
 * @param expression         the SQL expression; null for the geometry field, which is the row's
 *                           {@code the_geom_4326} read once as WKB
 * @param joins              the joins the expression needs (besides its nomenclature join)
 * @param nomenclatureColumn for a nomenclature field, the suffix of its synthese column (e.g.
 *                           {@code sensitivity} for {@code id_nomenclature_sensitivity}); otherwise null
 */
public record FieldSql(String code, String expression, Set<Join> joins, String nomenclatureColumn) {

    public FieldSql {
        Objects.requireNonNull(code, "code");
        joins = Set.copyOf(joins);
    }

    /** A join of the export query; the constants are in the order the joins must appear. */
    public enum Join {
        TAXREF("LEFT JOIN taxonomie.taxref t ON t.cd_nom = s.cd_nom"),
        DATASET("LEFT JOIN gn_meta.t_datasets d ON d.id_dataset = s.id_dataset"),
        FRAMEWORK("LEFT JOIN gn_meta.t_acquisition_frameworks af ON af.id_acquisition_framework = d.id_acquisition_framework"),
        HABITAT("LEFT JOIN ref_habitats.habref h ON h.cd_hab = s.cd_hab");

        private final String sql;

        Join(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }

    private static final Map<String, FieldSql> MAPPING;

    static {
        Map<String, FieldSql> m = new LinkedHashMap<>();
        plain(m, "id_synthese", "s.id_synthese");
        plain(m, "date_debut", "s.date_min::date");
        plain(m, "date_fin", "s.date_max::date");
        plain(m, "heure_debut", "to_char(s.date_min, 'HH24:MI:SS')");
        plain(m, "heure_fin", "to_char(s.date_max, 'HH24:MI:SS')");
        plain(m, "cd_nom", "s.cd_nom");
        joined(m, "cd_ref", "t.cd_ref", Join.TAXREF);
        joined(m, "nom_valide", "t.nom_valide", Join.TAXREF);
        joined(m, "nom_vernaculaire", "t.nom_vern", Join.TAXREF);
        plain(m, "nom_cite", "s.nom_cite");
        joined(m, "regne", "t.regne", Join.TAXREF);
        joined(m, "group1_inpn", "t.group1_inpn", Join.TAXREF);
        joined(m, "group2_inpn", "t.group2_inpn", Join.TAXREF);
        joined(m, "group3_inpn", "t.group3_inpn", Join.TAXREF);
        joined(m, "classe", "t.classe", Join.TAXREF);
        joined(m, "ordre", "t.ordre", Join.TAXREF);
        joined(m, "famille", "t.famille", Join.TAXREF);
        joined(m, "rang_taxo", "t.id_rang", Join.TAXREF);
        // the taxon whose statuses replace this value once the record's exported extent is known (status.RecordStatuses)
        for (StatusType status : StatusType.values()) {
            joined(m, status.fieldCode(), "t.cd_ref::text", Join.TAXREF);
        }
        plain(m, "nombre_min", "s.count_min");
        plain(m, "nombre_max", "s.count_max");
        plain(m, "alti_min", "s.altitude_min");
        plain(m, "alti_max", "s.altitude_max");
        plain(m, "prof_min", "s.depth_min");
        plain(m, "prof_max", "s.depth_max");
        plain(m, "observateurs", "s.observers");
        plain(m, "determinateur", "s.determiner");
        plain(m, "communes", "(SELECT string_agg(DISTINCT com.area_name, ', ' ORDER BY com.area_name)"
                + " FROM gn_synthese.cor_area_synthese cas JOIN ref_geo.l_areas com ON com.id_area = cas.id_area"
                + " JOIN ref_geo.bib_areas_types com_type ON com_type.id_type = com.id_type AND com_type.type_code = 'COM'"
                + " WHERE cas.id_synthese = s.id_synthese)");
        m.put("geometrie_wkt_4326", new FieldSql("geometrie_wkt_4326", null, Set.of(), null));
        plain(m, "x_centroid_4326", "ST_X(ST_Centroid(s.the_geom_4326))");
        plain(m, "y_centroid_4326", "ST_Y(ST_Centroid(s.the_geom_4326))");
        plain(m, "nom_lieu", "s.place_name");
        plain(m, "comment_releve", "s.comment_context");
        plain(m, "comment_occurrence", "s.comment_description");
        plain(m, "validateur", "s.validator");
        nomenclature(m, "niveau_validation", "valid_status");
        plain(m, "date_validation", "s.meta_validation_date");
        plain(m, "comment_validation", "s.validation_comment");
        plain(m, "preuve_numerique_url", "s.digital_proof");
        plain(m, "preuve_non_numerique", "s.non_digital_proof");
        joined(m, "jdd_nom", "d.dataset_name", Join.DATASET);
        joined(m, "jdd_uuid", "d.unique_dataset_id", Join.DATASET);
        plain(m, "jdd_id", "s.id_dataset");
        joined(m, "ca_nom", "af.acquisition_framework_name", Join.DATASET, Join.FRAMEWORK);
        joined(m, "ca_uuid", "af.unique_acquisition_framework_id", Join.DATASET, Join.FRAMEWORK);
        joined(m, "ca_id", "d.id_acquisition_framework", Join.DATASET);
        plain(m, "cd_habref", "s.cd_hab");
        joined(m, "cd_habitat", "h.lb_code", Join.HABITAT);
        joined(m, "nom_habitat", "h.lb_hab_fr", Join.HABITAT);
        plain(m, "precision_geographique", "s.\"precision\"");
        nomenclature(m, "nature_objet_geo", "geo_object_nature");
        nomenclature(m, "type_regroupement", "grp_typ");
        plain(m, "methode_regroupement", "s.grp_method");
        nomenclature(m, "technique_observation", "obs_technique");
        nomenclature(m, "biologique_statut", "bio_status");
        nomenclature(m, "etat_biologique", "bio_condition");
        nomenclature(m, "biogeographique_statut", "biogeo_status");
        nomenclature(m, "naturalite", "naturalness");
        nomenclature(m, "preuve_existante", "exist_proof");
        nomenclature(m, "niveau_precision_diffusion", "diffusion_level");
        nomenclature(m, "stade_vie", "life_stage");
        nomenclature(m, "sexe", "sex");
        nomenclature(m, "objet_denombrement", "obj_count");
        nomenclature(m, "type_denombrement", "type_count");
        nomenclature(m, "niveau_sensibilite", "sensitivity");
        plain(m, "codes_zones_diffusion", "NULL::text");
        nomenclature(m, "statut_observation", "observation_status");
        nomenclature(m, "floutage_dee", "blurring");
        nomenclature(m, "statut_source", "source_status");
        nomenclature(m, "type_info_geo", "info_geo_type");
        nomenclature(m, "methode_determination", "determination_method");
        nomenclature(m, "comportement", "behaviour");
        plain(m, "reference_biblio", "s.reference_biblio");
        plain(m, "id_origine", "s.entity_source_pk_value");
        plain(m, "uuid_perm_sinp", "s.unique_id_sinp");
        plain(m, "uuid_perm_grp_sinp", "s.unique_id_sinp_grp");
        plain(m, "date_creation", "s.meta_create_date");
        plain(m, "date_modification", "s.meta_update_date");
        plain(m, "champs_additionnels", "s.additional_data::text");
        MAPPING = Collections.unmodifiableMap(m);
    }

    private static void plain(Map<String, FieldSql> m, String code, String expression) {
        m.put(code, new FieldSql(code, expression, Set.of(), null));
    }

    private static void joined(Map<String, FieldSql> m, String code, String expression, Join... joins) {
        m.put(code, new FieldSql(code, expression, Set.of(joins), null));
    }

    private static void nomenclature(Map<String, FieldSql> m, String code, String column) {
        m.put(code, new FieldSql(code, "n_" + column + ".label_default", Set.of(), column));
    }

    /** The mapping of a catalogue field code, if source-lib has one. */
    public static Optional<FieldSql> of(String code) {
        return Optional.ofNullable(MAPPING.get(code));
    }

    /**
     * The mapping of a catalogue field code.
     *
     * @throws IllegalArgumentException naming the field when source-lib has no SQL for it
     */
    public static FieldSql require(String code) {
        FieldSql sql = MAPPING.get(code);
        if (sql == null) {
            throw new IllegalArgumentException("field '" + code + "' has no SQL mapping in source-lib");
        }
        return sql;
    }

    /** Every mapped field code, in the standard catalogue's order. */
    public static Set<String> codes() {
        return MAPPING.keySet();
    }

    /**
     * The Java type of the values of a field type in an {@code ObservationRow}: TEXT and JSON
     * {@link String}, INTEGER {@link Long}, DECIMAL {@link Double}, DATE {@link LocalDate}, TIMESTAMP
     * {@link LocalDateTime}, BOOLEAN {@link Boolean}, UUID {@link UUID}, GEOMETRY a JTS {@link Geometry}
     * in EPSG:4326.
     */
    public static Class<?> javaType(FieldType type) {
        return switch (type) {
            case TEXT, JSON -> String.class;
            case INTEGER -> Long.class;
            case DECIMAL -> Double.class;
            case DATE -> LocalDate.class;
            case TIMESTAMP -> LocalDateTime.class;
            case BOOLEAN -> Boolean.class;
            case UUID -> UUID.class;
            case GEOMETRY -> Geometry.class;
        };
    }

    /** The join of this field's nomenclature, or null when it is not a nomenclature field. */
    String nomenclatureJoin() {
        return nomenclatureColumn == null ? null
                : "LEFT JOIN ref_nomenclatures.t_nomenclatures n_" + nomenclatureColumn + " ON n_" + nomenclatureColumn
                + ".id_nomenclature = s.id_nomenclature_" + nomenclatureColumn;
    }
}
