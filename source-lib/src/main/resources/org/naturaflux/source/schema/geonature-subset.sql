-- The subset of GeoNature's schema that Naturaflux reads (GeoNature 2.x names and types).
-- Created only for the demo, tests and benchmarks: on a platform, GeoNature owns these tables.
CREATE SCHEMA IF NOT EXISTS ref_nomenclatures;
CREATE SCHEMA IF NOT EXISTS taxonomie;
CREATE SCHEMA IF NOT EXISTS ref_geo;
CREATE SCHEMA IF NOT EXISTS ref_habitats;
CREATE SCHEMA IF NOT EXISTS gn_meta;
CREATE SCHEMA IF NOT EXISTS gn_synthese;

CREATE TABLE IF NOT EXISTS ref_nomenclatures.bib_nomenclatures_types (
    id_type serial PRIMARY KEY,
    mnemonique varchar(255) UNIQUE,
    label_default varchar(255) NOT NULL,
    definition_default text,
    source varchar(50),
    statut varchar(20),
    meta_create_date timestamp DEFAULT now(),
    meta_update_date timestamp DEFAULT now()
);

CREATE TABLE IF NOT EXISTS ref_nomenclatures.t_nomenclatures (
    id_nomenclature serial PRIMARY KEY,
    id_type integer NOT NULL REFERENCES ref_nomenclatures.bib_nomenclatures_types (id_type),
    cd_nomenclature varchar(255) NOT NULL,
    mnemonique varchar(255),
    label_default varchar(255) NOT NULL,
    definition_default text,
    source varchar(50),
    statut varchar(20),
    id_broader integer,
    hierarchy varchar(255),
    active boolean NOT NULL DEFAULT true,
    meta_create_date timestamp DEFAULT now(),
    meta_update_date timestamp DEFAULT now(),
    UNIQUE (id_type, cd_nomenclature)
);

CREATE TABLE IF NOT EXISTS taxonomie.taxref (
    cd_nom integer PRIMARY KEY,
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
    group3_inpn varchar(50),
    url text
);
CREATE INDEX IF NOT EXISTS i_taxref_cd_ref ON taxonomie.taxref (cd_ref);
CREATE INDEX IF NOT EXISTS i_taxref_cd_sup ON taxonomie.taxref (cd_sup);
CREATE INDEX IF NOT EXISTS i_taxref_group2_inpn ON taxonomie.taxref (group2_inpn);

CREATE TABLE IF NOT EXISTS ref_geo.bib_areas_types (
    id_type serial PRIMARY KEY,
    type_name varchar(200) NOT NULL,
    type_code varchar(25) NOT NULL UNIQUE,
    type_desc text,
    ref_name varchar(200),
    ref_version integer,
    num_version varchar(50),
    size_hierarchy integer
);

CREATE TABLE IF NOT EXISTS ref_geo.l_areas (
    id_area serial PRIMARY KEY,
    id_type integer NOT NULL REFERENCES ref_geo.bib_areas_types (id_type),
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
    UNIQUE (id_type, area_code)
);
CREATE INDEX IF NOT EXISTS index_l_areas_geom ON ref_geo.l_areas USING gist (geom);
CREATE INDEX IF NOT EXISTS index_l_areas_geom_4326 ON ref_geo.l_areas USING gist (geom_4326);
CREATE INDEX IF NOT EXISTS index_l_areas_id_type ON ref_geo.l_areas (id_type);

CREATE TABLE IF NOT EXISTS ref_habitats.typoref (
    cd_typo integer PRIMARY KEY,
    cd_table varchar(255),
    lb_nom_typo varchar(100),
    nom_jeu_donnees varchar(255)
);

CREATE TABLE IF NOT EXISTS ref_habitats.habref (
    cd_hab integer PRIMARY KEY,
    fg_validite varchar(20) NOT NULL DEFAULT 'V',
    cd_typo integer NOT NULL REFERENCES ref_habitats.typoref (cd_typo),
    lb_code varchar(50),
    lb_hab_fr varchar(500),
    lb_hab_fr_complet varchar(500),
    lb_hab_en varchar(500),
    lb_auteur varchar(500),
    niveau integer,
    lb_niveau varchar(100),
    cd_hab_sup integer
);

CREATE TABLE IF NOT EXISTS gn_meta.t_acquisition_frameworks (
    id_acquisition_framework serial PRIMARY KEY,
    unique_acquisition_framework_id uuid NOT NULL UNIQUE,
    acquisition_framework_name varchar(255) NOT NULL,
    acquisition_framework_desc text NOT NULL DEFAULT '',
    acquisition_framework_start_date date NOT NULL DEFAULT CURRENT_DATE,
    meta_create_date timestamp NOT NULL DEFAULT now(),
    meta_update_date timestamp
);

