-- The subset of GeoNature's schema that Naturaflux reads, with GeoNature 2.x schema, table, column,
-- constraint and index names and types. Created for the demo source, the tests and the benchmarks only:
-- on a platform, GeoNature owns these tables. Idempotent: whatever exists is left as it is.
-- Two parts: the tables (columns, defaults, CHECK constraints), then, after the marker line below, their
-- keys, foreign keys and indexes; a bulk load (GeoNatureSchema.createTables / createKeys) runs between.
CREATE SCHEMA IF NOT EXISTS ref_nomenclatures;
CREATE SCHEMA IF NOT EXISTS taxonomie;
CREATE SCHEMA IF NOT EXISTS ref_geo;
CREATE SCHEMA IF NOT EXISTS ref_habitats;
CREATE SCHEMA IF NOT EXISTS utilisateurs;
CREATE SCHEMA IF NOT EXISTS gn_meta;
CREATE SCHEMA IF NOT EXISTS gn_synthese;

CREATE TABLE IF NOT EXISTS ref_nomenclatures.bib_nomenclatures_types (
    id_type serial NOT NULL,
    mnemonique varchar(255),
    label_default varchar(255),
    definition_default text,
    label_fr varchar(255),
    definition_fr text,
    label_en varchar(255),
    definition_en text,
    source varchar(50),
    statut varchar(20),
    meta_create_date timestamp DEFAULT now(),
    meta_update_date timestamp DEFAULT now()
);

CREATE TABLE IF NOT EXISTS ref_nomenclatures.t_nomenclatures (
    id_nomenclature serial NOT NULL,
    id_type integer NOT NULL,
    cd_nomenclature varchar(255) NOT NULL,
    mnemonique varchar(255),
    label_default varchar(255),
    definition_default text,
    label_fr varchar(255),
    definition_fr text,
    label_en varchar(255),
    definition_en text,
    source varchar(50),
    statut varchar(20),
    id_broader integer,
    hierarchy varchar(255),
    meta_create_date timestamp DEFAULT now(),
    meta_update_date timestamp,
    active boolean NOT NULL DEFAULT true
);

CREATE TABLE IF NOT EXISTS taxonomie.taxref (
    cd_nom integer NOT NULL,
    id_statut char(1),
    id_habitat integer,
    id_rang varchar(10) NOT NULL,
    regne varchar(20),
    phylum varchar(50),
    classe varchar(50),
    ordre varchar(50),
    famille varchar(50),
    sous_famille varchar(50),
    tribu varchar(50),
    cd_taxsup integer,
    cd_sup integer,
    cd_ref integer,
    lb_nom varchar(250),
    lb_auteur varchar(250),
    nom_complet varchar(255) NOT NULL,
    nom_complet_html varchar(500),
    nom_valide varchar(500),
    nom_vern varchar(1000),
    nom_vern_eng varchar(500),
    group1_inpn varchar(50),
    group2_inpn varchar(50),
    group3_inpn varchar(250),
    url text
);

CREATE TABLE IF NOT EXISTS ref_geo.bib_areas_types (
    id_type serial NOT NULL,
    type_name varchar(200) NOT NULL,
    type_code varchar(25) NOT NULL,
    type_desc text,
    ref_name varchar(200),
    ref_version integer,
    num_version varchar(50),
    size_hierarchy integer
);

CREATE TABLE IF NOT EXISTS ref_geo.l_areas (
    id_area serial NOT NULL,
    id_type integer NOT NULL,
    area_name varchar(250),
    area_code varchar(25),
    geom geometry(MultiPolygon, 2154),
    centroid geometry(Point, 2154),
    source varchar(250),
    comment text,
    enable boolean NOT NULL DEFAULT true,
    additional_data jsonb,
    meta_create_date timestamp DEFAULT now(),
    meta_update_date timestamp DEFAULT now(),
    geom_4326 geometry(MultiPolygon, 4326),
    CONSTRAINT enforce_geotype_l_areas_centroid CHECK (geometrytype(centroid) = 'POINT' OR centroid IS NULL),
    CONSTRAINT enforce_geotype_l_areas_geom CHECK (geometrytype(geom) = 'MULTIPOLYGON' OR geom IS NULL),
    CONSTRAINT enforce_srid_l_areas_centroid CHECK (st_srid(centroid) = 2154),
    CONSTRAINT enforce_srid_l_areas_geom CHECK (st_srid(geom) = 2154)
);

