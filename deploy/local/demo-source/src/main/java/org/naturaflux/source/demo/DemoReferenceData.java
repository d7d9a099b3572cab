package org.naturaflux.source.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKBWriter;

/**
 * The demo's referentials, the first stage of a {@link DemoSourceGenerator} generation: the area types and
 * areas of {@code ref_geo} (the départements and communes of {@link DemoGeography}, a few ZNIEFF, the INPN
 * 1, 5 and 10 km grids), the TAXREF extract of {@link DemoTaxonomy}, and the metadata (sources, acquisition
 * frameworks, datasets, EUNIS habitats). The SINP nomenclatures come with the schema
 * ({@link GeoNatureSchema#createTables}). Drawn in Lambert-93; {@link DemoPublication} moves the local
 * geometries to another projection when asked.
 */
final class DemoReferenceData {

    /**
     * Longest segment, in metres, of an area's {@code geom} before it is transformed into {@code geom_4326}:
     * the step source-lib's {@code AreaLoader} computes an area's WGS84 form with (its
     * {@code ReferenceLoadersTest} compares the two, vertex for vertex, on a commune, a département and a
     * 10 km cell).
     */
    static final int WGS84_STEP_METRES = 100;

    /** Dataset id, framework id, name, short name, INPN groups 2 it is about (none: every group). */
    static final Object[][] DATASETS = {
            {1, 3, "Oiseaux nicheurs de Seine-et-Marne", "ONSM", "Oiseaux"},
            {2, 3, "Suivi temporel des oiseaux communs (STOC)", "STOC", "Oiseaux"},
            {3, 2, "Atlas des mammifères d''Île-de-France", "AMIF", "Mammifères"},
            {4, 3, "Chiroptères en gîtes d''hiver", "CHIRO", "Mammifères"},
            {5, 2, "Amphibiens des mares franciliennes", "MARES", "Amphibiens"},
            {6, 2, "Reptiles d''Île-de-France", "REPT", "Reptiles"},
            {7, 2, "Flore vasculaire - inventaire régional", "FLORE", "Angiospermes|Gymnospermes|Fougères"},
            {8, 5, "Orchidées de la réserve des Coteaux", "ORCH", "Angiospermes"},
            {9, 3, "Papillons de jour - suivi régional", "RHOP", "Insectes"},
            {10, 5, "Odonates des étangs", "ODO", "Insectes"},
            {11, 2, "Coléoptères saproxyliques", "SAPRO", "Insectes"},
            {12, 1, "Atlas de la biodiversité communale - inventaire généraliste", "ABC", ""},
            {13, 4, "Observations opportunistes - sciences participatives", "OPPO", ""},
            {14, 2, "Pêches électriques d''inventaire", "PECHE", "Poissons"},
            {15, 2, "Mollusques continentaux", "MOLL", "Gastéropodes|Bivalves"},
            {16, 2, "Bryophytes des zones humides", "BRYO", "Mousses"},
            {17, 4, "Araignées des jardins", "ARAI", "Arachnides"}};
    static final int[] GENERIC_DATASETS = {12, 13};
    /** Each dataset's origin (DS_PUBLIQUE code) and producer: an organism, or else a person (t_roles). */
    private static final Object[][] DATASET_ACTORS = {
            {1, "Pr", 4, "NULL", "6"}, {2, "Pu", 2, "NULL", "6"}, {3, "Pu", 1, "NULL", "6"}, {4, "Pr", 7, "NULL", "6"},
            {5, "Ac", 6, "NULL", "6"}, {6, "Pu", 1, "NULL", "6"}, {7, "Re", 3, "NULL", "6"}, {8, "Pr", 8, "NULL", "6"},
            {9, "Pu", 1, "NULL", "6"}, {10, "Pr", 8, "NULL", "6"}, {11, "Re", 5, "NULL", "6"}, {12, "Pu", 1, "NULL", "6"},
            {13, "Ac", 2, "NULL", "6"}, {14, "Re", 5, "NULL", "6"}, {15, "Pu", 2, "NULL", "6"}, {16, "Re", 3, "NULL", "6"},
            {17, "Pr", "NULL", 2, "6"}};

    private final Connection connection;
    private final long seed;

    DemoReferenceData(Connection connection, long seed) {
        this.connection = connection;
        this.seed = seed;
    }

