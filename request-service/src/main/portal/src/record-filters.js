// A flux's record filters in French (the flux page, the staff's queue, the request page's summary): the
// observation and validation statuses with the source's labels, the dates or the rolling window, the datasets
// and producers retained or left out, by name. The names come from the API's reference lists
// (/api/v1/reference/...), read once per page; a dataset or producer the lists do not name shows its UUID.
import { api } from './api.js';

const LIST_SIZE = 500;
const DAY = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

let loading = null;

/** The reference lists a filter names: {observation, validation, datasets, producers}, each a Map (read once). */
export function filterNames() {
  loading ??= Promise.all([
    api('/api/v1/reference/observation-statuses'),
    api('/api/v1/reference/validation-statuses'),
    api(`/api/v1/reference/datasets?size=${LIST_SIZE}`),
    api(`/api/v1/reference/producers?size=${LIST_SIZE}`),
  ]).then(([observation, validation, datasets, producers]) => ({
    observation: new Map(observation.map((c) => [c.code, c.label])),
    validation: new Map(validation.map((c) => [c.code, c.label])),
    datasets: new Map(datasets.map((d) => [d.uuid, d.name])),
    producers: new Map(producers.map((p) => [p.uuid, p.name])),
    lists: { observation, validation, datasets, producers },
  }));
  return loading;
}

const NO_NAMES = { observation: new Map(), validation: new Map(), datasets: new Map(), producers: new Map() };

/** A day (aaaa-mm-jj) in words: « 1 janvier 2000 ». */
function day(iso) {
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? String(iso) : DAY.format(date);
}

const PERIOD_UNITS = { Y: ['année', 'années', 'dernière', 'dernières'], M: ['mois', 'mois', 'dernier', 'derniers'],
  W: ['semaine', 'semaines', 'dernière', 'dernières'], D: ['jour', 'jours', 'dernier', 'derniers'] };

/** A rolling window (P10Y, P18M, P30D) in words: « les 10 dernières années ». */
export function rollingWindow(iso) {
  const match = /^P(\d+)([YMWD])$/.exec(String(iso ?? '').toUpperCase());
  if (!match) {
    return `la période ${iso} avant chaque export`;
  }
  const n = Number(match[1]);
  const [one, many, last, lasts] = PERIOD_UNITS[match[2]];
  return n === 1 ? `${match[2] === 'M' || match[2] === 'D' ? 'le' : 'la'} ${last} ${one}` : `les ${n} ${lasts} ${many}`;
}

function codes(list, labels) {
  return list.map((code) => (labels.get(code) ? `${labels.get(code)} (${code})` : code)).join(', ');
}

function ids(list, names) {
  const parts = [];
  if (list && Array.isArray(list.include) && list.include.length > 0) {
    parts.push(`seulement ${list.include.map((id) => names.get(id) ?? id).join(', ')}`);
  }
  if (list && Array.isArray(list.exclude) && list.exclude.length > 0) {
    parts.push(`sauf ${list.exclude.map((id) => names.get(id) ?? id).join(', ')}`);
  }
  return parts.join(' ; ');
}

/** The filters as [French label, text] pairs, every filter named (its default said in words). */
export function filterLines(filters, names = NO_NAMES) {
  const f = filters ?? {};
  const observation = Array.isArray(f.observationStatus) ? f.observationStatus : ['Pr'];
  const lines = [];
  lines.push(['Statut d’observation', observation.length === 0 ? 'Tous' : codes(observation, names.observation)]);
  const validation = Array.isArray(f.validationStatus) ? f.validationStatus : [];
  lines.push(['Statut de validation', validation.length === 0 ? 'Tous' : codes(validation, names.validation)]);
  let dates = 'Toutes';
  if (f.lastPeriod) {
    dates = `Observations commencées dans ${rollingWindow(f.lastPeriod)} (fenêtre glissante jusqu’au jour de chaque export)`;
  } else if (f.dateFrom && f.dateTo) {
    dates = `Du ${day(f.dateFrom)} au ${day(f.dateTo)}`;
  } else if (f.dateFrom) {
    dates = `Depuis le ${day(f.dateFrom)}`;
  } else if (f.dateTo) {
    dates = `Jusqu’au ${day(f.dateTo)}`;
  }
  lines.push(['Dates d’observation', dates]);
  lines.push(['Jeux de données', ids(f.datasets, names.datasets) || 'Tous']);
  lines.push(['Producteurs', ids(f.producers, names.producers) || 'Tous']);
  return lines;
}

/** The filters in one line of French. */
export function filtersText(filters, names = NO_NAMES) {
  return filterLines(filters, names).map(([label, text]) => `${label} : ${text}`).join(' ; ');
}