CREATE TABLE IF NOT EXISTS ref_habitats.typoref (
    cd_typo integer NOT NULL,
    cd_table varchar(255),
    lb_nom_typo varchar(100),
    nom_jeu_donnees varchar(255),
    date_creation varchar(255),
    date_mod varchar(255),
    nb_last_niv integer,
    lb_auteur_typo varchar(4000),
    url varchar(1000)
);

CREATE TABLE IF NOT EXISTS ref_habitats.habref (
    cd_hab integer NOT NULL,
    fg_validite varchar(20) NOT NULL DEFAULT 'V',
    cd_typo integer NOT NULL,
    lb_code varchar(50),
    lb_hab_fr varchar(500),
    lb_hab_fr_complet varchar(500),
    lb_hab_en varchar(500),
    lb_auteur varchar(500),
    niveau integer,
    lb_niveau varchar(100),
    cd_hab_sup integer,
    path_cd_hab varchar(2000),
    france varchar(5),
    lb_description varchar(4000)
);

CREATE TABLE IF NOT EXISTS gn_meta.t_acquisition_frameworks (
    id_acquisition_framework serial NOT NULL,
    unique_acquisition_framework_id uuid NOT NULL DEFAULT gen_random_uuid(),
    acquisition_framework_name varchar(255) NOT NULL,
    acquisition_framework_desc text NOT NULL,
    keywords text,
    target_description text,
    territory_desc text,
    is_parent boolean,
    acquisition_framework_parent_id integer,
    acquisition_framework_start_date date NOT NULL,
    acquisition_framework_end_date date,
    meta_create_date timestamp NOT NULL DEFAULT now(),
    meta_update_date timestamp
);

CREATE TABLE IF NOT EXISTS gn_meta.t_datasets (
    id_dataset serial NOT NULL,
    unique_dataset_id uuid NOT NULL DEFAULT gen_random_uuid(),
    id_acquisition_framework integer NOT NULL,
    dataset_name varchar(255) NOT NULL,
    dataset_shortname varchar(255) NOT NULL,
    dataset_desc text NOT NULL,
    keywords text,
    marine_domain boolean NOT NULL,
    terrestrial_domain boolean NOT NULL,
    active boolean NOT NULL DEFAULT true,
    validable boolean DEFAULT true,
    id_nomenclature_data_origin integer,
    meta_create_date timestamp NOT NULL DEFAULT now(),
    meta_update_date timestamp
);
-- a subset created before the datasets' origin was read
ALTER TABLE gn_meta.t_datasets ADD COLUMN IF NOT EXISTS id_nomenclature_data_origin integer;

-- UsersHub's organisms and roles (people), as GeoNature's metadata names them as actors
CREATE TABLE IF NOT EXISTS utilisateurs.bib_organismes (
    id_organisme serial NOT NULL,
    uuid_organisme uuid NOT NULL DEFAULT gen_random_uuid(),
    nom_organisme varchar(500) NOT NULL,
    adresse_organisme varchar(128),
    cp_organisme varchar(5),
    ville_organisme varchar(100),
    tel_organisme varchar(14),
    fax_organisme varchar(14),
    email_organisme varchar(100),
    url_organisme varchar(255),
    url_logo varchar(255),
    id_parent integer,
    additional_data jsonb DEFAULT '{}'::jsonb
);

CREATE TABLE IF NOT EXISTS utilisateurs.t_roles (
    groupe boolean NOT NULL DEFAULT false,
    id_role serial NOT NULL,
    uuid_role uuid NOT NULL DEFAULT gen_random_uuid(),
    identifiant varchar(100),
    nom_role varchar(50),
    prenom_role varchar(50),
    desc_role text,
    pass varchar(100),
    pass_plus text,
    email varchar(250),
    id_organisme integer,
    remarques text,
    active boolean DEFAULT true,
    champs_addi jsonb,
    date_insert timestamp,
    date_update timestamp
);