    /** The area types, the areas and the grids, then the GiST index of {@code l_areas.geom}. */
    void writeAreas(Statement st) throws SQLException {
        DemoGeography geography = new DemoGeography(seed);
        areaTypes(st);
        areas(geography);
        grids(st);
        st.execute("CREATE INDEX index_l_areas_geom ON ref_geo.l_areas USING gist (geom)");
    }

    /** The TAXREF extract and the metadata; the taxonomy, whose names the observations cite. */
    DemoTaxonomy writeTaxaAndMetadata(Statement st) throws SQLException {
        DemoTaxonomy taxonomy = DemoTaxonomy.build();
        taxa(taxonomy);
        metadata(st);
        return taxonomy;
    }

    private void areaTypes(Statement st) throws SQLException {
        st.execute("INSERT INTO ref_geo.bib_areas_types (type_name, type_code, type_desc, ref_name, ref_version,"
                + " size_hierarchy) VALUES"
                + " ('Communes', 'COM', 'Type commune', 'IGN admin_express', 2024, 1),"
                + " ('Départements', 'DEP', 'Type département', 'IGN admin_express', 2024, 2),"
                + " ('Mailles1*1', 'M1', 'Type maille INPN 1*1km', 'INPN', 2015, 1),"
                + " ('Mailles5*5', 'M5', 'Type maille INPN 5*5km', 'INPN', 2015, 5),"
                + " ('Mailles10*10', 'M10', 'Type maille INPN 10*10km', 'INPN', 2015, 10),"
                + " ('ZNIEFF1', 'ZNIEFF1', 'Zones naturelles d''intérêt écologique faunistique et floristique de type 1',"
                + " 'INPN', 2024, NULL)");
    }

