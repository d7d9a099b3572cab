// A flux's page (flux.html?id=<uuid>): its definition in French, its status and history, the estimate by
// level, its runs (a running one followed live by polling the API), their counts by level, their files
// (size, SHA-256, download through the API's signed URLs) and the "latest" links for QGIS or an atlas.
import { api, whoAmI } from '../api.js';
import { renderHeader } from '../header.js';
import { FLUX_STATUS, RUN_STATUS, frenchDate } from '../labels.js';
import * as describe from '../describe.js';
import { filterNames, filtersText } from '../record-filters.js';

/** How often the runs are read again while one is queued or running, and for how long at most. */
const POLL_MS = 2000;
const POLL_LIMIT_MS = 60 * 60 * 1000;
const RUNS_SHOWN = 10;
const LEVEL_ORDER = ['PRECISE', 'COMMUNE', 'GRID', 'DEPARTEMENT', 'WITHHELD'];
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  return node;
}

function fluxName(flux) {
  const studies = Array.isArray(flux.studies) ? flux.studies.map((s) => s.name).filter(Boolean) : [];
  return studies.length > 0 ? `${flux.structure} — ${studies.join(', ')}` : String(flux.structure ?? flux.id);
}

function term(list, label, value) {
  list.appendChild(element('dt', label));
  const dd = element('dd');
  if (value instanceof Node) {
    dd.appendChild(value);
  } else {
    dd.textContent = value;
  }
  list.appendChild(dd);
}

async function fieldLabels() {
  try {
    const fields = await api('/api/v1/fields');
    return new Map(fields.map((f) => [f.code, f.label]));
  } catch {
    return new Map();
  }
}

function fieldsList(flux, labels) {
  const wrapper = element('div');
  const changes = (Array.isArray(flux.fields) ? flux.fields : []).filter((f) => f.startsWith('+') || f.startsWith('-'));
  const base = (Array.isArray(flux.fields) ? flux.fields : []).includes('basic') ? 'Flux de base' : 'Champs choisis un à un';
  wrapper.appendChild(element('p', changes.length === 0 ? base : `${base}, avec ${changes.map((c) => (c.startsWith('+')
    ? `ajout de ${labels.get(c.slice(1)) ?? c.slice(1)}` : `retrait de ${labels.get(c.slice(1)) ?? c.slice(1)}`)).join(', ')}`));
  const list = element('ul', null, { class: 'champs' });
  for (const code of flux.resolvedFields ?? []) {
    const label = labels.get(code);
    list.appendChild(element('li', label ? `${label} (${code})` : code));
  }
  wrapper.appendChild(list);
  return wrapper;
}

function renderDefinition(flux, labels, names) {
  const list = document.getElementById('definition');
  list.replaceChildren();
  term(list, 'Structure', String(flux.structure ?? '—'));
  const c = flux.contact ?? {};
  term(list, 'Contact', [c.name, c.email, c.phone].filter(Boolean).join(' — ') || '—');
  term(list, 'Études', (flux.studies ?? []).map((s) => (s.nature ? `${s.name} (${s.nature})` : s.name)).join(' ; ') || '—');
  term(list, 'Territoire', describe.territory(flux.territory));
  term(list, 'Taxons', describe.taxa(flux.taxa));
  term(list, 'Filtres', filtersText(flux.filters, names));
  term(list, 'Champs', fieldsList(flux, labels));
  term(list, 'Formats', (flux.formats ?? []).map((f) => describe.FORMATS[f] ?? f).join(', ') || '—');
  term(list, 'Périodicité', describe.periodicity(flux.periodicity));
  const options = describe.options(flux.options);
  term(list, 'Options', options.length === 0 ? 'Aucune (réglages par défaut)' : options.map(([k, v]) => `${k} : ${v}`).join(' ; '));
  term(list, 'Courriels de suivi', flux.notifications ? 'oui' : 'non');
  term(list, 'Version de la définition', String(flux.definitionVersion));
}

