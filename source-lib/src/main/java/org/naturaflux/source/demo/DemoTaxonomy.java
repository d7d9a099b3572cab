package org.naturaflux.source.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TAXREF extract for the demo: real names of species found in Île-de-France with their true
 * classification (kingdom to genus, linked by {@code cd_sup}), INPN groups and vernacular names, plus
 * synonyms ({@code cd_nom != cd_ref}). Codes are the demo's own, not TAXREF's.
 */
final class DemoTaxonomy {

    /** One TAXREF row. */
    record Taxon(int cdNom, int cdRef, Integer cdSup, String rank, String regne, String phylum, String classe,
                 String ordre, String famille, String lbNom, String nomValide, String nomVern, String group1,
                 String group2, String group3) {
    }

    private final List<Taxon> taxa = new ArrayList<>();
    private final Map<String, Taxon> byName = new LinkedHashMap<>();
    private int next = 100_001;

    static List<Taxon> build() {
        DemoTaxonomy t = new DemoTaxonomy();
        t.species("Animalia", "Chordata", "Aves", "Passeriformes", "Paridae", "Parus major", "Mésange charbonnière", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Passeriformes", "Paridae", "Cyanistes caeruleus", "Mésange bleue", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Passeriformes", "Turdidae", "Turdus merula", "Merle noir", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Passeriformes", "Turdidae", "Turdus philomelos", "Grive musicienne", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Passeriformes", "Fringillidae", "Fringilla coelebs", "Pinson des arbres", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Passeriformes", "Fringillidae", "Carduelis carduelis", "Chardonneret élégant", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Passeriformes", "Hirundinidae", "Hirundo rustica", "Hirondelle rustique", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Passeriformes", "Alaudidae", "Alauda arvensis", "Alouette des champs", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Falconiformes", "Falconidae", "Falco tinnunculus", "Faucon crécerelle", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Falconiformes", "Falconidae", "Falco peregrinus", "Faucon pèlerin", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Accipitriformes", "Accipitridae", "Circus aeruginosus", "Busard des roseaux", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Accipitriformes", "Accipitridae", "Milvus migrans", "Milan noir", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Strigiformes", "Strigidae", "Athene noctua", "Chevêche d'Athéna", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Strigiformes", "Strigidae", "Bubo bubo", "Grand-duc d'Europe", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Pelecaniformes", "Ardeidae", "Ardea cinerea", "Héron cendré", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Pelecaniformes", "Ardeidae", "Botaurus stellaris", "Butor étoilé", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Piciformes", "Picidae", "Dryocopus martius", "Pic noir", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Aves", "Piciformes", "Picidae", "Dendrocopos major", "Pic épeiche", "Chordés", "Oiseaux", null);
        t.species("Animalia", "Chordata", "Mammalia", "Chiroptera", "Vespertilionidae", "Pipistrellus pipistrellus", "Pipistrelle commune", "Chordés", "Mammifères", null);
        t.species("Animalia", "Chordata", "Mammalia", "Chiroptera", "Vespertilionidae", "Myotis myotis", "Grand Murin", "Chordés", "Mammifères", null);
        t.species("Animalia", "Chordata", "Mammalia", "Chiroptera", "Rhinolophidae", "Rhinolophus ferrumequinum", "Grand rhinolophe", "Chordés", "Mammifères", null);
        t.species("Animalia", "Chordata", "Mammalia", "Carnivora", "Mustelidae", "Meles meles", "Blaireau européen", "Chordés", "Mammifères", null);
        t.species("Animalia", "Chordata", "Mammalia", "Carnivora", "Mustelidae", "Lutra lutra", "Loutre d'Europe", "Chordés", "Mammifères", null);
        t.species("Animalia", "Chordata", "Mammalia", "Carnivora", "Canidae", "Vulpes vulpes", "Renard roux", "Chordés", "Mammifères", null);
        t.species("Animalia", "Chordata", "Mammalia", "Rodentia", "Sciuridae", "Sciurus vulgaris", "Écureuil roux", "Chordés", "Mammifères", null);
        t.species("Animalia", "Chordata", "Mammalia", "Rodentia", "Castoridae", "Castor fiber", "Castor d'Eurasie", "Chordés", "Mammifères", null);
        t.species("Animalia", "Chordata", "Mammalia", "Eulipotyphla", "Erinaceidae", "Erinaceus europaeus", "Hérisson d'Europe", "Chordés", "Mammifères", null);
        t.species("Animalia", "Chordata", "Mammalia", "Artiodactyla", "Cervidae", "Capreolus capreolus", "Chevreuil européen", "Chordés", "Mammifères", null);
        t.species("Animalia", "Chordata", "Amphibia", "Anura", "Bufonidae", "Bufo bufo", "Crapaud commun", "Chordés", "Amphibiens", null);
        t.species("Animalia", "Chordata", "Amphibia", "Anura", "Ranidae", "Rana dalmatina", "Grenouille agile", "Chordés", "Amphibiens", null);
        t.species("Animalia", "Chordata", "Amphibia", "Anura", "Alytidae", "Alytes obstetricans", "Alyte accoucheur", "Chordés", "Amphibiens", null);
        t.species("Animalia", "Chordata", "Amphibia", "Urodela", "Salamandridae", "Triturus cristatus", "Triton crêté", "Chordés", "Amphibiens", null);
        t.species("Animalia", "Chordata", "Amphibia", "Urodela", "Salamandridae", "Salamandra salamandra", "Salamandre tachetée", "Chordés", "Amphibiens", null);
        t.species("Animalia", "Chordata", "Reptilia", "Squamata", "Lacertidae", "Podarcis muralis", "Lézard des murailles", "Chordés", "Reptiles", null);
        t.species("Animalia", "Chordata", "Reptilia", "Squamata", "Natricidae", "Natrix helvetica", "Couleuvre helvétique", "Chordés", "Reptiles", null);
        t.species("Animalia", "Chordata", "Reptilia", "Squamata", "Anguidae", "Anguis fragilis", "Orvet fragile", "Chordés", "Reptiles", null);
        t.species("Animalia", "Arthropoda", "Insecta", "Lepidoptera", "Nymphalidae", "Vanessa atalanta", "Vulcain", "Arthropodes", "Insectes", "Lépidoptères");
        t.species("Animalia", "Arthropoda", "Insecta", "Lepidoptera", "Nymphalidae", "Aglais io", "Paon-du-jour", "Arthropodes", "Insectes", "Lépidoptères");
        t.species("Animalia", "Arthropoda", "Insecta", "Lepidoptera", "Papilionidae", "Papilio machaon", "Machaon", "Arthropodes", "Insectes", "Lépidoptères");
        t.species("Animalia", "Arthropoda", "Insecta", "Lepidoptera", "Lycaenidae", "Polyommatus icarus", "Azuré de la Bugrane", "Arthropodes", "Insectes", "Lépidoptères");
        t.species("Animalia", "Arthropoda", "Insecta", "Coleoptera", "Lucanidae", "Lucanus cervus", "Lucane cerf-volant", "Arthropodes", "Insectes", "Coléoptères");
        t.species("Animalia", "Arthropoda", "Insecta", "Coleoptera", "Cerambycidae", "Cerambyx cerdo", "Grand Capricorne", "Arthropodes", "Insectes", "Coléoptères");
        t.species("Animalia", "Arthropoda", "Insecta", "Coleoptera", "Coccinellidae", "Coccinella septempunctata", "Coccinelle à sept points", "Arthropodes", "Insectes", "Coléoptères");
        t.species("Animalia", "Arthropoda", "Insecta", "Odonata", "Aeshnidae", "Aeshna cyanea", "Aeschne bleue", "Arthropodes", "Insectes", "Odonates");
        t.species("Animalia", "Arthropoda", "Insecta", "Odonata", "Libellulidae", "Libellula depressa", "Libellule déprimée", "Arthropodes", "Insectes", "Odonates");
        t.species("Animalia", "Arthropoda", "Insecta", "Orthoptera", "Tettigoniidae", "Tettigonia viridissima", "Grande Sauterelle verte", "Arthropodes", "Insectes", "Orthoptères");
        t.species("Plantae", "Tracheophyta", "Equisetopsida", "Asparagales", "Orchidaceae", "Ophrys apifera", "Ophrys abeille", "Trachéophytes", "Angiospermes", null);
        t.species("Plantae", "Tracheophyta", "Equisetopsida", "Asparagales", "Orchidaceae", "Orchis purpurea", "Orchis pourpre", "Trachéophytes", "Angiospermes", null);
        t.species("Plantae", "Tracheophyta", "Equisetopsida", "Asparagales", "Orchidaceae", "Anacamptis pyramidalis", "Orchis pyramidal", "Trachéophytes", "Angiospermes", null);
        t.species("Plantae", "Tracheophyta", "Equisetopsida", "Asterales", "Asteraceae", "Bellis perennis", "Pâquerette", "Trachéophytes", "Angiospermes", null);
        t.species("Plantae", "Tracheophyta", "Equisetopsida", "Asterales", "Asteraceae", "Centaurea jacea", "Centaurée jacée", "Trachéophytes", "Angiospermes", null);
        t.species("Plantae", "Tracheophyta", "Equisetopsida", "Ranunculales", "Ranunculaceae", "Anemone nemorosa", "Anémone des bois", "Trachéophytes", "Angiospermes", null);
        t.species("Plantae", "Tracheophyta", "Equisetopsida", "Ranunculales", "Ranunculaceae", "Pulsatilla vulgaris", "Anémone pulsatille", "Trachéophytes", "Angiospermes", null);
        t.species("Plantae", "Tracheophyta", "Equisetopsida", "Fagales", "Fagaceae", "Quercus robur", "Chêne pédonculé", "Trachéophytes", "Angiospermes", null);
        t.species("Plantae", "Tracheophyta", "Equisetopsida", "Poales", "Cyperaceae", "Carex elata", "Laîche raide", "Trachéophytes", "Angiospermes", null);
        t.species("Plantae", "Tracheophyta", "Equisetopsida", "Polypodiales", "Aspleniaceae", "Asplenium scolopendrium", "Scolopendre", "Trachéophytes", "Fougères", null);
        t.species("Plantae", "Tracheophyta", "Equisetopsida", "Polypodiales", "Dryopteridaceae", "Dryopteris filix-mas", "Fougère mâle", "Trachéophytes", "Fougères", null);
        t.species("Plantae", "Tracheophyta", "Equisetopsida", "Osmundales", "Osmundaceae", "Osmunda regalis", "Osmonde royale", "Trachéophytes", "Fougères", null);
        t.subspeciesAndSynonyms();
        return List.copyOf(t.taxa);
    }

    private Taxon rank(String rank, String name, Taxon parent, Taxon template, String vern) {
        Taxon existing = byName.get(rank + ":" + name);
        if (existing != null) {
            return existing;
        }
        int cd = next++;
        Taxon t = new Taxon(cd, cd, parent == null ? null : parent.cdNom(), rank, template.regne(), template.phylum(),
                template.classe(), template.ordre(), template.famille(), name, name, vern, template.group1(),
                template.group2(), template.group3());
        taxa.add(t);
        byName.put(rank + ":" + name, t);
        return t;
    }

    private void species(String regne, String phylum, String classe, String ordre, String famille, String name,
                         String vern, String g1, String g2, String g3) {
        Taxon template = new Taxon(0, 0, null, "ES", regne, phylum, classe, ordre, famille, name, name, vern, g1, g2, g3);
        Taxon kd = rank("KD", regne, null, new Taxon(0, 0, null, "KD", regne, null, null, null, null, regne, regne, null, null, null, null), null);
        Taxon ph = rank("PH", phylum, kd, new Taxon(0, 0, null, "PH", regne, phylum, null, null, null, phylum, phylum, null, g1, null, null), null);
        Taxon cl = rank("CL", classe, ph, new Taxon(0, 0, null, "CL", regne, phylum, classe, null, null, classe, classe, null, g1, g2, null), null);
        Taxon or = rank("OR", ordre, cl, new Taxon(0, 0, null, "OR", regne, phylum, classe, ordre, null, ordre, ordre, null, g1, g2, g3), null);
        Taxon fm = rank("FM", famille, or, new Taxon(0, 0, null, "FM", regne, phylum, classe, ordre, famille, famille, famille, null, g1, g2, g3), null);
        String genus = name.substring(0, name.indexOf(' '));
        Taxon gn = rank("GN", genus, fm, template, null);
        rank("ES", name, gn, template, vern);
    }

    /** Adds a nominal subspecies under every species, and a synonym name pointing to each species. */
    private void subspeciesAndSynonyms() {
        List<Taxon> species = taxa.stream().filter(t -> t.rank().equals("ES")).toList();
        for (Taxon sp : species) {
            String epithet = sp.lbNom().substring(sp.lbNom().indexOf(' ') + 1);
            String ssp = sp.lbNom() + " subsp. " + epithet;
            int cd = next++;
            taxa.add(new Taxon(cd, cd, sp.cdNom(), "SSES", sp.regne(), sp.phylum(), sp.classe(), sp.ordre(), sp.famille(),
                    ssp, ssp, sp.nomVern(), sp.group1(), sp.group2(), sp.group3()));
            int synonym = next++;
            String old = sp.lbNom().replace(' ', '-').toLowerCase(java.util.Locale.ROOT);
            String synonymName = Character.toUpperCase(old.charAt(0)) + old.substring(1) + " auct.";
            taxa.add(new Taxon(synonym, sp.cdNom(), sp.cdSup(), "ES", sp.regne(), sp.phylum(), sp.classe(), sp.ordre(),
                    sp.famille(), synonymName, sp.nomValide(), sp.nomVern(), sp.group1(), sp.group2(), sp.group3()));
        }
    }
}