    private void areas(DemoGeography geography) throws SQLException {
        WKBWriter wkb = new WKBWriter();
        String sql = "INSERT INTO ref_geo.l_areas (id_type, area_name, area_code, geom, geom_4326, centroid, source)"
                + " SELECT id_type, ?, ?, g, " + areaWgs84("g") + ", ST_Centroid(g), ? FROM ref_geo.bib_areas_types,"
                + " ST_Multi(ST_SetSRID(ST_GeomFromWKB(?), 2154)) AS g WHERE type_code = ?";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (DemoGeography.Area d : geography.departments()) {
                add(insert, wkb, d, "DEP", "IGN admin_express (démo)");
            }
            for (DemoGeography.Area c : geography.communes()) {
                add(insert, wkb, c, "COM", "IGN admin_express (démo)");
            }
            for (DemoGeography.Area z : geography.znieffs()) {
                add(insert, wkb, z, "ZNIEFF1", "INPN (démo)");
            }
            insert.executeBatch();
        }
    }

    private static void add(PreparedStatement insert, WKBWriter wkb, DemoGeography.Area area, String type, String source)
            throws SQLException {
        insert.setString(1, area.name());
        insert.setString(2, area.code());
        insert.setString(3, source);
        insert.setBytes(4, wkb.write(area.geometry()));
        insert.setString(5, type);
        insert.addBatch();
    }

    /** INPN grids: squares of the Lambert-93 grid aligned on multiples of their size, meeting the region. */
    private static void grids(Statement st) throws SQLException {
        Envelope e = DemoGeography.extent();
        String[][] grids = {
                {"M10", "10000", "'10kmL93E' || lpad((x / 10000)::text, 3, '0') || 'N' || lpad((y / 10000)::text, 3, '0')"},
                {"M5", "5000", "'5kmL93E' || lpad((x / 1000)::text, 4, '0') || 'N' || lpad((y / 1000)::text, 4, '0')"},
                {"M1", "1000", "'1kmL93E' || lpad((x / 1000)::text, 4, '0') || 'N' || lpad((y / 1000)::text, 4, '0')"}};
        for (String[] grid : grids) {
            long size = Long.parseLong(grid[1]);
            st.execute("INSERT INTO ref_geo.l_areas (id_type, area_name, area_code, geom, geom_4326, centroid, source)"
                    + " SELECT t.id_type, c.code, c.code, c.cell, " + areaWgs84("c.cell") + ", ST_Centroid(c.cell), 'INPN (démo)'"
                    + " FROM ref_geo.bib_areas_types t, LATERAL (SELECT " + grid[2] + " AS code,"
                    + "   ST_Multi(ST_MakeEnvelope(x, y, x + " + size + ", y + " + size + ", 2154)) AS cell"
                    + "   FROM generate_series(" + floor(e.getMinX(), size) + ", " + (long) e.getMaxX() + ", " + size + ") x,"
                    + "        generate_series(" + floor(e.getMinY(), size) + ", " + (long) e.getMaxY() + ", " + size + ") y) c"
                    + " WHERE t.type_code = '" + grid[0] + "' AND ST_Intersects(c.cell, " + outlineSql() + ")"
                    + " ORDER BY c.code");
        }
    }

    /** {@code geom_4326} of an area as the export computes it: a vertex every {@value #WGS84_STEP_METRES} m. */
    private static String areaWgs84(String geom) {
        return "ST_Transform(ST_Segmentize(" + geom + ", " + WGS84_STEP_METRES + "), 4326)";
    }

    private static long floor(double value, long size) {
        return (long) Math.floor(value / size) * size;
    }

    /** The region's outline, as a Lambert-93 SQL constant. */
    static String outlineSql() {
        return "'SRID=2154;" + DemoGeography.outline().toText() + "'::geometry";
    }

    private void taxa(DemoTaxonomy taxonomy) throws SQLException {
        String sql = "INSERT INTO taxonomie.taxref (cd_nom, id_statut, id_habitat, id_rang, regne, phylum, classe, ordre,"
                + " famille, cd_taxsup, cd_sup, cd_ref, lb_nom, lb_auteur, nom_complet, nom_valide, nom_vern, group1_inpn,"
                + " group2_inpn, group3_inpn, url) VALUES (?, 'P', 3, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (DemoTaxonomy.Taxon t : taxonomy.taxa()) {
                int i = 1;
                insert.setInt(i++, t.cdNom());
                insert.setString(i++, t.rank());
                insert.setString(i++, t.regne());
                insert.setString(i++, t.phylum());
                insert.setString(i++, t.classe());
                insert.setString(i++, t.ordre());
                insert.setString(i++, t.famille());
                insert.setObject(i++, t.cdSup(), java.sql.Types.INTEGER);
                insert.setObject(i++, t.cdSup(), java.sql.Types.INTEGER);
                insert.setInt(i++, t.cdRef());
                insert.setString(i++, t.lbNom());
                insert.setString(i++, t.lbAuteur());
                insert.setString(i++, t.lbAuteur() == null ? t.lbNom() : t.lbNom() + " " + t.lbAuteur());
                insert.setString(i++, t.nomValide());
                insert.setString(i++, t.nomVern());
                insert.setString(i++, t.group1());
                insert.setString(i++, t.group2());
                insert.setString(i++, t.group3());
                insert.setString(i, "https://inpn.mnhn.fr/espece/cd_nom/" + t.cdNom());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void metadata(Statement st) throws SQLException {
        st.execute("INSERT INTO gn_synthese.t_sources (id_source, name_source, desc_source, entity_source_pk_field) VALUES"
                + " (1, 'Occtax', 'Données saisies dans le module Occtax', 'pr_occtax.cor_counting_occtax.id_counting_occtax'),"
                + " (2, 'Import CSV', 'Données importées par le module d''import', 'gn_imports.id_line'),"
                + " (3, 'Faune Île-de-France', 'Synchronisation de la base associative', 'id_sighting')");
        st.execute("INSERT INTO gn_meta.t_acquisition_frameworks (id_acquisition_framework, unique_acquisition_framework_id,"
                + " acquisition_framework_name, acquisition_framework_desc, acquisition_framework_start_date)"
                + " SELECT n, md5('af-" + seed + "-' || n)::uuid, name, name || ' (démonstration Naturaflux)', date '1995-01-01'"
                + " FROM (VALUES (1, 'Atlas de la biodiversité communale'), (2, 'Inventaires naturalistes régionaux'),"
                + " (3, 'Suivis protocolés'), (4, 'Sciences participatives franciliennes'),"
                + " (5, 'Données des réserves naturelles régionales')) v(n, name)");
        StringBuilder datasets = new StringBuilder("INSERT INTO gn_meta.t_datasets (id_dataset, unique_dataset_id,"
                + " id_acquisition_framework, dataset_name, dataset_shortname, dataset_desc, marine_domain, terrestrial_domain)"
                + " SELECT id, md5('jdd-" + seed + "-' || id)::uuid, af, name, short, name, false, true FROM (VALUES ");
        for (int i = 0; i < DATASETS.length; i++) {
            Object[] d = DATASETS[i];
            datasets.append(i == 0 ? "" : ", ").append("(").append(d[0]).append(", ").append(d[1]).append(", '")
                    .append(d[2]).append("', '").append(d[3]).append("')");
        }
        st.execute(datasets.append(") v(id, af, name, short)").toString());
        actors(st);
        st.execute("INSERT INTO ref_habitats.typoref (cd_typo, cd_table, lb_nom_typo, nom_jeu_donnees) VALUES"
                + " (7, 'TYPO_EUNIS_04', 'EUNIS', 'EUNIS Habitat Classification 2004')");
        st.execute("INSERT INTO ref_habitats.habref (cd_hab, cd_typo, lb_code, lb_hab_fr, niveau, lb_niveau, france) VALUES"
                + " (1001, 7, 'C1', 'Eaux dormantes de surface', 2, 'Niveau 2', 'true'),"
                + " (1002, 7, 'C1.2', 'Lacs, étangs et mares mésotrophes permanents', 3, 'Niveau 3', 'true'),"
                + " (1003, 7, 'C2', 'Eaux courantes de surface', 2, 'Niveau 2', 'true'),"
                + " (1004, 7, 'C3.21', 'Phragmitaies à Phragmites australis', 4, 'Niveau 4', 'true'),"
                + " (1005, 7, 'D5', 'Roselières sèches et cariçaies, normalement sans eau libre', 2, 'Niveau 2', 'true'),"
                + " (1006, 7, 'E1', 'Pelouses sèches', 2, 'Niveau 2', 'true'),"
                + " (1007, 7, 'E2', 'Prairies mésiques', 2, 'Niveau 2', 'true'),"
                + " (1008, 7, 'E2.2', 'Prairies de fauche de basse et moyenne altitudes', 3, 'Niveau 3', 'true'),"
                + " (1009, 7, 'E5.1', 'Végétations herbacées anthropiques', 3, 'Niveau 3', 'true'),"
                + " (1010, 7, 'F3.11', 'Fourrés médio-européens sur sols riches', 4, 'Niveau 4', 'true'),"
                + " (1011, 7, 'F4.2', 'Landes sèches', 3, 'Niveau 3', 'true'),"
                + " (1012, 7, 'G1', 'Forêts de feuillus caducifoliés', 2, 'Niveau 2', 'true'),"
                + " (1013, 7, 'G1.6', 'Hêtraies', 3, 'Niveau 3', 'true'),"
                + " (1014, 7, 'G1.A1', 'Boisements sur sols eutrophes et mésotrophes à Quercus, Fraxinus et Carpinus betulus',"
                + "  4, 'Niveau 4', 'true'),"
                + " (1015, 7, 'G3', 'Forêts de conifères', 2, 'Niveau 2', 'true'),"
                + " (1016, 7, 'G3.4', 'Pinèdes à Pinus sylvestris au sud de la taïga', 3, 'Niveau 3', 'true'),"
                + " (1017, 7, 'H3', 'Falaises continentales, pavements rocheux et affleurements rocheux', 2, 'Niveau 2', 'true'),"
                + " (1018, 7, 'I1', 'Cultures et jardins maraîchers', 2, 'Niveau 2', 'true'),"
                + " (1019, 7, 'I2', 'Zones cultivées des jardins et des parcs', 2, 'Niveau 2', 'true'),"
                + " (1020, 7, 'J1', 'Bâtiments des villes et des villages', 2, 'Niveau 2', 'true'),"
                + " (1021, 7, 'J4', 'Réseaux de transport et autres zones de construction à surface dure', 2, 'Niveau 2', 'true')");
    }

    /**
     * The metadata's actors: organisms and two people (one of an organism, one independent naturalist),
     * each dataset's producers (ROLE_ACTEUR 6) and, for some, its main contact (1) or funder (2), each
     * framework's contracting authority (3), and each dataset's origin (DS_PUBLIQUE).
     */
    private void actors(Statement st) throws SQLException {
        st.execute("INSERT INTO utilisateurs.bib_organismes (id_organisme, uuid_organisme, nom_organisme, ville_organisme,"
                + " url_organisme) SELECT n, md5('org-" + seed + "-' || n)::uuid, name, town, url FROM (VALUES"
                + " (1, 'Agence régionale de la biodiversité en Île-de-France', 'Paris', 'https://www.arb-idf.fr'),"
                + " (2, 'Muséum national d''Histoire naturelle', 'Paris', 'https://www.mnhn.fr'),"
                + " (3, 'Conservatoire botanique national du Bassin parisien', 'Paris', 'https://cbnbp.mnhn.fr'),"
                + " (4, 'LPO Île-de-France', 'Paris', 'https://www.lpo-idf.fr'),"
                + " (5, 'Office français de la biodiversité', 'Vincennes', 'https://www.ofb.gouv.fr'),"
                + " (6, 'Société nationale de protection de la nature', 'Paris', 'https://www.snpn.com'),"
                + " (7, 'Association des naturalistes de la vallée du Loing', 'Moret-sur-Loing', 'https://www.anvl.fr'),"
                + " (8, 'NaturEssonne', 'Étampes', 'https://www.naturessonne.fr'))"
                + " v(n, name, town, url)");
        st.execute("INSERT INTO utilisateurs.t_roles (id_role, uuid_role, identifiant, nom_role, prenom_role, id_organisme)"
                + " VALUES (1, md5('role-" + seed + "-1')::uuid, 'cdupont', 'Dupont', 'Claire', 1),"
                + " (2, md5('role-" + seed + "-2')::uuid, 'jmartin', 'Martin', 'Julien', NULL)");
        StringBuilder origins = new StringBuilder("UPDATE gn_meta.t_datasets d SET id_nomenclature_data_origin ="
                + " n.id_nomenclature FROM (VALUES ");
        StringBuilder producers = new StringBuilder("INSERT INTO gn_meta.cor_dataset_actor (id_dataset, id_organism,"
                + " id_role, id_nomenclature_actor_role) SELECT v.id, v.org, v.person, n.id_nomenclature FROM (VALUES ");
        for (int i = 0; i < DATASET_ACTORS.length; i++) {
            Object[] a = DATASET_ACTORS[i];
            origins.append(i == 0 ? "" : ", ").append("(").append(a[0]).append(", '").append(a[1]).append("')");
            producers.append(i == 0 ? "" : ", ").append("(").append(a[0]).append(", ").append(a[2]).append(", ")
                    .append(a[3]).append("::integer, '").append(a[4]).append("')");
        }
        st.execute(origins.append(") v(id, origin) JOIN ref_nomenclatures.t_nomenclatures n ON n.cd_nomenclature = v.origin"
                + " JOIN ref_nomenclatures.bib_nomenclatures_types t ON t.id_type = n.id_type AND t.mnemonique = 'DS_PUBLIQUE'"
                + " WHERE d.id_dataset = v.id").toString());
        st.execute(producers.append(", (2, 5, NULL, '2'), (9, 2, NULL, '6'), (12, NULL, 1, '1'), (14, 5, NULL, '2'),"
                + " (5, 1, NULL, '2')) v(id, org, person, role)"
                + " JOIN ref_nomenclatures.t_nomenclatures n ON n.cd_nomenclature = v.role"
                + " JOIN ref_nomenclatures.bib_nomenclatures_types t ON t.id_type = n.id_type AND t.mnemonique = 'ROLE_ACTEUR'").toString());
        st.execute("INSERT INTO gn_meta.cor_acquisition_framework_actor (id_acquisition_framework, id_organism,"
                + " id_nomenclature_actor_role) SELECT v.af, v.org, n.id_nomenclature FROM (VALUES (1, 1, '3'), (2, 1, '3'),"
                + " (3, 2, '3'), (4, 2, '3'), (5, 8, '3'), (2, 5, '2')) v(af, org, role)"
                + " JOIN ref_nomenclatures.t_nomenclatures n ON n.cd_nomenclature = v.role"
                + " JOIN ref_nomenclatures.bib_nomenclatures_types t ON t.id_type = n.id_type AND t.mnemonique = 'ROLE_ACTEUR'");
    }

    /** The datasets about an INPN group 2 (those about every group aside). */
    static List<Integer> datasetsOf(String group2) {
        List<Integer> ids = new ArrayList<>();
        for (Object[] d : DATASETS) {
            for (String g : ((String) d[4]).split("\\|")) {
                if (!g.isEmpty() && g.equals(group2)) {
                    ids.add((Integer) d[0]);
                }
            }
        }
        return ids;
    }
}