CREATE TABLE IF NOT EXISTS gn_meta.t_datasets (
    id_dataset serial PRIMARY KEY,
    unique_dataset_id uuid NOT NULL UNIQUE,
    id_acquisition_framework integer NOT NULL REFERENCES gn_meta.t_acquisition_frameworks (id_acquisition_framework),
    dataset_name varchar(255) NOT NULL,
    dataset_shortname varchar(255) NOT NULL,
    dataset_desc text NOT NULL DEFAULT '',
    marine_domain boolean NOT NULL DEFAULT false,
    terrestrial_domain boolean NOT NULL DEFAULT true,
    active boolean NOT NULL DEFAULT true,
    validable boolean DEFAULT true,
    meta_create_date timestamp NOT NULL DEFAULT now(),
    meta_update_date timestamp
);

CREATE TABLE IF NOT EXISTS gn_synthese.t_sources (
    id_source serial PRIMARY KEY,
    name_source varchar(255) NOT NULL UNIQUE,
    desc_source text,
    entity_source_pk_field varchar(255),
    url_source varchar(255),
    meta_create_date timestamp DEFAULT now(),
    meta_update_date timestamp DEFAULT now()
);

CREATE TABLE IF NOT EXISTS gn_synthese.synthese (
    id_synthese serial PRIMARY KEY,
    unique_id_sinp uuid UNIQUE,
    unique_id_sinp_grp uuid,
    id_source integer NOT NULL REFERENCES gn_synthese.t_sources (id_source),
    id_module integer,
    entity_source_pk_value varchar,
    id_dataset integer REFERENCES gn_meta.t_datasets (id_dataset),
    id_nomenclature_geo_object_nature integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_grp_typ integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    grp_method varchar(255),
    id_nomenclature_obs_technique integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_bio_status integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_bio_condition integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_naturalness integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_exist_proof integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_valid_status integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_diffusion_level integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_life_stage integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_sex integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_obj_count integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_type_count integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_sensitivity integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_observation_status integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_blurring integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_source_status integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_info_geo_type integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_behaviour integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    id_nomenclature_biogeo_status integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    reference_biblio varchar(5000),
    count_min integer,
    count_max integer,
    cd_nom integer REFERENCES taxonomie.taxref (cd_nom),
    cd_hab integer REFERENCES ref_habitats.habref (cd_hab),
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
    precision integer,
    id_area_attachment integer REFERENCES ref_geo.l_areas (id_area),
    date_min timestamp NOT NULL,
    date_max timestamp NOT NULL,
    validator varchar(1000),
    validation_comment text,
    observers varchar(1000),
    determiner varchar(1000),
    id_digitiser integer,
    id_nomenclature_determination_method integer REFERENCES ref_nomenclatures.t_nomenclatures (id_nomenclature),
    comment_context text,
    comment_description text,
    additional_data jsonb,
    meta_validation_date timestamp,
    meta_create_date timestamp DEFAULT now(),
    meta_update_date timestamp DEFAULT now(),
    last_action char(1)
);
CREATE INDEX IF NOT EXISTS i_synthese_t_sources ON gn_synthese.synthese (id_source);
CREATE INDEX IF NOT EXISTS i_synthese_cd_nom ON gn_synthese.synthese (cd_nom);
CREATE INDEX IF NOT EXISTS i_synthese_date_min ON gn_synthese.synthese (date_min DESC);
CREATE INDEX IF NOT EXISTS i_synthese_date_max ON gn_synthese.synthese (date_max DESC);
CREATE INDEX IF NOT EXISTS i_synthese_id_dataset ON gn_synthese.synthese (id_dataset);
CREATE INDEX IF NOT EXISTS i_synthese_the_geom_4326 ON gn_synthese.synthese USING gist (the_geom_4326);
CREATE INDEX IF NOT EXISTS i_synthese_the_geom_point ON gn_synthese.synthese USING gist (the_geom_point);
CREATE INDEX IF NOT EXISTS i_synthese_the_geom_local ON gn_synthese.synthese USING gist (the_geom_local);

CREATE TABLE IF NOT EXISTS gn_synthese.cor_area_synthese (
    id_synthese integer NOT NULL REFERENCES gn_synthese.synthese (id_synthese) ON DELETE CASCADE,
    id_area integer NOT NULL REFERENCES ref_geo.l_areas (id_area) ON DELETE CASCADE,
    PRIMARY KEY (id_synthese, id_area)
);
CREATE INDEX IF NOT EXISTS i_cor_area_synthese_id_area ON gn_synthese.cor_area_synthese (id_area);

-- Change capture (Debezium) needs the old row of updates and deletes, old geometry included.
ALTER TABLE gn_synthese.synthese REPLICA IDENTITY FULL;
ALTER TABLE ref_geo.l_areas REPLICA IDENTITY FULL;