-- the actors of datasets and acquisition frameworks: an organism or a role, with its ROLE_ACTEUR role
CREATE TABLE IF NOT EXISTS gn_meta.cor_acquisition_framework_actor (
    id_cafa serial NOT NULL,
    id_acquisition_framework integer NOT NULL,
    id_role integer,
    id_organism integer,
    id_nomenclature_actor_role integer NOT NULL,
    CONSTRAINT check_is_actor_in_cor_af_actor CHECK (id_role IS NOT NULL OR id_organism IS NOT NULL)
);

CREATE TABLE IF NOT EXISTS gn_meta.cor_dataset_actor (
    id_cda serial NOT NULL,
    id_dataset integer NOT NULL,
    id_role integer,
    id_organism integer,
    id_nomenclature_actor_role integer NOT NULL,
    CONSTRAINT check_is_actor_in_cor_dataset_actor CHECK (id_role IS NOT NULL OR id_organism IS NOT NULL)
);

CREATE TABLE IF NOT EXISTS gn_synthese.t_sources (
    id_source serial NOT NULL,
    name_source varchar(255) NOT NULL,
    desc_source text,
    entity_source_pk_field varchar(255),
    url_source varchar(255),
    meta_create_date timestamp DEFAULT now(),
    meta_update_date timestamp DEFAULT now(),
    id_module integer
);

CREATE TABLE IF NOT EXISTS gn_synthese.synthese (
    id_synthese serial NOT NULL,
    unique_id_sinp uuid,
    unique_id_sinp_grp uuid,
    id_source integer NOT NULL,
    id_module integer,
    entity_source_pk_value varchar,
    id_dataset integer,
    id_nomenclature_geo_object_nature integer,
    id_nomenclature_grp_typ integer,
    grp_method varchar(255),
    id_nomenclature_obs_technique integer,
    id_nomenclature_bio_status integer,
    id_nomenclature_bio_condition integer,
    id_nomenclature_naturalness integer,
    id_nomenclature_exist_proof integer,
    id_nomenclature_valid_status integer,
    id_nomenclature_diffusion_level integer,
    id_nomenclature_life_stage integer,
    id_nomenclature_sex integer,
    id_nomenclature_obj_count integer,
    id_nomenclature_type_count integer,
    id_nomenclature_sensitivity integer,
    id_nomenclature_observation_status integer,
    id_nomenclature_blurring integer,
    id_nomenclature_source_status integer,
    id_nomenclature_info_geo_type integer,
    id_nomenclature_behaviour integer,
    id_nomenclature_biogeo_status integer,
    reference_biblio varchar(5000),
    count_min integer,
    count_max integer,
    cd_nom integer,
    cd_hab integer,
    nom_cite varchar(1000) NOT NULL,
    meta_v_taxref varchar(50),
    sample_number_proof text,
    digital_proof text,
    non_digital_proof text,
    altitude_min integer,
    altitude_max integer,
    depth_min integer,
    depth_max integer,
    place_name varchar(500),
    the_geom_4326 geometry(Geometry, 4326),
    the_geom_point geometry(Point, 4326),
    the_geom_local geometry(Geometry, 2154),
    "precision" integer,
    id_area_attachment integer,
    date_min timestamp NOT NULL,
    date_max timestamp NOT NULL,
    validator varchar(1000),
    validation_comment text,
    observers varchar(1000),
    determiner varchar(1000),
    id_digitiser integer,
    id_nomenclature_determination_method integer,
    comment_context text,
    comment_description text,
    additional_data jsonb,
    meta_validation_date timestamp,
    meta_create_date timestamp DEFAULT now(),
    meta_update_date timestamp DEFAULT now(),
    last_action char(1),
    id_import integer,
    CONSTRAINT check_synthese_altitude_max CHECK (altitude_max >= altitude_min),
    CONSTRAINT check_synthese_count_max CHECK (count_max >= count_min),
    CONSTRAINT check_synthese_date_max CHECK (date_max >= date_min),
    CONSTRAINT check_synthese_depth_max CHECK (depth_max >= depth_min),
    CONSTRAINT enforce_dims_the_geom_4326 CHECK (st_ndims(the_geom_4326) = 2),
    CONSTRAINT enforce_dims_the_geom_local CHECK (st_ndims(the_geom_local) = 2),
    CONSTRAINT enforce_dims_the_geom_point CHECK (st_ndims(the_geom_point) = 2),
    CONSTRAINT enforce_geotype_the_geom_point CHECK (geometrytype(the_geom_point) = 'POINT' OR the_geom_point IS NULL),
    CONSTRAINT enforce_srid_the_geom_4326 CHECK (st_srid(the_geom_4326) = 4326),
    CONSTRAINT enforce_srid_the_geom_local CHECK (st_srid(the_geom_local) = 2154),
    CONSTRAINT enforce_srid_the_geom_point CHECK (st_srid(the_geom_point) = 4326)
);

