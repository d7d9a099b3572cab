// "Demander un flux": every field of the original request (structure, contact, studies, territory, taxa,
// record filters, periodicity, fields, formats, options, the redistribution terms), estimated (POST /api/v1/fluxes/estimate),
// previewed on the map (POST /api/v1/fluxes/preview) and submitted (POST /api/v1/fluxes). The API is the only
// validator: its violations are shown next to the inputs their paths name.
import './demande.css';
import Circle from 'ol/style/Circle.js';
import Fill from 'ol/style/Fill.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { api, ApiError, whoAmI } from '../api.js';
import { renderHeader } from '../header.js';
import { FLUX_STATUS } from '../labels.js';
import { createMap, readFeatures } from '../map.js';
import { createTerritoryInput } from '../territory.js';
import { createFiltersInput } from '../filters-input.js';
import { PREVIEW_LEVELS } from '../preview.js';

/** The words of each level in the preview's legend (the one list: preview.js). */
const LEVEL_WORDS = new Map(PREVIEW_LEVELS);

const LIST_SIZE = 500;
const LEVELS = [
  ['PRECISE', 'Précis'],
  ['COMMUNE', 'Dégradé à la commune'],
  ['GRID', 'Dégradé à la maille'],
  ['DEPARTEMENT', 'Dégradé au département'],
  ['WITHHELD', 'Non diffusé'],
];
const PREVIEW_COLOURS = { PRECISE: '#1b5e20', COMMUNE: '#0d47a1', GRID: '#6a1b9a', DEPARTEMENT: '#e65100' };
const NUMBER = new Intl.NumberFormat('fr-FR');

const byId = (id) => document.getElementById(id);
const state = { fields: [], terms: null, cdRefs: new Map() };
let territory;
let recordFilters;
let previewSource;

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

// ---- studies

function addStudy(name = '', nature = '') {
  const list = byId('liste-etudes');
  const index = list.children.length;
  const item = element('li', { class: 'etude', 'data-path': `/studies/${index}` });
  const nameId = `etude-${index}-nom`;
  const natureId = `etude-${index}-nature`;
  item.append(element('label', { for: nameId }, 'Nom de l’étude'),
    Object.assign(element('input', { id: nameId, 'data-path': `/studies/${index}/name`, class: 'etude-nom' }), { value: name }),
    element('label', { for: natureId }, 'Nature'),
    Object.assign(element('input', { id: natureId, list: 'natures', 'data-path': `/studies/${index}/nature`, class: 'etude-nature' }),
      { value: nature }));
  if (index > 0) {
    const remove = element('button', { type: 'button' }, 'Retirer');
    remove.setAttribute('aria-label', `Retirer l’étude ${index + 1}`);
    remove.addEventListener('click', () => item.remove());
    item.appendChild(remove);
  }
  list.appendChild(item);
}

function studies() {
  return [...document.querySelectorAll('#liste-etudes .etude')].map((item) => ({
    name: item.querySelector('.etude-nom').value,
    nature: item.querySelector('.etude-nature').value,
  })).filter((study, i) => i === 0 || study.name.trim() || study.nature.trim());
}

// ---- taxa

async function loadGroups() {
  const groups = await api(`/api/v1/taxa/groups?size=${LIST_SIZE}`);
  const container = byId('groupes');
  const levels = new Map();
  for (const group of groups) {
    if (!levels.has(group.level)) {
      const fieldset = element('fieldset', { class: 'niveau-groupes' });
      fieldset.appendChild(element('legend', {}, `Groupes INPN de niveau ${group.level}`));
      levels.set(group.level, fieldset);
      container.appendChild(fieldset);
    }
    const id = `groupe-${group.level}-${levels.get(group.level).children.length}`;
    const span = element('span', { class: 'choix' });
    span.append(element('input', { type: 'checkbox', id, value: group.name, class: 'groupe' }),
      element('label', { for: id }, `${group.name} (${NUMBER.format(group.taxa)} noms)`));
    levels.get(group.level).appendChild(span);
  }
}

