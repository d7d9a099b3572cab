package org.naturaflux.source.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A TAXREF extract for the demo: about 130 species found in Île-de-France with their real classification
 * (kingdom, phylum, class, order, family, genus, species, linked by {@code cd_sup}), their INPN groups
 * and vernacular names, a nominal subspecies for the animals and many plants, and real synonyms
 * ({@code cd_nom != cd_ref}) for some. Codes are the demo's own, not TAXREF's.
 *
 * <p>Each species also has a relative frequency in the observations and the sensitivity level the
 * platform's rules give it (0 for most; the generator gives most records of a sensitive species its
 * level).
 */
final class DemoTaxonomy {

    /** One TAXREF row. */
    record Taxon(int cdNom, int cdRef, Integer cdSup, String rank, String regne, String phylum, String classe,
                 String ordre, String famille, String lbNom, String lbAuteur, String nomValide, String nomVern,
                 String group1, String group2, String group3) {
    }

    /**
     * A name observers cite: a species, its subspecies or a synonym of it, with its share of the
     * species' observations.
     */
    record CitedName(int cdNom, String name, double weight, int sensitivity, String group2) {
    }

    private final List<Taxon> taxa = new ArrayList<>();
    private final List<CitedName> cited = new ArrayList<>();
    private final Map<String, Taxon> byName = new LinkedHashMap<>();
    private int next = 100_001;

    private DemoTaxonomy() {
    }