CREATE TABLE IF NOT EXISTS gn_synthese.cor_area_synthese (
    id_synthese integer NOT NULL,
    id_area integer NOT NULL
);

-- TAXREF's "base de connaissance des statuts" (BDC statuts) as TaxHub creates it (apptax/migrations/data/
-- taxonomie.sql and migration 1b1a3f5cd107 for bdc_statut_cor_text_area): the raw INPN table and its
-- normalised form; texts are linked to areas of type DEP only.
CREATE TABLE IF NOT EXISTS taxonomie.bdc_statut_type (
    cd_type_statut varchar(50) NOT NULL,
    lb_type_statut varchar(250),
    regroupement_type varchar(250),
    thematique varchar(100),
    type_value varchar(100)
);

CREATE TABLE IF NOT EXISTS taxonomie.bdc_statut (
    id serial,
    cd_nom int NOT NULL,
    cd_ref int NOT NULL,
    cd_sup int,
    cd_type_statut varchar(50) NOT NULL,
    lb_type_statut varchar(250),
    regroupement_type varchar(250),
    code_statut varchar(250),
    label_statut varchar(1000),
    rq_statut text,
    cd_sig varchar(100),
    cd_doc int,
    lb_nom varchar(1000),
    lb_auteur varchar(1000),
    nom_complet_html varchar(1000),
    nom_valide_html varchar(1000),
    regne varchar(250),
    phylum varchar(250),
    classe varchar(250),
    ordre varchar(250),
    famille varchar(250),
    group1_inpn varchar(255),
    group2_inpn varchar(255),
    lb_adm_tr varchar(100),
    niveau_admin varchar(250),
    cd_iso3166_1 varchar(50),
    cd_iso3166_2 varchar(50),
    full_citation text,
    doc_url text,
    thematique varchar(100),
    type_value varchar(100)
);

CREATE TABLE IF NOT EXISTS taxonomie.bdc_statut_text (
    id_text serial NOT NULL,
    cd_st_text varchar(50),
    cd_type_statut varchar(50) NOT NULL,
    cd_sig varchar(50),
    cd_doc int4,
    niveau_admin varchar(250),
    cd_iso3166_1 varchar(50),
    cd_iso3166_2 varchar(50),
    lb_adm_tr varchar(250),
    full_citation text,
    doc_url text,
    enable boolean DEFAULT true
);

CREATE TABLE IF NOT EXISTS taxonomie.bdc_statut_values (
    id_value serial NOT NULL,
    code_statut varchar(50) NOT NULL,
    label_statut varchar(250)
);

CREATE TABLE IF NOT EXISTS taxonomie.bdc_statut_cor_text_values (
    id_value_text serial NOT NULL,
    id_value int4 NOT NULL,
    id_text int4 NOT NULL
);

CREATE TABLE IF NOT EXISTS taxonomie.bdc_statut_taxons (
    id int4 NOT NULL,
    id_value_text int4 NOT NULL,
    cd_nom int4 NOT NULL,
    cd_ref int4 NOT NULL,
    rq_statut varchar(1000)
);

CREATE TABLE IF NOT EXISTS taxonomie.bdc_statut_cor_text_area (
    id_text int4 NOT NULL,
    id_area int4 NOT NULL
);

