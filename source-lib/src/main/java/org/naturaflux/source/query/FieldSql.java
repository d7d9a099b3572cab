package org.naturaflux.source.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How each catalogue field is read from GeoNature's synthesis, following the semantics of GeoNature's
 * export view {@code gn_synthese.v_synthese_for_export}. Aliases: {@code s} synthese, {@code t} taxref,
 * {@code d} dataset, {@code af} acquisition framework, {@code h} habitat, {@code n_<column>} the
 * nomenclature of {@code s.id_nomenclature_<column>} (its {@code label_default} is exported).
 *
 * @param code               the catalogue field code
 * @param expression         the SQL expression; null for the geometry field, which is the row's geometry
 * @param joins              the joins the expression needs
 * @param nomenclatureColumn for nomenclature fields, the synthese column suffix (e.g. {@code sensitivity})
 */
public record FieldSql(String code, String expression, Set<Join> joins, String nomenclatureColumn) {

    /** A join of the export query, in the order they must appear. */
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

    private static final Map<String, FieldSql> MAPPING = new LinkedHashMap<>();

    static {
        plain("id_synthese", "s.id_synthese");
        plain("date_debut", "s.date_min::date");
        plain("date_fin", "s.date_max::date");
        plain("heure_debut", "to_char(s.date_min, 'HH24:MI:SS')");
        plain("heure_fin", "to_char(s.date_max, 'HH24:MI:SS')");
        plain("cd_nom", "s.cd_nom");
        taxref("cd_ref", "t.cd_ref");
        taxref("nom_valide", "t.nom_valide");
        taxref("nom_vernaculaire", "t.nom_vern");
        plain("nom_cite", "s.nom_cite");
        taxref("regne", "t.regne");
        taxref("group1_inpn", "t.group1_inpn");
        taxref("group2_inpn", "t.group2_inpn");
        taxref("group3_inpn", "t.group3_inpn");
        taxref("classe", "t.classe");
        taxref("ordre", "t.ordre");
        taxref("famille", "t.famille");
        taxref("rang_taxo", "t.id_rang");
        plain("nombre_min", "s.count_min");
        plain("nombre_max", "s.count_max");
        plain("alti_min", "s.altitude_min");
        plain("alti_max", "s.altitude_max");
        plain("prof_min", "s.depth_min");
        plain("prof_max", "s.depth_max");
        plain("observateurs", "s.observers");
        plain("determinateur", "s.determiner");
        plain("communes", "(SELECT string_agg(a.area_name, ', ' ORDER BY a.area_name)"
                + " FROM gn_synthese.cor_area_synthese cas JOIN ref_geo.l_areas a ON a.id_area = cas.id_area"
                + " JOIN ref_geo.bib_areas_types bat ON bat.id_type = a.id_type"
                + " WHERE cas.id_synthese = s.id_synthese AND bat.type_code = 'COM')");
        MAPPING.put("geometrie_wkt_4326", new FieldSql("geometrie_wkt_4326", null, Set.of(), null));
        plain("x_centroid_4326", "ST_X(ST_Centroid(s.the_geom_4326))");
        plain("y_centroid_4326", "ST_Y(ST_Centroid(s.the_geom_4326))");
        plain("nom_lieu", "s.place_name");
        plain("comment_releve", "s.comment_context");
        plain("comment_occurrence", "s.comment_description");
        plain("validateur", "s.validator");
        nomenclature("niveau_validation", "valid_status");
        plain("date_validation", "s.meta_validation_date");
        plain("comment_validation", "s.validation_comment");
        plain("preuve_numerique_url", "s.digital_proof");
        plain("preuve_non_numerique", "s.non_digital_proof");
        dataset("jdd_nom", "d.dataset_name");
        dataset("jdd_uuid", "d.unique_dataset_id");
        plain("jdd_id", "s.id_dataset");
        framework("ca_nom", "af.acquisition_framework_name");
        framework("ca_uuid", "af.unique_acquisition_framework_id");
        dataset("ca_id", "d.id_acquisition_framework");
        plain("cd_habref", "s.cd_hab");
        habitat("cd_habitat", "h.lb_code");
        habitat("nom_habitat", "h.lb_hab_fr");
        plain("precision_geographique", "s.precision");
        nomenclature("nature_objet_geo", "geo_object_nature");
        nomenclature("type_regroupement", "grp_typ");
        plain("methode_regroupement", "s.grp_method");
        nomenclature("technique_observation", "obs_technique");
        nomenclature("biologique_statut", "bio_status");
        nomenclature("etat_biologique", "bio_condition");
        nomenclature("biogeographique_statut", "biogeo_status");
        nomenclature("naturalite", "naturalness");
        nomenclature("preuve_existante", "exist_proof");
        nomenclature("niveau_precision_diffusion", "diffusion_level");
        nomenclature("stade_vie", "life_stage");
        nomenclature("sexe", "sex");
        nomenclature("objet_denombrement", "obj_count");
        nomenclature("type_denombrement", "type_count");
        nomenclature("niveau_sensibilite", "sensitivity");
        plain("codes_zones_diffusion", "NULL::text");
        nomenclature("statut_observation", "observation_status");
        nomenclature("floutage_dee", "blurring");
        nomenclature("statut_source", "source_status");
        nomenclature("type_info_geo", "info_geo_type");
        nomenclature("methode_determination", "determination_method");
        nomenclature("comportement", "behaviour");
        plain("reference_biblio", "s.reference_biblio");
        plain("id_origine", "s.entity_source_pk_value");
        plain("uuid_perm_sinp", "s.unique_id_sinp");
        plain("uuid_perm_grp_sinp", "s.unique_id_sinp_grp");
        plain("date_creation", "s.meta_create_date");
        plain("date_modification", "s.meta_update_date");
        plain("champs_additionnels", "s.additional_data::text");
    }

    private static void plain(String code, String expression) {
        MAPPING.put(code, new FieldSql(code, expression, Set.of(), null));
    }

    private static void taxref(String code, String expression) {
        MAPPING.put(code, new FieldSql(code, expression, Set.of(Join.TAXREF), null));
    }

    private static void dataset(String code, String expression) {
        MAPPING.put(code, new FieldSql(code, expression, Set.of(Join.DATASET), null));
    }

    private static void framework(String code, String expression) {
        MAPPING.put(code, new FieldSql(code, expression, Set.of(Join.DATASET, Join.FRAMEWORK), null));
    }

    private static void habitat(String code, String expression) {
        MAPPING.put(code, new FieldSql(code, expression, Set.of(Join.HABITAT), null));
    }

    private static void nomenclature(String code, String column) {
        MAPPING.put(code, new FieldSql(code, "n_" + column + ".label_default", Set.of(), column));
    }

    /** The mapping of a catalogue field code, if it has one. */
    public static Optional<FieldSql> of(String code) {
        return Optional.ofNullable(MAPPING.get(code));
    }

    /** The mapping of a field; {@link IllegalArgumentException} naming the field when there is none. */
    public static FieldSql require(String code) {
        FieldSql sql = MAPPING.get(code);
        if (sql == null) {
            throw new IllegalArgumentException("field '" + code + "' has no SQL mapping in source-lib");
        }
        return sql;
    }

    /** The join of this nomenclature field, or null. */
    String nomenclatureJoin() {
        return nomenclatureColumn == null ? null
                : "LEFT JOIN ref_nomenclatures.t_nomenclatures n_" + nomenclatureColumn + " ON n_" + nomenclatureColumn
                + ".id_nomenclature = s.id_nomenclature_" + nomenclatureColumn;
    }
}
