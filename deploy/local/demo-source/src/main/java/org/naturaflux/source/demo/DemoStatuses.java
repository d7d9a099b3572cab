package org.naturaflux.source.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's taxon statuses, in TAXREF's "base de connaissance des statuts" (BDC statuts) as TaxHub
 * keeps it: the status types, the texts (national protection of birds, mammals, amphibians and
 * reptiles, insects and flora; the regional protection of Île-de-France's flora; two departmental
 * protections, valid in one département each; the national and regional red lists with their UICN
 * categories; the Birds and Habitats directives; the species determinant for ZNIEFF in the région; and
 * an older national red list whose text is disabled, {@code enable = false}, as GeoNature's
 * {@code v_bdc_status} leaves out), their values, the taxa holding each value of a text, and the texts'
 * départements ({@code bdc_statut_cor_text_area}, areas of type DEP: a national text every département,
 * a regional one every département of its région, a departmental one its own). One status is recorded
 * under a synonym's {@code cd_nom} as INPN lists it, with its accepted {@code cd_ref}. The raw
 * {@code bdc_statut} table is filled from the normalised ones. Texts and values are real; which demo
 * species hold which value follows the real lists for most, not for all (the departmental texts are the
 * demo's own).
 */
final class DemoStatuses {

    private record Type(String code, String label, String grouping, String theme, String valueKind) {
    }

    private record Text(String key, String type, String sig, String level, String iso2, String adminLabel,
                        String citation, int cdDoc, boolean enable, String departement) {
    }

    private static final List<Type> TYPES = List.of(
            new Type("PN", "Protection nationale", "Protection", "STATUTS", "VALUE"),
            new Type("PR", "Protection régionale", "Protection", "STATUTS", "VALUE"),
            new Type("PD", "Protection départementale", "Protection", "STATUTS", "VALUE"),
            new Type("LRN", "Liste rouge nationale", "Liste rouge", "LISTES_ROUGES", "VALUE"),
            new Type("LRR", "Liste rouge régionale", "Liste rouge", "LISTES_ROUGES", "VALUE"),
            new Type("DO", "Directive Oiseaux", "Directives européennes", "STATUTS", "VALUE"),
            new Type("DH", "Directive Habitat", "Directives européennes", "STATUTS", "VALUE"),
            new Type("ZDET", "Déterminante ZNIEFF", "ZNIEFF", "STATUTS", "VALUE"));

    private static final String NATIONAL = "État";
    private static final String REGIONAL = "Région";
    private static final String DEPARTMENTAL = "Département";

    private static final List<Text> TEXTS = List.of(
            new Text("PN_OIS", "PN", "TERFXFR", NATIONAL, null, "France métropolitaine",
                    "Arrêté du 29 octobre 2009 fixant la liste des oiseaux protégés sur l'ensemble du territoire"
                            + " et les modalités de leur protection", 146, true, null),
            new Text("PN_MAM", "PN", "TERFXFR", NATIONAL, null, "France métropolitaine",
                    "Arrêté du 23 avril 2007 fixant la liste des mammifères terrestres protégés sur l'ensemble du"
                            + " territoire et les modalités de leur protection", 121, true, null),
            new Text("PN_AMR", "PN", "TERFXFR", NATIONAL, null, "France métropolitaine",
                    "Arrêté du 8 janvier 2021 fixant la liste des amphibiens et des reptiles représentés sur le"
                            + " territoire métropolitain protégés sur l'ensemble du territoire national et les modalités"
                            + " de leur protection", 311015, true, null),
            new Text("PN_INS", "PN", "TERFXFR", NATIONAL, null, "France métropolitaine",
                    "Arrêté du 23 avril 2007 fixant les listes des insectes protégés sur l'ensemble du territoire"
                            + " et les modalités de leur protection", 122, true, null),
            new Text("PN_FLO", "PN", "TERFXFR", NATIONAL, null, "France métropolitaine",
                    "Arrêté du 20 janvier 1982 relatif à la liste des espèces végétales protégées sur l'ensemble"
                            + " du territoire", 93, true, null),
            new Text("PR_FLO", "PR", "INSEER11", REGIONAL, "FR-IDF", "Île-de-France",
                    "Arrêté du 11 mars 1991 relatif à la liste des espèces végétales protégées en région"
                            + " Île-de-France complétant la liste nationale", 1000, true, null),
            new Text("PD_77", "PD", "INSEED77", DEPARTMENTAL, "FR-77", "Seine-et-Marne",
                    "Arrêté préfectoral de protection de la flore de Seine-et-Marne (démo)", 900077, true, "77"),
            new Text("PD_91", "PD", "INSEED91", DEPARTMENTAL, "FR-91", "Essonne",
                    "Arrêté préfectoral de protection de la flore de l'Essonne (démo)", 900091, true, "91"),
            new Text("LRN_OIS", "LRN", "TERFXFR", NATIONAL, null, "France métropolitaine",
                    "UICN France, MNHN, LPO, SEOF & ONCFS (2016). La Liste rouge des espèces menacées en France -"
                            + " Chapitre Oiseaux de France métropolitaine", 144048, true, null),
            new Text("LRN_OIS_2011", "LRN", "TERFXFR", NATIONAL, null, "France métropolitaine",
                    "UICN France, MNHN, LPO, SEOF & ONCFS (2011). La Liste rouge des espèces menacées en France -"
                            + " Chapitre Oiseaux de France métropolitaine", 92, false, null),
            new Text("LRN_MAM", "LRN", "TERFXFR", NATIONAL, null, "France métropolitaine",
                    "UICN France, MNHN, SFEPM & ONCFS (2017). La Liste rouge des espèces menacées en France -"
                            + " Chapitre Mammifères de France métropolitaine", 236, true, null),
            new Text("LRN_FLO", "LRN", "TERFXFR", NATIONAL, null, "France métropolitaine",
                    "UICN France, FCBN, AFB & MNHN (2018). La Liste rouge des espèces menacées en France -"
                            + " Flore vasculaire de France métropolitaine", 260, true, null),
            new Text("LRR_OIS", "LRR", "INSEER11", REGIONAL, "FR-IDF", "Île-de-France",
                    "Birard J., Zucca M., Loïs G. & Natureparif (2012). Liste rouge régionale des oiseaux nicheurs"
                            + " d'Île-de-France", 139054, true, null),
            new Text("LRR_FLO", "LRR", "INSEER11", REGIONAL, "FR-IDF", "Île-de-France",
                    "Auvert S., Filoche S. et al. (2011). Liste rouge régionale de la flore vasculaire"
                            + " d'Île-de-France", 92813, true, null),
            new Text("DO", "DO", "TERFXFR", NATIONAL, null, "France métropolitaine",
                    "Directive 2009/147/CE du Parlement européen et du Conseil du 30 novembre 2009 concernant la"
                            + " conservation des oiseaux sauvages", 87, true, null),
            new Text("DH", "DH", "TERFXFR", NATIONAL, null, "France métropolitaine",
                    "Directive 92/43/CEE du Conseil du 21 mai 1992 concernant la conservation des habitats"
                            + " naturels ainsi que de la faune et de la flore sauvages", 86, true, null),
            new Text("ZDET", "ZDET", "INSEER11", REGIONAL, "FR-IDF", "Île-de-France",
                    "Liste des espèces déterminantes de ZNIEFF en Île-de-France (DRIEAT, CSRPN, 2018)", 1001, true,
                    null));

    private static final Map<String, String> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put("NO3", "Article 3");
        VALUES.put("NM2", "Article 2");
        VALUES.put("NAR2", "Article 2");
        VALUES.put("NAR3", "Article 3");
        VALUES.put("NAR4", "Article 4");
        VALUES.put("NI2", "Article 2");
        VALUES.put("NV1", "Article 1");
        VALUES.put("RV11", "Article 1");
        VALUES.put("DV77", "Article 1");
        VALUES.put("DV91", "Article 1");
        VALUES.put("RE", "Disparue au niveau régional");
        VALUES.put("CR", "En danger critique");
        VALUES.put("EN", "En danger");
        VALUES.put("VU", "Vulnérable");
        VALUES.put("NT", "Quasi menacée");
        VALUES.put("LC", "Préoccupation mineure");
        VALUES.put("CDO1", "Annexe I");
        VALUES.put("CDH2", "Annexe II");
        VALUES.put("CDH4", "Annexe IV");
        VALUES.put("CDH5", "Annexe V");
        VALUES.put("D", "Déterminante");
    }

    /** Text key, value code, species names. */
    private static final String[][] HOLDERS = {
        {"PN_OIS", "NO3", "Parus major", "Cyanistes caeruleus", "Erithacus rubecula", "Passer domesticus",
            "Fringilla coelebs", "Carduelis carduelis", "Chloris chloris", "Sylvia atricapilla", "Phylloscopus collybita",
            "Troglodytes troglodytes", "Hirundo rustica", "Delichon urbicum", "Oriolus oriolus", "Apus apus",
            "Picus viridis", "Dendrocopos major", "Dryocopus martius", "Ardea cinerea", "Botaurus stellaris",
            "Ciconia nigra", "Chroicocephalus ridibundus", "Alcedo atthis", "Falco tinnunculus", "Falco peregrinus",
            "Buteo buteo", "Accipiter nisus", "Circus aeruginosus", "Milvus migrans", "Pernis apivorus",
            "Circaetus gallicus", "Athene noctua", "Strix aluco", "Bubo bubo"},
        {"PN_MAM", "NM2", "Lutra lutra", "Castor fiber", "Sciurus vulgaris", "Erinaceus europaeus",
            "Pipistrellus pipistrellus", "Nyctalus noctula", "Myotis myotis", "Rhinolophus ferrumequinum"},
        {"PN_AMR", "NAR2", "Triturus cristatus", "Bombina variegata", "Hyla arborea", "Alytes obstetricans",
            "Rana dalmatina", "Podarcis muralis", "Lacerta bilineata", "Natrix helvetica", "Coronella austriaca",
            "Emys orbicularis"},
        {"PN_AMR", "NAR3", "Bufo bufo", "Lissotriton helveticus", "Salamandra salamandra", "Zootoca vivipara",
            "Anguis fragilis"},
        {"PN_AMR", "NAR4", "Vipera berus"},
        {"PN_INS", "NI2", "Cerambyx cerdo", "Osmoderma eremita"},
        {"PN_FLO", "NV1", "Cypripedium calceolus"},
        {"PR_FLO", "RV11", "Osmunda regalis", "Pulsatilla vulgaris", "Trapa natans"},
        {"PD_77", "DV77", "Hyacinthoides non-scripta", "Nymphaea alba", "Ophrys apifera"},
        {"PD_91", "DV91", "Anacamptis pyramidalis", "Ophrys apifera"},
        {"LRN_OIS", "VU", "Carduelis carduelis", "Chloris chloris", "Botaurus stellaris", "Alcedo atthis"},
        {"LRN_OIS", "EN", "Ciconia nigra"},
        {"LRN_OIS", "NT", "Hirundo rustica", "Delichon urbicum", "Alauda arvensis", "Apus apus", "Falco tinnunculus",
            "Circus aeruginosus"},
        {"LRN_OIS", "LC", "Turdus merula", "Parus major", "Passer domesticus", "Falco peregrinus", "Milvus migrans",
            "Dryocopus martius", "Bubo bubo"},
        {"LRN_OIS_2011", "LC", "Carduelis carduelis", "Chloris chloris", "Turdus merula"},
        {"LRN_MAM", "VU", "Nyctalus noctula"},
        {"LRN_MAM", "NT", "Pipistrellus pipistrellus", "Oryctolagus cuniculus"},
        {"LRN_MAM", "LC", "Lutra lutra", "Castor fiber", "Myotis myotis", "Rhinolophus ferrumequinum",
            "Lepus europaeus", "Sciurus vulgaris", "Meles meles"},
        {"LRN_FLO", "LC", "Cypripedium calceolus", "Trapa natans", "Osmunda regalis"},
        {"LRR_OIS", "CR", "Botaurus stellaris"},
        {"LRR_OIS", "EN", "Circus aeruginosus"},
        {"LRR_OIS", "VU", "Falco peregrinus", "Alauda arvensis", "Hirundo rustica", "Athene noctua", "Pernis apivorus",
            "Milvus migrans"},
        {"LRR_OIS", "NT", "Alcedo atthis", "Dryocopus martius"},
        {"LRR_OIS", "LC", "Oriolus oriolus", "Turdus merula"},
        {"LRR_FLO", "RE", "Cypripedium calceolus"},
        {"LRR_FLO", "EN", "Trapa natans"},
        {"LRR_FLO", "NT", "Pulsatilla vulgaris", "Osmunda regalis"},
        {"LRR_FLO", "LC", "Orchis purpurea", "Ophrys apifera", "Hyacinthoides non-scripta"},
        {"DO", "CDO1", "Botaurus stellaris", "Ciconia nigra", "Alcedo atthis", "Falco peregrinus",
            "Circus aeruginosus", "Milvus migrans", "Pernis apivorus", "Circaetus gallicus", "Bubo bubo",
            "Dryocopus martius"},
        {"DH", "CDH2", "Lutra lutra", "Castor fiber", "Myotis myotis", "Rhinolophus ferrumequinum",
            "Triturus cristatus", "Bombina variegata", "Emys orbicularis", "Lucanus cervus", "Cerambyx cerdo",
            "Osmoderma eremita", "Euplagia quadripunctaria", "Cypripedium calceolus"},
        {"DH", "CDH4", "Lutra lutra", "Castor fiber", "Myotis myotis", "Rhinolophus ferrumequinum",
            "Pipistrellus pipistrellus", "Nyctalus noctula", "Triturus cristatus", "Bombina variegata", "Hyla arborea",
            "Alytes obstetricans", "Rana dalmatina", "Podarcis muralis", "Lacerta bilineata", "Coronella austriaca",
            "Emys orbicularis", "Cerambyx cerdo", "Osmoderma eremita", "Cypripedium calceolus"},
        {"DH", "CDH5", "Helix pomatia"},
        {"ZDET", "D", "Botaurus stellaris", "Dryocopus martius", "Circus aeruginosus", "Castor fiber", "Lutra lutra",
            "Triturus cristatus", "Bombina variegata", "Hyla arborea", "Osmunda regalis", "Pulsatilla vulgaris",
            "Trapa natans", "Cypripedium calceolus", "Osmoderma eremita", "Emys orbicularis", "Sphagnum palustre"},
    };

    /** The synonym under whose {@code cd_nom} INPN lists one status of its accepted taxon (text key, name). */
    private static final String[] SYNONYM_LISTED = {"PN_OIS", "Parus caeruleus"};

    private final Connection connection;

    DemoStatuses(Connection connection) {
        this.connection = connection;
    }

    /** Writes the BDC statuts of the demo taxa; the départements must be in {@code ref_geo.l_areas}. */
    void write(Statement st, DemoTaxonomy taxonomy) throws SQLException {
        Map<String, DemoTaxonomy.Taxon> byName = new HashMap<>();
        for (DemoTaxonomy.Taxon t : taxonomy.taxa()) {
            if ("ES".equals(t.rank())) {
                byName.putIfAbsent(t.lbNom(), t);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO taxonomie.bdc_statut_type"
                + " (cd_type_statut, lb_type_statut, regroupement_type, thematique, type_value) VALUES (?, ?, ?, ?, ?)")) {
            for (Type type : TYPES) {
                insert.setString(1, type.code());
                insert.setString(2, type.label());
                insert.setString(3, type.grouping());
                insert.setString(4, type.theme());
                insert.setString(5, type.valueKind());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Map<String, Integer> textIds = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO taxonomie.bdc_statut_text"
                + " (id_text, cd_st_text, cd_type_statut, cd_sig, cd_doc, niveau_admin, cd_iso3166_1, cd_iso3166_2,"
                + " lb_adm_tr, full_citation, doc_url, enable) VALUES (?, ?, ?, ?, ?, ?, 'FRA', ?, ?, ?, ?, ?)")) {
            int id = 1;
            for (Text text : TEXTS) {
                textIds.put(text.key(), id);
                insert.setInt(1, id);
                insert.setString(2, text.key());
                insert.setString(3, text.type());
                insert.setString(4, text.sig());
                insert.setInt(5, text.cdDoc());
                insert.setString(6, text.level());
                insert.setString(7, text.iso2());
                insert.setString(8, text.adminLabel());
                insert.setString(9, text.citation());
                insert.setString(10, "https://inpn.mnhn.fr/docs-web/docs/download/" + text.cdDoc());
                insert.setBoolean(11, text.enable());
                insert.addBatch();
                id++;
            }
            insert.executeBatch();
        }
        Map<String, Integer> valueIds = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO taxonomie.bdc_statut_values (id_value, code_statut, label_statut) VALUES (?, ?, ?)")) {
            int id = 1;
            for (Map.Entry<String, String> value : VALUES.entrySet()) {
                valueIds.put(value.getKey(), id);
                insert.setInt(1, id);
                insert.setString(2, value.getKey());
                insert.setString(3, value.getValue());
                insert.addBatch();
                id++;
            }
            insert.executeBatch();
        }
        List<int[]> holdings = new ArrayList<>();
        try (PreparedStatement link = connection.prepareStatement("INSERT INTO taxonomie.bdc_statut_cor_text_values"
                + " (id_value_text, id_value, id_text) VALUES (?, ?, ?)")) {
            int id = 1;
            for (String[] holder : HOLDERS) {
                link.setInt(1, id);
                link.setInt(2, valueIds.get(holder[1]));
                link.setInt(3, textIds.get(holder[0]));
                link.addBatch();
                for (int i = 2; i < holder.length; i++) {
                    DemoTaxonomy.Taxon taxon = byName.get(holder[i]);
                    if (taxon == null) {
                        throw new IllegalStateException("no demo species " + holder[i]);
                    }
                    holdings.add(new int[] {id, taxon.cdNom(), taxon.cdRef()});
                }
                id++;
            }
            link.executeBatch();
        }
        DemoTaxonomy.Taxon synonym = taxonomy.taxa().stream()
                .filter(t -> t.lbNom().equals(SYNONYM_LISTED[1]) && t.cdNom() != t.cdRef()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no demo synonym " + SYNONYM_LISTED[1]));
        for (int i = 0; i < holdings.size(); i++) {
            int[] h = holdings.get(i);
            if (h[2] == synonym.cdRef() && isText(h[0], SYNONYM_LISTED[0])) {
                // INPN lists this status under the synonym's name, with its accepted cd_ref
                holdings.set(i, new int[] {h[0], synonym.cdNom(), synonym.cdRef()});
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO taxonomie.bdc_statut_taxons"
                + " (id, id_value_text, cd_nom, cd_ref, rq_statut) VALUES (?, ?, ?, ?, NULL)")) {
            int id = 1;
            for (int[] h : holdings) {
                insert.setInt(1, id++);
                insert.setInt(2, h[0]);
                insert.setInt(3, h[1]);
                insert.setInt(4, h[2]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO taxonomie.bdc_statut_cor_text_area"
                + " (id_text, id_area) SELECT ?, a.id_area FROM ref_geo.l_areas a"
                + " JOIN ref_geo.bib_areas_types ty ON ty.id_type = a.id_type"
                + " WHERE ty.type_code = 'DEP' AND (?::text IS NULL OR a.area_code = ?)")) {
            for (Text text : TEXTS) {
                // every demo département is in Île-de-France: national and regional texts cover them all
                insert.setInt(1, textIds.get(text.key()));
                insert.setString(2, text.departement());
                insert.setString(3, text.departement());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        st.execute("INSERT INTO taxonomie.bdc_statut (id, cd_nom, cd_ref, cd_sup, cd_type_statut, lb_type_statut,"
                + " regroupement_type, code_statut, label_statut, rq_statut, cd_sig, cd_doc, lb_nom, lb_auteur,"
                + " nom_complet_html, nom_valide_html, regne, phylum, classe, ordre, famille, group1_inpn, group2_inpn,"
                + " lb_adm_tr, niveau_admin, cd_iso3166_1, cd_iso3166_2, full_citation, doc_url, thematique, type_value)"
                + " SELECT s.id, s.cd_nom, s.cd_ref, tx.cd_sup, t.cd_type_statut, ty.lb_type_statut, ty.regroupement_type,"
                + " v.code_statut, v.label_statut, s.rq_statut, t.cd_sig, t.cd_doc, tx.lb_nom, tx.lb_auteur,"
                + " tx.nom_complet_html, tx.nom_valide, tx.regne, tx.phylum, tx.classe, tx.ordre, tx.famille,"
                + " tx.group1_inpn, tx.group2_inpn, t.lb_adm_tr, t.niveau_admin, t.cd_iso3166_1, t.cd_iso3166_2,"
                + " t.full_citation, t.doc_url, ty.thematique, ty.type_value"
                + " FROM taxonomie.bdc_statut_taxons s"
                + " JOIN taxonomie.bdc_statut_cor_text_values c ON c.id_value_text = s.id_value_text"
                + " JOIN taxonomie.bdc_statut_text t ON t.id_text = c.id_text"
                + " JOIN taxonomie.bdc_statut_values v ON v.id_value = c.id_value"
                + " JOIN taxonomie.bdc_statut_type ty ON ty.cd_type_statut = t.cd_type_statut"
                + " JOIN taxonomie.taxref tx ON tx.cd_nom = s.cd_nom ORDER BY s.id");
        for (String[] serial : new String[][] {{"bdc_statut", "id"}, {"bdc_statut_text", "id_text"},
                {"bdc_statut_values", "id_value"}, {"bdc_statut_cor_text_values", "id_value_text"}}) {
            st.execute("SELECT setval(pg_get_serial_sequence('taxonomie." + serial[0] + "', '" + serial[1] + "'),"
                    + " (SELECT max(" + serial[1] + ") FROM taxonomie." + serial[0] + "))");
        }
    }

    private static boolean isText(int idValueText, String textKey) {
        int id = 1;
        for (String[] holder : HOLDERS) {
            if (id == idValueText) {
                return holder[0].equals(textKey);
            }
            id++;
        }
        return false;
    }
}