async function searchTaxa() {
  const q = byId('taxon-recherche').value.trim();
  const status = byId('taxon-etat');
  const results = byId('taxon-resultats');
  results.replaceChildren();
  if (q.length < 3) {
    status.textContent = 'Saisissez au moins 3 lettres.';
    return;
  }
  status.textContent = 'Recherche…';
  try {
    const found = await api(`/api/v1/taxa?size=20&q=${encodeURIComponent(q)}`);
    status.textContent = found.length === 0 ? 'Aucun taxon trouvé.' : `${found.length} nom(s) trouvé(s).`;
    for (const taxon of found) {
      const cdRef = taxon.cdRef ?? taxon.cdNom;
      const label = `${taxon.validName ?? taxon.scientificName}${taxon.vernacularName ? ` — ${taxon.vernacularName}` : ''}`;
      const item = element('li');
      item.appendChild(element('span', {}, `${label} (cd_ref ${cdRef})`));
      const add = element('button', { type: 'button', 'aria-label': `Ajouter ${label}` }, 'Ajouter');
      add.addEventListener('click', () => addTaxon(cdRef, label));
      item.appendChild(add);
      results.appendChild(item);
    }
  } catch (error) {
    status.textContent = `Recherche impossible : ${error.message}`;
  }
}

function addTaxon(cdRef, label) {
  if (state.cdRefs.has(cdRef)) {
    return;
  }
  state.cdRefs.set(cdRef, label);
  const item = element('li', { 'data-cd-ref': String(cdRef) });
  item.appendChild(element('span', {}, `${label} (cd_ref ${cdRef})`));
  const remove = element('button', { type: 'button', 'aria-label': `Retirer ${label}` }, 'Retirer');
  remove.addEventListener('click', () => {
    state.cdRefs.delete(cdRef);
    item.remove();
  });
  item.appendChild(remove);
  byId('taxons-choisis').appendChild(item);
}

function taxa() {
  const groups = [...document.querySelectorAll('#groupes input.groupe:checked')].map((input) => input.value);
  const cdRefs = [...state.cdRefs.keys()];
  if (groups.length === 0 && cdRefs.length === 0) {
    return undefined;
  }
  return { ...(groups.length > 0 ? { groups } : {}), ...(cdRefs.length > 0 ? { cdRefs } : {}) };
}

// ---- fields: the basic preset, and what is added to or removed from it

async function loadFields() {
  state.fields = await api(`/api/v1/fields?size=${LIST_SIZE}`);
  const body = byId('table-champs').querySelector('tbody');
  body.replaceChildren();
  for (const field of state.fields) {
    const row = element('tr', { 'data-field': field.code });
    const id = `champ-${field.code}`;
    const box = element('input', { type: 'checkbox', id, value: field.code, class: 'champ-choix' });
    box.checked = field.basic || field.mandatory;
    box.disabled = field.mandatory;
    box.addEventListener('change', () => showFieldChanges());
    const cellBox = element('td');
    cellBox.appendChild(box);
    const cellLabel = element('td');
    cellLabel.append(element('label', { for: id }, field.label ?? field.code), element('code', {}, ` ${field.code}`));
    row.append(cellBox, cellLabel, element('td', {}, field.description ?? ''),
      element('td', { class: 'difference' }, field.mandatory ? 'Toujours inclus' : ''));
    body.appendChild(row);
  }
  showFieldChanges();
}

/** ["basic", "+added", "-removed"]: the API's form of a selection from the basic flux. */
function fields() {
  const selection = ['basic'];
  for (const field of state.fields) {
    if (field.mandatory) {
      continue;
    }
    const checked = byId(`champ-${field.code}`).checked;
    if (checked && !field.basic) {
      selection.push(`+${field.code}`);
    } else if (!checked && field.basic) {
      selection.push(`-${field.code}`);
    }
  }
  return selection;
}