function renderStatus(flux) {
  const status = document.getElementById('statut');
  status.replaceChildren(element('strong', FLUX_STATUS[flux.status] ?? flux.status,
    { class: `statut statut-${flux.status.toLowerCase()}` }));
  if (flux.statusReason) {
    status.appendChild(document.createTextNode(` — motif : ${flux.statusReason}`));
  }
  if (flux.status === 'ACTIVE' && flux.nextRunAt) {
    status.appendChild(document.createTextNode(`. Prochaine exécution prévue le ${frenchDate(flux.nextRunAt)}.`));
  }
}

const STEPS = {
  SUBMITTED: 'demande envoyée',
  APPROVED: 'demande validée',
  REJECTED: 'demande refusée',
  SUSPENDED: 'flux suspendu',
  RESUMED: 'flux repris',
  REVOKED: 'flux révoqué',
  CHANGED: 'demande modifiée',
};

/** The flux's history from the API, with the terms accepted with its request. */
async function showHistory(flux) {
  const history = document.getElementById('historique');
  let steps;
  try {
    steps = await api(`/api/v1/fluxes/${flux.id}/history`);
  } catch (error) {
    history.replaceChildren(element('li', `Historique indisponible : ${error.message}`, { class: 'erreur' }));
    return;
  }
  const items = [];
  for (const step of steps) {
    const who = step.person ? ` par ${step.person}` : step.byAdmin ? ' par l’équipe de la plateforme' : '';
    const reason = step.reason && step.kind !== 'REVOKED' ? ` — motif : ${step.reason}` : '';
    items.push(element('li', `${frenchDate(step.at)} : ${STEPS[step.kind] ?? step.kind}${who}${reason}.`,
      { 'data-kind': step.kind }));
    const terms = flux.termsAccepted;
    if (step.kind === 'SUBMITTED' && terms) {
      // accepted with the request
      const by = terms.person ? ` par ${terms.person}` : terms.byAdmin ? ' par l’équipe de la plateforme' : ' avec un jeton d’accès';
      items.push(element('li', `${frenchDate(terms.acceptedAt)} : conditions de rediffusion (version ${terms.version}) `
        + `acceptées${by}.`, { 'data-kind': 'TERMS' }));
    }
  }
  history.replaceChildren(...items);
}

function levelRows(body, counts, labels) {
  body.replaceChildren();
  for (const level of LEVEL_ORDER) {
    const n = counts.byLevel?.[level];
    if (n === undefined) {
      continue;
    }
    const row = element('tr', null, { 'data-level': level });
    const label = level === 'GRID' && labels?.GRID ? `${describe.LEVELS.GRID} (${labels.GRID})` : describe.LEVELS[level];
    row.appendChild(element('th', label, { scope: 'row' }));
    row.appendChild(element('td', describe.count(n)));
    body.appendChild(row);
  }
  for (const [cause, n] of Object.entries(counts.withheldByCause ?? {})) {
    const row = element('tr', null, { 'data-cause': cause, class: 'cause' });
    row.appendChild(element('th', `dont non diffusées : ${describe.WITHHELD_CAUSES[cause] ?? cause}`, { scope: 'row' }));
    row.appendChild(element('td', describe.count(n)));
    body.appendChild(row);
  }
}

async function showEstimate(id) {
  const status = document.getElementById('estimation-etat');
  try {
    const estimate = await api(`/api/v1/fluxes/${id}/estimate`);
    levelRows(document.querySelector('#estimation tbody'), estimate, estimate.labels);
    document.getElementById('estimation').hidden = false;
    status.textContent = `${describe.count(estimate.total)} observations aujourd’hui : ${describe.count(estimate.exported)} `
      + `diffusées (dont ${describe.count(estimate.degraded)} à une localisation dégradée), ${describe.count(estimate.withheld)} `
      + `non diffusées${estimate.exact ? '' : ' — comptage arrêté avant la fin (au moins ces nombres)'}. `
      + `Calculée le ${frenchDate(estimate.computedAt)}.`;
  } catch (error) {
    status.textContent = `Estimation indisponible : ${error.message}`;
  }
}

function progressOf(run) {
  const wrapper = element('p', null, { class: 'avancement' });
  const rows = run.progress?.rows;
  const total = run.progress?.total;
  const id = `avancement-${run.id}`;
  wrapper.appendChild(element('span', 'Avancement : ', { id }));
  const bar = element('progress', null, { 'aria-labelledby': id });
  if (rows !== null && rows !== undefined && total) {
    bar.max = total;
    bar.value = Math.min(rows, total);
  }
  wrapper.appendChild(bar);
  wrapper.appendChild(document.createTextNode(rows === null || rows === undefined ? ' en attente du premier compte'
    : ` ${describe.count(rows)} observations traitées${total ? ` sur ${describe.count(total)}` : ''}`));
  return wrapper;
}

