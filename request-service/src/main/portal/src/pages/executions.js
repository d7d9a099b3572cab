// "Exécutions" (the platform's staff): the runs of every flux, failures first, then the newest; each
// failed run's error in full (expandable), with the flux it belongs to.
import { api, whoAmI } from '../api.js';
import { renderHeader } from '../header.js';
import { RUN_STATUS, frenchDate } from '../labels.js';
import { contentShown, element, pageError } from '../staff.js';

const PAGE_SIZE = 50;
const ORIGIN = { SCHEDULED: 'Planifiée', MANUAL: 'À la demande', CHANGE: 'Après changement des données' };
const fluxNames = new Map();
let page = 0;

async function fluxName(id) {
  if (!fluxNames.has(id)) {
    fluxNames.set(id, api(`/api/v1/fluxes/${id}`)
      .then((flux) => String(flux.structure ?? id))
      .catch((error) => `${id} (illisible : ${error.message})`));
  }
  return fluxNames.get(id);
}

function cell(row, content) {
  const td = element('td');
  if (content instanceof Node) {
    td.appendChild(content);
  } else {
    td.textContent = content ?? '';
  }
  row.appendChild(td);
  return td;
}

function errorCell(run) {
  if (!run.error && !run.retentionError) {
    return '—';
  }
  const text = [run.error, run.retentionError ? `Effacement des fichiers : ${run.retentionError}` : null]
    .filter(Boolean).join('\n\n');
  const details = element('details', null, 'erreur-execution');
  const firstLine = text.split('\n')[0];
  const summary = element('summary', firstLine.length > 120 ? `${firstLine.slice(0, 120)}…` : firstLine);
  const full = element('pre', text, 'erreur-complete');
  const reference = run.errorReference ? element('p', `Référence communiquée au partenaire : ${run.errorReference}`
    + `${run.errorCategory ? ` (${run.errorCategory})` : ''}`) : null;
  details.append(summary, full);
  if (reference) {
    details.appendChild(reference);
  }
  return details;
}

async function show() {
  const status = document.getElementById('etat');
  const wanted = document.getElementById('statut').value;
  try {
    const me = await whoAmI();
    renderHeader(me);
    const filter = wanted ? `status=${wanted}&` : '';
    const runs = await api(`/api/v1/runs?${filter}size=${PAGE_SIZE}&page=${page}`);
    const names = await Promise.all(runs.map((run) => fluxName(run.fluxId)));
    const body = document.querySelector('#executions tbody');
    body.replaceChildren();
    runs.forEach((run, i) => {
      const row = element('tr');
      row.dataset.runId = run.id;
      row.dataset.status = run.status;
      cell(row, names[i]);
      cell(row, `${RUN_STATUS[run.status] ?? run.status}${run.attempt > 1 ? ` (tentative ${run.attempt})` : ''}`)
        .className = `statut statut-${run.status.toLowerCase()}`;
      cell(row, ORIGIN[run.origin] ?? run.origin);
      cell(row, frenchDate(run.createdAt));
      cell(row, frenchDate(run.finishedAt));
      cell(row, errorCell(run));
      body.appendChild(row);
    });
    document.getElementById('executions').hidden = runs.length === 0;
    document.getElementById('filtre').hidden = false;
    status.classList.remove('erreur');
    status.textContent = runs.length === 0 ? 'Aucune exécution.'
      : `${runs.length} exécution${runs.length > 1 ? 's' : ''} (page ${page + 1}), les échecs d’abord, puis les plus récentes.`;
    renderPages(runs.length);
  } catch (error) {
    pageError(status, error, 'la liste des exécutions');
  }
  contentShown();
}

function renderPages(count) {
  const pages = document.getElementById('pages');
  pages.replaceChildren();
  if (page > 0) {
    const previous = element('button', 'Page précédente');
    previous.type = 'button';
    previous.addEventListener('click', () => { page -= 1; show(); });
    pages.appendChild(previous);
  }
  if (count === PAGE_SIZE) {
    const next = element('button', 'Page suivante');
    next.type = 'button';
    next.addEventListener('click', () => { page += 1; show(); });
    pages.appendChild(next);
  }
  pages.hidden = pages.childElementCount === 0;
}

document.getElementById('filtre').addEventListener('submit', (event) => {
  event.preventDefault();
  page = 0;
  show();
});
show();