function showFieldChanges() {
  let added = 0;
  let removed = 0;
  for (const field of state.fields) {
    if (field.mandatory) {
      continue;
    }
    const checked = byId(`champ-${field.code}`).checked;
    const cell = document.querySelector(`tr[data-field="${CSS.escape(field.code)}"] .difference`);
    const row = cell.parentElement;
    row.classList.remove('ajoute', 'retire');
    cell.textContent = '';
    if (checked && !field.basic) {
      added += 1;
      row.classList.add('ajoute');
      cell.textContent = 'Ajouté';
    } else if (!checked && field.basic) {
      removed += 1;
      row.classList.add('retire');
      cell.textContent = 'Retiré';
    } else if (field.basic) {
      cell.textContent = 'Flux de base';
    }
  }
  byId('champs-resume').textContent = `Flux de base${added ? `, ${added} champ${added > 1 ? 's' : ''} ajouté${added > 1 ? 's' : ''}` : ''}`
    + `${removed ? `, ${removed} champ${removed > 1 ? 's' : ''} retiré${removed > 1 ? 's' : ''}` : ''}.`;
}

// ---- terms

/** A line of the terms (Markdown: **bold** spans) as text and <strong> nodes. */
function inline(text) {
  return text.split(/\*\*/).map((part, i) => (i % 2 === 1 ? element('strong', {}, part) : document.createTextNode(part)));
}