-- @keys: keys, foreign keys and indexes from here on (GeoNatureSchema.createKeys)
-- The replica identity change capture needs is set at the end.
CREATE OR REPLACE FUNCTION pg_temp.nf_constraint(tbl regclass, name text, definition text) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = tbl AND conname = name) THEN
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', tbl, name, definition);
    END IF;
END
$fn$;

-- primary keys and unique constraints
SELECT pg_temp.nf_constraint('ref_nomenclatures.bib_nomenclatures_types', 'pk_bib_nomenclatures_types', 'PRIMARY KEY (id_type)');
SELECT pg_temp.nf_constraint('ref_nomenclatures.bib_nomenclatures_types', 'unique_bib_nomenclatures_types_mnemonique', 'UNIQUE (mnemonique)');
SELECT pg_temp.nf_constraint('ref_nomenclatures.t_nomenclatures', 'pk_t_nomenclatures', 'PRIMARY KEY (id_nomenclature)');
SELECT pg_temp.nf_constraint('ref_nomenclatures.t_nomenclatures', 'unique_id_type_cd_nomenclature', 'UNIQUE (id_type, cd_nomenclature)');
SELECT pg_temp.nf_constraint('taxonomie.taxref', 'pk_taxref', 'PRIMARY KEY (cd_nom)');
SELECT pg_temp.nf_constraint('taxonomie.bdc_statut_type', 'bdc_statut_type_pkey', 'PRIMARY KEY (cd_type_statut)');
SELECT pg_temp.nf_constraint('taxonomie.bdc_statut_text', 'bdc_statut_text_pkey', 'PRIMARY KEY (id_text)');
SELECT pg_temp.nf_constraint('taxonomie.bdc_statut_values', 'bdc_statut_values_pkey', 'PRIMARY KEY (id_value)');
SELECT pg_temp.nf_constraint('taxonomie.bdc_statut_cor_text_values', 'bdc_statut_cor_text_values_pkey', 'PRIMARY KEY (id_value_text)');
SELECT pg_temp.nf_constraint('taxonomie.bdc_statut_taxons', 'bdc_statut_taxons_pkey', 'PRIMARY KEY (id)');
SELECT pg_temp.nf_constraint('taxonomie.bdc_statut_cor_text_area', 'bdc_statut_cor_text_area_pkey', 'PRIMARY KEY (id_text, id_area)');
SELECT pg_temp.nf_constraint('ref_geo.bib_areas_types', 'pk_bib_areas_types', 'PRIMARY KEY (id_type)');
SELECT pg_temp.nf_constraint('ref_geo.bib_areas_types', 'unique_bib_areas_types_type_code', 'UNIQUE (type_code)');
SELECT pg_temp.nf_constraint('ref_geo.l_areas', 'pk_l_areas', 'PRIMARY KEY (id_area)');
SELECT pg_temp.nf_constraint('ref_geo.l_areas', 'unique_id_type_area_code', 'UNIQUE (id_type, area_code)');
SELECT pg_temp.nf_constraint('ref_habitats.typoref', 'pk_typoref', 'PRIMARY KEY (cd_typo)');
SELECT pg_temp.nf_constraint('ref_habitats.habref', 'pk_habref', 'PRIMARY KEY (cd_hab)');
SELECT pg_temp.nf_constraint('gn_meta.t_acquisition_frameworks', 'pk_t_acquisition_frameworks', 'PRIMARY KEY (id_acquisition_framework)');
SELECT pg_temp.nf_constraint('gn_meta.t_acquisition_frameworks', 'unique_acquisition_frameworks_uuid', 'UNIQUE (unique_acquisition_framework_id)');
SELECT pg_temp.nf_constraint('gn_meta.t_datasets', 'pk_t_datasets', 'PRIMARY KEY (id_dataset)');
SELECT pg_temp.nf_constraint('gn_meta.t_datasets', 'unique_dataset_uuid', 'UNIQUE (unique_dataset_id)');
SELECT pg_temp.nf_constraint('utilisateurs.bib_organismes', 'pk_bib_organismes', 'PRIMARY KEY (id_organisme)');
SELECT pg_temp.nf_constraint('utilisateurs.t_roles', 'pk_t_roles', 'PRIMARY KEY (id_role)');
SELECT pg_temp.nf_constraint('gn_meta.cor_acquisition_framework_actor', 'pk_cor_acquisition_framework_actor', 'PRIMARY KEY (id_cafa)');
SELECT pg_temp.nf_constraint('gn_meta.cor_dataset_actor', 'pk_cor_dataset_actor', 'PRIMARY KEY (id_cda)');
SELECT pg_temp.nf_constraint('gn_meta.cor_dataset_actor', 'check_is_unique_cor_dataset_actor_organism',
    'UNIQUE (id_dataset, id_organism, id_nomenclature_actor_role)');
