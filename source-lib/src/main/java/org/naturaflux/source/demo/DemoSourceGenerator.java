package org.naturaflux.source.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.locationtech.jts.io.WKBWriter;
import org.naturaflux.source.schema.GeoNatureSchema;

/**
 * Generates a realistic demo source in a GeoNature database: the eight départements of Île-de-France
 * and their communes, the INPN 1, 5 and 10 km grids (all as {@code ref_geo.l_areas}), a TAXREF extract,
 * datasets, habitats, and {@code rows} observations with {@code cor_area_synthese} filled as GeoNature
 * does. Deterministic from the seed. Observations are generated set-based in SQL.
 *
 * <p>Sensitivity (SENSIBILITE) in realistic proportions: 80% code 0, 6% code 1, 5% code 2, 3% code 3,
 * 2% code 4, 4% NULL; producer's diffusion level (NIV_PRECIS): 45% NULL, 30% code 0, 15% code 5, and
 * codes 1 to 4 for the rest. Every record that must not come out precise (sensitivity NULL or 1-4, or
 * NIV_PRECIS 1-4) carries the token {@code CANARY-<id_synthese>} in every free-text, place, proof,
 * identifier and additional-data column, so a test can search exported bytes for a leak.
 */
public final class DemoSourceGenerator {

    /** The canary token of a record. */
    public static String canary(long idSynthese) {
        return "CANARY-" + idSynthese;
    }

    private final Connection connection;
    private final long seed;

    public DemoSourceGenerator(Connection connection, long seed) {
        this.connection = connection;
        this.seed = seed;
    }

    /**
     * Drops and recreates the GeoNature subset, then fills it.
     *
     * @param rows number of observations (10,000 to 10,000,000 in practice)
     */
    public void regenerate(long rows) throws SQLException {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be positive");
        }
        GeoNatureSchema.drop(connection);
        GeoNatureSchema.create(connection);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL max_parallel_workers_per_gather = 0");
            st.execute("SET LOCAL synchronous_commit = off");
            areaTypes(st);
            areas();
            grids(st);
            taxa();
            metadata(st);
            // bulk load without the observation indexes, then build them once (CREATE INDEX IF NOT EXISTS)
            st.execute("DROP INDEX gn_synthese.i_synthese_the_geom_4326, gn_synthese.i_synthese_the_geom_point,"
                    + " gn_synthese.i_synthese_the_geom_local, gn_synthese.i_synthese_cd_nom, gn_synthese.i_synthese_date_min,"
                    + " gn_synthese.i_synthese_date_max, gn_synthese.i_synthese_id_dataset, gn_synthese.i_synthese_t_sources,"
                    + " gn_synthese.i_cor_area_synthese_id_area");
            List<String> foreignKeys = dropForeignKeys(st);
            observations(st, rows);
            areaLinks(st);
            for (String constraint : foreignKeys) {
                st.execute(constraint);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        GeoNatureSchema.create(connection);
        try (Statement st = connection.createStatement()) {
            st.execute("ANALYZE gn_synthese.synthese");
            st.execute("ANALYZE gn_synthese.cor_area_synthese");
            st.execute("ANALYZE ref_geo.l_areas");
            st.execute("ANALYZE taxonomie.taxref");
        }
    }

    private void areaTypes(Statement st) throws SQLException {
        st.execute("INSERT INTO ref_geo.bib_areas_types (type_name, type_code, type_desc, ref_name, size_hierarchy) VALUES"
                + " ('Communes', 'COM', 'Type commune', 'IGN admin_express', 1),"
                + " ('Départements', 'DEP', 'Type département', 'IGN admin_express', 2),"
                + " ('Mailles1*1', 'M1', 'Type maille INPN 1*1km', 'INPN', 1),"
                + " ('Mailles5*5', 'M5', 'Type maille INPN 5*5km', 'INPN', 5),"
                + " ('Mailles10*10', 'M10', 'Type maille INPN 10*10km', 'INPN', 10),"
                + " ('ZNIEFF 1', 'ZNIEFF1', 'Zones naturelles d''intérêt écologique faunistique et floristique de type 1', 'INPN', NULL)");
    }