    static DemoTaxonomy build() {
        DemoTaxonomy t = new DemoTaxonomy();
        String[] bird = {"Animalia", "Chordata", "Aves", "Chordés", "Oiseaux", null};
        t.add(bird, "Passeriformes", "Turdidae", "Turdus merula", "Linnaeus, 1758", "Merle noir", 60, 0, null);
        t.add(bird, "Passeriformes", "Paridae", "Parus major", "Linnaeus, 1758", "Mésange charbonnière", 55, 0, null);
        t.add(bird, "Passeriformes", "Paridae", "Cyanistes caeruleus", "(Linnaeus, 1758)", "Mésange bleue", 45, 0, "Parus caeruleus");
        t.add(bird, "Columbiformes", "Columbidae", "Columba palumbus", "Linnaeus, 1758", "Pigeon ramier", 50, 0, null);
        t.add(bird, "Passeriformes", "Muscicapidae", "Erithacus rubecula", "(Linnaeus, 1758)", "Rougegorge familier", 45, 0, null);
        t.add(bird, "Passeriformes", "Passeridae", "Passer domesticus", "(Linnaeus, 1758)", "Moineau domestique", 40, 0, null);
        t.add(bird, "Passeriformes", "Corvidae", "Corvus corone", "Linnaeus, 1758", "Corneille noire", 40, 0, null);
        t.add(bird, "Passeriformes", "Sturnidae", "Sturnus vulgaris", "Linnaeus, 1758", "Étourneau sansonnet", 30, 0, null);
        t.add(bird, "Passeriformes", "Fringillidae", "Fringilla coelebs", "Linnaeus, 1758", "Pinson des arbres", 35, 0, null);
        t.add(bird, "Passeriformes", "Fringillidae", "Carduelis carduelis", "(Linnaeus, 1758)", "Chardonneret élégant", 10, 0, null);
        t.add(bird, "Passeriformes", "Fringillidae", "Chloris chloris", "(Linnaeus, 1758)", "Verdier d'Europe", 12, 0, "Carduelis chloris");
        t.add(bird, "Passeriformes", "Sylviidae", "Sylvia atricapilla", "(Linnaeus, 1758)", "Fauvette à tête noire", 35, 0, null);
        t.add(bird, "Passeriformes", "Phylloscopidae", "Phylloscopus collybita", "(Vieillot, 1817)", "Pouillot véloce", 30, 0, null);
        t.add(bird, "Passeriformes", "Troglodytidae", "Troglodytes troglodytes", "(Linnaeus, 1758)", "Troglodyte mignon", 30, 0, null);
        t.add(bird, "Passeriformes", "Hirundinidae", "Hirundo rustica", "Linnaeus, 1758", "Hirondelle rustique", 15, 0, null);
        t.add(bird, "Passeriformes", "Hirundinidae", "Delichon urbicum", "(Linnaeus, 1758)", "Hirondelle de fenêtre", 12, 0, "Delichon urbica");
        t.add(bird, "Passeriformes", "Alaudidae", "Alauda arvensis", "Linnaeus, 1758", "Alouette des champs", 8, 0, null);
        t.add(bird, "Passeriformes", "Oriolidae", "Oriolus oriolus", "(Linnaeus, 1758)", "Loriot d'Europe", 3, 0, null);
        t.add(bird, "Apodiformes", "Apodidae", "Apus apus", "(Linnaeus, 1758)", "Martinet noir", 20, 0, null);
        t.add(bird, "Piciformes", "Picidae", "Picus viridis", "Linnaeus, 1758", "Pic vert", 15, 0, null);
        t.add(bird, "Piciformes", "Picidae", "Dendrocopos major", "(Linnaeus, 1758)", "Pic épeiche", 20, 0, null);
        t.add(bird, "Piciformes", "Picidae", "Dryocopus martius", "(Linnaeus, 1758)", "Pic noir", 3, 0, null);
        t.add(bird, "Pelecaniformes", "Ardeidae", "Ardea cinerea", "Linnaeus, 1758", "Héron cendré", 20, 0, null);
        t.add(bird, "Pelecaniformes", "Ardeidae", "Botaurus stellaris", "(Linnaeus, 1758)", "Butor étoilé", 0.5, 2, null);
        t.add(bird, "Ciconiiformes", "Ciconiidae", "Ciconia nigra", "(Linnaeus, 1758)", "Cigogne noire", 0.3, 4, null);
        t.add(bird, "Anseriformes", "Anatidae", "Anas platyrhynchos", "Linnaeus, 1758", "Canard colvert", 35, 0, null);
        t.add(bird, "Gruiformes", "Rallidae", "Fulica atra", "Linnaeus, 1758", "Foulque macroule", 20, 0, null);
        t.add(bird, "Gruiformes", "Rallidae", "Gallinula chloropus", "(Linnaeus, 1758)", "Gallinule poule-d'eau", 15, 0, null);
        t.add(bird, "Charadriiformes", "Laridae", "Chroicocephalus ridibundus", "(Linnaeus, 1766)", "Mouette rieuse", 15, 0, "Larus ridibundus");
        t.add(bird, "Coraciiformes", "Alcedinidae", "Alcedo atthis", "(Linnaeus, 1758)", "Martin-pêcheur d'Europe", 4, 0, null);
        t.add(bird, "Falconiformes", "Falconidae", "Falco tinnunculus", "Linnaeus, 1758", "Faucon crécerelle", 12, 0, null);
        t.add(bird, "Falconiformes", "Falconidae", "Falco peregrinus", "Tunstall, 1771", "Faucon pèlerin", 2, 2, null);
        t.add(bird, "Accipitriformes", "Accipitridae", "Buteo buteo", "(Linnaeus, 1758)", "Buse variable", 15, 0, null);
        t.add(bird, "Accipitriformes", "Accipitridae", "Accipiter nisus", "(Linnaeus, 1758)", "Épervier d'Europe", 6, 0, null);
        t.add(bird, "Accipitriformes", "Accipitridae", "Circus aeruginosus", "(Linnaeus, 1758)", "Busard des roseaux", 2, 1, null);
        t.add(bird, "Accipitriformes", "Accipitridae", "Milvus migrans", "(Boddaert, 1783)", "Milan noir", 2, 0, null);
        t.add(bird, "Accipitriformes", "Accipitridae", "Pernis apivorus", "(Linnaeus, 1758)", "Bondrée apivore", 1, 1, null);
        t.add(bird, "Accipitriformes", "Accipitridae", "Circaetus gallicus", "(Gmelin, 1788)", "Circaète Jean-le-Blanc", 0.3, 3, null);
        t.add(bird, "Strigiformes", "Strigidae", "Athene noctua", "(Scopoli, 1769)", "Chevêche d'Athéna", 2, 1, null);
        t.add(bird, "Strigiformes", "Strigidae", "Strix aluco", "Linnaeus, 1758", "Chouette hulotte", 4, 0, null);
        t.add(bird, "Strigiformes", "Strigidae", "Bubo bubo", "(Linnaeus, 1758)", "Grand-duc d'Europe", 0.5, 2, null);

        String[] mammal = {"Animalia", "Chordata", "Mammalia", "Chordés", "Mammifères", null};
        t.add(mammal, "Carnivora", "Canidae", "Vulpes vulpes", "(Linnaeus, 1758)", "Renard roux", 8, 0, null);
        t.add(mammal, "Carnivora", "Mustelidae", "Meles meles", "(Linnaeus, 1758)", "Blaireau européen", 3, 0, null);
        t.add(mammal, "Carnivora", "Mustelidae", "Lutra lutra", "(Linnaeus, 1758)", "Loutre d'Europe", 0.3, 2, null);
        t.add(mammal, "Carnivora", "Mustelidae", "Mustela nivalis", "Linnaeus, 1766", "Belette d'Europe", 1, 0, null);
        t.add(mammal, "Artiodactyla", "Cervidae", "Capreolus capreolus", "(Linnaeus, 1758)", "Chevreuil européen", 8, 0, null);
        t.add(mammal, "Artiodactyla", "Cervidae", "Cervus elaphus", "Linnaeus, 1758", "Cerf élaphe", 2, 0, null);
        t.add(mammal, "Artiodactyla", "Suidae", "Sus scrofa", "Linnaeus, 1758", "Sanglier", 6, 0, null);
        t.add(mammal, "Rodentia", "Sciuridae", "Sciurus vulgaris", "Linnaeus, 1758", "Écureuil roux", 10, 0, null);
        t.add(mammal, "Rodentia", "Castoridae", "Castor fiber", "Linnaeus, 1758", "Castor d'Eurasie", 0.5, 1, null);
        t.add(mammal, "Lagomorpha", "Leporidae", "Oryctolagus cuniculus", "(Linnaeus, 1758)", "Lapin de garenne", 6, 0, null);
        t.add(mammal, "Lagomorpha", "Leporidae", "Lepus europaeus", "Pallas, 1778", "Lièvre d'Europe", 4, 0, null);
        t.add(mammal, "Eulipotyphla", "Erinaceidae", "Erinaceus europaeus", "Linnaeus, 1758", "Hérisson d'Europe", 8, 0, null);
        t.add(mammal, "Eulipotyphla", "Talpidae", "Talpa europaea", "Linnaeus, 1758", "Taupe d'Europe", 3, 0, null);
        t.add(mammal, "Chiroptera", "Vespertilionidae", "Pipistrellus pipistrellus", "(Schreber, 1774)", "Pipistrelle commune", 10, 0, null);
        t.add(mammal, "Chiroptera", "Vespertilionidae", "Nyctalus noctula", "(Schreber, 1774)", "Noctule commune", 2, 0, null);
        t.add(mammal, "Chiroptera", "Vespertilionidae", "Myotis myotis", "(Borkhausen, 1797)", "Grand Murin", 1, 1, null);
        t.add(mammal, "Chiroptera", "Rhinolophidae", "Rhinolophus ferrumequinum", "(Schreber, 1774)", "Grand rhinolophe", 0.8, 1, null);

        String[] amphibian = {"Animalia", "Chordata", "Amphibia", "Chordés", "Amphibiens", null};
        t.add(amphibian, "Anura", "Bufonidae", "Bufo bufo", "(Linnaeus, 1758)", "Crapaud commun", 8, 0, null);
        t.add(amphibian, "Anura", "Ranidae", "Rana dalmatina", "Fitzinger in Bonaparte, 1838", "Grenouille agile", 5, 0, null);
        t.add(amphibian, "Anura", "Ranidae", "Pelophylax ridibundus", "(Pallas, 1771)", "Grenouille rieuse", 4, 0, "Rana ridibunda");
        t.add(amphibian, "Anura", "Alytidae", "Alytes obstetricans", "(Laurenti, 1768)", "Alyte accoucheur", 2, 0, null);
        t.add(amphibian, "Anura", "Hylidae", "Hyla arborea", "(Linnaeus, 1758)", "Rainette verte", 1, 0, null);
        t.add(amphibian, "Anura", "Bombinatoridae", "Bombina variegata", "(Linnaeus, 1758)", "Sonneur à ventre jaune", 0.5, 1, null);
        t.add(amphibian, "Urodela", "Salamandridae", "Triturus cristatus", "(Laurenti, 1768)", "Triton crêté", 2, 0, null);
        t.add(amphibian, "Urodela", "Salamandridae", "Lissotriton helveticus", "(Razoumowsky, 1789)", "Triton palmé", 3, 0, "Triturus helveticus");
        t.add(amphibian, "Urodela", "Salamandridae", "Salamandra salamandra", "(Linnaeus, 1758)", "Salamandre tachetée", 2, 0, null);

        String[] reptile = {"Animalia", "Chordata", "Reptilia", "Chordés", "Reptiles", null};
        t.add(reptile, "Squamata", "Lacertidae", "Podarcis muralis", "(Laurenti, 1768)", "Lézard des murailles", 8, 0, null);
        t.add(reptile, "Squamata", "Lacertidae", "Lacerta bilineata", "Daudin, 1802", "Lézard à deux raies", 2, 0, null);
        t.add(reptile, "Squamata", "Lacertidae", "Zootoca vivipara", "(Lichtenstein, 1823)", "Lézard vivipare", 1, 0, "Lacerta vivipara");
        t.add(reptile, "Squamata", "Natricidae", "Natrix helvetica", "(Lacepède, 1789)", "Couleuvre helvétique", 3, 0, null);
        t.add(reptile, "Squamata", "Colubridae", "Coronella austriaca", "Laurenti, 1768", "Coronelle lisse", 0.5, 1, null);
        t.add(reptile, "Squamata", "Viperidae", "Vipera berus", "(Linnaeus, 1758)", "Vipère péliade", 0.5, 2, null);
        t.add(reptile, "Squamata", "Anguidae", "Anguis fragilis", "Linnaeus, 1758", "Orvet fragile", 3, 0, null);
        t.add(reptile, "Testudines", "Emydidae", "Emys orbicularis", "(Linnaeus, 1758)", "Cistude d'Europe", 0.3, 3, null);

        String[] fish = {"Animalia", "Chordata", "Actinopterygii", "Chordés", "Poissons", null};
        t.add(fish, "Esociformes", "Esocidae", "Esox lucius", "Linnaeus, 1758", "Brochet", 2, 0, null);
        t.add(fish, "Salmoniformes", "Salmonidae", "Salmo trutta", "Linnaeus, 1758", "Truite de mer", 1, 0, null);
        t.add(fish, "Anguilliformes", "Anguillidae", "Anguilla anguilla", "(Linnaeus, 1758)", "Anguille d'Europe", 0.5, 0, null);

        String[] lepidoptera = {"Animalia", "Arthropoda", "Insecta", "Arthropodes", "Insectes", "Lépidoptères"};
        t.add(lepidoptera, "Lepidoptera", "Nymphalidae", "Vanessa atalanta", "(Linnaeus, 1758)", "Vulcain", 8, 0, null);
        t.add(lepidoptera, "Lepidoptera", "Nymphalidae", "Aglais io", "(Linnaeus, 1758)", "Paon-du-jour", 8, 0, "Inachis io");
        t.add(lepidoptera, "Lepidoptera", "Nymphalidae", "Maniola jurtina", "(Linnaeus, 1758)", "Myrtil", 8, 0, null);
        t.add(lepidoptera, "Lepidoptera", "Pieridae", "Pieris rapae", "(Linnaeus, 1758)", "Piéride de la Rave", 10, 0, null);
        t.add(lepidoptera, "Lepidoptera", "Papilionidae", "Papilio machaon", "Linnaeus, 1758", "Machaon", 3, 0, null);
        t.add(lepidoptera, "Lepidoptera", "Lycaenidae", "Polyommatus icarus", "(Rottemburg, 1775)", "Azuré de la Bugrane", 6, 0, null);
        t.add(lepidoptera, "Lepidoptera", "Erebidae", "Euplagia quadripunctaria", "(Poda, 1761)", "Écaille chinée", 1, 0, null);
        String[] coleoptera = {"Animalia", "Arthropoda", "Insecta", "Arthropodes", "Insectes", "Coléoptères"};
        t.add(coleoptera, "Coleoptera", "Lucanidae", "Lucanus cervus", "(Linnaeus, 1758)", "Lucane cerf-volant", 3, 0, null);
        t.add(coleoptera, "Coleoptera", "Cerambycidae", "Cerambyx cerdo", "Linnaeus, 1758", "Grand Capricorne", 0.5, 0, null);
        t.add(coleoptera, "Coleoptera", "Cetoniidae", "Osmoderma eremita", "(Scopoli, 1763)", "Pique-prune", 0.2, 2, null);
        t.add(coleoptera, "Coleoptera", "Coccinellidae", "Coccinella septempunctata", "Linnaeus, 1758", "Coccinelle à sept points", 6, 0, null);
        t.add(coleoptera, "Coleoptera", "Coccinellidae", "Harmonia axyridis", "(Pallas, 1773)", "Coccinelle asiatique", 5, 0, null);
        String[] odonata = {"Animalia", "Arthropoda", "Insecta", "Arthropodes", "Insectes", "Odonates"};
        t.add(odonata, "Odonata", "Aeshnidae", "Aeshna cyanea", "(O.F. Müller, 1764)", "Aeschne bleue", 4, 0, null);
        t.add(odonata, "Odonata", "Aeshnidae", "Anax imperator", "Leach, 1815", "Anax empereur", 4, 0, null);
        t.add(odonata, "Odonata", "Libellulidae", "Libellula depressa", "Linnaeus, 1758", "Libellule déprimée", 4, 0, null);
        t.add(odonata, "Odonata", "Calopterygidae", "Calopteryx splendens", "(Harris, 1780)", "Caloptéryx éclatant", 5, 0, null);
        String[] orthoptera = {"Animalia", "Arthropoda", "Insecta", "Arthropodes", "Insectes", "Orthoptères"};
        t.add(orthoptera, "Orthoptera", "Tettigoniidae", "Tettigonia viridissima", "(Linnaeus, 1758)", "Grande Sauterelle verte", 4, 0, null);
        t.add(orthoptera, "Orthoptera", "Acrididae", "Oedipoda caerulescens", "(Linnaeus, 1758)", "Œdipode turquoise", 2, 0, null);
        String[] hymenoptera = {"Animalia", "Arthropoda", "Insecta", "Arthropodes", "Insectes", "Hyménoptères"};
        t.add(hymenoptera, "Hymenoptera", "Apidae", "Bombus terrestris", "(Linnaeus, 1758)", "Bourdon terrestre", 6, 0, null);
        t.add(hymenoptera, "Hymenoptera", "Apidae", "Apis mellifera", "Linnaeus, 1758", "Abeille domestique", 6, 0, null);
        t.add(hymenoptera, "Hymenoptera", "Apidae", "Xylocopa violacea", "(Linnaeus, 1758)", "Xylocope violet", 2, 0, null);

        String[] spider = {"Animalia", "Arthropoda", "Arachnida", "Arthropodes", "Arachnides", null};
        t.add(spider, "Araneae", "Araneidae", "Araneus diadematus", "Clerck, 1757", "Épeire diadème", 3, 0, null);
        t.add(spider, "Araneae", "Araneidae", "Argiope bruennichi", "(Scopoli, 1772)", "Argiope frelon", 3, 0, null);
        String[] snail = {"Animalia", "Mollusca", "Gastropoda", "Mollusques", "Gastéropodes", null};
        t.add(snail, "Stylommatophora", "Helicidae", "Helix pomatia", "Linnaeus, 1758", "Escargot de Bourgogne", 2, 0, null);
        t.add(snail, "Stylommatophora", "Helicidae", "Cepaea nemoralis", "(Linnaeus, 1758)", "Escargot des haies", 3, 0, null);
        String[] mussel = {"Animalia", "Mollusca", "Bivalvia", "Mollusques", "Bivalves", null};
        t.add(mussel, "Unionida", "Unionidae", "Unio pictorum", "(Linnaeus, 1758)", "Mulette des peintres", 0.5, 0, null);

        String[] flower = {"Plantae", "Tracheophyta", "Equisetopsida", "Trachéophytes", "Angiospermes", null};
        t.add(flower, "Fagales", "Fagaceae", "Quercus robur", "L., 1753", "Chêne pédonculé", 10, 0, null);
        t.add(flower, "Fagales", "Fagaceae", "Fagus sylvatica", "L., 1753", "Hêtre", 6, 0, null);
        t.add(flower, "Fagales", "Betulaceae", "Carpinus betulus", "L., 1753", "Charme", 6, 0, null);
        t.add(flower, "Sapindales", "Sapindaceae", "Acer campestre", "L., 1753", "Érable champêtre", 4, 0, null);
        t.add(flower, "Rosales", "Ulmaceae", "Ulmus minor", "Mill., 1768", "Petit orme", 2, 0, "Ulmus campestris");
        t.add(flower, "Rosales", "Urticaceae", "Urtica dioica", "L., 1753", "Grande ortie", 8, 0, null);
        t.add(flower, "Rosales", "Rosaceae", "Prunus spinosa", "L., 1753", "Prunellier", 4, 0, null);
        t.add(flower, "Rosales", "Rosaceae", "Crataegus monogyna", "Jacq., 1775", "Aubépine à un style", 5, 0, null);
        t.add(flower, "Cornales", "Cornaceae", "Cornus sanguinea", "L., 1753", "Cornouiller sanguin", 4, 0, null);
        t.add(flower, "Apiales", "Araliaceae", "Hedera helix", "L., 1753", "Lierre grimpant", 8, 0, null);
        t.add(flower, "Asterales", "Asteraceae", "Bellis perennis", "L., 1753", "Pâquerette", 8, 0, null);
        t.add(flower, "Asterales", "Asteraceae", "Centaurea jacea", "L., 1753", "Centaurée jacée", 3, 0, null);
        t.add(flower, "Ranunculales", "Ranunculaceae", "Ranunculus acris", "L., 1753", "Bouton d'or", 5, 0, null);
        t.add(flower, "Ranunculales", "Ranunculaceae", "Anemone nemorosa", "L., 1753", "Anémone des bois", 5, 0, null);
        t.add(flower, "Ranunculales", "Ranunculaceae", "Pulsatilla vulgaris", "Mill., 1768", "Anémone pulsatille", 0.8, 1, "Anemone pulsatilla");
        t.add(flower, "Ericales", "Primulaceae", "Primula veris", "L., 1753", "Coucou", 3, 0, null);
        t.add(flower, "Malpighiales", "Violaceae", "Viola odorata", "L., 1753", "Violette odorante", 3, 0, null);
        t.add(flower, "Asparagales", "Asparagaceae", "Hyacinthoides non-scripta", "(L.) Chouard ex Rothm., 1944", "Jacinthe des bois", 3, 0, "Endymion non-scriptus");
        t.add(flower, "Asparagales", "Iridaceae", "Iris pseudacorus", "L., 1753", "Iris faux acore", 3, 0, null);
        t.add(flower, "Asparagales", "Orchidaceae", "Ophrys apifera", "Huds., 1762", "Ophrys abeille", 2, 0, null);
        t.add(flower, "Asparagales", "Orchidaceae", "Orchis purpurea", "Huds., 1762", "Orchis pourpre", 2, 0, null);
        t.add(flower, "Asparagales", "Orchidaceae", "Anacamptis pyramidalis", "(L.) Rich., 1817", "Orchis pyramidal", 2, 0, "Orchis pyramidalis");
        t.add(flower, "Asparagales", "Orchidaceae", "Himantoglossum hircinum", "(L.) Spreng., 1826", "Orchis bouc", 1, 0, null);
        t.add(flower, "Asparagales", "Orchidaceae", "Cypripedium calceolus", "L., 1753", "Sabot de Vénus", 0.1, 4, null);
        t.add(flower, "Poales", "Cyperaceae", "Carex elata", "All., 1785", "Laîche raide", 2, 0, null);
        t.add(flower, "Poales", "Typhaceae", "Typha latifolia", "L., 1753", "Massette à larges feuilles", 3, 0, null);
        t.add(flower, "Poales", "Poaceae", "Phragmites australis", "(Cav.) Trin. ex Steud., 1840", "Roseau commun", 3, 0, "Phragmites communis");
        t.add(flower, "Nymphaeales", "Nymphaeaceae", "Nymphaea alba", "L., 1753", "Nénuphar blanc", 1, 0, null);
        t.add(flower, "Myrtales", "Lythraceae", "Trapa natans", "L., 1753", "Châtaigne d'eau", 0.3, 3, null);
        String[] conifer = {"Plantae", "Tracheophyta", "Equisetopsida", "Trachéophytes", "Gymnospermes", null};
        t.add(conifer, "Pinales", "Pinaceae", "Pinus sylvestris", "L., 1753", "Pin sylvestre", 4, 0, null);
        t.add(conifer, "Pinales", "Taxaceae", "Taxus baccata", "L., 1753", "If commun", 1, 0, null);
        t.add(conifer, "Pinales", "Cupressaceae", "Juniperus communis", "L., 1753", "Genévrier commun", 1, 0, null);
        String[] fern = {"Plantae", "Tracheophyta", "Equisetopsida", "Trachéophytes", "Fougères", null};
        t.add(fern, "Polypodiales", "Aspleniaceae", "Asplenium scolopendrium", "L., 1753", "Scolopendre", 2, 0, "Phyllitis scolopendrium");
        t.add(fern, "Polypodiales", "Dryopteridaceae", "Dryopteris filix-mas", "(L.) Schott, 1834", "Fougère mâle", 3, 0, null);
        t.add(fern, "Polypodiales", "Dennstaedtiaceae", "Pteridium aquilinum", "(L.) Kuhn, 1879", "Fougère aigle", 4, 0, null);
        t.add(fern, "Polypodiales", "Polypodiaceae", "Polypodium vulgare", "L., 1753", "Réglisse des bois", 2, 0, null);
        t.add(fern, "Osmundales", "Osmundaceae", "Osmunda regalis", "L., 1753", "Osmonde royale", 0.5, 1, null);
        String[] moss = {"Plantae", "Bryophyta", "Bryopsida", "Bryophytes", "Mousses", null};
        t.add(moss, "Polytrichales", "Polytrichaceae", "Polytrichum formosum", "Hedw., 1801", "Polytric élégant", 1, 0, null);
        String[] sphagnum = {"Plantae", "Bryophyta", "Sphagnopsida", "Bryophytes", "Mousses", null};
        t.add(sphagnum, "Sphagnales", "Sphagnaceae", "Sphagnum palustre", "L., 1753", "Sphaigne des marais", 0.3, 1, null);
        return t;
    }