SELECT pg_temp.nf_constraint('gn_meta.cor_dataset_actor', 'check_is_unique_cor_dataset_actor_role',
    'UNIQUE (id_dataset, id_role, id_nomenclature_actor_role)');
SELECT pg_temp.nf_constraint('gn_synthese.t_sources', 'pk_t_sources', 'PRIMARY KEY (id_source)');
SELECT pg_temp.nf_constraint('gn_synthese.t_sources', 'unique_name_source', 'UNIQUE (name_source)');
SELECT pg_temp.nf_constraint('gn_synthese.synthese', 'pk_synthese', 'PRIMARY KEY (id_synthese)');
SELECT pg_temp.nf_constraint('gn_synthese.synthese', 'unique_id_sinp_unique', 'UNIQUE (unique_id_sinp)');
SELECT pg_temp.nf_constraint('gn_synthese.cor_area_synthese', 'pk_cor_area_synthese', 'PRIMARY KEY (id_synthese, id_area)');

-- foreign keys
SELECT pg_temp.nf_constraint('ref_nomenclatures.t_nomenclatures', 'fk_t_nomenclatures_id_type',
    'FOREIGN KEY (id_type) REFERENCES ref_nomenclatures.bib_nomenclatures_types (id_type) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('taxonomie.bdc_statut_text', 'bdc_statut_text_fkey',
    'FOREIGN KEY (cd_type_statut) REFERENCES taxonomie.bdc_statut_type (cd_type_statut) ON DELETE CASCADE ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('taxonomie.bdc_statut_cor_text_values', 'tbdc_statut_cor_text_values_id_value_fkey',
    'FOREIGN KEY (id_value) REFERENCES taxonomie.bdc_statut_values (id_value) ON DELETE CASCADE ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('taxonomie.bdc_statut_cor_text_values', 'tbdc_statut_cor_text_values_id_text_fkey',
    'FOREIGN KEY (id_text) REFERENCES taxonomie.bdc_statut_text (id_text) ON DELETE CASCADE ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('taxonomie.bdc_statut_taxons', 'bdc_statut_taxons_id_value_text_fkey',
    'FOREIGN KEY (id_value_text) REFERENCES taxonomie.bdc_statut_cor_text_values (id_value_text) ON DELETE CASCADE ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('taxonomie.bdc_statut_taxons', 'bdc_statut_taxons_cd_nom_fkey',
    'FOREIGN KEY (cd_nom) REFERENCES taxonomie.taxref (cd_nom) ON DELETE CASCADE ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('taxonomie.bdc_statut_cor_text_area', 'fk_bdc_statut_cor_text_area_id_text',
    'FOREIGN KEY (id_text) REFERENCES taxonomie.bdc_statut_text (id_text) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('taxonomie.bdc_statut_cor_text_area', 'fk_bdc_statut_cor_text_area_id_area',
    'FOREIGN KEY (id_area) REFERENCES ref_geo.l_areas (id_area) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('ref_geo.l_areas', 'fk_l_areas_id_type',
    'FOREIGN KEY (id_type) REFERENCES ref_geo.bib_areas_types (id_type) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('ref_habitats.habref', 'fk_typoref',
    'FOREIGN KEY (cd_typo) REFERENCES ref_habitats.typoref (cd_typo) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('gn_meta.t_datasets', 'fk_t_datasets_t_acquisition_frameworks',
    'FOREIGN KEY (id_acquisition_framework) REFERENCES gn_meta.t_acquisition_frameworks (id_acquisition_framework) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('gn_meta.t_datasets', 'fk_t_datasets_data_origin',
    'FOREIGN KEY (id_nomenclature_data_origin) REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('utilisateurs.t_roles', 't_roles_id_organisme_fkey',
    'FOREIGN KEY (id_organisme) REFERENCES utilisateurs.bib_organismes (id_organisme) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('gn_meta.cor_acquisition_framework_actor', 'fk_cor_acquisition_framework_actor_id_acquisition_framework',
    'FOREIGN KEY (id_acquisition_framework) REFERENCES gn_meta.t_acquisition_frameworks (id_acquisition_framework) ON UPDATE CASCADE ON DELETE CASCADE');
