// The request page's "Filtres" section: observation statuses and validation statuses (checkboxes from the
// source's nomenclatures), the observation dates (from / to, or the last N years) and the datasets and producers
// retained or left out (searchable pickers over /api/v1/reference/datasets and /producers). value() is the
// request's "filters" object (undefined while every choice is the default); every input carries the data-path
// of the API's violations about it, so that the page shows them next to it.
import { api } from './api.js';
import { filterNames } from './record-filters.js';

const SEARCH_SIZE = 20;

function element(tag, attributes = {}, text = undefined) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function checkboxes(container, prefix, codes, checked) {
  for (const [i, code] of codes.entries()) {
    const id = `${prefix}-${i}`;
    const span = element('span', { class: 'choix' });
    const box = element('input', { type: 'checkbox', id, value: code.code });
    box.checked = checked.includes(code.code);
    span.append(box, element('label', { for: id }, `${code.label} (${code.code})`));
    container.appendChild(span);
  }
}

/**
 * A picker: a search over one reference list, each result retained ("Retenir : seulement ceux-ci") or left out
 * ("Écarter"); the two chosen lists carry the paths {path}/include and {path}/exclude.
 */
function picker(container, { id, path, title, searchLabel, list, describe }) {
  const chosen = { include: new Map(), exclude: new Map() };
  const fieldset = element('fieldset', { id, 'data-path': path, class: 'selecteur' });
  fieldset.appendChild(element('legend', {}, title));
  const line = element('div', { class: 'ligne' });
  const inputId = `${id}-recherche`;
  const input = element('input', { id: inputId, type: 'search', autocomplete: 'off', 'aria-describedby': `${id}-aide` });
  const search = element('button', { type: 'button', id: `${id}-chercher` }, 'Rechercher');
  line.append(element('label', { for: inputId }, searchLabel), input, search);
  const help = element('p', { id: `${id}-aide`, class: 'aide' },
    'Sans choix, tous sont retenus. « Retenir » : seulement ceux-ci ; « Écarter » : tous sauf ceux-ci.');
  const status = element('p', { id: `${id}-etat`, role: 'status', 'aria-live': 'polite' });
  const results = element('ul', { id: `${id}-resultats`, class: 'resultats', 'aria-label': `${title} : résultats` });
  const lists = {};
  const blocks = [];
  for (const [kind, label] of [['include', 'Retenus (seulement ceux-ci)'], ['exclude', 'Écartés']]) {
    const headingId = `${id}-${kind}-titre`;
    const block = element('div', { class: 'choisis' });
    block.appendChild(element('h4', { id: headingId }, label));
    lists[kind] = element('ul', { id: `${id}-${kind}`, 'data-path': `${path}/${kind}`, 'aria-labelledby': headingId,
      class: 'choisies' });
    block.appendChild(lists[kind]);
    blocks.push(block);
  }
  fieldset.append(line, help, status, results, ...blocks);
  container.appendChild(fieldset);

  function render(kind) {
    lists[kind].replaceChildren();
    for (const [uuid, name] of chosen[kind]) {
      const item = element('li', { 'data-uuid': uuid });
      item.appendChild(element('span', {}, name));
      const remove = element('button', { type: 'button', 'aria-label': `Retirer ${name}` }, 'Retirer');
      remove.addEventListener('click', () => {
        chosen[kind].delete(uuid);
        render(kind);
      });
      item.appendChild(remove);
      lists[kind].appendChild(item);
    }
  }

  function choose(kind, uuid, name) {
    const other = kind === 'include' ? 'exclude' : 'include';
    chosen[other].delete(uuid);
    chosen[kind].set(uuid, name);
    render('include');
    render('exclude');
  }

  async function find() {
    const q = input.value.trim();
    results.replaceChildren();
    status.textContent = 'Recherche…';
    try {
      const found = await api(`${list}?size=${SEARCH_SIZE}${q ? `&q=${encodeURIComponent(q)}` : ''}`);
      status.textContent = found.length === 0 ? 'Aucun résultat.' : `${found.length} résultat(s).`;
      for (const entry of found) {
        const name = describe(entry);
        const item = element('li', { 'data-uuid': entry.uuid });
        item.appendChild(element('span', {}, name));
        const keep = element('button', { type: 'button', 'aria-label': `Retenir ${name}` }, 'Retenir');
        keep.addEventListener('click', () => choose('include', entry.uuid, entry.name));
        const drop = element('button', { type: 'button', 'aria-label': `Écarter ${name}` }, 'Écarter');
        drop.addEventListener('click', () => choose('exclude', entry.uuid, entry.name));
        item.append(keep, drop);
        results.appendChild(item);
      }
    } catch (error) {
      status.textContent = `Recherche impossible : ${error.message}`;
    }
  }

  search.addEventListener('click', find);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      find();
    }
  });

  return {
    value() {
      const include = [...chosen.include.keys()];
      const exclude = [...chosen.exclude.keys()];
      if (include.length === 0 && exclude.length === 0) {
        return undefined;
      }
      return { ...(include.length > 0 ? { include } : {}), ...(exclude.length > 0 ? { exclude } : {}) };
    },
  };
}