/** The terms' Markdown as headings, paragraphs and numbered items (DOM nodes only: the text is never HTML). */
function renderTerms(markdown) {
  const blocks = [];
  let list = null;
  for (const raw of markdown.split(/\n\s*\n|\n(?=\s*(?:#|\d+\.\s))/)) {
    const block = raw.replace(/\s*\n\s*/g, ' ').trim();
    const item = /^(\d+)\.\s+(.*)$/.exec(block);
    if (!block) {
      continue;
    }
    if (item) {
      list ??= blocks[blocks.push(element('ol')) - 1];
      const li = element('li', { value: item[1] });
      li.append(...inline(item[2]));
      list.appendChild(li);
      continue;
    }
    list = null;
    const heading = /^#+\s+(.*)$/.exec(block);
    const node = element(heading ? 'h3' : 'p');
    node.append(...inline(heading ? heading[1] : block));
    blocks.push(node);
  }
  return blocks;
}

async function loadTerms() {
  state.terms = await api('/api/v1/terms');
  const text = byId('conditions-texte');
  text.replaceChildren(...renderTerms(String(state.terms.text ?? '')));
  byId('conditions-libelle').textContent = `J’accepte ces conditions de rediffusion (version ${state.terms.version})`;
}

// ---- the body

function body() {
  const text = (id) => byId(id).value;
  const phone = text('contact-telephone').trim();
  const options = { csvPreset: text('option-preset'), csvDateFormat: text('option-dates'), compression: text('option-compression') };
  if (byId('option-statuts').checked) {
    options.statuses = true;
  }
  const result = {
    structure: text('structure'),
    contact: { name: text('contact-nom'), email: text('contact-courriel'), ...(phone ? { phone } : {}) },
    studies: studies(),
    territory: territory.value(),
    periodicity: text('periodicite'),
    fields: fields(),
    formats: [...document.querySelectorAll('#formats input:checked')].map((input) => input.value),
    options,
  };
  const chosenTaxa = taxa();
  if (chosenTaxa) {
    result.taxa = chosenTaxa;
  }
  const filters = recordFilters.value();
  if (filters) {
    result.filters = filters;
  }
  if (byId('conditions-acceptees').checked && state.terms) {
    result.termsAccepted = state.terms.version;
  }
  return result;
}

// ---- errors next to their inputs

function clearErrors() {
  document.querySelectorAll('.message-erreur').forEach((node) => node.remove());
  document.querySelectorAll('[aria-invalid="true"]').forEach((node) => node.removeAttribute('aria-invalid'));
  byId('erreurs-generales').replaceChildren();
  territory.showErrors([]);
}

/** The element whose data-path is the longest prefix of the violation's path. */
function target(path) {
  let best = null;
  for (const node of document.querySelectorAll('#demande [data-path]')) {
    const candidate = node.dataset.path;
    if ((path === candidate || path.startsWith(`${candidate}/`)) && (!best || candidate.length > best.dataset.path.length)) {
      best = node;
    }
  }
  return best;
}

let messages = 0;

function showErrors(error) {
  clearErrors();
  const violations = error instanceof ApiError && error.body && Array.isArray(error.body.violations)
    ? error.body.violations : [];
  if (violations.length === 0) {
    byId('erreurs-generales').appendChild(element('p', {}, `La plateforme a refusé la demande : ${error.message}`));
    return;
  }
  const shown = territory.showErrors(violations);
  const rest = violations.filter((violation) => !shown.includes(violation));
  const general = [];
  for (const violation of rest) {
    const node = target(violation.path);
    if (!node) {
      general.push(violation);
      continue;
    }
    messages += 1;
    const message = element('p', { class: 'erreur message-erreur', id: `erreur-${messages}`, 'data-path': violation.path },
      violation.message);
    const input = node.matches('input, select, textarea') ? node : node.querySelector('input, select, textarea');
    if (node.matches('fieldset')) {
      node.insertBefore(message, node.querySelector('legend')?.nextSibling ?? node.firstChild);
    } else {
      node.insertAdjacentElement('afterend', message);
    }
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      input.setAttribute('aria-describedby', [...described, message.id].join(' '));
    }
  }
  const summary = byId('erreurs-generales');
  summary.appendChild(element('p', {}, `La demande est à corriger (${violations.length} point${violations.length > 1 ? 's' : ''}) : `
    + 'voyez les messages près des champs concernés.'));
  for (const violation of general) {
    summary.appendChild(element('p', {}, `${violation.path || 'demande'} : ${violation.message}`));
  }
  const first = document.querySelector('[aria-invalid="true"]');
  if (first) {
    first.focus();
  }
}

// ---- estimate and preview

async function estimate() {
  const section = byId('estimation');
  const status = byId('estimation-etat');
  section.hidden = false;
  status.textContent = 'Estimation en cours…';
  const tbody = byId('table-estimation').querySelector('tbody');
  tbody.replaceChildren();
  try {
    const answer = await api('/api/v1/fluxes/estimate', { method: 'POST', body: body() });
    clearErrors();
    for (const [level, label] of LEVELS) {
      const row = element('tr', { 'data-level': level });
      row.append(element('th', { scope: 'row' }, answer.labels?.[level] ? `${label} — ${answer.labels[level]}` : label),
        element('td', {}, NUMBER.format(answer.byLevel?.[level] ?? 0)));
      tbody.appendChild(row);
    }
    const total = element('tr', { 'data-level': 'TOTAL' });
    total.append(element('th', { scope: 'row' }, 'Total'), element('td', {}, NUMBER.format(answer.total)));
    tbody.appendChild(total);
    status.textContent = `${NUMBER.format(answer.exported)} données seraient exportées aujourd’hui, dont `
      + `${NUMBER.format(answer.degraded)} à une précision dégradée ; ${NUMBER.format(answer.withheld)} non diffusées.`
      + (answer.exact ? '' : ' Estimation partielle (limite de la plateforme atteinte) : ce sont des minimums.');
  } catch (error) {
    status.textContent = 'Estimation impossible : la demande est à corriger.';
    showErrors(error);
  }
}

function previewStyle(feature) {
  const colour = PREVIEW_COLOURS[feature.get('niveau')] ?? '#333333';
  return new Style({
    image: new Circle({ radius: 5, fill: new Fill({ color: colour }), stroke: new Stroke({ color: '#ffffff', width: 1 }) }),
    stroke: new Stroke({ color: colour, width: 1.5 }),
    fill: new Fill({ color: `${colour}33` }),
  });
}

function showLegend(features) {
  const legend = byId('legende-apercu');
  const counts = new Map();
  for (const feature of features) {
    const key = feature.properties?.niveau;
    const entry = counts.get(key) ?? { label: LEVEL_WORDS.get(key) ?? key, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  const list = element('ul');
  for (const [level, entry] of counts) {
    const item = element('li', { 'data-level': level });
    item.append(element('span', { class: 'pastille', style: `background:${PREVIEW_COLOURS[level] ?? '#333333'}`, 'aria-hidden': 'true' }),
      document.createTextNode(`${entry.label} : ${NUMBER.format(entry.count)}`));
    list.appendChild(item);
  }
  legend.replaceChildren(element('h3', {}, 'Légende de l’aperçu'), list);
  legend.hidden = false;
}

async function preview(map) {
  const status = byId('apercu-etat');
  status.textContent = 'Aperçu en cours…';
  try {
    const collection = await api('/api/v1/fluxes/preview', { method: 'POST', body: body() });
    clearErrors();
    previewSource.clear();
    previewSource.addFeatures(readFeatures(collection));
    showLegend(collection.features ?? []);
    status.textContent = `Aperçu : ${NUMBER.format((collection.features ?? []).length)} données `
      + `${collection.sampled ? `(un échantillon, au plus ${NUMBER.format(collection.limit)})` : ''} telles que les fichiers les `
      + 'contiendraient, à leur niveau de diffusion.';
    if (previewSource.getFeatures().length > 0) {
      map.map.getView().fit(previewSource.getExtent(), { padding: [30, 30, 30, 30], maxZoom: 14 });
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      status.textContent = 'Aperçu impossible : la demande est à corriger.';
      showErrors(error);
    } else {
      status.textContent = `L’aperçu n’est pas disponible pour le moment (${error.status === 404
        ? 'service d’aperçu absent de cette plateforme' : error.message}). L’estimation reste possible.`;
    }
  }
}

// ---- submission

async function submit(event) {
  event.preventDefault();
  const result = byId('resultat');
  result.textContent = 'Envoi…';
  try {
    const created = await api('/api/v1/fluxes', { method: 'POST', body: body() });
    clearErrors();
    result.replaceChildren(document.createTextNode(`Demande envoyée : ${FLUX_STATUS[created.status] ?? created.status}. `),
      Object.assign(element('a', { href: `flux.html?id=${encodeURIComponent(created.id)}`, id: 'lien-flux' }, 'Voir le flux')),
      document.createTextNode(' ou '), element('a', { href: 'index.html' }, 'revenir à mes flux'), document.createTextNode('.'));
    result.dataset.fluxId = created.id;
    result.className = 'ok';
  } catch (error) {
    result.textContent = 'La demande n’a pas été envoyée.';
    result.className = 'erreur';
    showErrors(error);
  }
}

async function show() {
  const status = byId('etat');
  try {
    const me = await whoAmI();
    renderHeader(me);
    const layers = await api('/api/v1/tiles');
    const map = createMap('carte', { layers, label: 'Carte du territoire et de l’aperçu' });
    previewSource = new VectorSource();
    map.map.addLayer(new VectorLayer({ source: previewSource, style: previewStyle, zIndex: 20 }));
    territory = createTerritoryInput(byId('territoire'), { map });
    addStudy();
    const natures = element('datalist', { id: 'natures' });
    ['atlas', 'plan de gestion', 'étude d’impact', 'inventaire', 'suivi scientifique'].forEach((nature) =>
      natures.appendChild(element('option', { value: nature })));
    document.body.appendChild(natures);
    byId('ajouter-etude').addEventListener('click', () => addStudy());
    byId('taxon-chercher').addEventListener('click', searchTaxa);
    byId('taxon-recherche').addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        searchTaxa();
      }
    });
    byId('estimer').addEventListener('click', estimate);
    byId('apercu').addEventListener('click', () => preview(map));
    byId('demande').addEventListener('submit', submit);
    await Promise.all([loadFields(), loadGroups(), loadTerms(),
      createFiltersInput(byId('filtres-choix')).then((input) => { recordFilters = input; })]);
    byId('demande').hidden = false;
    map.map.updateSize();
    status.textContent = me.admin
      ? 'Vous êtes administrateur : les demandes se font au nom d’un partenaire par l’API (partnerId).'
      : '';
    // the page is usable: its load time is measured from the navigation's start to this mark
    performance.mark('demande-prete');
    document.body.dataset.pret = 'oui';
  } catch (error) {
    status.textContent = error.status === 403
      ? 'Impossible de demander un flux : votre compte n’est rattaché à aucun partenaire de la plateforme. '
        + `Demandez à l’équipe Naturaflux de le rattacher. (${error.message})`
      : `Impossible d’afficher la page : ${error.message}`;
    status.classList.add('erreur');
  }
}

show();