SELECT pg_temp.nf_constraint('gn_meta.cor_acquisition_framework_actor', 'fk_cor_acquisition_framework_actor_id_organism',
    'FOREIGN KEY (id_organism) REFERENCES utilisateurs.bib_organismes (id_organisme) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('gn_meta.cor_acquisition_framework_actor', 'fk_cor_acquisition_framework_actor_id_role',
    'FOREIGN KEY (id_role) REFERENCES utilisateurs.t_roles (id_role) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('gn_meta.cor_acquisition_framework_actor', 'fk_cor_acquisition_framework_actor_id_nomenclature_actor_role',
    'FOREIGN KEY (id_nomenclature_actor_role) REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('gn_meta.cor_dataset_actor', 'fk_cor_dataset_actor_id_dataset',
    'FOREIGN KEY (id_dataset) REFERENCES gn_meta.t_datasets (id_dataset) ON UPDATE CASCADE ON DELETE CASCADE');
SELECT pg_temp.nf_constraint('gn_meta.cor_dataset_actor', 'fk_dataset_actor_id_organism',
    'FOREIGN KEY (id_organism) REFERENCES utilisateurs.bib_organismes (id_organisme) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('gn_meta.cor_dataset_actor', 'fk_dataset_actor_id_role',
    'FOREIGN KEY (id_role) REFERENCES utilisateurs.t_roles (id_role) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('gn_meta.cor_dataset_actor', 'fk_cor_dataset_actor_id_nomenclature_actor_role',
    'FOREIGN KEY (id_nomenclature_actor_role) REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('gn_synthese.synthese', 'fk_synthese_id_source',
    'FOREIGN KEY (id_source) REFERENCES gn_synthese.t_sources (id_source) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('gn_synthese.synthese', 'fk_synthese_id_dataset',
    'FOREIGN KEY (id_dataset) REFERENCES gn_meta.t_datasets (id_dataset) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('gn_synthese.synthese', 'fk_synthese_cd_nom',
    'FOREIGN KEY (cd_nom) REFERENCES taxonomie.taxref (cd_nom) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('gn_synthese.synthese', 'fk_synthese_cd_hab',
    'FOREIGN KEY (cd_hab) REFERENCES ref_habitats.habref (cd_hab) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('gn_synthese.synthese', 'fk_synthese_id_area_attachment',
    'FOREIGN KEY (id_area_attachment) REFERENCES ref_geo.l_areas (id_area) ON UPDATE CASCADE');
SELECT pg_temp.nf_constraint('gn_synthese.synthese', 'fk_synthese_id_nomenclature_' || col,
    'FOREIGN KEY (id_nomenclature_' || col || ') REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature) ON UPDATE CASCADE')
FROM unnest(ARRAY['geo_object_nature', 'grp_typ', 'obs_technique', 'bio_status', 'bio_condition', 'naturalness',
    'exist_proof', 'valid_status', 'diffusion_level', 'life_stage', 'sex', 'obj_count', 'type_count', 'sensitivity',
    'observation_status', 'blurring', 'source_status', 'info_geo_type', 'behaviour', 'biogeo_status',
    'determination_method']) AS col;
