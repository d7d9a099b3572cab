// "Mes flux": the caller's fluxes (the admin: every partner's), each with its status and last run.
import { api, whoAmI } from '../api.js';
import { renderHeader } from '../header.js';
import { FLUX_STATUS, RUN_STATUS, frenchDate } from '../labels.js';

const PAGE_SIZE = 50;

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.appendChild(td);
  return td;
}

function fluxName(flux) {
  const studies = Array.isArray(flux.studies) ? flux.studies.map((s) => s.name).filter(Boolean) : [];
  return studies.length > 0 ? `${flux.structure} — ${studies.join(', ')}` : String(flux.structure ?? flux.id);
}

async function lastRun(flux) {
  const runs = await api(`/api/v1/fluxes/${flux.id}/runs?size=1`);
  return runs.length > 0 ? runs[0] : null;
}

function describeRun(run) {
  if (!run) {
    return 'Aucune exécution';
  }
  const when = frenchDate(run.finishedAt ?? run.createdAt);
  return `${RUN_STATUS[run.status] ?? run.status} — ${when}`;
}

async function show() {
  const status = document.getElementById('etat');
  try {
    const me = await whoAmI();
    renderHeader(me);
    document.getElementById('titre').textContent = me.admin ? 'Tous les flux' : 'Mes flux';
    const fluxes = await api(`/api/v1/fluxes?size=${PAGE_SIZE}`);
    const runs = await Promise.all(fluxes.map(lastRun));
    const body = document.querySelector('#flux tbody');
    body.replaceChildren();
    fluxes.forEach((flux, i) => {
      const row = document.createElement('tr');
      row.dataset.fluxId = flux.id;
      const name = cell(row, '');
      const link = document.createElement('a');
      link.href = `flux.html?id=${encodeURIComponent(flux.id)}`;
      link.textContent = fluxName(flux);
      name.appendChild(link);
      cell(row, FLUX_STATUS[flux.status] ?? flux.status).className = `statut statut-${flux.status.toLowerCase()}`;
      cell(row, describeRun(runs[i]));
      body.appendChild(row);
    });
    document.getElementById('flux').hidden = fluxes.length === 0;
    status.textContent = fluxes.length === 0
      ? 'Aucun flux pour le moment.'
      : `${fluxes.length} flux.`;
  } catch (error) {
    status.textContent = error.status === 403
      ? `Impossible d’afficher les flux : votre compte n’est rattaché à aucun partenaire de la plateforme. `
        + `Demandez à l’équipe Naturaflux de le rattacher. (${error.message})`
      : `Impossible d’afficher les flux : ${error.message}`;
    status.classList.add('erreur');
  }
}

show();