function filesOf(run) {
  const table = element('table', null, { class: 'fichiers' });
  table.appendChild(element('caption', 'Fichiers de l’exécution'));
  const head = element('thead');
  const headRow = element('tr');
  for (const title of ['Fichier', 'Taille', 'Empreinte SHA-256', 'Téléchargement']) {
    headRow.appendChild(element('th', title, { scope: 'col' }));
  }
  head.appendChild(headRow);
  table.appendChild(head);
  const body = element('tbody');
  for (const file of run.artifacts) {
    const row = element('tr', null, { 'data-format': file.format });
    row.appendChild(element('th', describe.FORMATS[file.format] ?? file.format, { scope: 'row' }));
    row.appendChild(element('td', describe.size(file.bytes)));
    row.appendChild(element('td', file.sha256, { class: 'empreinte' }));
    const cell = element('td');
    if (run.status === 'SUCCEEDED') {
      const link = element('a', `Télécharger (${file.format})`,
        { href: `/api/v1/runs/${run.id}/artifacts/${encodeURIComponent(file.format)}`, class: 'telecharger' });
      cell.appendChild(link);
    } else {
      cell.textContent = 'plus disponible';
    }
    row.appendChild(cell);
    body.appendChild(row);
  }
  table.appendChild(body);
  return table;
}

function renderRun(run) {
  const article = element('article', null, { class: 'execution', 'data-run-id': run.id, 'data-status': run.status });
  const origin = run.origin === 'MANUAL' ? 'à la demande' : run.origin === 'SCHEDULED' ? 'planifiée' : 'après un changement';
  article.appendChild(element('h3', `Exécution du ${frenchDate(run.createdAt)} (${origin})`));
  const status = element('p', null, { class: 'statut-execution' });
  status.appendChild(element('strong', RUN_STATUS[run.status] ?? run.status));
  if (run.attempt > 1) {
    status.appendChild(document.createTextNode(` — tentative ${run.attempt}`));
  }
  if (run.finishedAt) {
    status.appendChild(document.createTextNode(` — terminée le ${frenchDate(run.finishedAt)}`));
  }
  if (run.status === 'SUCCEEDED' && run.eraseAfter) {
    status.appendChild(document.createTextNode(` — fichiers conservés jusqu’au ${frenchDate(run.eraseAfter)}`));
  }
  if (run.status === 'FILE_ERASED' && run.erasedAt) {
    status.appendChild(document.createTextNode(` — fichiers effacés le ${frenchDate(run.erasedAt)}`));
  }
  article.appendChild(status);
  if (run.status === 'QUEUED' || run.status === 'RUNNING') {
    article.appendChild(progressOf(run));
  }
  if (run.error) {
    article.appendChild(element('p', `Erreur : ${run.error}`, { class: 'erreur' }));
  }
  if (run.counts) {
    const c = run.counts;
    article.appendChild(element('p', `${describe.count(c.exported)} observations diffusées (dont ${describe.count(c.degraded)} `
      + `à une localisation dégradée), ${describe.count(c.withheld)} non diffusées.`, { class: 'resume-comptes' }));
    const table = element('table', null, { class: 'comptes' });
    table.appendChild(element('caption', 'Observations par niveau de diffusion'));
    const head = element('thead');
    const headRow = element('tr');
    headRow.appendChild(element('th', 'Niveau', { scope: 'col' }));
    headRow.appendChild(element('th', 'Observations', { scope: 'col' }));
    head.appendChild(headRow);
    table.appendChild(head);
    const body = element('tbody');
    levelRows(body, c, null);
    table.appendChild(body);
    article.appendChild(table);
  }
  if (run.artifacts && run.artifacts.length > 0) {
    article.appendChild(filesOf(run));
  }
  return article;
}