SELECT pg_temp.nf_constraint('gn_synthese.cor_area_synthese', 'fk_cor_area_synthese_id_area',
    'FOREIGN KEY (id_area) REFERENCES ref_geo.l_areas (id_area) ON UPDATE CASCADE ON DELETE CASCADE');
SELECT pg_temp.nf_constraint('gn_synthese.cor_area_synthese', 'fk_cor_area_synthese_id_synthese',
    'FOREIGN KEY (id_synthese) REFERENCES gn_synthese.synthese (id_synthese) ON UPDATE CASCADE ON DELETE CASCADE');

-- indexes
CREATE INDEX IF NOT EXISTS i_taxref_cd_ref ON taxonomie.taxref (cd_ref);
CREATE INDEX IF NOT EXISTS i_taxref_cd_sup ON taxonomie.taxref (cd_sup);
CREATE INDEX IF NOT EXISTS i_taxref_group1_inpn ON taxonomie.taxref (group1_inpn);
CREATE INDEX IF NOT EXISTS i_taxref_group2_inpn ON taxonomie.taxref (group2_inpn);
CREATE INDEX IF NOT EXISTS i_taxref_group3_inpn ON taxonomie.taxref (group3_inpn);
CREATE INDEX IF NOT EXISTS bdc_statut_id_idx ON taxonomie.bdc_statut (id);
CREATE INDEX IF NOT EXISTS idx_bst_id_value_text ON taxonomie.bdc_statut_taxons (id_value_text);
CREATE INDEX IF NOT EXISTS idx_bsctv_id_text ON taxonomie.bdc_statut_cor_text_values (id_text);
CREATE INDEX IF NOT EXISTS idx_bsctv_id_value ON taxonomie.bdc_statut_cor_text_values (id_value);
CREATE INDEX IF NOT EXISTS idx_bstxt_cd_sig ON taxonomie.bdc_statut_text (cd_sig);
CREATE INDEX IF NOT EXISTS idx_bstxt_cd_type_statut ON taxonomie.bdc_statut_text (cd_type_statut);
CREATE INDEX IF NOT EXISTS index_l_areas_geom ON ref_geo.l_areas USING gist (geom);
CREATE INDEX IF NOT EXISTS idx_l_areas_geom_4326 ON ref_geo.l_areas USING gist (geom_4326);
CREATE INDEX IF NOT EXISTS index_l_areas_centroid ON ref_geo.l_areas USING gist (centroid);
CREATE INDEX IF NOT EXISTS i_synthese_t_sources ON gn_synthese.synthese (id_source);
CREATE INDEX IF NOT EXISTS i_synthese_cd_nom ON gn_synthese.synthese (cd_nom);
CREATE INDEX IF NOT EXISTS i_synthese_date_min ON gn_synthese.synthese (date_min DESC);
CREATE INDEX IF NOT EXISTS i_synthese_date_max ON gn_synthese.synthese (date_max DESC);
CREATE INDEX IF NOT EXISTS i_synthese_altitude_min ON gn_synthese.synthese (altitude_min);
CREATE INDEX IF NOT EXISTS i_synthese_altitude_max ON gn_synthese.synthese (altitude_max);
CREATE INDEX IF NOT EXISTS i_synthese_id_dataset ON gn_synthese.synthese (id_dataset);
CREATE INDEX IF NOT EXISTS synthese_observers_idx ON gn_synthese.synthese (observers);
CREATE INDEX IF NOT EXISTS i_synthese_the_geom_4326 ON gn_synthese.synthese USING gist (the_geom_4326);
CREATE INDEX IF NOT EXISTS i_synthese_the_geom_point ON gn_synthese.synthese USING gist (the_geom_point);
CREATE INDEX IF NOT EXISTS i_synthese_the_geom_local ON gn_synthese.synthese USING gist (the_geom_local);
CREATE INDEX IF NOT EXISTS i_cor_area_synthese_id_area ON gn_synthese.cor_area_synthese (id_area);

-- change capture (Debezium) needs the whole old row of updates and deletes, old geometry included
ALTER TABLE gn_synthese.synthese REPLICA IDENTITY FULL;
ALTER TABLE ref_geo.l_areas REPLICA IDENTITY FULL;