    /** Every TAXREF row, parents before children. */
    List<Taxon> taxa() {
        return List.copyOf(taxa);
    }

    /** The names observers cite, with their relative frequencies. */
    List<CitedName> citedNames() {
        return List.copyOf(cited);
    }

    /**
     * Adds a species with its ranks above it (shared with the species added before), its nominal
     * subspecies and, when given, a synonym.
     *
     * @param kind        kingdom, phylum, class, INPN groups 1, 2 and 3
     * @param weight      relative frequency of the species in the observations
     * @param sensitivity the SENSIBILITE code the platform's rules give the species
     */
    private void add(String[] kind, String ordre, String famille, String name, String author, String vern,
                     double weight, int sensitivity, String synonym) {
        String regne = kind[0];
        String phylum = kind[1];
        String classe = kind[2];
        Taxon kd = rank("KD", regne, null, regne, null, null, null, null, null);
        Taxon ph = rank("PH", phylum, kd, regne, phylum, null, null, null, kind[3]);
        Taxon cl = rank("CL", classe, ph, regne, phylum, classe, null, null, kind[3], kind[4], null);
        Taxon or = rank("OR", ordre, cl, regne, phylum, classe, ordre, null, kind[3], kind[4], kind[5]);
        Taxon fm = rank("FM", famille, or, regne, phylum, classe, ordre, famille, kind[3], kind[4], kind[5]);
        String genus = name.substring(0, name.indexOf(' '));
        Taxon gn = rank("GN", genus, fm, regne, phylum, classe, ordre, famille, kind[3], kind[4], kind[5]);
        Taxon es = new Taxon(next, next, gn.cdNom(), "ES", regne, phylum, classe, ordre, famille, name, author,
                name + " " + author, vern, kind[3], kind[4], kind[5]);
        next++;
        taxa.add(es);
        boolean animal = "Animalia".equals(regne);
        boolean nominalSubspecies = animal || weight >= 3;
        double speciesShare = nominalSubspecies ? (synonym != null ? 0.90 : 0.94) : (synonym != null ? 0.96 : 1.0);
        cited.add(new CitedName(es.cdNom(), name, weight * speciesShare, sensitivity, kind[4]));
        if (nominalSubspecies) {
            String epithet = name.substring(name.indexOf(' ') + 1);
            String ssp = animal ? name + " " + epithet : name + " subsp. " + epithet;
            Taxon sub = new Taxon(next, next, es.cdNom(), "SSES", regne, phylum, classe, ordre, famille, ssp, author,
                    ssp + " " + author, vern, kind[3], kind[4], kind[5]);
            next++;
            taxa.add(sub);
            cited.add(new CitedName(sub.cdNom(), ssp, weight * 0.06, sensitivity, kind[4]));
        }
        if (synonym != null) {
            Taxon syn = new Taxon(next, es.cdNom(), gn.cdNom(), "ES", regne, phylum, classe, ordre, famille, synonym,
                    author, es.nomValide(), vern, kind[3], kind[4], kind[5]);
            next++;
            taxa.add(syn);
            cited.add(new CitedName(syn.cdNom(), synonym, weight * 0.04, sensitivity, kind[4]));
        }
    }

