-- SINP nomenclatures (codes and French labels of the national reference) used by the export fields.
-- Idempotent: types and values are inserted when missing.
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('SENSIBILITE', 'Niveaux de sensibilité', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('0', 'Non sensible - Diffusion précise'), ('1', 'Sensible - Diffusion à la Commune ou Znieff'), ('2', 'Sensible - Diffusion à la maille 10km'), ('3', 'Sensible - Diffusion au département'), ('4', 'Sensible - Aucune diffusion')) AS v(cd, label)
WHERE t.mnemonique = 'SENSIBILITE' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('NIV_PRECIS', 'Niveaux de précision de diffusion', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('0', 'Standard'), ('1', 'Commune'), ('2', 'Maille'), ('3', 'Département'), ('4', 'Aucune'), ('5', 'Précise')) AS v(cd, label)
WHERE t.mnemonique = 'NIV_PRECIS' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('STATUT_VALID', 'Statut de validation', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('0', 'En attente de validation'), ('1', 'Certain - très probable'), ('2', 'Probable'), ('3', 'Douteux'), ('4', 'Invalide'), ('5', 'Non réalisable'), ('6', 'Inconnu')) AS v(cd, label)
WHERE t.mnemonique = 'STATUT_VALID' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('NAT_OBJ_GEO', 'Nature d''objet géographique', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('In', 'Inventoriel'), ('NSP', 'Ne sait pas'), ('St', 'Stationnel')) AS v(cd, label)
WHERE t.mnemonique = 'NAT_OBJ_GEO' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('TYP_GRP', 'Type de regroupement', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('CAMP', 'Campagne'), ('INVSTA', 'Inventaire stationnel'), ('NSP', 'Ne sait pas'), ('OBS', 'Observations'), ('PASS', 'Passage'), ('POINT', 'Point de prélèvement ou point d''observation')) AS v(cd, label)
WHERE t.mnemonique = 'TYP_GRP' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('METH_OBS', 'Méthodes d''observation', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('0', 'Vu'), ('1', 'Entendu'), ('2', 'Coquilles d''œuf'), ('3', 'Ultrasons'), ('6', 'Fèces/Guano/Épreintes'), ('9', 'Galerie/terrier/nid/gîte'), ('12', 'Empreintes et traces'), ('21', 'Inconnu')) AS v(cd, label)
WHERE t.mnemonique = 'METH_OBS' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('STATUT_BIO', 'Statut biologique', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('0', 'Inconnu'), ('1', 'Non renseigné'), ('2', 'Non déterminé'), ('3', 'Reproduction'), ('4', 'Hibernation'), ('5', 'Estivation'), ('9', 'Pas de reproduction'), ('13', 'Passage en vol')) AS v(cd, label)
WHERE t.mnemonique = 'STATUT_BIO' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('ETA_BIO', 'Etat biologique de l''observation', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('0', 'NSP'), ('1', 'Non renseigné'), ('2', 'Observé vivant'), ('3', 'Trouvé mort')) AS v(cd, label)
WHERE t.mnemonique = 'ETA_BIO' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('STAT_BIOGEO', 'Statut biogéographique', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('0', 'Inconnu/cryptogène'), ('1', 'Non renseigné'), ('2', 'Présent (indigène ou indéterminé)'), ('3', 'Introduit'), ('4', 'Introduit envahissant'), ('5', 'Introduit non établi (dont domestique)'), ('6', 'Occasionnel')) AS v(cd, label)
WHERE t.mnemonique = 'STAT_BIOGEO' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('NATURALITE', 'Niveau de naturalité', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('0', 'Inconnu'), ('1', 'Sauvage'), ('2', 'Cultivé/élevé'), ('3', 'Planté'), ('4', 'Féral'), ('5', 'Subspontané')) AS v(cd, label)
WHERE t.mnemonique = 'NATURALITE' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('PREUVE_EXIST', 'Preuve d''existence', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('0', 'NSP'), ('1', 'Oui'), ('2', 'Non'), ('3', 'Non acquise')) AS v(cd, label)
WHERE t.mnemonique = 'PREUVE_EXIST' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('STADE_VIE', 'Stade de vie : stade de développement du sujet', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('0', 'Inconnu'), ('1', 'Indéterminé'), ('2', 'Adulte'), ('3', 'Juvénile'), ('4', 'Immature'), ('6', 'Larve'), ('9', 'Œuf'), ('11', 'Chenille'), ('15', 'Têtard')) AS v(cd, label)
WHERE t.mnemonique = 'STADE_VIE' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('SEXE', 'Sexe', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('0', 'Inconnu'), ('1', 'Indéterminé'), ('2', 'Femelle'), ('3', 'Mâle'), ('5', 'Mixte'), ('6', 'Non renseigné')) AS v(cd, label)
WHERE t.mnemonique = 'SEXE' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('OBJ_DENBR', 'Objet du dénombrement', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('COL', 'Colonie'), ('CPL', 'Couple'), ('HAM', 'Hampe florale'), ('IND', 'Individu'), ('NID', 'Nid'), ('NSP', 'Ne sait pas'), ('PON', 'Ponte'), ('SURF', 'Surface'), ('TIGE', 'Tige'), ('TOUF', 'Touffe')) AS v(cd, label)
WHERE t.mnemonique = 'OBJ_DENBR' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('TYP_DENBR', 'Type de dénombrement', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('Ca', 'Calculé'), ('Co', 'Compté'), ('Es', 'Estimé'), ('NSP', 'Ne sait pas')) AS v(cd, label)
WHERE t.mnemonique = 'TYP_DENBR' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('STATUT_OBS', 'Statut d''observation', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('No', 'Non observé'), ('Pr', 'Présent'), ('NSP', 'Ne Sait Pas')) AS v(cd, label)
WHERE t.mnemonique = 'STATUT_OBS' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('DEE_FLOU', 'Existence d''un floutage sur la donnée', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('NON', 'Non'), ('OUI', 'Oui')) AS v(cd, label)
WHERE t.mnemonique = 'DEE_FLOU' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('STATUT_SOURCE', 'Statut de la source', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('Co', 'Collection'), ('Li', 'Littérature'), ('NSP', 'Ne Sait Pas'), ('Te', 'Terrain')) AS v(cd, label)
WHERE t.mnemonique = 'STATUT_SOURCE' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('TYP_INF_GEO', 'Type d''information géographique', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('1', 'Géoréférencement'), ('2', 'Rattachement')) AS v(cd, label)
WHERE t.mnemonique = 'TYP_INF_GEO' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('METH_DETERMIN', 'Méthode de détermination', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('0', 'Inconnu'), ('1', 'Non renseigné'), ('2', 'Autre méthode de détermination'), ('3', 'Examen visuel à distance'), ('4', 'Examen visuel sous loupe ou microscope'), ('5', 'Examen auditif direct'), ('6', 'Examen visuel de l''individu en main')) AS v(cd, label)
WHERE t.mnemonique = 'METH_DETERMIN' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
INSERT INTO ref_nomenclatures.bib_nomenclatures_types (mnemonique, label_default, source, statut) VALUES ('OCC_COMPORTEMENT', 'Comportement des occurrences observées', 'SINP', 'Validé') ON CONFLICT (mnemonique) DO NOTHING;
INSERT INTO ref_nomenclatures.t_nomenclatures (id_type, cd_nomenclature, mnemonique, label_default, source, statut)
SELECT t.id_type, v.cd, v.label, v.label, 'SINP', 'Validé' FROM ref_nomenclatures.bib_nomenclatures_types t,
  (VALUES ('0', 'Inconnu'), ('1', 'Non renseigné'), ('2', 'Non déterminé'), ('3', 'Erratique'), ('4', 'Sédentaire'), ('5', 'Alimentation'), ('6', 'Chant'), ('7', 'Parade nuptiale'), ('18', 'Halte migratoire')) AS v(cd, label)
WHERE t.mnemonique = 'OCC_COMPORTEMENT' ON CONFLICT (id_type, cd_nomenclature) DO NOTHING;