/** Shows the runs; answers whether one is still queued or running (the page then reads them again). */
async function showRuns(flux, shown) {
  const runs = await api(`/api/v1/fluxes/${flux.id}/runs?size=${RUNS_SHOWN}`);
  const container = document.getElementById('executions');
  const articles = runs.map((run) => {
    const key = JSON.stringify(run);
    const existing = container.querySelector(`article[data-run-id="${run.id}"]`);
    if (existing && shown.get(run.id) === key) {
      return existing;
    }
    shown.set(run.id, key);
    return renderRun(run);
  });
  container.replaceChildren(...articles);
  const live = runs.filter((run) => run.status === 'QUEUED' || run.status === 'RUNNING');
  document.getElementById('executions-etat').textContent = runs.length === 0
    ? (flux.status === 'ACTIVE' ? 'Aucune exécution pour le moment : la première est en préparation.' : 'Aucune exécution.')
    : live.length > 0 ? 'Une exécution est en cours : cette page la suit en direct.'
      : `${runs.length} dernière${runs.length > 1 ? 's' : ''} exécution${runs.length > 1 ? 's' : ''}.`;
  return live.length > 0 || (runs.length === 0 && flux.status === 'ACTIVE');
}

/** Reads the runs again every POLL_MS while one is queued or running (at most POLL_LIMIT_MS). */
async function followRuns(flux) {
  const shown = new Map();
  const started = Date.now();
  let again = await showRuns(flux, shown);
  document.querySelector('main').dataset.ready = 'true';
  performance.mark('naturaflux-ready');
  while (again && Date.now() - started < POLL_LIMIT_MS) {
    await new Promise((resolve) => { setTimeout(resolve, POLL_MS); });
    try {
      again = await showRuns(flux, shown);
    } catch (error) {
      document.getElementById('executions-etat').textContent = `Suivi interrompu : ${error.message}. Rechargez la page.`;
      return;
    }
  }
}

async function copy(text, status) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Lien copié.';
  } catch {
    status.textContent = 'Copie impossible ici : sélectionnez le lien et copiez-le (Ctrl+C).';
  }
}

function renderLatestLinks(flux) {
  const list = document.getElementById('liens');
  const status = document.getElementById('copie-etat');
  list.replaceChildren();
  for (const format of [...(flux.formats ?? []), 'manifest']) {
    const url = `${window.location.origin}/api/v1/fluxes/${flux.id}/exports/latest/${format}`;
    const id = `lien-${format}`;
    const item = element('li', null, { 'data-format': format });
    item.appendChild(element('label', `Dernier fichier ${describe.FORMATS[format] ?? format}`, { for: id }));
    const input = element('input', null, { id, type: 'text', readonly: '', value: url, class: 'lien-dernier' });
    item.appendChild(input);
    const button = element('button', 'Copier le lien', { type: 'button', 'aria-describedby': id });
    button.addEventListener('click', () => {
      input.select();
      copy(url, status);
    });
    item.appendChild(button);
    list.appendChild(item);
  }
}

async function show() {
  const status = document.getElementById('etat');
  try {
    const me = await whoAmI();
    renderHeader(me);
    const id = new URLSearchParams(window.location.search).get('id') ?? '';
    if (!UUID_PATTERN.test(id)) {
      status.textContent = 'Flux introuvable : l’adresse de la page ne nomme aucun flux.';
      status.classList.add('erreur');
      return;
    }
    // the filters' names: without them (a source unreachable), the codes and UUIDs are shown
    const [flux, labels, names] = await Promise.all([api(`/api/v1/fluxes/${id}`), fieldLabels(),
      filterNames().catch(() => undefined)]);
    document.getElementById('titre').textContent = `Flux : ${fluxName(flux)}`;
    document.title = `${fluxName(flux)} — Naturaflux`;
    renderStatus(flux);
    await showHistory(flux);
    renderDefinition(flux, labels, names);
    renderLatestLinks(flux);
    document.getElementById('contenu').hidden = false;
    status.textContent = '';
    showEstimate(flux.id);
    await followRuns(flux);
  } catch (error) {
    status.textContent = error.status === 404
      ? 'Flux introuvable : il n’existe pas, ou il n’appartient pas à votre structure.'
      : `Impossible d’afficher le flux : ${error.message}`;
    status.classList.add('erreur');
    performance.mark('naturaflux-ready');
  }
}

show();
