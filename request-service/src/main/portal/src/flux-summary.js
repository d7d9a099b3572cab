// A flux request described for people: partner, structure, contact, studies, terms, territory, taxa,
// record filters, fields, formats and periodicity, in French.
import { frenchDate } from './labels.js';
import { filtersText } from './record-filters.js';
import { definition, element } from './staff.js';

const LEVELS = {
  PRECISE: 'Précis',
  COMMUNE: 'Commune',
  GRID: 'Maille 10 km',
  DEPARTEMENT: 'Département',
  WITHHELD: 'Non diffusé',
};

export function contactText(contact) {
  if (!contact) {
    return '';
  }
  return [contact.name, contact.email, contact.phone].filter(Boolean).join(' — ');
}

export function studiesText(studies) {
  return Array.isArray(studies) && studies.length > 0
    ? studies.map((s) => (s.nature ? `${s.name} (${s.nature})` : s.name)).join(' ; ')
    : '';
}

export function termsText(terms) {
  if (!terms) {
    return 'Aucune (demande antérieure aux conditions)';
  }
  const who = terms.person
    ? `par ${terms.person}`
    : terms.byAdmin ? 'par l’administration pour le partenaire' : `avec le jeton d’API ${terms.tokenId ?? ''}`;
  return `Version ${terms.version}, ${who}, le ${frenchDate(terms.acceptedAt)}`;
}

export function territoryText(territory) {
  if (!territory) {
    return '';
  }
  const parts = [];
  if (territory.wkt || territory.geometry) {
    parts.push('Contour fourni');
  }
  if (Array.isArray(territory.areas) && territory.areas.length > 0) {
    parts.push(`Zones : ${territory.areas.map((a) => `${a.type} ${a.code}`).join(', ')}`);
  }
  if (territory.description) {
    parts.push(`Décrit en mots : « ${territory.description} »`);
  }
  return parts.join(' ; ');
}

/** Whether the territory is only described in words (it waits for the staff's shape). */
export function describedOnly(territory) {
  return Boolean(territory && territory.description && !territory.wkt && !territory.geometry
    && !(Array.isArray(territory.areas) && territory.areas.length > 0));
}

export function taxaText(taxa) {
  if (!taxa) {
    return 'Tous les taxons';
  }
  const parts = [];
  if (Array.isArray(taxa.groups) && taxa.groups.length > 0) {
    parts.push(`Groupes : ${taxa.groups.join(', ')}`);
  }
  if (Array.isArray(taxa.cdRefs) && taxa.cdRefs.length > 0) {
    parts.push(`Taxons (cd_ref) : ${taxa.cdRefs.join(', ')}`);
  }
  return parts.length > 0 ? parts.join(' ; ') : 'Tous les taxons';
}

export function estimateText(estimate) {
  const levels = Object.entries(estimate.byLevel ?? {}).filter(([, n]) => n > 0)
    .map(([level, n]) => `${estimate.labels?.[level] ?? LEVELS[level] ?? level} : ${n}`);
  const exact = estimate.exact === false ? ' (au moins : comptage interrompu)' : '';
  const total = `${estimate.total} observation${estimate.total === 1 ? '' : 's'}`;
  return levels.length > 0 ? `${total}${exact} — ${levels.join(' ; ')}` : `Aucune observation${exact}`;
}

/** The request's description list; {@code names}: the filters' reference names (record-filters.js), if read. */
export function describeFlux(flux, partnerName, names = undefined) {
  const list = element('dl', null, 'resume');
  definition(list, 'Partenaire', partnerName ?? flux.partnerId);
  definition(list, 'Contact', contactText(flux.contact));
  definition(list, 'Études', studiesText(flux.studies));
  definition(list, 'Conditions acceptées', termsText(flux.termsAccepted));
  definition(list, 'Territoire', territoryText(flux.territory)).className = 'territoire';
  definition(list, 'Taxons', taxaText(flux.taxa));
  definition(list, 'Filtres', filtersText(flux.filters, names)).className = 'filtres';
  const fields = Array.isArray(flux.fields) ? flux.fields.join(', ') : '';
  definition(list, 'Champs', `${fields}${flux.resolvedFields ? ` (${flux.resolvedFields.length} colonnes)` : ''}`);
  definition(list, 'Formats', Array.isArray(flux.formats) ? flux.formats.join(', ') : '');
  definition(list, 'Périodicité', flux.periodicity);
  definition(list, 'Demandé le', frenchDate(flux.createdAt));
  return list;
}
