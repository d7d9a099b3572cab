// How a flux's definition, its counts and its files read in French (the flux page; any page may reuse it).

/** The levels a record leaves at (the API's DiffusionLevel), as partners read them. */
export const LEVELS = {
  PRECISE: 'Localisation précise',
  COMMUNE: 'Dégradée à la commune',
  GRID: 'Dégradée à la maille',
  DEPARTEMENT: 'Dégradée au département',
  WITHHELD: 'Non diffusée',
};

/** Why a record is withheld (the API's withheldByCause keys). */
export const WITHHELD_CAUSES = {
  SENSITIVITY: 'Donnée sensible, non diffusable à ce niveau',
  UNKNOWN_SENSITIVITY: 'Sensibilité inconnue',
  UNKNOWN_CODE: 'Code de diffusion inconnu',
  NO_AREA: 'Aucune zone de rattachement au niveau demandé',
  NO_TAXON_OR_DATASET: 'Sans taxon ou sans jeu de données',
};

export const FORMATS = {
  csv: 'CSV',
  json: 'JSON',
  geojson: 'GeoJSON',
  gpkg: 'GeoPackage',
  manifest: 'Manifeste (JSON : comptes, fichiers, empreintes)',
};

const AREA_TYPES = { COM: 'Commune', DEP: 'Département', M1: 'Maille 1 km', M5: 'Maille 5 km', M10: 'Maille 10 km' };

const OPTIONS = {
  csvDelimiter: 'Séparateur CSV',
  csvBom: 'BOM UTF-8 en tête des CSV',
  csvPreset: 'Préréglage CSV',
  csvDateFormat: 'Format des dates CSV',
  jsonLayout: 'Présentation JSON',
  coordinatePrecision: 'Décimales des coordonnées',
  compression: 'Compression',
  geometryAs: 'Géométrie écrite en',
  dateCoarsening: 'Dates arrondies à',
  delta: 'Seulement les changements depuis la dernière exécution',
  changeDriven: 'Exécution à chaque changement de la source',
  minInterval: 'Intervalle minimal entre deux exécutions',
};

const NUMBER = new Intl.NumberFormat('fr-FR');

export function count(n) {
  return n === null || n === undefined ? '—' : NUMBER.format(n);
}

/** A file size in octets, ko, Mo, Go. */
export function size(bytes) {
  if (bytes === null || bytes === undefined) {
    return '—';
  }
  const units = ['octets', 'ko', 'Mo', 'Go'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${NUMBER.format(value)} octets`
    : `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}

const DURATION_UNITS = {
  Y: ['an', 'ans', 'tous les'], M: ['mois', 'mois', 'tous les'], W: ['semaine', 'semaines', 'toutes les'],
  D: ['jour', 'jours', 'tous les'],
};
const TIME_UNITS = { H: ['heure', 'heures', 'toutes les'], M: ['minute', 'minutes', 'toutes les'] };

/** An ISO-8601 periodicity (P1M, P7D, PT6H...) in words: « tous les mois », « toutes les 6 heures ». */
export function periodicity(iso) {
  const match = /^P(?:(\d+)([YMWD]))?(?:T(\d+)([HM]))?$/.exec(String(iso ?? ''));
  if (!match || (!match[1] && !match[3])) {
    return String(iso ?? '—');
  }
  if (match[1] && match[3]) {
    return String(iso);
  }
  const [n, unit] = match[1] ? [Number(match[1]), DURATION_UNITS[match[2]]] : [Number(match[3]), TIME_UNITS[match[4]]];
  if (n === 1) {
    return `${unit[2]} ${unit[1]}`;
  }
  return `${unit[2]} ${n} ${unit[1]}`;
}

/** The territory in words: its description, its areas, or a summary of its shape (type, vertices, extent). */
export function territory(t) {
  if (!t) {
    return '—';
  }
  const parts = [];
  if (Array.isArray(t.areas) && t.areas.length > 0) {
    parts.push(`Zones de référence : ${t.areas.map((a) => `${AREA_TYPES[a.type] ?? a.type} ${a.code}`).join(', ')}`);
  }
  const wkt = t.wkt ?? null;
  if (wkt) {
    const kind = wkt.trim().toUpperCase().startsWith('MULTIPOLYGON') ? 'Multipolygone' : 'Polygone';
    const numbers = (wkt.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
    const xs = numbers.filter((_, i) => i % 2 === 0);
    const ys = numbers.filter((_, i) => i % 2 === 1);
    const f = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 4 });
    parts.push(`${kind} de ${xs.length} sommets, longitudes ${f.format(Math.min(...xs))} à ${f.format(Math.max(...xs))}, `
      + `latitudes ${f.format(Math.min(...ys))} à ${f.format(Math.max(...ys))} (WGS84)`);
  }
  if (t.description) {
    parts.push(`Décrit en mots : « ${t.description} »${wkt || t.areas ? '' : ' (en attente du contour de l’équipe)'}`);
  }
  return parts.length > 0 ? parts.join(' ; ') : '—';
}

export function taxa(t) {
  const parts = [];
  if (t && Array.isArray(t.groups) && t.groups.length > 0) {
    parts.push(`Groupes : ${t.groups.join(', ')}`);
  }
  if (t && Array.isArray(t.cdRefs) && t.cdRefs.length > 0) {
    parts.push(`Taxons TAXREF (cd_ref) : ${t.cdRefs.join(', ')}`);
  }
  return parts.length > 0 ? parts.join(' ; ') : 'Tous les taxons';
}

/** The options as [French label, value] pairs. */
export function options(o) {
  if (!o) {
    return [];
  }
  return Object.entries(o).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => {
    let value = v;
    if (typeof v === 'boolean') {
      value = v ? 'oui' : 'non';
    } else if (k === 'minInterval') {
      value = periodicity(v).replace(/^(tous|toutes) les /, '');
    }
    return [OPTIONS[k] ?? k, String(value)];
  });
}
