package org.naturaflux.source.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * The demo's observations, the second stage of a {@link DemoSourceGenerator} generation, in SQL, set-based:
 * their places ({@code demo_point}, around {@linkplain DemoGeography#HOTSPOTS hotspots} or uniformly in the
 * region), then the rows of {@code gn_synthese.synthese} citing the taxa of {@link DemoTaxonomy}, the
 * datasets of {@link DemoReferenceData} and the SINP nomenclatures, in the proportions the generator states,
 * with {@linkplain DemoSourceGenerator#canary canaries} on every record that must not come out precise.
 * Every draw is {@code pg_temp.demo_u}, a hash of the seed, the record's id and the draw's number.
 */
final class DemoObservations {

    private static final int TAXON_SLOTS = 10_000;
    /**
     * Whether a record must not come out precise (and so carries canaries): sensitivity NULL or 1 to 4
     * ({@code g.s_code}), or producer's restriction 1 to 4 ({@code g.d_code}).
     */
    private static final String MUST_NOT_BE_PRECISE =
            "coalesce(g.s_code IS NULL OR g.s_code BETWEEN 1 AND 4 OR g.d_code BETWEEN 1 AND 4, false)";
    /** The draw that decides whether a record is a point, a line or a polygon. */
    private static final int SHAPE_DRAW = 14;
    private static final String[] OBSERVERS = {"DUPONT Jean", "MARTIN Claire", "BERNARD Luc", "PETIT Anne",
            "ROBERT Hugo", "DURAND Léa", "MOREAU Paul", "LEFÈVRE Zoé", "GARCIA Inès", "ROUX Mathieu", "FOURNIER Élise",
            "GIRARD Noé", "BONNET Camille", "DUBOIS Louis", "LAMBERT Manon", "FONTAINE Jules", "ROUSSEAU Chloé",
            "VINCENT Arthur", "MULLER Lina", "LEFEBVRE Tom", "FAURE Alice", "ANDRÉ Victor", "MERCIER Jade",
            "BLANC Raphaël", "GUÉRIN Louise", "BOYER Nathan", "GARNIER Emma", "CHEVALIER Adam", "FRANÇOIS Rose",
            "LEGRAND Théo", "GAUTHIER Lou", "PERRIN Gabriel", "ROBIN Juliette", "CLÉMENT Sacha", "MORIN Anna",
            "NICOLAS Maël", "HENRY Lucie", "ROUSSEL Ethan", "MATHIEU Margaux", "MASSON Hélène"};
    private static final String[] VALIDATORS = {"SIMON Marc (CBNBP)", "LAURENT Sophie (ARB IdF)",
            "MICHEL Pierre (LPO IdF)", "LEROY Agnès (OPIE)", "DAVID Yves (SFEPM)"};
    private static final String[] PLACES = {"la Mare aux Fées", "le Bois Brûlé", "les Grands Prés", "la Queue de l''Étang",
            "le Moulin de la Planche", "les Sablons", "la Butte aux Loups", "le Gué de l''Aulne", "la Croix Saint-Jacques",
            "les Hauts de Seine", "le Chemin des Vaches", "la Ferme du Buisson", "le Parc du Château", "les Près Carrés",
            "la Fosse aux Chênes", "le Marais de la Haute-Île", "les Coteaux", "la Carrière", "le Trou Salé",
            "la Plaine de Montesson", "le Petit Bois", "les Noues", "l''Étang Neuf", "la Garenne", "le Val Joyeux"};
    private static final String[] CONTEXT_COMMENTS = {"Relevé réalisé par temps couvert.", "Passage en fin de matinée.",
            "Inventaire dans le cadre de l''ABC.", "Sortie naturaliste de l''association.", "Point d''écoute de 10 minutes.",
            "Prospection le long de la lisière.", "Comptage hivernal."};
    private static final String[] OCCURRENCE_COMMENTS = {"Individu en chasse.", "Observé aux jumelles.",
            "Chanteur cantonné.", "Plusieurs individus dispersés.", "Station déjà connue.", "Détermination sur photo.",
            "Individu posé sur une souche."};
    private static final String[] METHODS = {"Transect", "Point d''écoute", "Relevé phytosociologique", "Piégeage lumineux",
            "Recherche à vue"};

    /** Nomenclature picks: the column of {@code synthese}, the SINP type, and code/weight pairs. */
    private static final Object[][] PICKS = {
            {"valid_done", "STATUT_VALID", "1", 60, "2", 27, "3", 6, "4", 3, "5", 4},
            {"valid_pending", "STATUT_VALID", "0", 85, "6", 15},
            {"geo_object_nature", "NAT_OBJ_GEO", "St", 70, "In", 25, "NSP", 5},
            {"grp_typ", "TYP_GRP", "OBS", 40, "REL", 20, "POINT", 15, "PASS", 10, "INVSTA", 5, "CAMP", 5, "NSP", 5},
            {"obs_technique", "METH_OBS", "0", 60, "1", 20, "25", 8, "3", 3, "4", 2, "6", 2, "8", 2, "21", 3},
            {"bio_status", "STATUT_BIO", "1", 40, "2", 20, "3", 25, "4", 3, "13", 7, "0", 5},
            {"bio_condition", "ETA_BIO", "2", 90, "3", 3, "1", 5, "0", 2},
            {"biogeo_status", "STAT_BIOGEO", "2", 80, "1", 12, "3", 3, "4", 2, "0", 3},
            {"naturalness", "NATURALITE", "1", 88, "2", 3, "3", 3, "0", 6},
            {"proof_yes", "PREUVE_EXIST", "1", 1},
            {"proof_other", "PREUVE_EXIST", "2", 65, "0", 30, "3", 5},
            {"life_stage", "STADE_VIE", "2", 55, "1", 15, "0", 15, "3", 7, "4", 3, "6", 2, "9", 1, "8", 1, "7", 1},
            {"sex", "SEXE", "6", 40, "1", 25, "3", 15, "2", 12, "5", 5, "0", 3},
            {"obj_count", "OBJ_DENBR", "IND", 75, "CPL", 8, "NSP", 7, "COL", 3, "NID", 2, "TIGE", 3, "TOUF", 2},
            {"type_count", "TYP_DENBR", "Co", 60, "Es", 25, "NSP", 12, "Ca", 3},
            {"observation_status", "STATUT_OBS", "Pr", 97, "No", 3},
            {"blurring", "DEE_FLOU", "NON", 95, "OUI", 3, "NSP", 2},
            {"source_status", "STATUT_SOURCE", "Te", 90, "Li", 6, "Co", 3, "NSP", 1},
            {"info_geo_type", "TYP_INF_GEO", "1", 97, "2", 3},
            {"determination_method", "METH_DETERMIN", "18", 40, "1", 25, "9", 12, "21", 8, "22", 8, "20", 4, "2", 3},
            {"behaviour", "OCC_COMPORTEMENT", "1", 55, "0", 15, "18", 8, "8", 6, "15", 5, "10", 5, "6", 3, "17", 3}};

    private final Connection connection;
    private final long seed;

    DemoObservations(Connection connection, long seed) {
        this.connection = connection;
        this.seed = seed;
    }

    /** The draw function, then {@code demo_point}: the places of {@code rows} observations. */
    void writePlaces(Statement st, long rows) throws SQLException {
        st.execute(randomFunction());
        points(st, rows);
    }

    /** The nomenclature picks and taxon slots, then the observations at the places of {@code demo_point}. */
    void writeObservations(Statement st, DemoTaxonomy taxonomy) throws SQLException {
        pickTables(st, taxonomy);
        observations(st);
    }

    /**
     * {@code pg_temp.demo_u(n, k)}: the k-th uniform number in [0, 1) of record n, a hash of the seed, n and
     * k (inlined by the planner; independent of evaluation order).
     */
    private String randomFunction() {
        long base = (seed * 0x9E3779B97F4A7C15L ^ 0x5DEECE66DL) & 0x3FFF_FFFF_FFFF_FFFFL;
        return "CREATE OR REPLACE FUNCTION pg_temp.demo_u(n bigint, k integer) RETURNS double precision"
                + " LANGUAGE sql IMMUTABLE PARALLEL SAFE AS"
                + " 'SELECT (hashint8extended(n, " + base + " + k) & 9007199254740991)::double precision / 9007199254740992.0'";
    }

    /** The {@code k}-th draw of record {@code n}, as SQL. */
    private static String u(String n, int k) {
        return "pg_temp.demo_u(" + n + ", " + k + ")";
    }

    /**
     * {@code demo_point(id, x, y)}: the places of the observations, inside the region, drawn around the
     * hotspots or uniformly; candidates are numbered and the first {@code rows} inside the region kept.
     */
    private void points(Statement st, long rows) throws SQLException {
        Envelope e = DemoGeography.extent();
        StringBuilder hotspot = new StringBuilder("CASE");
        StringBuilder x = new StringBuilder("CASE hot");
        StringBuilder y = new StringBuilder("CASE hot");
        double cumulative = 0;
        int index = 1;
        for (DemoGeography.Hotspot h : DemoGeography.HOTSPOTS) {
            cumulative += h.share();
            hotspot.append(" WHEN h < ").append(cumulative).append(" THEN ").append(index);
            x.append(" WHEN ").append(index).append(" THEN ").append(h.x()).append(" + ").append(h.sigma()).append(" * r * cos(t)");
            y.append(" WHEN ").append(index).append(" THEN ").append(h.y()).append(" + ").append(h.sigma()).append(" * r * sin(t)");
            index++;
        }
        hotspot.append(" ELSE 0 END");
        x.append(" ELSE ").append(e.getMinX()).append(" + ").append(e.getWidth()).append(" * ").append(u("n", 2)).append(" END");
        y.append(" ELSE ").append(e.getMinY()).append(" + ").append(e.getHeight()).append(" * ").append(u("n", 3)).append(" END");
        long candidates = (long) Math.ceil(rows * 1.5) + 1000;
        while (true) {
            st.execute("DROP TABLE IF EXISTS demo_point");
            st.execute("CREATE TEMP TABLE demo_point ON COMMIT DROP AS"
                    + " SELECT (row_number() OVER (ORDER BY n))::integer AS id, x, y FROM ("
                    + "  SELECT n, x, y FROM ("
                    + "   SELECT n, " + x + " AS x, " + y + " AS y FROM ("
                    + "    SELECT n, " + hotspot + " AS hot, sqrt(-2 * ln(1 - " + u("n", 2) + ")) AS r, 2 * pi() * "
                    + u("n", 3) + " AS t FROM (SELECT n, " + u("n", 1) + " AS h FROM generate_series(1::bigint, "
                    + candidates + ") AS n) numbered) drawn) placed"
                    + "  WHERE ST_Intersects(" + DemoReferenceData.outlineSql() + ", ST_SetSRID(ST_MakePoint(x, y), 2154))"
                    + "  ORDER BY n LIMIT " + rows + ") kept");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM demo_point")) {
                rs.next();
                if (rs.getLong(1) == rows) {
                    st.execute("ANALYZE demo_point");
                    return;
                }
            }
            candidates *= 2;
        }
    }

    /** Nomenclature picks (one row of weighted arrays) and taxon slots (weighted species choice). */
    private void pickTables(Statement st, DemoTaxonomy taxonomy) throws SQLException {
        StringBuilder picks = new StringBuilder("CREATE TEMP TABLE demo_pick ON COMMIT DROP AS SELECT ");
        StringBuilder check = new StringBuilder("SELECT ");
        for (int i = 0; i < PICKS.length; i++) {
            Object[] p = PICKS[i];
            StringBuilder values = new StringBuilder();
            int total = 0;
            for (int j = 2; j < p.length; j += 2) {
                values.append(j == 2 ? "" : ", ").append("(").append(j).append(", '").append(p[j]).append("', ").append(p[j + 1]).append(")");
                total += (Integer) p[j + 1];
            }
            picks.append(i == 0 ? "" : ", ").append("(SELECT array_agg(n.id_nomenclature ORDER BY w.ord, g.i) FROM (VALUES ")
                    .append(values).append(") w(ord, cd, weight) CROSS JOIN LATERAL generate_series(1, w.weight) g(i)")
                    .append(" JOIN ref_nomenclatures.t_nomenclatures n ON n.cd_nomenclature = w.cd")
                    .append(" JOIN ref_nomenclatures.bib_nomenclatures_types t ON t.id_type = n.id_type AND t.mnemonique = '")
                    .append(p[1]).append("') AS ").append(p[0]);
            check.append(i == 0 ? "" : " AND ").append("coalesce(cardinality(").append(p[0]).append("), 0) = ").append(total);
        }
        picks.append(", (SELECT array_agg(n.id_nomenclature ORDER BY n.cd_nomenclature) FROM ref_nomenclatures.t_nomenclatures n"
                + " JOIN ref_nomenclatures.bib_nomenclatures_types t ON t.id_type = n.id_type AND t.mnemonique = 'SENSIBILITE')"
                + " AS sensitivity, (SELECT array_agg(n.id_nomenclature ORDER BY n.cd_nomenclature) FROM"
                + " ref_nomenclatures.t_nomenclatures n JOIN ref_nomenclatures.bib_nomenclatures_types t"
                + " ON t.id_type = n.id_type AND t.mnemonique = 'NIV_PRECIS') AS diffusion");
        st.execute(picks.toString());
        try (ResultSet rs = st.executeQuery(check.append(" AND cardinality(sensitivity) = 5 AND cardinality(diffusion) = 6")
                .append(" FROM demo_pick").toString())) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new IllegalStateException("a nomenclature code the generator uses is missing from the SINP nomenclatures");
            }
        }

        st.execute("CREATE TEMP TABLE demo_name (cd_nom integer, nom_cite text, sensitivity integer, datasets integer[],"
                + " slot_from integer, slot_to integer) ON COMMIT DROP");
        List<DemoTaxonomy.CitedName> names = taxonomy.citedNames();
        double total = names.stream().mapToDouble(DemoTaxonomy.CitedName::weight).sum();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO demo_name VALUES (?, ?, ?, ?, ?, ?)")) {
            double cumulative = 0;
            int from = 0;
            for (DemoTaxonomy.CitedName name : names) {
                cumulative += name.weight();
                int to = (int) Math.round(cumulative / total * TAXON_SLOTS);
                if (to > from) {
                    insert.setInt(1, name.cdNom());
                    insert.setString(2, name.name());
                    insert.setInt(3, name.sensitivity());
                    insert.setArray(4, connection.createArrayOf("integer", DemoReferenceData.datasetsOf(name.group2()).toArray()));
                    insert.setInt(5, from);
                    insert.setInt(6, to);
                    insert.addBatch();
                    from = to;
                }
            }
            insert.executeBatch();
        }
        st.execute("CREATE TEMP TABLE demo_taxon_slot ON COMMIT DROP AS SELECT s AS slot, n.cd_nom, n.nom_cite,"
                + " n.sensitivity, n.datasets FROM demo_name n, generate_series(n.slot_from, n.slot_to - 1) s");
        st.execute("ALTER TABLE demo_taxon_slot ADD PRIMARY KEY (slot)");
        st.execute("ANALYZE demo_taxon_slot");
    }

    private void observations(Statement st) throws SQLException {
        String id = "o.id";
        String canaryOf = "'" + DemoSourceGenerator.CANARY_PREFIX + "' || o.id";
        StringBuilder sql = new StringBuilder();
        sql.append("INSERT INTO gn_synthese.synthese (id_synthese, unique_id_sinp, unique_id_sinp_grp, id_source,")
                .append(" entity_source_pk_value, id_dataset, cd_nom, nom_cite, meta_v_taxref, count_min, count_max,")
                .append(" altitude_min, altitude_max, place_name, the_geom_local, the_geom_4326, the_geom_point, \"precision\",")
                .append(" date_min, date_max, observers, determiner, validator, validation_comment, comment_context,")
                .append(" comment_description, additional_data, digital_proof, non_digital_proof, reference_biblio, grp_method,")
                .append(" cd_hab, meta_validation_date, meta_create_date, meta_update_date, last_action,")
                .append(" id_nomenclature_sensitivity, id_nomenclature_diffusion_level, id_nomenclature_valid_status,")
                .append(" id_nomenclature_exist_proof");
        for (Object[] p : PICKS) {
            String column = (String) p[0];
            if (!column.startsWith("valid_") && !column.startsWith("proof_")) {
                sql.append(", id_nomenclature_").append(column);
            }
        }
        sql.append(")\nSELECT o.id, md5('obs-").append(seed).append("-' || o.id)::uuid,")
                .append(" md5('grp-").append(seed).append("-' || (o.id / 4))::uuid,")
                .append(" 1 + floor(").append(u(id, 20)).append(" * 3)::integer,\n")
                .append("  CASE WHEN o.canary THEN ").append(canaryOf).append(" ELSE 'OBS-' || o.id END,\n")
                .append("  CASE WHEN cardinality(o.datasets) > 0 AND ").append(u(id, 21)).append(" < 0.65")
                .append(" THEN o.datasets[1 + floor(").append(u(id, 22)).append(" * cardinality(o.datasets))::integer]")
                .append(" ELSE (ARRAY").append(Arrays.toString(DemoReferenceData.GENERIC_DATASETS)).append(")[1 + floor(")
                .append(u(id, 22)).append(" * ").append(DemoReferenceData.GENERIC_DATASETS.length).append(")::integer] END,\n")
                .append("  o.cd_nom, o.nom_cite, 'Taxref V17.0', o.count_min,")
                .append(" o.count_min + CASE WHEN ").append(u(id, 23)).append(" < 0.2 THEN floor(").append(u(id, 24))
                .append(" * 5)::integer ELSE 0 END,\n")
                .append("  CASE WHEN ").append(u(id, 25)).append(" < 0.3 THEN NULL ELSE 25 + floor(").append(u(id, 26))
                .append(" * 170)::integer END,")
                .append(" CASE WHEN ").append(u(id, 25)).append(" < 0.3 THEN NULL ELSE 25 + floor(").append(u(id, 26))
                .append(" * 170)::integer + floor(").append(u(id, 86)).append(" * 15)::integer END,\n")
                .append("  CASE WHEN o.canary THEN 'Lieu-dit sensible ").append("' || ").append(canaryOf)
                .append(" WHEN ").append(u(id, 27)).append(" < 0.4 THEN NULL ELSE ").append(pickText(PLACES, u(id, 28))).append(" END,\n")
                .append("  o.geom, o.geom_4326, ST_Centroid(o.geom_4326),")
                .append(" CASE WHEN o.shape = 'P' THEN (ARRAY[5, 10, 10, 20, 25, 50, 100, 250])[1 + floor(").append(u(id, 29))
                .append(" * 8)::integer] WHEN o.shape = 'L' THEN 50 ELSE NULL END,\n")
                .append("  o.date_min, o.date_max,\n")
                .append("  ").append(pickText(OBSERVERS, u(id, 30))).append(" || CASE WHEN ").append(u(id, 31)).append(" < 0.3 THEN ', ' || ")
                .append(pickText(OBSERVERS, u(id, 32))).append(" ELSE '' END,\n")
                .append("  CASE WHEN ").append(u(id, 33)).append(" < 0.5 THEN ").append(pickText(OBSERVERS, u(id, 30))).append(" END,\n")
                .append("  CASE WHEN o.validated THEN ").append(pickText(VALIDATORS, u(id, 34))).append(" END,\n")
                .append("  CASE WHEN o.canary THEN 'Validé sur photo ' || ").append(canaryOf)
                .append(" WHEN o.validated THEN 'Validé par l''expert régional' END,\n")
                .append("  CASE WHEN o.canary THEN 'Relevé au bord du chemin ' || ").append(canaryOf)
                .append(" WHEN ").append(u(id, 35)).append(" < 0.5 THEN NULL ELSE ").append(pickText(CONTEXT_COMMENTS, u(id, 36))).append(" END,\n")
                .append("  CASE WHEN o.canary THEN 'Individu près du nid ' || ").append(canaryOf)
                .append(" WHEN ").append(u(id, 37)).append(" < 0.6 THEN NULL ELSE ").append(pickText(OCCURRENCE_COMMENTS, u(id, 38))).append(" END,\n")
                .append("  CASE WHEN o.canary THEN jsonb_build_object('remarque', ").append(canaryOf).append(", 'gps_origine', ")
                .append(canaryOf).append(")")
                .append(" WHEN ").append(u(id, 39)).append(" < 0.5 THEN NULL ELSE jsonb_build_object('meteo', ")
                .append(pickText(new String[]{"beau", "nuageux", "pluie", "brouillard"}, u(id, 40)))
                .append(", 'temperature_c', 2 + floor(").append(u(id, 41)).append(" * 28)::integer) END,\n")
                .append("  o.digital_proof, o.non_digital_proof,\n")
                .append("  CASE WHEN o.canary THEN 'Atlas local, observation ' || ").append(canaryOf)
                .append(" WHEN ").append(u(id, 42)).append(" < 0.05 THEN 'Bull. Soc. ent. Fr., ' || (1995 + floor(")
                .append(u(id, 43)).append(" * 30)::integer) END,\n")
                .append("  CASE WHEN o.canary THEN 'Transect ' || ").append(canaryOf)
                .append(" WHEN ").append(u(id, 44)).append(" < 0.6 THEN NULL ELSE ").append(pickText(METHODS, u(id, 45))).append(" END,\n")
                .append("  CASE WHEN ").append(u(id, 46)).append(" < 0.25 THEN 1001 + floor(").append(u(id, 47)).append(" * 21)::integer END,\n")
                .append("  CASE WHEN o.validated THEN o.created + floor(").append(u(id, 48)).append(" * 200) * interval '1 day' END,\n")
                .append("  o.created, o.created + CASE WHEN ").append(u(id, 49)).append(" < 0.3 THEN floor(").append(u(id, 50))
                .append(" * 500) * interval '1 day' ELSE interval '0' END,\n")
                .append("  CASE WHEN ").append(u(id, 49)).append(" < 0.3 THEN 'U' ELSE 'I' END,\n")
                .append("  pk.sensitivity[o.s_index], pk.diffusion[o.d_index],\n")
                .append("  CASE WHEN o.validated THEN ").append(pick("valid_done", u(id, 51)))
                .append(" ELSE ").append(pick("valid_pending", u(id, 51))).append(" END,\n")
                .append("  CASE WHEN o.digital_proof IS NOT NULL OR o.non_digital_proof IS NOT NULL THEN pk.proof_yes[1] ELSE ")
                .append(pick("proof_other", u(id, 52))).append(" END");
        int k = 53;
        for (Object[] p : PICKS) {
            String column = (String) p[0];
            if (!column.startsWith("valid_") && !column.startsWith("proof_")) {
                sql.append(",\n  ").append(pick(column, u(id, k++)));
            }
        }
        // o: a record's derived values, computed once
        sql.append("\nFROM (SELECT g.*, ST_Transform(g.geom, 4326) AS geom_4326,")
                .append(" ").append(MUST_NOT_BE_PRECISE).append(" AS canary,")
                .append(" 1 + g.s_code AS s_index, 1 + g.d_code AS d_index,")
                .append(" g.date_min + floor(").append(u("g.id", 80)).append(" * 400) * interval '1 day' AS created,")
                .append(" ").append(u("g.id", 81)).append(" < 0.7 AS validated,")
                .append(" CASE WHEN ").append(MUST_NOT_BE_PRECISE)
                .append(" THEN 'https://photos.naturaflux.example/obs/' || '").append(DemoSourceGenerator.CANARY_PREFIX).append("' || g.id || '.jpg'")
                .append(" WHEN ").append(u("g.id", 82)).append(" < 0.15 THEN 'https://photos.naturaflux.example/obs/'")
                .append(" || md5('photo-").append(seed).append("-' || g.id) || '.jpg' END AS digital_proof,")
                .append(" CASE WHEN ").append(MUST_NOT_BE_PRECISE)
                .append(" THEN 'Spécimen en collection ' || '").append(DemoSourceGenerator.CANARY_PREFIX).append("' || g.id")
                .append(" WHEN ").append(u("g.id", 83)).append(" < 0.03 THEN 'Spécimen en collection (herbier régional)' END")
                .append(" AS non_digital_proof")
                .append("\n FROM (SELECT b.*,")
                .append(" CASE b.shape WHEN 'P' THEN b.pt")
                .append(" WHEN 'L' THEN ST_MakeLine(ARRAY[b.pt, ST_Translate(b.pt, b.dx1, b.dy1), ST_Translate(b.pt, b.dx1 + b.dx2,")
                .append(" b.dy1 + b.dy2)]) ELSE ST_Buffer(b.pt, 20 + ").append(u("b.id", 84)).append(" * 380, 'quad_segs=2') END AS geom,")
                .append(" b.day + coalesce(b.minute, 0) * interval '1 minute' AS date_min,")
                .append(" b.day + CASE WHEN b.minute IS NULL THEN interval '0' ELSE (b.minute + floor(")
                .append(u("b.id", 85)).append(" * 180)) * interval '1 minute' END AS date_max")
                // b: the record's basic draws
                .append("\n  FROM (SELECT p.id, ST_SetSRID(ST_MakePoint(p.x, p.y), 2154) AS pt, ts.cd_nom, ts.nom_cite, ts.datasets,")
                .append(" CASE WHEN ").append(u("p.id", 10)).append(" < 0.04 THEN NULL")
                .append(" WHEN ts.sensitivity > 0 AND ").append(u("p.id", 11)).append(" < 0.85 THEN ts.sensitivity")
                .append(" WHEN ").append(u("p.id", 12)).append(" < 0.86 THEN 0 WHEN ").append(u("p.id", 12)).append(" < 0.91 THEN 1")
                .append(" WHEN ").append(u("p.id", 12)).append(" < 0.95 THEN 2 WHEN ").append(u("p.id", 12)).append(" < 0.98 THEN 3")
                .append(" ELSE 4 END AS s_code,")
                .append(" CASE WHEN ").append(u("p.id", 13)).append(" < 0.45 THEN NULL WHEN ").append(u("p.id", 13)).append(" < 0.75 THEN 0")
                .append(" WHEN ").append(u("p.id", 13)).append(" < 0.90 THEN 5 WHEN ").append(u("p.id", 13)).append(" < 0.93 THEN 1")
                .append(" WHEN ").append(u("p.id", 13)).append(" < 0.96 THEN 2 WHEN ").append(u("p.id", 13)).append(" < 0.98 THEN 3")
                .append(" ELSE 4 END AS d_code,")
                .append(" CASE WHEN ").append(isPoint("p.id")).append(" THEN 'P' WHEN ").append(u("p.id", SHAPE_DRAW))
                .append(" < 0.96 THEN 'L' ELSE 'A' END AS shape,")
                .append(" (").append(u("p.id", 15)).append(" - 0.5) * 1200 AS dx1, (").append(u("p.id", 16)).append(" - 0.5) * 1200 AS dy1,")
                .append(" (").append(u("p.id", 17)).append(" - 0.5) * 1200 AS dx2, (").append(u("p.id", 18)).append(" - 0.5) * 1200 AS dy2,")
                .append(" timestamp '1995-01-01' + floor(10957 * sqrt(").append(u("p.id", 19)).append(")) * interval '1 day' AS day,")
                .append(" CASE WHEN ").append(u("p.id", 6)).append(" < 0.25 THEN NULL ELSE 360 + floor(").append(u("p.id", 7))
                .append(" * 900)::integer END AS minute,")
                .append(" 1 + floor(-ln(1 - ").append(u("p.id", 8)).append(") * 3)::integer AS count_min")
                .append("\n   FROM demo_point p JOIN demo_taxon_slot ts ON ts.slot = floor(").append(u("p.id", 5))
                .append(" * ").append(TAXON_SLOTS).append(")::integer) b) g) o CROSS JOIN demo_pick pk");
        st.execute(sql.toString());
        st.execute("SELECT setval(pg_get_serial_sequence('gn_synthese.synthese', 'id_synthese'),"
                + " (SELECT coalesce(max(id_synthese), 0) + 1 FROM gn_synthese.synthese), false)");
        for (String sequenceOf : List.of("gn_synthese.t_sources|id_source", "gn_meta.t_datasets|id_dataset",
                "gn_meta.t_acquisition_frameworks|id_acquisition_framework", "utilisateurs.bib_organismes|id_organisme",
                "utilisateurs.t_roles|id_role")) {
            String[] parts = sequenceOf.split("\\|");
            st.execute("SELECT setval(pg_get_serial_sequence('" + parts[0] + "', '" + parts[1] + "'), (SELECT max("
                    + parts[1] + ") FROM " + parts[0] + "))");
        }
    }
    /** Whether record {@code id} is a point (91% are; the rest are lines and polygons). */
    static String isPoint(String id) {
        return u(id, SHAPE_DRAW) + " < 0.91";
    }

    private static String pickText(String[] values, String random) {
        StringBuilder array = new StringBuilder("(ARRAY[");
        for (int i = 0; i < values.length; i++) {
            array.append(i == 0 ? "'" : ", '").append(values[i]).append("'");
        }
        return array.append("])[1 + floor(").append(random).append(" * ").append(values.length).append(")::integer]").toString();
    }

    private static String pick(String column, String random) {
        return "pk." + column + "[1 + floor(" + random + " * cardinality(pk." + column + "))::integer]";
    }
}