    private void areas() throws SQLException {
        DemoGeography geography = new DemoGeography(seed);
        WKBWriter wkb = new WKBWriter();
        String sql = "INSERT INTO ref_geo.l_areas (id_type, area_name, area_code, geom, source)"
                + " SELECT id_type, ?, ?, ST_Multi(ST_SetSRID(ST_GeomFromWKB(?), 2154)), 'Naturaflux demo'"
                + " FROM ref_geo.bib_areas_types WHERE type_code = ?";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (DemoGeography.Area d : geography.departments()) {
                add(insert, wkb, d, "DEP");
            }
            for (DemoGeography.Area c : geography.communes()) {
                add(insert, wkb, c, "COM");
            }
            insert.executeBatch();
        }
    }

    private static void add(PreparedStatement insert, WKBWriter wkb, DemoGeography.Area area, String type) throws SQLException {
        insert.setString(1, area.name());
        insert.setString(2, area.code());
        insert.setBytes(3, wkb.write(area.geometry()));
        insert.setString(4, type);
        insert.addBatch();
    }

    /** INPN grids: cells of the Lambert-93 grid aligned on multiples of their size, touching the region. */
    private void grids(Statement st) throws SQLException {
        st.execute("CREATE TEMP TABLE demo_region ON COMMIT DROP AS SELECT ST_Union(geom) AS geom FROM ref_geo.l_areas a"
                + " JOIN ref_geo.bib_areas_types t USING (id_type) WHERE t.type_code = 'DEP'");
        String[][] grids = {{"M10", "10000", "'10kmL93E' || lpad((x / 10000)::text, 3, '0') || 'N' || lpad((y / 10000)::text, 3, '0')"},
                {"M5", "5000", "'5kmL93E' || lpad((x / 1000)::text, 4, '0') || 'N' || lpad((y / 1000)::text, 4, '0')"},
                {"M1", "1000", "'1kmL93E' || lpad((x / 1000)::text, 4, '0') || 'N' || lpad((y / 1000)::text, 4, '0')"}};
        for (String[] grid : grids) {
            int size = Integer.parseInt(grid[1]);
            st.execute("INSERT INTO ref_geo.l_areas (id_type, area_name, area_code, geom, source)"
                    + " SELECT t.id_type, code, code, ST_Multi(cell), 'INPN (demo)' FROM ref_geo.bib_areas_types t,"
                    + " LATERAL (SELECT " + grid[2] + " AS code, ST_MakeEnvelope(x, y, x + " + size + ", y + " + size + ", 2154) AS cell"
                    + "   FROM generate_series(" + floor(DemoGeography.EXTENT.getMinX(), size) + ", "
                    + (long) DemoGeography.EXTENT.getMaxX() + ", " + size + ") x,"
                    + "        generate_series(" + floor(DemoGeography.EXTENT.getMinY(), size) + ", "
                    + (long) DemoGeography.EXTENT.getMaxY() + ", " + size + ") y) c, demo_region r"
                    + " WHERE t.type_code = '" + grid[0] + "' AND ST_Intersects(c.cell, r.geom)");
        }
        st.execute("UPDATE ref_geo.l_areas SET geom_4326 = ST_Multi(ST_Transform(geom, 4326)), centroid = ST_Centroid(geom)");
    }

    private static long floor(double value, int size) {
        return (long) Math.floor(value / size) * size;
    }

    private void taxa() throws SQLException {
        String sql = "INSERT INTO taxonomie.taxref (cd_nom, id_statut, id_rang, regne, phylum, classe, ordre, famille, cd_sup,"
                + " cd_taxsup, cd_ref, lb_nom, nom_complet, nom_valide, nom_vern, group1_inpn, group2_inpn, group3_inpn)"
                + " VALUES (?, 'P', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        List<DemoTaxonomy.Taxon> taxa = DemoTaxonomy.build();
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (DemoTaxonomy.Taxon t : taxa) {
                insert.setInt(1, t.cdNom());
                insert.setString(2, t.rank());
                insert.setString(3, t.regne());
                insert.setString(4, t.phylum());
                insert.setString(5, t.classe());
                insert.setString(6, t.ordre());
                insert.setString(7, t.famille());
                insert.setObject(8, t.cdSup());
                insert.setObject(9, t.cdSup());
                insert.setInt(10, t.cdRef());
                insert.setString(11, t.lbNom());
                insert.setString(12, t.lbNom());
                insert.setString(13, t.nomValide());
                insert.setString(14, t.nomVern());
                insert.setString(15, t.group1());
                insert.setString(16, t.group2());
                insert.setString(17, t.group3());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void metadata(Statement st) throws SQLException {
        st.execute("SELECT setseed(" + seedFraction(1) + ")");
        st.execute("INSERT INTO gn_synthese.t_sources (name_source, desc_source, entity_source_pk_field)"
                + " VALUES ('Naturaflux demo', 'Generated demo observations', 'id_releve')");
        st.execute("INSERT INTO gn_meta.t_acquisition_frameworks (unique_acquisition_framework_id, acquisition_framework_name,"
                + " acquisition_framework_desc) SELECT md5('af' || " + seed + " || n)::uuid, name, 'Demo framework' FROM"
                + " (VALUES (1, 'Atlas de la biodiversité communale'), (2, 'Inventaires des réserves naturelles'),"
                + " (3, 'Sciences participatives franciliennes')) v(n, name)");
        st.execute("INSERT INTO gn_meta.t_datasets (unique_dataset_id, id_acquisition_framework, dataset_name, dataset_shortname)"
                + " SELECT md5('jdd' || " + seed + " || n)::uuid, 1 + n % 3, 'Jeu de données ' || n || ' - ' || theme,"
                + " 'JDD' || n FROM (VALUES (1, 'oiseaux nicheurs'), (2, 'chiroptères'), (3, 'amphibiens des mares'),"
                + " (4, 'flore patrimoniale'), (5, 'papillons de jour'), (6, 'odonates'), (7, 'mammifères terrestres'),"
                + " (8, 'reptiles'), (9, 'orchidées'), (10, 'suivi temporel des oiseaux communs'), (11, 'coléoptères saproxyliques'),"
                + " (12, 'inventaire généraliste')) v(n, theme)");
        st.execute("INSERT INTO ref_habitats.typoref (cd_typo, cd_table, lb_nom_typo) VALUES (7, 'TYPO_EUNIS_04', 'EUNIS')");
        st.execute("INSERT INTO ref_habitats.habref (cd_hab, cd_typo, lb_code, lb_hab_fr, niveau) VALUES"
                + " (1001, 7, 'C1', 'Eaux dormantes de surface', 2), (1002, 7, 'C2', 'Eaux courantes de surface', 2),"
                + " (1003, 7, 'D5', 'Roselières sèches et cariçaies', 2), (1004, 7, 'E2', 'Prairies mésiques', 2),"
                + " (1005, 7, 'E1', 'Pelouses sèches', 2), (1006, 7, 'F3', 'Fourrés tempérés et méditerranéo-montagnards', 2),"
                + " (1007, 7, 'G1', 'Forêts de feuillus caducifoliés', 2), (1008, 7, 'G3', 'Forêts de conifères', 2),"
                + " (1009, 7, 'I1', 'Cultures et jardins maraîchers', 2), (1010, 7, 'J1', 'Bâtiments des villes et des villages', 2)");
    }

    private double seedFraction(int salt) {
        long mixed = (seed * 6364136223846793005L + salt * 1442695040888963407L) >>> 11;
        return (mixed % 2_000_000L) / 1_000_000.0 - 1.0;
    }

    private void observations(Statement st, long rows) throws SQLException {
        st.execute("SELECT setseed(" + seedFraction(2) + ")");
        st.execute("CREATE TEMP TABLE demo_nom ON COMMIT DROP AS SELECT t.mnemonique AS mn, n.cd_nomenclature AS cd,"
                + " n.id_nomenclature AS id FROM ref_nomenclatures.t_nomenclatures n"
                + " JOIN ref_nomenclatures.bib_nomenclatures_types t ON t.id_type = n.id_type");
        st.execute("CREATE TEMP TABLE demo_pick ON COMMIT DROP AS SELECT mn, array_agg(id ORDER BY cd) AS ids"
                + " FROM demo_nom GROUP BY mn");
        // species and subspecies, synonyms included (observers cite synonyms too)
        st.execute("CREATE TEMP TABLE demo_species ON COMMIT DROP AS SELECT (row_number() OVER (ORDER BY cd_nom) - 1)::int AS idx,"
                + " cd_nom, lb_nom FROM taxonomie.taxref WHERE id_rang IN ('ES', 'SSES')");
        String[] types = {"STATUT_VALID", "NAT_OBJ_GEO", "TYP_GRP", "METH_OBS", "STATUT_BIO", "ETA_BIO", "NATURALITE",
                "PREUVE_EXIST", "STADE_VIE", "SEXE", "OBJ_DENBR", "TYP_DENBR", "STATUT_OBS", "DEE_FLOU", "STATUT_SOURCE",
                "TYP_INF_GEO", "METH_DETERMIN", "OCC_COMPORTEMENT", "STAT_BIOGEO"};
        StringBuilder picks = new StringBuilder("CREATE TEMP TABLE demo_picks ON COMMIT DROP AS SELECT ");
        for (int i = 0; i < types.length; i++) {
            picks.append(i == 0 ? "" : ", ").append("(SELECT ids FROM demo_pick WHERE mn = '").append(types[i])
                    .append("') AS ").append(types[i].toLowerCase(java.util.Locale.ROOT));
        }
        st.execute(picks.toString());
        String pick = "pk.%2$s[1 + floor(%1$s * array_length(pk.%2$s, 1))::int]";
        String sql = "INSERT INTO gn_synthese.synthese (id_synthese, unique_id_sinp, unique_id_sinp_grp, id_source,"
                + " entity_source_pk_value, id_dataset, cd_nom, nom_cite, count_min, count_max, altitude_min, altitude_max,"
                + " depth_min, depth_max, place_name, the_geom_local, the_geom_4326, the_geom_point, precision, date_min, date_max, observers, determiner,"
                + " validator, validation_comment, comment_context, comment_description, additional_data, digital_proof,"
                + " non_digital_proof, reference_biblio, grp_method, cd_hab, meta_validation_date, meta_create_date, meta_update_date,"
                + " last_action, id_nomenclature_sensitivity, id_nomenclature_diffusion_level, id_nomenclature_valid_status,"
                + " id_nomenclature_geo_object_nature, id_nomenclature_grp_typ, id_nomenclature_obs_technique,"
                + " id_nomenclature_bio_status, id_nomenclature_bio_condition, id_nomenclature_naturalness,"
                + " id_nomenclature_exist_proof, id_nomenclature_life_stage, id_nomenclature_sex, id_nomenclature_obj_count,"
                + " id_nomenclature_type_count, id_nomenclature_observation_status, id_nomenclature_blurring,"
                + " id_nomenclature_source_status, id_nomenclature_info_geo_type, id_nomenclature_determination_method,"
                + " id_nomenclature_behaviour, id_nomenclature_biogeo_status)\n"
                + "SELECT n, md5('obs' || " + seed + " || n)::uuid, md5('grp' || " + seed + " || (n / 4))::uuid, 1,\n"
                + "  CASE WHEN canary THEN 'CANARY-' || n ELSE 'REL-' || (n / 4) || '-' || n END,\n"
                + "  1 + floor(r[1] * 12)::int, taxon.cd_nom, taxon.lb_nom, cnt, cnt + floor(r[2] * 3)::int,\n"
                + "  alt, alt + floor(r[3] * 15)::int, NULL, NULL,\n"
                + "  CASE WHEN canary THEN 'Lieu-dit sensible CANARY-' || n ELSE 'Lieu-dit ' || (ARRAY['la Mare aux Fées',"
                + " 'le Bois Brûlé','les Grands Prés','la Queue de l''Étang','le Moulin de Brie','les Sablons','la Butte'])[1 + floor(r[4] * 7)::int] END,\n"
                + "  geom, ST_Transform(geom, 4326), ST_PointOnSurface(ST_Transform(geom, 4326)), CASE WHEN r[5] < 0.7 THEN 10 ELSE 100 END, dmin, dmin + (floor(r[6] * 180) || ' minutes')::interval,\n"
                + "  (ARRAY['Dupont Jean', 'Martin Claire', 'Bernard Luc', 'Petit Anne', 'Robert Hugo', 'Durand Léa',"
                + " 'Moreau Paul', 'Lefèvre Zoé'])[1 + floor(r[7] * 8)::int] || CASE WHEN r[8] < 0.3 THEN ', Garcia Inès' ELSE '' END,\n"
                + "  'Petit Anne', 'Validateur régional',\n"
                + "  CASE WHEN canary THEN 'Validé sur photo CANARY-' || n ELSE 'Validé' END,\n"
                + "  CASE WHEN canary THEN 'Relevé au bord du chemin CANARY-' || n ELSE 'Relevé standard' END,\n"
                + "  CASE WHEN canary THEN 'Individu près du nid CANARY-' || n ELSE 'Individu observé' END,\n"
                + "  CASE WHEN canary THEN jsonb_build_object('note', 'CANARY-' || n, 'gps', 'CANARY-' || n)"
                + " ELSE jsonb_build_object('protocole', 'standard', 'meteo', (ARRAY['beau','nuageux','pluie'])[1 + floor(r[9] * 3)::int]) END,\n"
                + "  CASE WHEN canary THEN 'https://photos.example.org/CANARY-' || n || '.jpg'"
                + " WHEN r[10] < 0.2 THEN 'https://photos.example.org/obs-' || n || '.jpg' END,\n"
                + "  CASE WHEN canary THEN 'Spécimen CANARY-' || n WHEN r[10] < 0.05 THEN 'Spécimen en collection' END,\n"
                + "  CASE WHEN canary THEN 'Atlas local CANARY-' || n END,\n"
                + "  CASE WHEN canary THEN 'Transect CANARY-' || n ELSE 'Transect' END,\n"
                + "  CASE WHEN r[11] < 0.3 THEN 1001 + floor(r[12] * 10)::int END,\n"
                + "  dmin + interval '30 days', dmin + interval '1 day', dmin + interval '1 day' + (floor(r[13] * 900) || ' days')::interval, 'I',\n"
                + "  ns.id, nd.id,\n"
                + String.format(pick, "r[14]", "statut_valid") + ", " + String.format(pick, "r[15]", "nat_obj_geo") + ",\n"
                + String.format(pick, "r[16]", "typ_grp") + ", " + String.format(pick, "r[17]", "meth_obs") + ",\n"
                + String.format(pick, "r[18]", "statut_bio") + ", " + String.format(pick, "r[19]", "eta_bio") + ",\n"
                + String.format(pick, "r[20]", "naturalite") + ", " + String.format(pick, "r[21]", "preuve_exist") + ",\n"
                + String.format(pick, "r[22]", "stade_vie") + ", " + String.format(pick, "r[23]", "sexe") + ",\n"
                + String.format(pick, "r[24]", "obj_denbr") + ", " + String.format(pick, "r[25]", "typ_denbr") + ",\n"
                + String.format(pick, "r[26]", "statut_obs") + ", " + String.format(pick, "r[27]", "dee_flou") + ",\n"
                + String.format(pick, "r[28]", "statut_source") + ", " + String.format(pick, "r[29]", "typ_inf_geo") + ",\n"
                + String.format(pick, "r[30]", "meth_determin") + ", " + String.format(pick, "r[31]", "occ_comportement") + ",\n"
                + String.format(pick, "r[32]", "stat_biogeo") + "\n"
                + "FROM (\n"
                + "  SELECT n, r, s_code, d_code,\n"
                + "    (s_code IS NULL OR s_code IN ('1','2','3','4') OR d_code IN ('1','2','3','4')) AS canary,\n"
                + "    1 + floor(r[33] * 12)::int AS cnt, 30 + floor(r[34] * 180)::int AS alt,\n"
                + "    timestamp '1996-01-01' + (floor(r[35] * 10950) || ' days')::interval + (floor(r[36] * 840) + 300 || ' minutes')::interval AS dmin,\n"
                + "    CASE WHEN r[37] < 0.92 THEN pt\n"
                + "         WHEN r[37] < 0.97 THEN ST_MakeLine(pt, ST_Translate(pt, (r[38] - 0.5) * 3000, (r[39] - 0.5) * 3000))\n"
                + "         ELSE ST_Buffer(pt, 20 + r[38] * 400, 'quad_segs=2') END AS geom,\n"
                + "    sp_index\n"
                + "  FROM (\n"
                + "    SELECT n, r,\n"
                + "      CASE WHEN r[40] < 0.80 THEN '0' WHEN r[40] < 0.86 THEN '1' WHEN r[40] < 0.91 THEN '2'"
                + " WHEN r[40] < 0.94 THEN '3' WHEN r[40] < 0.96 THEN '4' END AS s_code,\n"
                + "      CASE WHEN r[41] < 0.45 THEN NULL WHEN r[41] < 0.75 THEN '0' WHEN r[41] < 0.90 THEN '5'"
                + " WHEN r[41] < 0.93 THEN '1' WHEN r[41] < 0.96 THEN '2' WHEN r[41] < 0.98 THEN '3' ELSE '4' END AS d_code,\n"
                + "      ST_SetSRID(ST_MakePoint(" + DemoGeography.EXTENT.getMinX() + " + r[42] * " + DemoGeography.EXTENT.getWidth()
                + ", " + DemoGeography.EXTENT.getMinY() + " + r[43] * " + DemoGeography.EXTENT.getHeight() + "), 2154) AS pt,\n"
                + "      r[44] AS sp_index\n"
                + "    FROM (SELECT n, ARRAY(SELECT random() FROM generate_series(1, 44) WHERE n > 0) AS r"
                + " FROM generate_series(1, " + rows + ") n) raw\n"
                + "  ) coded\n"
                + ") x\n"
                + "LEFT JOIN demo_nom ns ON ns.mn = 'SENSIBILITE' AND ns.cd = x.s_code\n"
                + "LEFT JOIN demo_nom nd ON nd.mn = 'NIV_PRECIS' AND nd.cd = x.d_code\n"
                + "CROSS JOIN demo_picks pk\n"
                + "JOIN demo_species taxon ON taxon.idx = floor(x.sp_index * (SELECT count(*) FROM demo_species))::int";
        st.execute(sql);
        st.execute("SELECT setval(pg_get_serial_sequence('gn_synthese.synthese', 'id_synthese'), GREATEST(" + rows + ", 1))");
    }

    /**
     * Drops the foreign keys of the observation tables for the bulk load (checking them row by row
     * dominates its time) and returns the statements that add them back, validated in bulk.
     */
    private static List<String> dropForeignKeys(Statement st) throws SQLException {
        List<String> restore = new java.util.ArrayList<>();
        List<String> drop = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = st.executeQuery("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
                + " FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('gn_synthese.synthese'::regclass,"
                + " 'gn_synthese.cor_area_synthese'::regclass) ORDER BY conrelid::regclass::text, conname")) {
            while (rs.next()) {
                drop.add("ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT " + rs.getString(2));
                restore.add("ALTER TABLE " + rs.getString(1) + " ADD CONSTRAINT " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        for (String statement : drop) {
            st.execute(statement);
        }
        return restore;
    }

    /** {@code cor_area_synthese} as GeoNature fills it: every area each observation intersects. */
    private void areaLinks(Statement st) throws SQLException {
        st.execute("INSERT INTO gn_synthese.cor_area_synthese (id_synthese, id_area)"
                + " SELECT s.id_synthese, a.id_area FROM gn_synthese.synthese s JOIN ref_geo.l_areas a"
                + " ON ST_Intersects(a.geom, s.the_geom_local) JOIN ref_geo.bib_areas_types t ON t.id_type = a.id_type"
                + " WHERE t.type_code IN ('COM', 'DEP', 'M1', 'M5', 'M10')");
    }

    /** Command line: {@code DemoSourceGenerator <jdbcUrl> <user> <password> <rows> <seed> [readRole]}. */
    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: DemoSourceGenerator <jdbcUrl> <user> <password> <rows> <seed> [readRole]");
            System.exit(2);
        }
        long rows = Long.parseLong(args[3]);
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            new DemoSourceGenerator(connection, Long.parseLong(args[4])).regenerate(rows);
            if (args.length > 5 && !args[5].isBlank()) {
                GeoNatureSchema.grantRead(connection, args[5]);
            }
        }
        System.out.printf("generated %,d observations in %.1f s%n", rows, (System.nanoTime() - started) / 1e9);
    }
}