    /** The taxon of that rank and name, created under {@code parent} the first time. */
    private Taxon rank(String rank, String name, Taxon parent, String regne, String phylum, String classe, String ordre,
                       String famille, String group1, String... groups23) {
        String group2 = groups23.length > 0 ? groups23[0] : null;
        String group3 = groups23.length > 1 ? groups23[1] : null;
        Taxon existing = byName.get(rank + ":" + name);
        if (existing != null) {
            if (Objects.equals(existing.group2(), group2) && Objects.equals(existing.group3(), group3)) {
                return existing;
            }
            // a rank shared by species of different INPN groups (a class of ferns and flowering plants) has none
            Taxon shared = new Taxon(existing.cdNom(), existing.cdRef(), existing.cdSup(), rank, regne, phylum, classe, ordre,
                    famille, name, null, name, null, existing.group1(),
                    Objects.equals(existing.group2(), group2) ? group2 : null,
                    Objects.equals(existing.group3(), group3) ? group3 : null);
            taxa.set(taxa.indexOf(existing), shared);
            byName.put(rank + ":" + name, shared);
            return shared;
        }
        Taxon t = new Taxon(next, next, parent == null ? null : parent.cdNom(), rank, regne, phylum, classe, ordre, famille,
                name, null, name, null, group1, group2, group3);
        next++;
        taxa.add(t);
        byName.put(rank + ":" + name, t);
        return t;
    }
}