/** Builds the section in {@code container}; resolves when the reference lists are shown. */
export async function createFiltersInput(container) {
  const names = await filterNames();
  const observation = element('fieldset', { id: 'filtre-observation', 'data-path': '/filters/observationStatus' });
  observation.appendChild(element('legend', {}, 'Statut d’observation'));
  checkboxes(observation, 'filtre-observation', names.lists.observation, ['Pr']);
  observation.appendChild(element('p', { class: 'aide' }, 'Par défaut, les présences seulement ; cochez « Non observé » '
    + 'pour recevoir aussi les absences.'));

  const validation = element('fieldset', { id: 'filtre-validation', 'data-path': '/filters/validationStatus' });
  validation.appendChild(element('legend', {}, 'Statut de validation'));
  checkboxes(validation, 'filtre-validation', names.lists.validation, []);
  validation.appendChild(element('p', { class: 'aide' }, 'Aucune case cochée : tous les statuts de validation.'));

  const dates = element('fieldset', { id: 'filtre-dates' });
  dates.appendChild(element('legend', {}, 'Dates d’observation'));
  const modes = [['toutes', 'Toutes les dates'], ['intervalle', 'Entre deux dates'], ['glissant', 'Les dernières années']];
  for (const [value, label] of modes) {
    const id = `filtre-dates-${value}`;
    const span = element('span', { class: 'choix' });
    const radio = element('input', { type: 'radio', name: 'filtre-dates-mode', id, value });
    radio.checked = value === 'toutes';
    span.append(radio, element('label', { for: id }, label));
    dates.appendChild(span);
  }
  const range = element('div', { class: 'ligne', id: 'filtre-dates-bornes' });
  range.append(element('label', { for: 'filtre-date-debut' }, 'Du'),
    element('input', { type: 'date', id: 'filtre-date-debut', 'data-path': '/filters/dateFrom', min: '1500-01-01', max: '9999-12-31' }),
    element('label', { for: 'filtre-date-fin' }, 'au'),
    element('input', { type: 'date', id: 'filtre-date-fin', 'data-path': '/filters/dateTo', min: '1500-01-01', max: '9999-12-31' }));
  const rolling = element('div', { class: 'ligne', id: 'filtre-dates-fenetre' });
  rolling.append(element('label', { for: 'filtre-annees' }, 'Les observations des'),
    element('input', { type: 'number', id: 'filtre-annees', min: '1', max: '300', step: '1', value: '10',
      'data-path': '/filters/lastPeriod', 'aria-describedby': 'filtre-annees-aide', class: 'court' }),
    element('span', { id: 'filtre-annees-aide' }, 'dernières années (avant chaque export)'));
  dates.append(range, rolling);
  const mode = () => dates.querySelector('input[name="filtre-dates-mode"]:checked').value;
  const showMode = () => {
    range.hidden = mode() !== 'intervalle';
    rolling.hidden = mode() !== 'glissant';
  };
  dates.addEventListener('change', showMode);
  showMode();

  container.append(observation, validation, dates);
  const datasets = picker(container, { id: 'filtre-jdd', path: '/filters/datasets', title: 'Jeux de données',
    searchLabel: 'Rechercher un jeu de données', list: '/api/v1/reference/datasets',
    describe: (d) => `${d.name}${d.framework ? ` — cadre : ${d.framework}` : ''}` });
  const producers = picker(container, { id: 'filtre-producteurs', path: '/filters/producers', title: 'Producteurs',
    searchLabel: 'Rechercher un producteur (organisme)', list: '/api/v1/reference/producers',
    describe: (p) => `${p.name}${p.town ? ` (${p.town})` : ''} — ${p.datasets} jeu${p.datasets > 1 ? 'x' : ''} de données` });

  const checked = (fieldset) => [...fieldset.querySelectorAll('input:checked')].map((box) => box.value);
  return {
    /** The request's filters, or undefined when every choice is the default. */
    value() {
      const filters = {};
      const obs = checked(observation);
      if (obs.length !== 1 || obs[0] !== 'Pr') {
        filters.observationStatus = obs;
      }
      const valid = checked(validation);
      if (valid.length > 0) {
        filters.validationStatus = valid;
      }
      if (mode() === 'intervalle') {
        const from = document.getElementById('filtre-date-debut').value;
        const to = document.getElementById('filtre-date-fin').value;
        if (from) {
          filters.dateFrom = from;
        }
        if (to) {
          filters.dateTo = to;
        }
      } else if (mode() === 'glissant') {
        filters.lastPeriod = `P${document.getElementById('filtre-annees').value.trim()}Y`;
      }
      const d = datasets.value();
      if (d) {
        filters.datasets = d;
      }
      const p = producers.value();
      if (p) {
        filters.producers = p;
      }
      return Object.keys(filters).length > 0 ? filters : undefined;
    },
  };
}
